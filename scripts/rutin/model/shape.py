"""The content's shape, declared once: the records' fields (records.py).

Each record is a frozen dataclass whose fields name the content's keys. `build` makes a
record from validated data by walking those fields, so no record repeats its keys in a
hand-written `from_dict`; the export schema is generated from the same fields
(export/export_schema.py). What the fields' types do not say, they say here:

    Id, Date, Url, Hash, Quotes, InterpretationIds, Condition
                     a str (or tuple, or map) that the export schema names with a
                     definition of its own (`Export`): an id in kebab-case, a date, …
    key(...)         the field is read from another key, e.g. ("attached_to", "steps")
    derived(read)    the field is computed from the whole mapping (a content hash)
    SHORTHAND        a ClassVar naming the field a plain string stands for (an action
                     written as text is {"text": ...})

Conversions: a tuple field takes a list (or one string: a condition's single answer),
a map field a mapping, a record field a mapping, an optional field may be absent or null.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Any, TypeVar, Union, cast, get_args, get_origin, get_type_hints

READ = "read"  # field metadata: a function of the whole mapping
KEY = "key"  # field metadata: the keys to read the value from
PROOF = "proof"  # field metadata: what validation proved (not content: outside the
#                 shape, the export and equality; check/validate.py attaches it)
DOC = "doc"  # field metadata: the export schema's description when no content schema has one


@dataclass(frozen=True)
class Export:
    """The export schema's definition for a value (a `$defs` name of export.schema.json)."""

    ref: str


Id = Annotated[str, Export("id")]
Date = Annotated[str, Export("date")]
Url = Annotated[str, Export("url")]
Hash = Annotated[str, Export("version")]
Quotes = Annotated[tuple[str, ...], Export("quotes")]
InterpretationIds = Annotated[tuple[str, ...], Export("interpretation_ids")]
# question id -> accepted option values; the content may write one value as a string
Condition = Annotated[dict[str, tuple[str, ...]], Export("condition")]


def key(*keys: str, default: Any = None, doc: str | None = None) -> Any:
    """A field read from `keys` (nested) instead of its own name."""
    meta: dict[str, Any] = {KEY: keys, **({DOC: doc} if doc else {})}
    return field(default=default, metadata=meta)


def derived(read: Callable[[Mapping[str, Any]], Any], default: Any = None,
            doc: str | None = None) -> Any:
    """A field computed from the whole mapping."""
    meta: dict[str, Any] = {READ: read, **({DOC: doc} if doc else {})}
    return field(default=default, metadata=meta)


def unwrap(hint: Any) -> tuple[Any, Export | None]:
    """The type inside Annotated[...] and its Export marker, if any."""
    if get_origin(hint) is Annotated:
        base, *extras = get_args(hint)
        marker = next((e for e in extras if isinstance(e, Export)), None)
        return base, marker
    return hint, None


def optional_of(hint: Any) -> Any | None:
    """T for `T | None`, else None."""
    if get_origin(hint) in (Union, types.UnionType):
        rest = [a for a in get_args(hint) if a is not type(None)]
        if len(rest) == 1 and len(get_args(hint)) == 2:
            return rest[0]
    return None


def hints(cls: type) -> dict[str, Any]:
    from rutin.model.provenance import Proof  # records name it only for type checking

    return get_type_hints(cls, localns={"Proof": Proof}, include_extras=True)


Converter = Callable[[Any], Any]


def _same(value: Any) -> Any:
    return value


def converter(hint: Any) -> Converter:
    """How a validated YAML value becomes the field's value."""
    hint, _ = unwrap(hint)
    inner = optional_of(hint)
    if inner is not None:
        convert = converter(inner)
        return lambda v: None if v is None else convert(v)
    if isinstance(hint, type) and is_dataclass(hint):
        record: type = hint
        return lambda v: build(record, v)
    origin, args = get_origin(hint), get_args(hint)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = converter(args[0])
        if item is _same:
            return lambda v: (v,) if isinstance(v, str) else tuple(v)
        return lambda v: (item(v),) if isinstance(v, str) else tuple(item(x) for x in v)
    if origin is tuple:
        items = [converter(a) for a in args]
        return lambda v: tuple(c(x) for c, x in zip(items, v, strict=True))
    if origin is dict:
        value = converter(args[1])
        return lambda v: {k: value(x) for k, x in (v or {}).items()}
    if hint is bool:
        return bool
    return _same


# (field name, its keys, a function of the whole mapping or None, the converter or None)
PlanEntry = tuple[str, tuple[str, ...], Callable[[Any], Any] | None, Converter | None]


@cache
def _plan(cls: type) -> tuple[str | None, tuple[PlanEntry, ...]]:
    found = hints(cls)
    entries = []
    for f in fields(cls):
        if not f.init or f.metadata.get(PROOF):
            continue
        convert: Converter | None = converter(found[f.name])
        entries.append((f.name, tuple(f.metadata.get(KEY, (f.name,))), f.metadata.get(READ),
                        None if convert is _same else convert))
    return getattr(cls, "SHORTHAND", None), tuple(entries)


R = TypeVar("R")


def build(cls: type[R], data: Any, **given: Any) -> R:
    """A record from validated data: each field from its key, converted by its type.
    `given` fields (the file a document was read from) are set as they are."""
    shorthand, entries = _plan(cast(type, cls))
    if shorthand and isinstance(data, str):
        data = {shorthand: data}
    kwargs: dict[str, Any] = dict(given)
    for name, keys, read, convert in entries:
        if name in kwargs:
            continue
        if read is not None:
            kwargs[name] = read(data)
            continue
        if len(keys) == 1:
            value = data.get(keys[0])
        else:
            value = data
            for k in keys:
                value = value.get(k) if isinstance(value, dict) else None
        if value is not None:
            kwargs[name] = value if convert is None else convert(value)
    return cls(**kwargs)


class Record:
    """A document's record (one file of a content kind): `from_dict` builds it."""

    @classmethod
    def from_dict(cls: type[R], data: Mapping[str, Any], file: Path | None = None) -> R:
        return build(cls, data, **({"file": file} if file is not None else {}))
