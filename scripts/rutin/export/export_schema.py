"""The export's schema, generated: schemas/export.schema.json is written from the records
(model/records.py: the fields, their types and markers) and the descriptions of the
content schemas, never by hand. `rutin export-schema` writes it; tests/test_schemas.py
fails when the committed file differs from what this module makes.

Why this direction (schemas from records, not records from schemas): the records are
what the export is made of (api_json.py turns them into JSON field by field), so a
schema derived from them describes exactly what is written, and the content schemas
keep their editor-facing freedoms (a condition's single answer as a string, an action
as plain text) that the records normalise.
"""

from __future__ import annotations

import json
import re
from dataclasses import MISSING, fields, is_dataclass
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from rutin.export.api_json import FORMAT_VERSION
from rutin.model import kinds
from rutin.model.records import Routine, Stop
from rutin.model.shape import DOC, KEY, PROOF, hints, optional_of, unwrap

EXPORT_SCHEMA = kinds.SCHEMA_DIR / "export.schema.json"
COMMAND = ".venv/bin/rutin export-schema"

Schema = dict[str, Any]

TEXT: Schema = {"type": "string", "minLength": 1}
ID_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"

# The export's own vocabulary (the values the markers of model/shape.py name).
BASE_DEFS: dict[str, Schema] = {
    "id": {"type": "string", "pattern": ID_PATTERN,
           "description": "Id i kebab-case, unikt i rutinen."},
    "date": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
             "description": "Datum, ÅÅÅÅ-MM-DD."},
    "url": {"type": "string", "pattern": "^https?://", "description": "Absolut adress."},
    "file": {"type": "string", "pattern": "^[^/].*\\.yaml$",
             "description": "Källfilen, relativt innehållsmappen (checklists/)."},
    "version": {"type": "string", "pattern": "^[0-9a-f]{12}$",
                "description": "Innehållets hash: ändras när innehållet ändras."},
    "condition": {"type": "object", "propertyNames": {"$ref": "#/$defs/id"},
                  "additionalProperties": {"type": "array", "items": {"$ref": "#/$defs/id"},
                                           "minItems": 1},
                  "description": "Frågans id → godtagna svar."},
    "quotes": {"type": "array", "items": TEXT,
               "description": "Ordagranna stycken ur rutinens källtext som innehållet "
                              "vilar på."},
    "interpretation_ids": {"type": "array", "items": {"$ref": "#/$defs/id"},
                           "description": "Id för tolkningar (routine.interpretations) "
                                          "som innehållet bygger på."},
}

TOP_DESCRIPTION = (
    "Filen site/api/<rutin>.json: rutinens hela validerade innehåll, maskinläsbart för "
    "andra system. Nycklarna är engelska och stabila, texterna svenska (enkel Markdown i "
    "raden: **fet**, *kursiv*, [text](https://…)). Fält som saknas i innehållet utelämnas. "
    "Nya fält kan tillkomma: läsare ska bortse från fält de inte känner till. Schemat "
    "skapas ur verktygets poster (scripts/rutin/model/records.py) med beskrivningarna ur "
    "innehållets scheman; skriv det inte för hand.")
FORMAT_DESCRIPTION = (
    "Formatets version; ökas vid ändringar som inte är bakåtkompatibla. 2: åtgärder är "
    "objekt {text, quotes, interpretations}; citat och tolkningar på allt som personalen "
    "handlar efter.")
URL_DESCRIPTION = "Sidan på webbplatsen."
STOP_URL_DESCRIPTION = "Stoppet på uppgiftens sida (ankare)."


def _load(name: str, folder: Path) -> Schema:
    return dict(json.loads((folder / name).read_text(encoding="utf-8")))


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


