"""The content schemas: loaded once, checked against the draft 2020-12 metaschema, and
turned into validators (a compiled fast predicate plus jsonschema to explain errors).

A broken schema is reported as a problem on the schema file, never as a traceback.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError, ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from .compiled_schema import Compiler, Predicate, Unsupported
from .layout import KINDS, SCHEMA_DIR, Kind
from .problem import Problem

RULE_SCHEMA_FILE = "schema-file"


@dataclass
class SchemaValidator:
    """Validates data of one content kind."""

    kind: Kind
    jsonschema: Draft202012Validator
    fast: Predicate | None  # None: the compiler does not support the schema

    def is_valid(self, data: Any) -> bool:
        if self.fast is not None:
            return self.fast(data)
        return bool(self.jsonschema.is_valid(data))

    def errors(self, data: Any) -> Iterator[ValidationError]:
        yield from self.jsonschema.iter_errors(data)


@dataclass
class SchemaSet:
    validators: dict[Kind, SchemaValidator] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def _schema_problem(path: Path, message: str) -> Problem:
    return Problem(path, 0, 0, "", message, RULE_SCHEMA_FILE)


def load_schemas(schema_dir: Path = SCHEMA_DIR) -> SchemaSet:
    """Read every `*.schema.json`, check each against the metaschema, build validators."""
    result = SchemaSet()
    documents: dict[str, dict[str, Any]] = {}
    for path in sorted(schema_dir.glob("*.schema.json")):
        try:
            schema = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            result.problems.append(_schema_problem(path, f"schemat kan inte läsas: {exc}"))
            continue
        try:
            Draft202012Validator.check_schema(schema)
        except SchemaError as exc:
            where = "/".join(str(p) for p in exc.absolute_path) or "(roten)"
            result.problems.append(_schema_problem(
                path, f"schemat följer inte JSON Schema 2020-12 vid {where}: {exc.message}"))
            continue
        documents[path.name] = schema
    registry: Registry[Any] = Registry().with_resources(
        (name, Resource.from_contents(schema, default_specification=DRAFT202012))
        for name, schema in documents.items()
    )
    compiler = Compiler(documents)
    for kind in KINDS:
        name = f"{kind}.schema.json"
        if name not in documents:
            if not any(p.file.name == name for p in result.problems):
                result.problems.append(_schema_problem(schema_dir / name, "schemat saknas"))
            continue
        try:
            fast: Predicate | None = compiler.compile_document(name)
        except (Unsupported, KeyError, TypeError, ValueError):
            fast = None
        validator = Draft202012Validator(documents[name], registry=registry)
        result.validators[kind] = SchemaValidator(kind, validator, fast)
    return result


@cache
def default_schemas() -> SchemaSet:
    """The project's schemas, loaded once per process."""
    return load_schemas(SCHEMA_DIR)
