"""The content schemas themselves: valid, documented in Swedish, closed, with examples."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from rutin.check.schemas import (
    SCHEMA_BASE_URI,
    Explainer,
    core_validator,
    default_schemas,
    load_schemas,
)
from rutin.check.validate import schema_problems
from rutin.load.layout import KINDS, SCHEMA_DIR
from rutin.load.yaml_reader import load_bytes

SCHEMA_FILES = sorted(SCHEMA_DIR.glob("*.schema.json"))
CONTENT_SCHEMAS = [SCHEMA_DIR / f"{kind}.schema.json" for kind in KINDS]
SCHEMA_FILES_CHECKED = [p for p in SCHEMA_FILES if p in CONTENT_SCHEMAS
                        or p.name == "common.schema.json"]


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _objects(node: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every subschema, with a readable location."""
    if isinstance(node, dict):
        yield where, node
        for key, value in node.items():
            if key in ("examples", "default", "enum", "const"):
                continue
            yield from _objects(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _objects(value, f"{where}/{index}")


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: p.name)
def test_schema_is_valid_draft_2020_12(path: Path) -> None:
    schema = _load(path)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_project_schemas_load_without_problems() -> None:
    schemas = default_schemas()
    assert schemas.problems == []
    assert set(schemas.validators) == set(KINDS)


_ENGLISH = re.compile(r"\b(the|is|of|and|must|should|which|with)\b", re.IGNORECASE)


def _description(prop: dict[str, Any], path: Path) -> str | None:
    """A property's own description, or the one of the definition it refers to."""
    if "description" in prop:
        return str(prop["description"])
    ref = prop.get("$ref")
    if not isinstance(ref, str):
        return None
    target, _, pointer = ref.partition("#")
    node: Any = _load(SCHEMA_DIR / target) if target else _load(path)
    for part in [p for p in pointer.split("/") if p]:
        node = node[part]
    return str(node["description"]) if "description" in node else None


@pytest.mark.parametrize("path", SCHEMA_FILES_CHECKED, ids=lambda p: p.name)
def test_every_property_has_a_swedish_description(path: Path) -> None:
    problems = []
    for where, node in _objects(_load(path)):
        for name, prop in (node.get("properties") or {}).items():
            text = _description(prop, path) if isinstance(prop, dict) else None
            if not text:
                problems.append(f"{where}/properties/{name}: ingen description")
            elif _ENGLISH.search(text):
                problems.append(f"{where}/properties/{name}: engelska? {text!r}")
    assert problems == []


@pytest.mark.parametrize("path", SCHEMA_FILES_CHECKED, ids=lambda p: p.name)
def test_every_object_is_closed(path: Path) -> None:
    open_objects = [
        where for where, node in _objects(_load(path))
        if node.get("type") == "object" and "additionalProperties" not in node
    ]
    assert open_objects == []


def _examples(path: Path) -> Iterator[tuple[str, dict[str, Any], Any]]:
    for where, node in _objects(_load(path)):
        for index, example in enumerate(node.get("examples") or ()):
            yield f"{path.name}{where}/examples/{index}", node, example


EXAMPLES = [e for path in SCHEMA_FILES_CHECKED for e in _examples(path)]


def test_every_content_schema_has_examples() -> None:
    for path in CONTENT_SCHEMAS:
        assert _load(path).get("examples"), path.name


