"""The staff's search queries and the one runner that asks them (shared by
tests/test_search_eval.py and the search benchmark, tools/bench/search.py).

The set: tests/search_queries.yaml (the tuning half) and tests/search_queries_heldout.yaml
(the held-out half, never read while the search is changed), each query with its
category and the pages that answer it. The runner, `material_evaluation(page, base_url,
queries)`, types every query into the site's real search box (Material's, in Chromium)
and reads the first three result pages.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml

from tools import REPO

PROJECT = REPO.folder
QUERIES_FILE = PROJECT / "tests" / "search_queries.yaml"
HELD_OUT_FILE = PROJECT / "tests" / "search_queries_heldout.yaml"
CATEGORIES = ("ord", "böjning", "sammansättning", "synonym", "förkortning", "vardagsuttryck",
              "titel", "ordlista", "roll", "fråga", "stavfel")
HALVES = ("tuning", "held-out")
TARGET_HIT_RATE = 0.97
# The target is 97 % for the held-out half too. Measured, never tuned on (its
# queries and misses are never printed): 77/85 (90.6 %) at the end of the first work on
# issue 24, 79/85 (92.9 %) after the second (more morphology, compounds read by their
# parts, staff phrases in the search aids, all tuned on tests/search_queries.yaml only),
# still 79/85 after the third (Snowball's kept endings, the typed form first, a heading
# word counts as matched, owner pages by their title; tuning 813/828, 98.2 %), 80/85
# (94.1 %) after the fourth (phrase proximity from position pieces, one spelling per
# word typed with å/ä/ö, a word after a number read by its beginning; tuning 815/828).
# The fifth (general mechanisms only: a word read as the end of a word with a Swedish
# particle, an unknown word also by its last part, a run-in "Label:" as a heading, the
# stop verbs' other forms): tuning 818/828, no tuning query lost; held-out not measured
# while it was made.
# Then the held-out labels (`expect`) were audited by a reviewer who never ran the search
# nor saw which queries missed (the file's header): 33 entries gained a page that answers
# the query too (mostly the task pages, which hold the checklists), two lost one. Measured
# once on the same results: 80/85 on the labels as written, 82/85 (96.5 %) on the audited.
# A sixth round (2026-12-07: a word also finds the site's compounds that end in it,
# compound pieces search/c/<word>.js) left the tuning half at 818/828 and was reverted
# (+2.4 kB per first query); the held-out half, measured once on it, gave 81/85.
# A seventh round (2026-12-07, tuning half only) measured grids and kept nothing: Lunr's
# BM25 (b 0 instead of 0.75) changes no first three (rutin-results.js orders the pages
# by rutin-pieces.js rank(), whose scores, search_index.py, have no length
# normalisation); the field weights, SATURATION, MATCHED_SHARE, PROMINENT, the phrase
# constants and the units' summing each gave at most +1 alone, or won "in passing"
# queries (up to 6) only by losing more (6-14). Title 8 with MATCHED_SHARE 0.25 gave
# 820/828 (+2, none lost) by two near-ties: not kept as no general mechanism.
# A fourth set (2026-12-07, 170 queries by a new helper under the same conditions,
# written before it was decided whether it would pass) was split by the same hash rule
# (tools/bench/_split_queries.py --append): 47 already in a half left out, 60 to tuning,
# 63 to held-out. Decided before measuring, kept whatever it gave; measured once with
# the search unchanged: held-out 144/148 (97.3 %; the earlier 85 still 82/85, the new
# 63 62/63), tuning 876/888. The held-out half is now held to the target.
HELD_OUT_TARGET = TARGET_HIT_RATE
TOP = 3


# --------------------------------------------------------------------------- the set


@dataclass(frozen=True)
class Query:
    text: str
    category: str
    expect: tuple[str, ...]  # site paths, e.g. "platform24/bjuda-in-tolk/"; "" the start page
    note: str = ""
    half: str = "tuning"


def _load(path: Path, half: str) -> list[Query]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = []
    for item in data["queries"]:
        name = repr(item["query"]) if half == "tuning" else "en fråga"  # held-out: never shown
        category = str(item["category"])
        if category not in CATEGORIES:
            raise ValueError(f"{path.name}: okänd kategori {category!r} ({name})")
        expect = tuple(str(p) for p in item["expect"])
        if not expect:
            raise ValueError(f"{path.name}: {name} saknar sidor under expect")
        if str(item.get("half", half)) != half:
            raise ValueError(f"{path.name}: {name} hör till hälften {half!r}")
        out.append(Query(str(item["query"]), category, expect, str(item.get("note", "")), half))
    return out


def load_queries(path: Path = QUERIES_FILE, held_out: Path | None = HELD_OUT_FILE
                 ) -> list[Query]:
    """The tuning half (`path`) and, unless None, the held-out half."""
    queries = _load(path, "tuning")
    if held_out is not None and held_out.is_file():
        queries += _load(held_out, "held-out")
    return queries


@dataclass
class Evaluation:
    """The first result pages of every query (site paths, best first)."""

    engine: str
    queries: list[Query]
    results: dict[str, list[str]] = field(default_factory=dict)

    def hit(self, query: Query) -> bool:
        return any(p in query.expect for p in self.results.get(query.text, [])[:TOP])

    @property
    def hits(self) -> int:
        return sum(self.hit(q) for q in self.queries)

    @property
    def total(self) -> int:
        return len(self.queries)

    @property
    def rate(self) -> float:
        return self.hits / self.total if self.total else 0.0

    @property
    def misses(self) -> list[Query]:
        return [q for q in self.queries if not self.hit(q)]

    def by_category(self) -> dict[str, tuple[int, int]]:
        totals = Counter(q.category for q in self.queries)
        hits = Counter(q.category for q in self.queries if self.hit(q))
        return {c: (hits[c], totals[c]) for c in CATEGORIES if totals[c]}

    def summary(self) -> str:
        return f"{self.hits}/{self.total} ({self.rate:.1%})"

    def half(self, name: str) -> Evaluation:
        """The same results for one half of the set."""
        return Evaluation(self.engine, [q for q in self.queries if q.half == name],
                          self.results)

    def halves_summary(self) -> str:
        return "; ".join(f"{h} {self.half(h).summary()}" for h in HALVES
                         if self.half(h).total)

    def report(self) -> str:
        """Both halves' rates; categories and misses of the tuning half only. The held-out
        half is reported as a rate and nothing else: its queries, categories and misses
        are never printed, so that they cannot be tuned on."""
        tuning = self.half("tuning")
        lines = [f"{self.engine}: {self.summary()} sökfrågor med rätt sida bland de "
                 f"{TOP} första ({self.halves_summary()}; mål {TARGET_HIT_RATE:.0%} "
                 f"tuning, {HELD_OUT_TARGET:.0%} held-out)"]
        lines.append("  per kategori (tuning): " + ", ".join(
            f"{c} {h}/{t}" for c, (h, t) in tuning.by_category().items()))
        for category in CATEGORIES:
            missed = [q for q in tuning.misses if q.category == category]
            if not missed:
                continue
            lines.append(f"  missar, {category}:")
            for q in missed:
                got = ", ".join(self.results.get(q.text, [])[:TOP]) or "inga resultat"
                lines.append(f"    {q.text!r} -> {got}")
        return "\n".join(lines)


def shown(query: Query) -> str:
    """A query as messages may name it: held-out queries are never printed."""
    return repr(query.text) if query.half == "tuning" else "(en held-out-fråga)"


def site_path(href: str, base_url: str) -> str:
    """A result's page as a site path ("platform24/bjuda-in-tolk/"): no query string,
    no fragment, relative to the site's base URL."""
    path = unquote(urlsplit(href).path)
    base = urlsplit(base_url).path
    if path.startswith(base):
        path = path[len(base):]
    path = path.lstrip("/")
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    return path


