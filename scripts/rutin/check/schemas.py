"""The content schemas: loaded once, checked against the draft 2020-12 metaschema, and
turned into validators: jsonschema-rs (compiled, passes the official JSON-Schema-Test-Suite,
see tests/test_schema_suite.py) answers yes/no for every file; jsonschema runs only on the
files it rejects, to explain why in Swedish (schema_messages.py).

A broken schema is reported as a problem on the schema file, never as a traceback.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError, ValidationError
from jsonschema.validators import extend
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from rutin.check.rule_doc import RuleDoc
from rutin.load.layout import SCHEMA_DIR, Kind
from rutin.model import kinds
from rutin.problem import Problem

RULE_SCHEMA_FILE = "schema-file"

# The editor documentation of RULE_SCHEMA_FILE, in the editor guide (rulebook.py).
RULES: tuple[RuleDoc, ...] = (
    RuleDoc(RULE_SCHEMA_FILE, """
        Schemana i `schemas/` ska själva vara giltiga JSON Schema (version 2020-12), och
        varje sorts innehåll ska ha sitt schema. Felet gäller schemafilen, inte innehållet,
        och visas vilka filer som än kontrolleras: utan ett fungerande schema kan ingen
        fil kontrolleras. Det rättas av den som underhåller verktyget.

        Godkänt: `"type": "string"` i ett schema
        Fel: `"type": "text"` (ingen typ i JSON Schema), eller ett schema som saknas,
        till exempel `checklist.schema.json`
        """),
)


# Our schema files have no $id; jsonschema-rs needs absolute URIs, so each file is known
# by its name under this base (`.invalid` never resolves). A $ref to anything else is
# refused by _no_retrieval: validation never reads the network or the disk.
SCHEMA_BASE_URI = "https://rutin.invalid/schemas/"


def _no_retrieval(uri: str) -> Any:
    raise LookupError(f"{uri} finns inte bland schemana, och inget hämtas utifrån")


def core_registry(resources: Mapping[str, Any]) -> jsonschema_rs.Registry:
    """The schema documents by absolute URI, for `core_validator`."""
    return jsonschema_rs.Registry(list(resources.items()), draft=jsonschema_rs.Draft202012,
                                  retriever=_no_retrieval)


def core_validator(schema: Any, registry: jsonschema_rs.Registry | None,
                   base_uri: str) -> jsonschema_rs.Validator:
    """The yes/no validator rutin uses (draft 2020-12 unless the schema says otherwise).

    Raises jsonschema_rs.ValidationError (a ValueError) for a schema it cannot use (e.g. a
    $ref to something that does not exist, or a regex it cannot compile).
    """
    return jsonschema_rs.validator_for(schema, registry=registry, base_uri=base_uri,
                                       retriever=_no_retrieval)


@cache
def _pattern_test(pattern: str) -> Callable[[str], bool]:
    return core_validator({"pattern": pattern}, None, SCHEMA_BASE_URI).is_valid


def _pattern(validator: Any, pattern: str, instance: Any,
             schema: Any) -> Iterator[ValidationError]:
    """`pattern` with the regex semantics of jsonschema-rs (ECMA 262, as the standard
    says), not Python's `re.search`: "rad\\n" does not match "^[^\\n]+$". The explainer
    must reject exactly what the core rejects."""
    if validator.is_type(instance, "string") and not _pattern_test(pattern)(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


# jsonschema, for explaining the errors of a rejected file.
Explainer = extend(Draft202012Validator, {"pattern": _pattern})


@dataclass
class SchemaValidator:
    """Validates data of one content kind."""

    kind: Kind
    jsonschema: Draft202012Validator  # an Explainer
    fast: jsonschema_rs.Validator

    def is_valid(self, data: Any) -> bool:
        try:
            return bool(self.fast.is_valid(data))
        except ValueError:  # not JSON data (the loader never makes such): let jsonschema say
            return False

    def errors(self, data: Any) -> Iterator[ValidationError]:
        yield from self.jsonschema.iter_errors(data)

    def core_errors(self, data: Any) -> Iterator[jsonschema_rs.ValidationError]:
        """jsonschema-rs's own errors (English), for what jsonschema does not explain."""
        yield from self.fast.iter_errors(data)


@dataclass
class SchemaSet:
    validators: dict[Kind, SchemaValidator] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def _schema_problem(path: Path, message: str) -> Problem:
    return Problem(path, 0, 0, "", message, RULE_SCHEMA_FILE)


def _core_registry(documents: dict[str, dict[str, Any]], schema_dir: Path,
                   result: SchemaSet) -> jsonschema_rs.Registry:
    """The registry of every usable document; one jsonschema-rs refuses (e.g. an $id that
    is no URI) is reported and left out."""
    try:
        return core_registry({SCHEMA_BASE_URI + n: s for n, s in documents.items()})
    except (jsonschema_rs.ReferencingError, ValueError):
        pass
    for name, schema in list(documents.items()):
        try:
            core_registry({SCHEMA_BASE_URI + name: schema})
        except (jsonschema_rs.ReferencingError, ValueError) as exc:
            result.problems.append(_schema_problem(
                schema_dir / name, f"schemat går inte att använda: {exc}"))
            del documents[name]
    return core_registry({SCHEMA_BASE_URI + n: s for n, s in documents.items()})


def load_schemas(schema_dir: Path = SCHEMA_DIR) -> SchemaSet:
    """Read every `*.schema.json`, check each against the metaschema, build validators."""
    result = SchemaSet()
    documents: dict[str, dict[str, Any]] = {}
    # A kind registered with a schema of its own elsewhere (a test's toy kind) brings it.
    elsewhere = [k.schema_file for k in kinds.all_kinds() if k.schema is not None
                 and k.schema.parent != SCHEMA_DIR]
    for path in [*sorted(schema_dir.glob("*.schema.json")), *elsewhere]:
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
    core = _core_registry(documents, schema_dir, result)
    for content_kind in kinds.all_kinds():
        kind, name = content_kind.name, content_kind.schema_file.name
        if name not in documents:
            if not any(p.file.name == name for p in result.problems):
                result.problems.append(_schema_problem(schema_dir / name, "schemat saknas"))
            continue
        try:
            fast = core_validator(documents[name], core, SCHEMA_BASE_URI + name)
        except (jsonschema_rs.ReferencingError, ValueError) as exc:
            message = exc.message if isinstance(exc, jsonschema_rs.ValidationError) else exc
            result.problems.append(_schema_problem(
                schema_dir / name, f"schemat går inte att använda: {message}"))
            continue
        validator = Explainer(documents[name], registry=registry)
        result.validators[kind] = SchemaValidator(kind, validator, fast)
    return result


@cache
def default_schemas() -> SchemaSet:
    """The project's schemas, loaded once per process."""
    return load_schemas(SCHEMA_DIR)