@pytest.mark.parametrize(("where", "node", "example"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_examples_validate(where: str, node: dict[str, Any], example: Any) -> None:
    name = where.split("/")[0]
    validator = default_schemas().validators
    registry = next(iter(validator.values())).jsonschema._registry
    schema = {**node, "$schema": "https://json-schema.org/draft/2020-12/schema"}
    if name == "common.schema.json":
        schema = {"$ref": f"common.schema.json#{where[len(name):].rsplit('/examples', 1)[0]}"}
    elif where[len(name):].startswith("/$defs/"):
        schema = {"$ref": f"{name}#{where[len(name):].rsplit('/examples', 1)[0]}"}
    errors = list(Draft202012Validator(schema, registry=registry).iter_errors(example))
    assert errors == [], [e.message for e in errors]


def test_broken_schema_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    for path in SCHEMA_FILES:
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "checklist.schema.json").write_text('{"type": 5}', encoding="utf-8")
    (tmp_path / "phrases.schema.json").write_text("{inte json", encoding="utf-8")
    schemas = load_schemas(tmp_path)
    names = sorted(p.file.name for p in schemas.problems)
    assert names == ["checklist.schema.json", "phrases.schema.json"]
    assert all(p.rule == "schema-file" for p in schemas.problems)
    assert set(schemas.validators) == {"routine", "decision", "task", "scenario"}


def test_broken_ref_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    for path in SCHEMA_FILES:
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    routine = _load(SCHEMA_DIR / "routine.schema.json")
    routine["properties"]["id"] = {"$ref": "common.schema.json#/$defs/finns-inte"}
    (tmp_path / "routine.schema.json").write_text(json.dumps(routine), encoding="utf-8")
    schemas = load_schemas(tmp_path)
    assert [(p.file.name, p.rule) for p in schemas.problems] == [
        ("routine.schema.json", "schema-file")]
    assert "finns-inte" in schemas.problems[0].message
    assert "routine" not in schemas.validators


# jsonschema-rs decides, jsonschema explains: they must agree, or a rejected file would
# get no explanation (validate.py then reports jsonschema-rs's own error, but in English).
_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=6)
    | st.sampled_from(["ja", "nej", "read-do", "FIRST", "2026-01-01", "https://a.se", "A B",
                       "rad\n", "2026-01-01\n", "a-b\n", "https://a.se\n"]),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.sampled_from(["id", "title", "text", "steps", "when", "kind",
                                       "value", "label", "options", "x"]), inner, max_size=4),
    max_leaves=12,
)


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=100, deadline=None)
@given(data=_json)
def test_core_agrees_with_explainer(kind: str, data: Any) -> None:
    validator = default_schemas().validators[kind]  # type: ignore[index]
    assert validator.is_valid(data) == validator.jsonschema.is_valid(data)


def test_core_agrees_on_examples() -> None:
    for kind in KINDS:
        validator = default_schemas().validators[kind]
        for example in _load(SCHEMA_DIR / f"{kind}.schema.json")["examples"]:
            assert validator.is_valid(example) == validator.jsonschema.is_valid(example) is True
            broken = {**example, "okänt": 1}
            assert validator.is_valid(broken) == validator.jsonschema.is_valid(broken) is False


