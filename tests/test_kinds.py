"""The registry of content kinds (model/kinds.py): a toy kind registered here, with a
schema, a record, a trace walker, a page and a scaffold of its own, works end to end on
a copy of a valid routine: validated (with positions on error), traced, planned as a
page in the navigation, scaffolded by `rutin new`, and exported under its schema."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from rutin.check import content as checked_content
from rutin.check.schemas import default_schemas
from rutin.check.trace import Traced
from rutin.check.validate import check, check_folder
from rutin.cli import main
from rutin.export import api_json, export_schema
from rutin.load.layout import SCHEMA_DIR, content_files, kind_of, routine_dir_of
from rutin.model import kinds
from rutin.model.shape import Id, Quotes, Record
from rutin.pages import page_parts, safe_html
from rutin.pages.page_parts import PageText
from rutin.site.site_plan import Settings, navigation, site_plan
from support.project import ROOT

FIXTURE = Path(__file__).parent / "fixtures" / "valid" / "minimal"
ROUTINE = "minimal"


@dataclass(frozen=True)
class Toy(Record):
    """The toy kind's record: its fields are its shape (shape.py builds it)."""

    id: Id
    title: str
    text: str
    quotes: Quotes = ()
    file: Path | None = None


def toy_items(file: Path, data: dict[str, Any]) -> Iterator[Traced]:
    yield Traced(file, ("text",), "note", "checklist", data["id"], data.get("title", ""),
                 f"leksak-{data['id']}", data.get("text", ""), tuple(data.get("quotes", ())))


def toy_page(_ctx: Any, toy: Toy) -> PageText:
    return page_parts.page(page_parts.front_matter(toy.title, (), toy.text, 1.0),
                           page_parts.page_title(toy.title), safe_html.paragraphs(toy.text))


def toy_url(routine_id: str, toy_id: str) -> str:
    return f"{routine_id}/leksaker/{toy_id}.md"


TOY_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Leksak",
    "description": "En leksak: en sorts innehåll som bara finns i testet.",
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "title", "text"],
    "properties": {
        "id": {"$ref": "common.schema.json#/$defs/id", "description": "Leksakens id."},
        "title": {"$ref": "common.schema.json#/$defs/short_text", "description": "Rubrik."},
        "text": {"$ref": "common.schema.json#/$defs/text", "description": "Leksakens text."},
        "quotes": {"$ref": "common.schema.json#/$defs/quotes"},
    },
}
TOY_FILE = 'id: leksak-1\ntitle: En leksak\ntext: "Leksaken gör ingenting."\n'


