"""The editor guide's field reference, generated from the schemas so it cannot drift."""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rutin.load.layout import SCHEMA_DIR
from rutin.model import kinds

TYPE_NAMES = {
    "string": "text",
    "boolean": "true/false",
    "array": "lista",
    "object": "avsnitt",
    "integer": "heltal",
    "number": "tal",
}


@dataclass(frozen=True)
class Field:
    path: str  # e.g. "steps[].text"
    type: str
    required: bool
    description: str
    example: str | None


def _load(name: str) -> dict[str, Any]:
    return dict(json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8")))


Schema = dict[str, Any]


def _resolve(node: Schema, doc: Schema, common: Schema) -> tuple[Schema, Schema]:
    """Follow $ref (local to `doc`, or into common.schema.json); return the node and the
    document its own refs resolve against. The referring node's description wins."""
    ref = node.get("$ref")
    if not ref:
        return node, doc
    doc_name, _, pointer = ref.partition("#")
    target_doc = common if doc_name == "common.schema.json" else doc
    target: Any = target_doc
    for part in pointer.strip("/").split("/"):
        target = target[part]
    resolved, resolved_doc = _resolve(target, target_doc, common)
    merged = dict(resolved)
    merged.update({k: v for k, v in node.items() if k != "$ref"})
    return merged, resolved_doc


def _type_of(node: dict[str, Any]) -> str:
    if "enum" in node:
        return " | ".join(str(v) for v in node["enum"])
    if "oneOf" in node:
        return "text eller lista"
    return TYPE_NAMES.get(str(node.get("type", "")), "text" if "pattern" in node else "")


def fields(kind: str) -> Iterator[Field]:
    """Every property of a kind's schema, depth first, with its resolved description."""
    common = _load("common.schema.json")
    schema = _load(f"{kind}.schema.json")

    def walk(node: Schema, doc: Schema, prefix: str) -> Iterator[Field]:
        node, doc = _resolve(node, doc, common)
        required = set(node.get("required", ()))
        for name, raw in node.get("properties", {}).items():
            prop, prop_doc = _resolve(raw, doc, common)
            path = f"{prefix}{name}"
            # A generic definition's example only fits where the field uses it as is.
            inherited = None if "description" in raw else prop.get("examples")
            examples = raw.get("examples") or inherited
            yield Field(
                path=path,
                type=_type_of(prop),
                required=name in required,
                description=str(prop.get("description", "")),
                example=json.dumps(examples[0], ensure_ascii=False) if examples else None,
            )
            if prop.get("type") == "object" or "properties" in prop:
                yield from walk(prop, prop_doc, f"{path}.")
            items = prop.get("items")
            if isinstance(items, dict):
                yield from walk(items, prop_doc, f"{path}[].")
            values = prop.get("additionalProperties")  # a map: id -> object (scenario expect)
            if isinstance(values, dict) and "$ref" in values:
                yield from walk(values, prop_doc, f"{path}.*.")

    yield from walk(schema, schema, "")


def schema_title(kind: str) -> str:
    return str(_load(f"{kind}.schema.json").get("title", kind))


def render_markdown() -> str:
    """Markdown tables, one per content kind (escaped: descriptions are plain text)."""
    out: list[str] = []
    for kind in kinds.names():
        schema = _load(f"{kind}.schema.json")
        out.append(f"### {schema_title(kind)} (`{kind}`)\n")
        out.append(html.escape(str(schema.get("description", ""))) + "\n")
        out.append("| Fält | Typ | Krävs | Betydelse | Exempel |")
        out.append("|---|---|---|---|---|")
        for f in fields(kind):
            example = f"`{f.example}`" if f.example and "`" not in f.example else ""
            cells = [
                f"`{f.path}`",
                html.escape(f.type),
                "ja" if f.required else "",
                html.escape(f.description).replace("|", "\\|"),
                example.replace("|", "\\|"),
            ]
            out.append("| " + " | ".join(cells) + " |")
        out.append("")
    return "\n".join(out)


def schema_files() -> list[Path]:
    return sorted(SCHEMA_DIR.glob("*.schema.json"))
