"""jsonschema errors → problems an editor can act on, in Swedish.

One problem per real error: `required` and `additionalProperties` are split per field,
and for `oneOf`/`anyOf` the most specific error of the best-matching alternative is
explained instead of "is not valid under any of the given schemas".
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from jsonschema.exceptions import ValidationError, best_match

from rutin.check.rule_doc import RuleDoc
from rutin.load.yaml_reader import RULE_COERCION, Coercion, Document, FieldPath
from rutin.rules import kebab_case_ids

RULE_SCHEMA = "schema"

# The editor documentation of RULE_SCHEMA, in the editor guide (rulebook.py). Bad ids
# found by the schema are reported as kebab-case-ids and unquoted values as
# yaml-coercion: those ids are documented where they are defined.
RULES: tuple[RuleDoc, ...] = (
    RuleDoc(RULE_SCHEMA, """
        Varje fil följer schemat för sin sort (rutin, checklista, beslutsstöd,
        frasbibliotek): de obligatoriska fälten finns, inga okända fält, rätt typ (text,
        lista, true/false), bara tillåtna värden och rätt form (till exempel datum
        ÅÅÅÅ-MM-DD). Ett felstavat fält skulle annars tyst bli utan verkan; liknar det ett
        känt fält föreslås det (”menade du …?”). Schemana finns i `schemas/` och beskrivs
        fält för fält i fältreferensen längre ner på sidan.

        Godkänt: `kind: read-do`
        Fel: `kind: read_do` (”ska vara ett av: read-do, do-confirm”), eller ett steg
        utan `text`
        """),
)

_TYPE_WORDS = {
    "string": "text",
    "object": "fält (nyckel: värde)",
    "array": "en lista",
    "boolean": "true eller false",
    "integer": "ett heltal",
    "number": "ett tal",
    "null": "tomt",
}

_PATTERN_MESSAGES = {
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$":
        "ska vara ett datum skrivet ÅÅÅÅ-MM-DD inom citattecken, t.ex. \"2026-06-12\"",
    "^https?://[^\\s]+$":
        "ska vara en webbadress som börjar med https:// eller http:// (utan mellanslag)",
    "^[^\\n]+$": "ska vara en enda rad, utan radbrytning",
}


def _describe(value: Any) -> str:
    if value is None:
        return "tomt"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, str):
        return "text"
    if isinstance(value, int | float):
        return "ett tal"
    if isinstance(value, list):
        return "en lista"
    if isinstance(value, dict):
        return "fält (nyckel: värde)"
    return type(value).__name__


def _quote(value: Any) -> str:
    if value is None:
        return "ett tomt värde"
    if isinstance(value, bool):  # as YAML writes it, not Python's True
        return f"\"{str(value).lower()}\""
    text = value if isinstance(value, str) else str(value)
    if len(text) > 40:
        text = text[:37] + "…"
    return f"\"{text}\""


def _expected_types(error: ValidationError) -> list[str]:
    value = error.validator_value
    return [value] if isinstance(value, str) else list(value)


def _type_message(error: ValidationError, coercion: Coercion | None) -> tuple[str, str]:
    expected = _expected_types(error)
    instance = error.instance
    if "boolean" in expected and coercion is not None:
        return (f"ska vara true eller false (skrevs {coercion.text or 'tomt'}; "
                "yes/no/on/off tolkas olika av olika program)", RULE_COERCION)
    if "string" in expected and coercion is not None and coercion.kind != "null":
        return (f"skrevs som {coercion.words} ({coercion.text}); sätt texten inom "
                f"citattecken: \"{coercion.text}\"", RULE_COERCION)
    if instance is None:
        wanted = " eller ".join(_TYPE_WORDS.get(t, t) for t in expected)
        return f"värdet saknas (fältet är tomt); skriv {wanted}", RULE_SCHEMA
    wanted = " eller ".join(_TYPE_WORDS.get(t, t) for t in expected)
    return f"ska vara {wanted}, men är {_describe(instance)}", RULE_SCHEMA


def _alternatives_required(schemas: list[Any]) -> list[str] | None:
    """Field names when every alternative is just `{"required": [one field]}`."""
    names = []
    for schema in schemas:
        if not (isinstance(schema, dict) and set(schema) == {"required"}
                and len(schema["required"]) == 1):
            return None
        names.append(schema["required"][0])
    return names


def _deepest(error: ValidationError) -> ValidationError:
    """Descend into oneOf/anyOf to the most relevant error of the best alternative."""
    while error.context:
        best = best_match(error.context)
        if best is None:  # pragma: no cover - context is non-empty
            break
        error = best
    return error


def _discriminated(error: ValidationError) -> tuple[list[ValidationError], str] | None:
    """For a oneOf/anyOf whose alternatives are told apart by a constant (`status:
    {const: "bekräftad"}`), the errors of the alternative the instance chose and the
    words saying when it applies ("när status är "bekräftad""); None otherwise."""
    instance = error.instance
    if not isinstance(instance, dict):
        return None
    chosen: list[tuple[int, str]] = []
    for index, alternative in enumerate(error.validator_value):
        if not isinstance(alternative, dict):
            return None
        consts = {name: sub["const"] for name, sub in alternative.get("properties", {}).items()
                  if isinstance(sub, dict) and "const" in sub}
        if consts and all(instance.get(name) == value for name, value in consts.items()):
            when = " och ".join(f"{name} är \"{value}\"" for name, value in consts.items())
            chosen.append((index, f"när {when}"))
    if len(chosen) != 1:
        return None
    index, when = chosen[0]
    errors = [e for e in error.context or () if e.relative_schema_path
              and e.relative_schema_path[0] == index]
    return (errors, when) if errors else None


class Translator:
    """Turns the jsonschema errors of one document into problems."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.explained: set[FieldPath] = set()  # paths whose coercion was reported

    def problems(self, errors: list[ValidationError]) -> Iterator[tuple[FieldPath, str, str, bool]]:
        """(field path, message, rule id, position at the key) per real error."""
        for error in errors:
            yield from self._one(error)

    def _one(self, error: ValidationError,
             when: str = "") -> Iterator[tuple[FieldPath, str, str, bool]]:
        path: FieldPath = tuple(error.absolute_path)
        keyword = error.validator
        if keyword in ("oneOf", "anyOf"):
            chosen = _discriminated(error)
            if chosen is not None:
                for sub in chosen[0]:
                    yield from self._one(sub, chosen[1])
                return
            names = _alternatives_required(list(error.validator_value))
            if names is not None:
                listed = " eller ".join(f"\"{n}\"" for n in names)
                present = [n for n in names if isinstance(error.instance, dict)
                           and n in error.instance]
                if present and keyword == "oneOf":
                    yield path, f"ska ha antingen {listed}, inte flera av dem", RULE_SCHEMA, False
                else:
                    yield path, f"saknar fältet {listed}", RULE_SCHEMA, False
                return
            if error.context:
                yield from self._one(_deepest(error))
                return
            yield path, "passar inte något av de tillåtna formaten", RULE_SCHEMA, False
            return
        if keyword == "required":
            instance = error.instance if isinstance(error.instance, dict) else {}
            for name in error.validator_value:
                if name not in instance:
                    message = (f"saknar fältet \"{name}\", som krävs {when}" if when
                               else f"saknar det obligatoriska fältet \"{name}\"")
                    yield path, message, RULE_SCHEMA, False
            return
        if keyword == "not" and isinstance(error.validator_value, dict):
            names = _alternatives_required(list(error.validator_value.get("anyOf", ())))
            instance = error.instance if isinstance(error.instance, dict) else {}
            present = [n for n in names or () if n in instance]
            for name in present:
                yield ((*path, name), f"fältet \"{name}\" får inte finnas "
                       f"{when or 'här'}; ta bort det", RULE_SCHEMA, True)
            if present:
                return
        if keyword == "additionalProperties":
            known = list(error.schema.get("properties", {}))
            instance = error.instance if isinstance(error.instance, dict) else {}
            for name in instance:
                if name in known:
                    continue
                close = difflib.get_close_matches(str(name), known, n=1, cutoff=0.6)
                hint = f" (menade du \"{close[0]}\"?)" if close else (
                    f"; tillåtna fält: {', '.join(known)}" if known else "")
                yield (*path, name), f"okänt fält \"{name}\"{hint}", RULE_SCHEMA, True
            return
        if "propertyNames" in error.relative_schema_path:
            # jsonschema reports a bad key with the object's path and the key as instance.
            key = str(error.instance)
            message = kebab_case_ids.message_for(key) or self._message(error, path)[0]
            yield (*path, key), f"nyckeln \"{key}\": {message}", kebab_case_ids.RULE_ID, True
            return
        if keyword == "uniqueItems" and isinstance(error.instance, list):
            seen: set[str] = set()
            for index, item in enumerate(error.instance):
                if repr(item) in seen:
                    message = f"{_quote(item)} står redan tidigare i listan"
                    yield (*path, index), message, RULE_SCHEMA, False
                    return
                seen.add(repr(item))
        message, rule = self._message(error, path)
        yield path, message, rule, False

    def _message(self, error: ValidationError, path: FieldPath) -> tuple[str, str]:
        keyword = error.validator
        value = error.validator_value
        instance = error.instance
        if keyword == "type":
            coercion = self.doc.coercions.get(path)
            message, rule = _type_message(error, coercion)
            if rule == RULE_COERCION:
                self.explained.add(path)
            return message, rule
        if keyword == "enum":
            options = ", ".join(str(v) for v in value)
            if instance is None:  # `kind:` or `? kind` without a value
                return f"värdet saknas (fältet är tomt); skriv ett av: {options}", RULE_SCHEMA
            if isinstance(instance, list | dict):
                return f"ska vara ett av: {options}, inte {_describe(instance)}", RULE_SCHEMA
            close = difflib.get_close_matches(str(instance), [str(v) for v in value], n=1)
            hint = f" (menade du \"{close[0]}\"?)" if close else ""
            return f"ska vara ett av: {options}, inte {_quote(instance)}{hint}", RULE_SCHEMA
        if keyword == "pattern":
            id_message = kebab_case_ids.message_for(str(instance))
            if value == kebab_case_ids.PATTERN and id_message:
                return id_message, kebab_case_ids.RULE_ID
            fixed = _PATTERN_MESSAGES.get(str(value))
            if fixed:
                return fixed, RULE_SCHEMA
            return f"har fel form ({_quote(instance)} följer inte mönstret {value})", RULE_SCHEMA
        if keyword == "minLength":
            if value == 1:
                return "får inte vara tom", RULE_SCHEMA
            return f"är för kort (minst {value} tecken)", RULE_SCHEMA
        if keyword == "maxLength":
            return f"är för lång ({len(instance)} tecken, högst {value})", RULE_SCHEMA
        if keyword == "minItems":
            if value == 1:
                return "listan får inte vara tom", RULE_SCHEMA
            return f"listan ska ha minst {value} punkter (har {len(instance)})", RULE_SCHEMA
        if keyword == "maxItems":
            return f"listan får ha högst {value} punkter (har {len(instance)})", RULE_SCHEMA
        if keyword == "uniqueItems":
            seen: set[str] = set()
            for item in instance:
                key = repr(item)
                if key in seen:
                    return f"{_quote(item)} står flera gånger i listan", RULE_SCHEMA
                seen.add(key)
            return "listan har dubbletter", RULE_SCHEMA
        if keyword == "minProperties":
            return "får inte vara tomt; skriv minst ett villkor", RULE_SCHEMA
        if keyword in ("const", "false"):
            return "värdet är inte tillåtet här", RULE_SCHEMA
        return f"värdet följer inte schemat (regeln ”{keyword}” i schemat)", RULE_SCHEMA