@pytest.mark.parametrize(("pattern", "text", "matches"), [
    ("^[^\\n]+$", "en rad", True),
    ("^[^\\n]+$", "en rad\n", False),  # Python's re.search would say True
    ("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "2026-01-01\n", False),
    ("^[a-z0-9]+(-[a-z0-9]+)*$", "a-b", True),
])
def test_explainer_uses_the_standards_regex(pattern: str, text: str, matches: bool) -> None:
    """`pattern` is an ECMA 262 regex: `$` is the end of the text, not before a last
    newline. Core and explainer agree on it."""
    schema = {"pattern": pattern}
    assert core_validator(schema, None, SCHEMA_BASE_URI).is_valid(text) is matches
    assert Explainer(schema).is_valid(text) is matches


def test_rejected_file_always_has_a_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    """Should jsonschema ever explain nothing where jsonschema-rs rejects, the file still
    gets a problem (jsonschema-rs's own message and place), never a silent pass."""
    doc = load_bytes(Path("r/boka-besok.yaml"), b"id: boka-besok\nokant: x\n")
    schemas = load_schemas()
    validator = schemas.validators["checklist"]
    monkeypatch.setattr(validator, "errors", lambda data: iter(()))
    problems = schema_problems(doc, schemas)
    assert problems and all(p.rule == "schema" for p in problems)
    assert {p.message for p in problems} >= {
        "följer inte schemat (\"title\" is a required property)",
        "följer inte schemat (Additional properties are not allowed ('okant' was unexpected))"}


# Every schema message in Swedish: none of jsonschema's English may reach an editor.
_ENGLISH = re.compile(r"is not valid|should not|is not of type|is a required property|"
                      r"does not match|is too (short|long)|Additional properties|"
                      r"non-unique|is not one of|was expected")
_interpretation = st.fixed_dictionaries(
    {"id": st.just("tolkning-x"), "quotes": st.just(["Ett citat."]),
     "reading": st.just("Läsning."), "why": st.just("Skäl."),
     "status": st.sampled_from(["obekräftad", "bekräftad", "bekräftat", "", 1])},
    optional={"confirmed_by": st.sampled_from(["verksamhetschef", "", 3]),
              "confirmed_on": st.sampled_from(["2026-01-01", "2026-1-1", 20260101])})


def _messages(kind: str, data: Any) -> list[str]:
    folder = {"routine": "routine.yaml", "phrases": "phrases.yaml", "checklist": "x.yaml",
              "decision": "decisions/x.yaml", "task": "tasks/x.yaml",
              "scenario": "scenarios/x.yaml"}[kind]
    data = json.loads(json.dumps(data))  # no shared objects: YAML would write aliases
    raw = yaml.safe_dump(data, allow_unicode=True).encode("utf-8")
    doc = load_bytes(Path("checklists/r") / folder, raw)
    return [p.message for p in doc.problems + schema_problems(doc, default_schemas())]


@settings(max_examples=60, deadline=None)
@given(readings=st.lists(_interpretation, min_size=1, max_size=3))
def test_interpretation_messages_are_swedish_and_name_the_field(readings: list[Any]) -> None:
    example = _load(SCHEMA_DIR / "routine.schema.json")["examples"][0]
    messages = _messages("routine", {**example, "interpretations": readings})
    assert not [m for m in messages if _ENGLISH.search(m)], messages
    for reading in readings:
        if reading["status"] == "bekräftad" and "confirmed_on" not in reading:
            assert any('"confirmed_on"' in m for m in messages), messages


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=60, deadline=None)
@given(data=_json)
def test_schema_messages_are_swedish(kind: str, data: Any) -> None:
    if not isinstance(data, dict):
        data = {"x": data}
    assert not [m for m in _messages(kind, data) if _ENGLISH.search(m)]


@pytest.mark.parametrize(("value", "shown"), [
    (None, "värdet saknas (fältet är tomt); skriv ett av: read-do, do-confirm"),
    (["read-do"], "ska vara ett av: read-do, do-confirm, inte en lista"),
    (True, 'ska vara ett av: read-do, do-confirm, inte "true"'),
])
def test_a_choice_message_shows_what_the_editor_wrote(value: Any, shown: str) -> None:
    """`kind:` or `? kind` without a value said 'inte "None"'."""
    example = _load(SCHEMA_DIR / "checklist.schema.json")["examples"][0]
    messages = _messages("checklist", {**example, "kind": value})
    assert shown in messages, messages
    assert not [m for m in messages if "None" in m or "True" in m or "['" in m], messages


# --------------------------------------------------------------------------- export schema


def test_export_schema_is_generated_from_the_records() -> None:
    """schemas/export.schema.json is made from the records (model/records.py) and the
    content schemas' descriptions: a change to either must regenerate it."""
    from rutin.export import export_schema

    committed = export_schema.EXPORT_SCHEMA.read_text(encoding="utf-8")
    assert committed == export_schema.render(), (
        f"{export_schema.EXPORT_SCHEMA.name} stämmer inte med posterna i "
        f"scripts/rutin/model/records.py och innehållets scheman; skapa den på nytt med: "
        f"{export_schema.COMMAND}")


def test_export_schema_describes_every_record_field() -> None:
    """Every field of every record is a property of its definition in the export schema
    (the records are the one definition of the content's shape)."""
    from dataclasses import fields, is_dataclass

    from rutin.export import export_schema
    from rutin.model import kinds, records
    from rutin.model.shape import PROOF

    schema = export_schema.generate()
    defs = schema["$defs"]
    named = {k.record: k.name for k in kinds.all_kinds()}
    for record in vars(records).values():
        if not (isinstance(record, type) and is_dataclass(record)) or record is records.Library:
            continue
        name = named.get(record, re.sub(r"(?<!^)(?=[A-Z])", "_", record.__name__).lower())
        if name not in defs:  # a record the export never holds (Named)
            continue
        listed = set(defs[name]["properties"])
        content = {f.name for f in fields(record) if not f.metadata.get(PROOF)}
        assert content - {"more"} <= listed, name
