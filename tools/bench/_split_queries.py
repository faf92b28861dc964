"""Split an independently written query set once into a tuning half and a held-out half
(issue "Search measured on queries it was never tuned on").

    python -m tools.bench._split_queries NEW_QUERIES.yaml
    python -m tools.bench._split_queries --append NEW_QUERIES.yaml "rubrik"

The input is a list of {query, expect: [page ids], class, note}: page ids are content
file stems ("routine" is the routine's overview, "index" the start page). A query goes
to the held-out half when the first byte of the sha256 of its text (UTF-8, as written)
is odd, else to the tuning half: deterministic, and blind to what the query is.

Writes tests/search_queries_tuning_new.yaml (appended to tests/search_queries.yaml by
hand, `half: tuning`) and tests/search_queries_heldout.yaml (`half: held-out`), with the
page ids as site paths and the class mapped to a category of the evaluation. Prints
counts only: the held-out half is not to be read while the search is changed.

--append splits a later set, written under the same conditions, by the same rule and
appends each half to its file (under a comment with the given heading and the set's
sha256): a query already in either half is left out, compared by a script that prints
only the count, so that neither file is read by a person.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from tools.search_eval import load_queries

PROJECT = Path(__file__).resolve().parents[2]
CONTENT = PROJECT / "checklists" / "platform24"
TESTS = PROJECT / "tests"

# The helper's classes → the evaluation's categories (tools/search_eval.py CATEGORIES).
CATEGORY = {
    "verb-tense": "böjning",
    "typo": "stavfel",
    "no-diacritics": "stavfel",
    "synonym": "synonym",
    "abbreviation": "förkortning",
    "question": "fråga",
    "login": "fråga",
    "colloquial": "vardagsuttryck",
    "euphemism": "vardagsuttryck",
    "negation": "vardagsuttryck",
    "title": "titel",
    "glossary": "ordlista",
    "role": "roll",
    "word": "ord",
    "compound": "sammansättning",
}


def site_path(page_id: str) -> str:
    if page_id == "index":
        return ""
    if page_id == "routine":
        return "platform24/"
    if (CONTENT / "decisions" / f"{page_id}.yaml").is_file():
        return f"platform24/beslut/{page_id}/"
    if (CONTENT / f"{page_id}.yaml").is_file() or (CONTENT / "tasks" / f"{page_id}.yaml").is_file():
        return f"platform24/{page_id}/"
    raise ValueError(f"okänd sida: {page_id!r}")


def held_out(text: str) -> bool:
    return hashlib.sha256(text.encode("utf-8")).digest()[0] % 2 == 1


def entry(item: dict[str, Any], half: str) -> dict[str, Any]:
    out = {
        "query": str(item["query"]),
        "category": CATEGORY[str(item["class"])],
        "class": str(item["class"]),
        "half": half,
        "expect": [site_path(str(p)) for p in item["expect"]],
    }
    if item.get("note"):
        out["note"] = str(item["note"])
    return out


def main(path: str) -> None:
    items = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    # A query already among the project's own 83 (no `class`) is left out of both halves.
    existing = yaml.safe_load((TESTS / "search_queries.yaml").read_text(encoding="utf-8"))
    known = {str(q["query"]).casefold() for q in existing["queries"] if "class" not in q}
    halves: dict[str, list[dict[str, Any]]] = {"tuning": [], "held-out": []}
    dropped: Counter[str] = Counter()
    for item in items:
        half = "held-out" if held_out(str(item["query"])) else "tuning"
        if str(item["query"]).casefold() in known:
            dropped[half] += 1
            continue
        halves[half].append(entry(item, half))
    print("redan i tests/search_queries.yaml, utelämnade:", dict(dropped))
    for half, name in (("tuning", "search_queries_tuning_new.yaml"),
                       ("held-out", "search_queries_heldout.yaml")):
        text = yaml.safe_dump({"queries": halves[half]}, allow_unicode=True, sort_keys=False,
                              width=100)
        (TESTS / name).write_text(text, encoding="utf-8")
        print(half, len(halves[half]), dict(Counter(q["class"] for q in halves[half])))


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted one


def _tuning_text(q: dict[str, Any]) -> str:
    lines = [f"  - query: {_quoted(q['query'])}", f"    category: {q['category']}",
             f"    class: {q['class']}"]
    if q.get("note"):
        lines.append(f"    note: {_quoted(q['note'])}")
    lines.append(f"    expect: [{', '.join(map(_quoted, q['expect']))}]")
    return "\n".join(lines) + "\n"


def _comment(heading: str, digest: str, counts: str, indent: str) -> str:
    """The set's heading above its queries, indented as the file's list items."""
    return (f"\n{indent}# ---------------------------------------------------------------- "
            f"{heading}\n{indent}# sha256 {digest}; {counts}\n")


def append(path: str, heading: str) -> None:
    raw = Path(path).read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    items = yaml.safe_load(raw.decode("utf-8"))
    known = {q.text.casefold() for q in load_queries()}
    halves: dict[str, list[dict[str, Any]]] = {"tuning": [], "held-out": []}
    dropped: Counter[str] = Counter()
    for item in items:
        text = str(item["query"])
        half = "held-out" if held_out(text) else "tuning"
        if text.casefold() in known:
            dropped[half] += 1
            continue
        known.add(text.casefold())
        halves[half].append(entry(item, half))
    counts = (f"{len(items)} frågor, {sum(dropped.values())} fanns redan och togs bort, "
              f"{len(halves['tuning'])} i tuning och {len(halves['held-out'])} i held-out")
    with (TESTS / "search_queries.yaml").open("a", encoding="utf-8") as tuning:
        tuning.write(_comment(heading, digest, counts, "  "))  # under queries:
        tuning.writelines(_tuning_text(q) for q in halves["tuning"])
    held = TESTS / "search_queries_heldout.yaml"
    with held.open("a", encoding="utf-8") as out:
        out.write(_comment(heading, digest, counts, ""))  # safe_dump: items at column 0
        out.write(yaml.safe_dump(halves["held-out"], allow_unicode=True, sort_keys=False,
                                 width=100))
    print(counts)
    for half in halves:
        print(half, dict(Counter(q["class"] for q in halves[half])))


if __name__ == "__main__":
    if sys.argv[1] == "--append":
        append(sys.argv[2], sys.argv[3])
    else:
        main(sys.argv[1])