@pytest.fixture
def toy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The toy kind registered, and a copy of a valid routine with one toy in it;
    RUTIN_CONTENT_ROOT names the copy. Returns the content root."""
    schema = tmp_path / "schemas" / "toy.schema.json"
    schema.parent.mkdir()
    schema.write_text(json.dumps(TOY_SCHEMA, ensure_ascii=False), encoding="utf-8")
    template = tmp_path / "toy-template.yaml"
    template.write_text('id: "{id}"\ntitle: "{title}"\ntext: "Skriv leksakens text."\n',
                        encoding="utf-8")
    root = tmp_path / "content"
    shutil.copytree(FIXTURE, root / ROUTINE)
    (root / ROUTINE / "leksaker").mkdir()
    (root / ROUTINE / "leksaker" / "leksak-1.yaml").write_text(TOY_FILE, encoding="utf-8")
    monkeypatch.setenv(checked_content.CONTENT_ROOT_ENV, str(root))
    kinds.register(kinds.ContentKind(
        "toy", Toy, folder="leksaker", label="leksak", schema=schema, trace=toy_items,
        page=toy_page, url=toy_url, nav="end", scaffold=template,
        placeholder="Ny leksak"))
    default_schemas.cache_clear()
    try:
        yield root
    finally:
        kinds.unregister("toy")
        default_schemas.cache_clear()
        checked_content._cache.clear()


def test_the_toy_kind_is_found_where_it_lives(toy: Path) -> None:
    path = toy / ROUTINE / "leksaker" / "leksak-1.yaml"
    assert kind_of(path) == "toy"
    assert routine_dir_of(path) == toy / ROUTINE
    assert path in content_files(toy)


def test_a_valid_toy_becomes_a_record_of_the_routine(toy: Path) -> None:
    report = checked_content.checked(checked_content.content_root(ROOT))
    assert report.errors == []
    assert report.library is not None
    routine = report.library.routine(ROUTINE)
    found = kinds.get("toy").records(routine)
    assert [(t.id, t.text) for t in found] == [("leksak-1", "Leksaken gör ingenting.")]
    assert isinstance(found[0], Toy) and found[0].file is not None


def test_an_invalid_toy_is_reported_at_its_line_in_swedish(toy: Path) -> None:
    path = toy / ROUTINE / "leksaker" / "leksak-1.yaml"
    path.write_text("id: leksak-1\ntitle: En leksak\ntext: [en, lista]\n", encoding="utf-8")
    problems = [p for p in check(toy).errors if p.file == path]
    assert problems, "a toy that breaks its schema must be an error"
    assert {(p.line, p.column, p.field) for p in problems} == {(3, 7, "text")}
    assert all(p.rule == "schema" for p in problems)
    assert "text" in problems[0].format_text() and "ska" in problems[0].message


def test_a_toy_is_traced(toy: Path) -> None:
    folder = toy / ROUTINE
    _, content = check_folder(folder, content_files(folder), default_schemas(), toy)
    traced = [t for t in content.traced if t.file.name == "leksak-1.yaml"]
    assert [t.text for t in traced] == ["Leksaken gör ingenting."]


def test_a_toy_gets_a_page_and_a_place_in_the_navigation(toy: Path) -> None:
    library = check(toy).library
    assert library is not None
    plan = site_plan(library, Settings("https://rutiner.example.se/", content_root=toy))
    page = plan.page(f"{ROUTINE}/leksaker/leksak-1.md")
    assert page is not None
    assert page.markdown.body.lstrip().startswith("# En leksak")
    assert "Leksaken gör ingenting." in page.markdown
    assert page.meta.title == "En leksak"  # typed metadata the adapter translates
    nav = json.dumps(navigation(library, []), ensure_ascii=False)
    assert f"{ROUTINE}/leksaker/leksak-1.md" in nav


def test_a_toy_is_exported_under_the_generated_schema(toy: Path) -> None:
    library = check(toy).library
    assert library is not None
    data = api_json.export(library.routine(ROUTINE), "https://rutiner.example.se/", toy)
    exported = data["routine"]["toy"]
    assert [t["id"] for t in exported] == ["leksak-1"]
    assert exported[0]["url"] == "https://rutiner.example.se/minimal/leksaker/leksak-1/"
    assert exported[0]["file"] == "minimal/leksaker/leksak-1.yaml"
    schema = export_schema.generate()
    assert "toy" in schema["$defs"]
    assert schema["$defs"]["toy"]["properties"]["text"]["description"] == "Leksakens text."
    errors = list(Draft202012Validator(schema).iter_errors(json.loads(json.dumps(data))))
    assert errors == []


def test_a_toy_kind_not_exported_is_left_out(toy: Path) -> None:
    toy_kind = kinds.get("toy")
    kinds.unregister("toy")
    kinds.register(kinds.ContentKind(**{**toy_kind.__dict__, "exported": False}))
    library = check(toy).library
    assert library is not None
    data = api_json.export(library.routine(ROUTINE), "https://rutiner.example.se/", toy)
    assert "toy" not in data["routine"]
    assert "toy" not in export_schema.generate()["$defs"]["routine"]["properties"]


def test_rutin_new_scaffolds_a_valid_toy(toy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "toy", f"{ROUTINE}/leksak-2", "--root", str(toy)]) == 0
    created = toy / ROUTINE / "leksaker" / "leksak-2.yaml"
    assert created.is_file()
    assert "Ny leksak" in created.read_text(encoding="utf-8")
    assert f"Skapade {created}" in capsys.readouterr().out
    assert check(toy).errors == []


def test_the_registry_refuses_what_it_cannot_place() -> None:
    with pytest.raises(ValueError):
        kinds.register(kinds.get("checklist"))
    with pytest.raises(ValueError):
        kinds.register(kinds.ContentKind("lost", Toy))  # no folder of its own
    with pytest.raises(ValueError):
        kinds.unregister("checklist")
    assert kinds.kind_of(SCHEMA_DIR / "x" / "routine.yaml").name == "routine"