# --------------------------------------------------------------------------- Material


SEARCH_OPENER = "label.md-search__icon, .md-search__input"
SEARCH_INPUT = "input.md-search__input"

# The result pages' hrefs once Material has shown the results of the query in the field:
# the count line says "Inga sökresultat" (`none`), or gives a count and the list holds
# the first results (at least `top`, or all of fewer); null until then (the prompt
# "Skriv sökord", or the search still starting).
_SHOWN_JS = """
  const meta = document.querySelector(".md-search-result__meta");
  const text = meta ? meta.textContent.trim() : "";
  const links = [...document.querySelectorAll(".md-search-result__item > a")];
  let shown = null;
  if (text === none) shown = [];
  else if (/\\d/.test(text) && links.length >=
           Math.min(parseInt(text.replace(/\\D/g, ""), 10), top))
    shown = links.map((a) => a.getAttribute("href"));
"""
_SHOWN = "([none, top]) => {" + _SHOWN_JS + "  return shown;\n}"

# What the box shows now, marked so that the next query's results can be told from it:
# Material writes the count line anew (a new text node) for every result it shows, and
# sends no query when the field's value has not changed. Returns the field's value.
_MARK = """() => {
  const meta = document.querySelector(".md-search-result__meta");
  window.__rutinShownBefore = meta ? meta.firstChild : null;
  return document.querySelector("input.md-search__input").value;
}"""
# _SHOWN, once the count line is not the one marked by _MARK.
_SHOWN_ANEW = ("([none, top]) => {" + _SHOWN_JS + """
  if (meta && meta.firstChild === window.__rutinShownBefore) shown = null;
  return shown;
}""")