class _Generator:
    def __init__(self) -> None:
        self.defs: dict[str, Schema] = {}
        self.documents: dict[str, Schema] = {}
        self.by_record = {k.record: k for k in kinds.all_kinds()}

    def document(self, path: Path) -> Schema:
        key = str(path)
        if key not in self.documents:
            self.documents[key] = _load(path.name, path.parent)
        return self.documents[key]

    def resolve(self, node: Schema | None, doc: Schema,
                folder: Path) -> tuple[Schema | None, Schema]:
        """Follow $ref (in `doc` or into another schema file of `folder`)."""
        while node is not None and "$ref" in node:
            name, _, pointer = str(node["$ref"]).partition("#")
            if name:  # a file beside the referring one, else one of the project's
                doc = self.document(folder / name if (folder / name).is_file()
                                    else kinds.SCHEMA_DIR / name)
            target: Any = doc
            for part in pointer.strip("/").split("/") if pointer.strip("/") else ():
                target = target[part]
            node = target
        return node, doc

    def object_branch(self, node: Schema | None, doc: Schema,
                      folder: Path) -> tuple[Schema | None, Schema]:
        """The branch of a oneOf/anyOf that describes an object (an action written as
        text or as {text, quotes}: the object)."""
        node, doc = self.resolve(node, doc, folder)
        for key in ("oneOf", "anyOf"):
            for branch in (node or {}).get(key, ()):
                found, found_doc = self.resolve(branch, doc, folder)
                if found is not None and "properties" in found:
                    return found, found_doc
        return node, doc

    def record(self, cls: type, node: Schema | None, doc: Schema, folder: Path) -> Schema:
        kind = self.by_record.get(cls)
        if kind is not None:  # a document of its own: described by its kind's schema
            path = kind.schema_file
            doc, folder = self.document(path), path.parent
            node, name = doc, kind.name
        else:
            anchor = getattr(cls, "CONTENT", None)  # one record for several content shapes
            if anchor is not None:
                node, doc = self.resolve({"$ref": anchor}, doc, kinds.SCHEMA_DIR)
                folder = kinds.SCHEMA_DIR
            node, doc = self.object_branch(node, doc, folder)
            name = _snake(cls.__name__)
        if name not in self.defs:
            self.defs[name] = {}  # taken (a record that contains itself)
            self.defs[name] = self.properties(cls, node, doc, folder)
        return {"$ref": f"#/$defs/{name}"}

    def properties(self, cls: type, node: Schema | None, doc: Schema,
                   folder: Path) -> Schema:
        content = (node or {}).get("properties", {})
        found = hints(cls)
        props: dict[str, Schema] = {}
        required: list[str] = []
        for f in fields(cls):
            if f.name == "more":  # kinds registered elsewhere: added by `generate`
                continue
            if f.metadata.get(PROOF):  # what validation proved: not exported
                continue
            hint = found[f.name]
            raw = content.get(f.metadata.get(KEY, (f.name,))[0])
            sub, sub_doc = self.resolve(raw, doc, folder)
            keys = f.metadata.get(KEY, ())
            for k in keys[1:]:  # a field read from a nested key (attached_to.steps)
                raw = (sub or {}).get("properties", {}).get(k)
                sub, sub_doc = self.resolve(raw, sub_doc, folder)
            inner = optional_of(hint)
            schema = self.value(inner if inner is not None else hint, sub, sub_doc, folder)
            if f.default is not MISSING or f.default_factory is not MISSING:
                schema.pop("minItems", None)  # absent in the content: exported empty
            description = f.metadata.get(DOC) or (raw or {}).get("description")
            if not description and "$ref" not in schema:  # a shared content definition's
                description = (sub or {}).get("description")
            if description:
                schema = {**schema, "description": description}
            props[f.name] = schema
            if inner is None:  # api_json.py leaves out only what is None
                required.append(f.name)
        out: Schema = {"type": "object", "additionalProperties": False,
                       "required": required, "properties": props}
        if node and node.get("description"):
            out["description"] = node["description"]
        return out

    def value(self, hint: Any, node: Schema | None, doc: Schema, folder: Path) -> Schema:
        base, marker = unwrap(hint)
        if marker is not None:
            return {"$ref": f"#/$defs/{marker.ref}"}
        inner = optional_of(base)
        if inner is not None:
            return self.value(inner, node, doc, folder)
        if isinstance(base, type) and is_dataclass(base):
            return self.record(base, node, doc, folder)
        origin, args = get_origin(base), get_args(base)
        if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
            items_node, items_doc = self.resolve((node or {}).get("items"), doc, folder)
            out: Schema = {"type": "array",
                           "items": self.value(args[0], items_node, items_doc, folder)}
            if (node or {}).get("minItems"):
                out["minItems"] = node["minItems"] if node else 1
            return out
        if origin is tuple:
            return {"type": "array", "minItems": len(args), "maxItems": len(args),
                    "prefixItems": [self.value(a, None, doc, folder) for a in args]}
        if origin is dict:
            values, values_doc = self.resolve((node or {}).get("additionalProperties"),
                                              doc, folder)
            out = {"type": "object",
                   "additionalProperties": self.value(args[1], values, values_doc, folder)}
            _, key_marker = unwrap(args[0])
            if key_marker is not None:
                out["propertyNames"] = {"$ref": f"#/$defs/{key_marker.ref}"}
            return out
        if origin is Literal:
            return {"enum": list(args)}
        if base is bool:
            return {"type": "boolean"}
        if base is str:
            return dict(TEXT)
        if base is Path:
            return {"$ref": "#/$defs/file"}
        return {}


def _add_urls(defs: dict[str, Schema]) -> None:
    """The addresses api_json.py adds: each exported kind with a page, a task's stops."""
    for kind in kinds.all_kinds():
        if kind.exported and kind.url is not None and kind.name in defs:
            target = defs[kind.name]
            target["properties"]["url"] = {"$ref": "#/$defs/url",
                                           "description": URL_DESCRIPTION}
            target["required"].append("url")
    stop = defs.get(_snake(Stop.__name__))
    if stop is not None:
        stop["properties"]["url"] = {"$ref": "#/$defs/url",
                                     "description": STOP_URL_DESCRIPTION}
        stop["required"].append("url")


def generate() -> Schema:
    """The export schema as data."""
    gen = _Generator()
    gen.defs.update(json.loads(json.dumps(BASE_DEFS)))
    gen.record(Routine, None, {}, kinds.SCHEMA_DIR)
    routine = gen.defs[kinds.ROUTINE]
    for kind in kinds.all_kinds():
        if kind.name == kinds.ROUTINE:
            continue
        key = kind.field or kind.name
        if not kind.exported:
            routine["properties"].pop(key, None)
            if key in routine["required"]:
                routine["required"].remove(key)
            continue
        if kind.field is None:  # a kind registered elsewhere: its records by its name
            ref = gen.record(kind.record, None, {}, kind.schema_file.parent)
            routine["properties"][key] = {"type": "array", "items": ref}
    _add_urls(gen.defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Export av en rutin",
        "description": TOP_DESCRIPTION,
        "type": "object",
        "additionalProperties": False,
        "required": ["format", "format_version", "routine"],
        "properties": {
            "format": {"const": "rutin-export", "description": "Filens format."},
            "format_version": {"const": FORMAT_VERSION, "description": FORMAT_DESCRIPTION},
            "routine": {"$ref": "#/$defs/routine"},
        },
        "$defs": gen.defs,
    }


def render() -> str:
    """The schema file's text, as committed."""
    return json.dumps(generate(), ensure_ascii=False, indent=2) + "\n"
