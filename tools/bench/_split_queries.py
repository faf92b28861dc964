"""Split an independently written query set once into a tuning half and a held-out half
(issue "Search measured on queries it was never tuned on").

    python -m tools.bench._split_queries NEW_QUERIES.yaml

The input is a list of {query, expect: [page ids], class, note}: page ids are content
file stems ("routine" is the routine's overview, "index" the start page). A query goes
to the held-out half when the first byte of the sha256 of its text (UTF-8, as written)
is odd, else to the tuning half: deterministic, and blind to what the query is.

Writes tests/search_queries_tuning_new.yaml (appended to tests/search_queries.yaml by
hand, `half: tuning`) and tests/search_queries_heldout.yaml (`half: held-out`), with the
page ids as site paths and the class mapped to a category of the evaluation. Prints
counts only: the held-out half is not to be read while the search is changed.
"""

from __future__ import annotations

import hashlib
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

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


if __name__ == "__main__":
    main(sys.argv[1])