# Material's own words for the result count line (its translations, in the page).
_TEXTS = """() => {
  const t = JSON.parse(document.getElementById("__config").textContent).translations;
  return [t["search.result.placeholder"], t["search.result.none"]];
}"""

# True once the field is empty and Material shows the prompt again, with no results.
_CLEARED = """(prompt) => {
  const meta = document.querySelector(".md-search-result__meta");
  return !!meta && meta.textContent.trim() === prompt &&
    !document.querySelector(".md-search-result__item");
}"""


@dataclass(frozen=True)
class Texts:
    """What Material's result count line says before a query, and with no results."""

    prompt: str
    none: str


def open_search(page: Any) -> Texts:
    """Open the search box; Material's texts for the result count line."""
    page.locator(SEARCH_OPENER).first.click()
    page.locator(SEARCH_INPUT).wait_for(state="visible")
    page.locator(SEARCH_INPUT).focus()  # the keys of every query go to the field
    prompt, none = page.evaluate(_TEXTS)
    return Texts(str(prompt), str(none))


def clear_search(page: Any, texts: Texts) -> None:
    """Empty the field (it has the focus: open_search gave it); wait until Material
    shows the prompt and no results. The keyboard, not a locator: no actionability
    checks (a few round trips each) between the keys of some 900 queries."""
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")  # a keyup with the empty query: Material clears
    page.wait_for_function(_CLEARED, arg=texts.prompt)


def material_search(page: Any, query: str, texts: Texts) -> list[str]:
    """Enter `query` in the open search box and return the result pages' hrefs, best
    first.

    The query replaces what the field holds (one page serves every query): the field's
    text is selected and the query entered whole, and one key is released. Material
    reads the field on keyup, so this is one search for the whole query, as after the
    last keystroke of typing it; typing it key by key would also search every prefix,
    and the settled results would be the same. The results are taken once Material has
    shown new ones (_MARK, _SHOWN_ANEW): emptying the field first and waiting for the
    prompt cost a third of each query's time."""
    if page.evaluate(_MARK) == query:  # the same query again: Material sends none
        hrefs: list[str] = page.wait_for_function(_SHOWN, arg=[texts.none, TOP]).json_value()
        return hrefs
    page.keyboard.press("Control+A")  # its keyup: the same value, Material sends nothing
    page.keyboard.insert_text(query)  # replaces the selection: the text, one input event
    page.keyboard.press("End")
    hrefs = page.wait_for_function(_SHOWN_ANEW, arg=[texts.none, TOP]).json_value()
    return hrefs


def material_evaluation(page: Any, base_url: str, queries: Sequence[Query]) -> Evaluation:
    """Every query in the real search box of the served site's start page."""
    page.goto(base_url, wait_until="networkidle")
    texts = open_search(page)
    result = Evaluation("Material (sökrutan)", list(queries))
    for q in queries:
        pages: list[str] = []
        for href in material_search(page, q.text, texts):
            path = site_path(href, base_url)
            if path not in pages:
                pages.append(path)
        result.results[q.text] = pages[:TOP]
    return result
