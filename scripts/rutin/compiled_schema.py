"""A fast yes/no check of data against a JSON Schema, for the subset our schemas use.

jsonschema explains errors well but walks every keyword through generic machinery, which
costs more than parsing the YAML. Almost every file is valid, so we first ask this
predicate, generated as Python source (like fastjsonschema does); jsonschema runs only on
the files it rejects, to explain why. A schema with a keyword not handled here raises
`Unsupported`, and the caller then uses jsonschema for every file (correct, only slower).
tests/test_schemas.py checks that the predicate agrees with jsonschema.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

Predicate = Callable[[Any], bool]

# Keywords that never affect validity.
_ANNOTATIONS = frozenset(
    {"$schema", "$id", "$defs", "$comment", "title", "description", "examples", "default"}
)

_TYPE_TESTS = {
    "string": "type(v) is str",
    "object": "type(v) is dict",
    "array": "type(v) is list",
    "boolean": "type(v) is bool",
    "null": "v is None",
    "integer": "(type(v) is int or (type(v) is float and v.is_integer()))",
    "number": "type(v) in (int, float)",
}


class Unsupported(Exception):
    """The schema uses a keyword this compiler does not handle."""


def _unique(items: list[Any]) -> bool:
    if all(type(item) is str for item in items):
        return len(set(items)) == len(items)
    seen: list[Any] = []
    for item in items:
        if any(item == other and type(item) is type(other) for other in seen):
            return False
        seen.append(item)
    return True


class Compiler:
    """Compiles schemas (resolving `$ref` within a set of documents) into predicates."""

    def __init__(self, documents: Mapping[str, dict[str, Any]]) -> None:
        self.documents = documents  # file name (e.g. "common.schema.json") -> schema
        self._names: dict[tuple[str, str], str] = {}
        self._lines: list[str] = []
        self._constants: dict[str, Any] = {"_unique": _unique}
        self._name_tables: list[str] = []  # constants holding function names, see below

    def compile_document(self, name: str) -> Predicate:
        entry = self._ref(name, "#")
        namespace = dict(self._constants)
        exec("\n".join(self._lines), namespace)
        for table in self._name_tables:  # function names → the functions just defined
            names = namespace[table]
            if isinstance(names, dict):
                namespace[table] = {k: namespace[f] for k, f in names.items()}
            else:
                namespace[table] = [namespace[f] for f in names]
        predicate: Predicate = namespace[entry]
        return predicate

    def _constant(self, value: Any, *, functions: bool = False) -> str:
        name = f"_c{len(self._constants)}"
        self._constants[name] = value
        if functions:
            self._name_tables.append(name)
        return name

    def _ref(self, base: str, ref: str) -> str:
        target, _, pointer = ref.partition("#")
        doc_name = target or base
        key = (doc_name, pointer)
        if key not in self._names:
            name = f"_f{len(self._names)}"
            self._names[key] = name  # registered first: recursive schemas terminate
            node: Any = self.documents[doc_name]
            for part in [p for p in pointer.split("/") if p]:
                node = node[part.replace("~1", "/").replace("~0", "~")]
            self._function(name, node, doc_name)
        return self._names[key]

    def _anonymous(self, schema: Any, base: str) -> str:
        name = f"_f{len(self._names)}"
        self._names[("", name)] = name
        self._function(name, schema, base)
        return name

    def _function(self, name: str, schema: Any, base: str) -> None:
        body = self._body(schema, base)
        self._lines += [f"def {name}(v):", *[f"    {line}" for line in body], "    return True"]

    def _body(self, schema: Any, base: str) -> list[str]:
        if schema is True:
            return []
        if schema is False:
            return ["return False"]
        if not isinstance(schema, dict):
            raise Unsupported(repr(schema))
        out: list[str] = []
        for keyword, value in schema.items():
            if keyword in _ANNOTATIONS or keyword == "additionalProperties":
                continue
            if keyword == "$ref":
                out.append(f"if not {self._ref(base, value)}(v): return False")
            elif keyword == "type":
                names = [value] if isinstance(value, str) else list(value)
                test = " or ".join(_TYPE_TESTS[n] for n in names)
                out.append(f"if not ({test}): return False")
            elif keyword in ("enum", "const"):
                allowed = self._constant(list(value) if keyword == "enum" else [value])
                out.append(f"if not any(v == a and type(v) is type(a) for a in {allowed}): "
                           "return False")
            elif keyword == "properties":
                subs = {k: self._anonymous(s, base) for k, s in value.items()}
                table = self._constant(subs, functions=True)
                out.append("if type(v) is dict:")
                out.append("    for k, x in v.items():")
                out.append(f"        s = {table}.get(k)")
                extra = schema.get("additionalProperties", True)
                if extra is False:
                    out.append("        if s is None: return False")
                    out.append("        if not s(x): return False")
                elif extra is True:
                    out.append("        if s is not None and not s(x): return False")
                else:
                    other = self._anonymous(extra, base)
                    out.append(f"        if not (s or {other})(x): return False")
            elif keyword == "required":
                names_set = self._constant(frozenset(value))
                out.append(f"if type(v) is dict and not {names_set}.issubset(v): return False")
            elif keyword == "items":
                sub = self._anonymous(value, base)
                out.append("if type(v) is list:")
                out.append("    for x in v:")
                out.append(f"        if not {sub}(x): return False")
            elif keyword in ("minItems", "maxItems", "minLength", "maxLength",
                             "minProperties", "maxProperties"):
                kind = ("list" if keyword.endswith("Items")
                        else "str" if keyword.endswith("Length") else "dict")
                op = "<" if keyword.startswith("min") else ">"
                out.append(f"if type(v) is {kind} and len(v) {op} {int(value)}: return False")
            elif keyword == "uniqueItems":
                if value:
                    out.append("if type(v) is list and not _unique(v): return False")
            elif keyword == "pattern":
                search = self._constant(re.compile(value).search)
                out.append(f"if type(v) is str and {search}(v) is None: return False")
            elif keyword == "propertyNames":
                sub = self._anonymous(value, base)
                out.append("if type(v) is dict:")
                out.append("    for x in v:")
                out.append(f"        if not {sub}(x): return False")
            elif keyword in ("oneOf", "anyOf", "allOf", "not"):
                subs_list = self._constant(
                    [self._anonymous(s, base) for s in (value if keyword != "not" else [value])],
                    functions=True,
                )
                hits = f"sum(1 for s in {subs_list} if s(v))"
                condition = {"oneOf": f"{hits} != 1", "anyOf": f"{hits} == 0",
                             "allOf": f"{hits} != len({subs_list})", "not": f"{hits} != 0"}
                out.append(f"if {condition[keyword]}: return False")
            else:
                raise Unsupported(keyword)
        if "additionalProperties" in schema and "properties" not in schema:
            extra = schema["additionalProperties"]
            if extra is False:
                out.append("if type(v) is dict and v: return False")
            elif extra is not True:
                sub = self._anonymous(extra, base)
                out.append("if type(v) is dict:")
                out.append("    for x in v.values():")
                out.append(f"        if not {sub}(x): return False")
        return out
