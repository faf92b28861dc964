"""The content schemas themselves: valid, documented in Swedish, closed, with examples."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from rutin.compiled_schema import Compiler
from rutin.layout import KINDS, SCHEMA_DIR
from rutin.schemas import default_schemas, load_schemas

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
    assert all(v.fast is not None for v in schemas.validators.values())


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
    assert set(schemas.validators) == {"routine", "decision"}


# The compiled predicate must agree with jsonschema, or errors would go unreported.
_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=6)
    | st.sampled_from(["ja", "nej", "read-do", "FIRST", "2026-01-01", "https://a.se", "A B"]),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.sampled_from(["id", "title", "text", "steps", "when", "kind",
                                       "value", "label", "options", "x"]), inner, max_size=4),
    max_leaves=12,
)


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=100, deadline=None)
@given(data=_json)
def test_compiled_predicate_agrees_with_jsonschema(kind: str, data: Any) -> None:
    validator = default_schemas().validators[kind]  # type: ignore[index]
    assert validator.fast is not None
    assert validator.fast(data) == validator.jsonschema.is_valid(data)


def test_compiled_predicate_agrees_on_examples() -> None:
    documents = {p.name: _load(p) for p in SCHEMA_FILES_CHECKED}
    compiler = Compiler(documents)
    for kind in KINDS:
        fast = compiler.compile_document(f"{kind}.schema.json")
        jsonschema = default_schemas().validators[kind].jsonschema
        for example in _load(SCHEMA_DIR / f"{kind}.schema.json")["examples"]:
            assert fast(example) == jsonschema.is_valid(example) is True
            broken = {**example, "okänt": 1}
            assert fast(broken) == jsonschema.is_valid(broken) is False
