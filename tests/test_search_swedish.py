"""The search's Swedish help in Chromium: each query is rewritten into the site's own
words before Material's search sees it
(adapters/mkdocs_material/overrides/assets/javascripts/workers/: rutin-query.js, run by
the search worker rutin-search.js), and a search that finds
nothing suggests near words and the tasks of the reader's role – online and from disk.
The whole staff query set is tests/test_search_eval.py."""

from __future__ import annotations

import base64
import json
import re
import zlib
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from rutin.adapters.mkdocs_material.search_index import (
    documents,
    documents_from,
    fold,
    unpack,
)
from rutin.check.content import content_root
from rutin.check.validate import check
from support.browser import settle_search
from support.project import ROOT
from tools.bench.search import MAX_QUERY_KB
from tools.search_eval import material_search, open_search

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SHARED_CONTEXT = True  # conftest: the tests take turns in one tab (support/tabs.py)

WORKERS = "assets/javascripts/workers"
# The site's scripts loaded into a test page, each once: window.rutinLoad(src) adds a
# script element (as rutin-pieces.js does on the page) for an address relative to the
# site, and is also the loader the tests hand rutinPieces for its pieces.
_LOADER = """(site) => {
  if (window.rutinLoad) return;
  const loaded = new Map();
  window.rutinLoad = (src) => {
    const url = new URL(src, site).href;
    if (!loaded.has(url)) {
      loaded.set(url, new Promise((done, fail) => {
        const s = document.createElement("script");
        s.src = url; s.onload = done; s.onerror = fail; document.head.append(s);
      }));
    }
    return loaded.get(url);
  };
}"""


def _run(page: Any, site_server: str, script: str, arg: Any) -> Any:
    """`script` evaluated in the page with window.rutinLoad ready (_LOADER)."""
    page.evaluate(_LOADER, site_server)
    return page.evaluate(script, arg)

FORM = 0.85  # rutin-query.js WEIGHT.form: another form of the word typed (the same stem)
# The query's word pieces, then analyse() – as the search worker does for each query,
# with Lunr's Swedish stemmer loaded as Material's worker loads it. Each query's
# analysis: {lunr: the query for Lunr, units: [[typed, [[part, {word: weight}]]]]}.
_ANALYSE = """async ([queries, site, material]) => {
  const load = window.rutinLoad;
  await load("assets/javascripts/workers/" + material);  // Lunr itself
  await load("assets/javascripts/lunr/min/lunr.stemmer.support.min.js");
  await load("assets/javascripts/lunr/min/lunr.sv.min.js");
  await load("assets/javascripts/workers/rutin-query.js");
  await load("assets/javascripts/workers/rutin-pieces.js");
  const manifest = await (await fetch(new URL("search/search_index.json", site))).json();
  const config = manifest.config;
  const pieces = self.rutinPieces(config.rutin_pieces, new URL(site), load, config.rutin_aids);
  const out = [];
  for (const q of queries) {
    const vocabulary = await pieces.words(q);
    const analysis = self.rutinQuery.analyse(vocabulary, q);
    const spelled = (folded) => vocabulary.words.get(folded).word;
    out.push({ lunr: analysis.lunr, units: analysis.units.map((u) => [u.text, u.parts.map(
      (p) => [p.word, Object.fromEntries([...p.matches].map(([w, x]) => [spelled(w), x]))])]) });
  }
  return out;
}"""


def _routine_aid(phrase: bool = False) -> tuple[str, str]:
    """A search aid word (or phrase of several words) and its one-word term."""
    library = check(content_root(ROOT)).library
    assert library is not None
    routine = library.routine("platform24")
    for aid in routine.search_aids:
        for word in aid.words:
            if " " not in aid.term and (" " in word) == phrase and "-" not in word:
                return word, aid.term
    raise AssertionError("no such search aid")


def _material_worker(site: Path) -> str:
    html = (site / "index.html").read_text(encoding="utf-8")
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)'
                                  r"</script>", html, re.S).group(1))  # type: ignore[union-attr]
    return str(parse_qs(urlsplit(config["search"]).query)["material"][0])


def _analyse(page: Any, site_server: str, built_site: Path, queries: list[str]
             ) -> dict[str, dict[str, Any]]:
    page.goto(site_server, wait_until="load")
    found = _run(page, site_server, _ANALYSE, [queries, site_server, _material_worker(built_site)])
    return dict(zip(queries, found, strict=True))


def _matches(analysis: dict[str, Any]) -> dict[str, float]:
    """Every site word a query matched, with its best weight."""
    out: dict[str, float] = {}
    for _typed, parts in analysis["units"]:
        for _part, matches in parts:
            for word, weight in matches.items():
                out[word] = max(out.get(word, 0.0), weight)
    return out


def test_queries_become_the_sites_words(page: Any, site_server: str, built_site: Path) -> None:
    word, term = _routine_aid()
    phrase, phrase_term = _routine_aid(phrase=True)
    cases = [
        "vad skriver jag i journalen",  # stop words out
        "vardnadshavare",               # without å
        "tolkarna",                     # a Swedish stem: tolk, tolken …
        "barnbesök",                    # a compound split
        "anhörigsamtl",                 # a typo
        "suicd",                        # a typo in a short word
        "+tolk -barn",                  # Lunr's syntax kept
        "vad gör jag",                  # only stop words: as typed
        word, f"{phrase} nu",           # a search aid, one word and a phrase
    ]
    got = _analyse(page, site_server, built_site, cases)
    assert not {"vad", "jag", "i"} & set(got["vad skriver jag i journalen"]["lunr"].split())
    assert [u[0] for u in got["vad skriver jag i journalen"]["units"]] == ["skriver", "journalen"]
    assert "vårdnadshavare" in got["vardnadshavare"]["lunr"].split()
    assert _matches(got["tolkarna"]).get("tolk", 0) >= FORM  # the same stem: a full match
    assert [p[0] for p in got["barnbesök"]["units"][0][1]] == ["barn", "besök"]
    assert "anhörigsamtal" in _matches(got["anhörigsamtl"])
    assert any(w.startswith("suicid") for w in _matches(got["suicd"]))
    assert got["+tolk -barn"]["lunr"] == "+tolk -barn"
    assert [u[0] for u in got["vad gör jag"]["units"]] == ["vad", "gör", "jag"]  # as typed
    assert [p[0] for p in got[word]["units"][0][1]] == [term.lower()]
    assert got[f"{phrase} nu"]["units"][0][0] == phrase.lower()  # the phrase whole
    assert [p[0] for p in got[f"{phrase} nu"]["units"][0][1]] == [phrase_term.lower()]


def test_morphology_first_prefixes_last(page: Any, site_server: str, built_site: Path) -> None:
    """Every word is stemmed, whether or not it also stands somewhere as typed; the word
    as typed weighs a little more than its other forms, a prefix less than either; a
    short word (four letters or fewer) that is a word of the site begins no longer
    words; typed with å, ä or ö, the letters count."""
    library = check(content_root(ROOT)).library
    assert library is not None
    got = _analyse(page, site_server, built_site, ["ansluter", "ans", "upp", "dök", "suicid"])
    ansluter = _matches(got["ansluter"])
    assert ansluter.get("ansluter") == 1 and ansluter.get("ansluta") == FORM
    ans = _matches(got["ans"])  # typing on: an unfinished word begins words
    assert ans.get("ansluta", 0) > 0 and max(ans.values()) < 1
    upp = _matches(got["upp"])
    assert upp and all(not w.startswith("upp") or len(w) <= 4 for w in upp), upp
    assert not any(w.startswith("dok") for w in _matches(got["dök"]))
    suicid = _matches(got["suicid"])  # five letters or more: a beginning too, weaker
    assert any(w.startswith("suicidrisk") and 0 < x < FORM for w, x in suicid.items()), suicid


def test_endings_snowball_leaves_on(page: Any, site_server: str, built_site: Path) -> None:
    """The definite "-et", the "-s" of a passive or genitive before it and a past tense in
    "-te" or "-t" after a consonant are forms of the word too (Snowball leaves them on):
    each such form of a word of the site finds the word, and the word finds the form."""
    site = _site_words(built_site)
    pairs = [(typed, word) for typed, word in (
        ("videobesöket", "videobesök"), ("videobesökets", "videobesök"),
        ("besöket", "besök"), ("sökte", "söka"), ("betalt", "betala"))
        if fold(word) in site]
    assert len(pairs) >= 3, pairs
    got = _analyse(page, site_server, built_site,
                   [typed for typed, _ in pairs] + [word for _, word in pairs] + ["först"])
    for typed, word in pairs:
        assert _matches(got[typed]).get(word, 0) >= FORM, (typed, got[typed])
        if fold(typed) in site:
            assert _matches(got[word]).get(typed, 0) >= FORM, (word, got[word])
    # A word in "-t" is often no participle: "först" is not "för".
    assert "för" not in _matches(got["först"]), got["först"]


def _site_words(built_site: Path) -> set[str]:
    """Every word of the built site's search index (folded, as the word pieces hold them)."""
    found: set[str] = set()
    for piece in (built_site / "search" / "w").glob("*.js"):
        text = piece.read_text(encoding="utf-8")
        body = text[text.index('",', text.index('",') + 2) + 2: text.rindex(");")]
        found.update(unpack(json.loads(body)))  # packed or not
    return found


def _aids() -> list[tuple[str, str]]:
    library = check(content_root(ROOT)).library
    assert library is not None
    return [(w.lower(), a.term.lower()) for a in library.routine("platform24").search_aids
            for w in a.words]


def _fold(word: str) -> str:
    return word.translate(str.maketrans("åäöé", "aaoe"))


def test_aids_by_stems_and_negations_compounds_by_their_parts(
    page: Any, site_server: str, built_site: Path
) -> None:
    """A search aid is found in another form than listed (a definite "-n", a negation
    said another way); an unknown compound is read by its last part, or by an aid word
    at its beginning; a verb in -era finds the words of its base."""
    site = _site_words(built_site)
    aids = _aids()
    one_word = [(w, t) for w, t in aids if re.fullmatch(r"[a-zåäö]+", w)]
    definite = next((w, t) for w, t in one_word
                    if w.endswith("a") and len(w) >= 4 and _fold(w + "n") not in site)
    negated = next((w, t) for w, t in aids if re.search(r"\binte\b", w) and len(w.split()) > 1)
    head = next((w, t) for w, t in one_word if len(w) >= 6 and " " not in t)
    library = check(content_root(ROOT)).library
    assert library is not None
    last = max((_fold(w) for t in library.routine("platform24").glossary
                for w in re.findall(r"[a-zåäö]{5,}", t.term.lower()) if _fold(w) in site), key=len)
    era = sorted(w for w in site if w.endswith("era") and len(w) >= 8
                 and any(o.startswith(w[:-3]) and o.endswith("ing") for o in site))
    queries = [definite[0] + "n", negated[0].replace("inte", "aldrig"), f"{head[0]}sqxzqk",
               f"qxzvkrs{last}", *(era[:1] and [era[0][:-1] + "r"])]
    listed = [definite[0], negated[0], head[0]]
    got = _analyse(page, site_server, built_site, queries + listed)

    def parts(query: str) -> list[str]:
        return [p[0] for unit in got[query]["units"] for p in unit[1]]

    for query, aid in zip(queries[:3], listed, strict=True):
        assert len(got[query]["units"]) == 1, got[query]  # the whole phrase, one unit
        assert parts(query) == parts(aid), (query, got[query], got[aid])
    assert any(_fold(w) == last for w in _matches(got[queries[3]])), got[queries[3]]  # last part
    if era:
        base = era[0][:-3]
        matched = _matches(got[queries[4]])
        assert any(_fold(w).startswith(base) and _fold(w).endswith("ing") and x < 1
                   for w, x in matched.items()), matched


def test_the_search_worker_runs_materials_own(built_site: Path) -> None:
    html = (built_site / "index.html").read_text(encoding="utf-8")
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)'
                                  r"</script>", html, re.S).group(1))  # type: ignore[union-attr]
    url = urlsplit(config["search"])
    assert url.path.endswith(f"{WORKERS}/rutin-search.js")
    material = parse_qs(url.query)["material"][0]
    # After a Material upgrade the worker's name changes: the overrides' main.html names it.
    assert (built_site / WORKERS / material).is_file(), material
    index = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    assert index["config"]["rutin_aids"] and index["config"]["rutin_tasks"]


def _search(page: Any, text: str) -> None:
    page.locator("label.md-search__icon, .md-search__input").first.click()
    field = page.locator("input.md-search__input")
    field.fill("")
    field.press_sequentially(text, delay=20)
    settle_search(page)


def _hrefs(page: Any) -> list[str]:
    return [str(h) for h in page.locator(".md-search-result__item > a").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))")]


def test_a_typo_without_swedish_letters_finds_the_page(page: Any, site_server: str) -> None:
    page.goto(site_server, wait_until="networkidle")
    _search(page, "vardnadshavre")
    assert "barn-under-13-med-ombud" in " ".join(_hrefs(page)[:3])


def test_nothing_found_suggests_near_words_and_the_roles_tasks(
    page: Any, site_server: str
) -> None:
    page.goto(site_server, wait_until="networkidle")
    page.get_by_role("button", name="Psykolog").click()  # the start page's role choice
    _search(page, "tolkqq")
    help_box = page.locator(".rutin-no-hit")
    expect(help_box).to_be_visible()
    words = help_box.locator("button.rutin-suggestion")
    expect(words.first).to_have_text(re.compile(r"^tolk"))
    tasks = help_box.locator(".rutin-no-hit-list a")
    expect(tasks.first).to_be_visible()
    titles = tasks.all_inner_texts()
    # A psykolog's tasks: their own and vårdpersonal's (routine.yaml `includes`), not
    # the cashier's.
    assert "Suicidriskbedömning och åtgärd" in titles
    assert "Registrera och ta betalt" not in titles
    expect(help_box).to_contain_text("Uppgifter för din roll:")
    words.first.click()  # a suggestion searches for it
    settle_search(page)
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    expect(help_box).to_be_hidden()


def test_offline_search_speaks_swedish_and_helps_when_nothing_is_found(
    page: Any, offline_site: Path
) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto((offline_site / "index.html").as_uri(), wait_until="load")
    _search(page, "vardnadshavare")
    assert "barn-under-13-med-ombud" in " ".join(_hrefs(page)[:3])
    _search(page, "tolkqq")
    help_box = page.locator(".rutin-no-hit")
    expect(help_box.locator("button.rutin-suggestion").first).to_have_text(re.compile(r"^tolk"))
    expect(help_box.locator(".rutin-no-hit-list a").first).to_be_visible()
    outside = [u for u in requests if not u.startswith(("file://", "data:", "blob:", "about:"))]
    assert not outside, "\n".join(outside)


def _sizes(page: Any) -> dict[str, int]:
    """Every response of the page (and its search worker): site path → bytes."""
    sizes: dict[str, int] = {}

    def seen(response: Any) -> None:
        try:
            sizes[urlsplit(response.url).path] = len(response.body())
        except Exception:  # a redirect or an aborted request has no body
            sizes.setdefault(urlsplit(response.url).path, 0)
    page.on("response", seen)
    return sizes


def test_a_page_view_fetches_no_index_and_a_query_only_its_pieces(
    page: Any, site_server: str, built_site: Path
) -> None:
    """A page view fetches the manifest only; a query, only the pieces it needs. The
    page and the query come from the built index (the longest word of a page's title,
    that page among the results), so no page or word of today's content is pinned."""
    pages = [d for d in documents(built_site) if "#" not in d["location"] and d["location"]]
    word, location = max(((w, d["location"]) for d in pages
                          for w in re.findall(r"[^\W\d_]+", d["title"])),
                         key=lambda found: len(found[0]))
    sizes = _sizes(page)
    # The search worker asks for the manifest once it has started, which on a busy
    # machine can be after the page's network has been idle for a while: wait for it.
    with page.expect_response(lambda r: urlsplit(r.url).path == "/search/search_index.json"):
        page.goto(site_server + location, wait_until="networkidle")
    page.wait_for_load_state("networkidle")
    index = {p: n for p, n in sizes.items() if "/search/" in p}
    # The page view: the manifest only (config, search aids, tasks), no documents.
    assert list(index) == ["/search/search_index.json"]
    manifest = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    assert manifest["docs"] == [] and index["/search/search_index.json"] < 16_000
    # One query (the whole word at once; typed key by key each prefix is a query too).
    page.locator("label.md-search__icon, .md-search__input").first.click()
    field = page.locator("input.md-search__input")
    field.fill(word)
    field.dispatch_event("keyup", {"key": word[-1]})
    settle_search(page)
    assert any(urlsplit(h).path.endswith("/" + location) for h in _hrefs(page)), (
        word, location, _hrefs(page))
    pieces = {p: n for p, n in sizes.items() if "/search/w/" in p or "/search/p/" in p}
    everything = sum(f.stat().st_size for f in (built_site / "search").rglob("*.js"))
    assert pieces and sum(pieces.values()) <= 100_000
    assert sum(pieces.values()) < everything / 2, (sum(pieces.values()), everything)


def _a_query_of_several_words(built_site: Path) -> str:
    """Three words of the longest page title in the index (no query pinned to today's
    content)."""
    titles = [[x for x in re.findall(r"[^\W\d_]+", d["title"]) if len(x) > 2]
              for d in documents(built_site) if "#" not in d["location"]]
    return " ".join(max(titles, key=len)[:3])


def test_a_first_query_of_several_words_fetches_at_most_100_kB(
    page: Any, site_server: str, built_site: Path
) -> None:
    """The issue's rule, for the heaviest case: the first query right after a page view,
    of several words (help scripts, word, position and page pieces all fetched for it),
    fetches ≤ MAX_QUERY_KB. Page pieces travel packed (search_index.py `pack`): each is
    smaller than its documents' JSON, and the worker hands Material the same documents
    (a result found and shown)."""
    query = _a_query_of_several_words(built_site)
    page.goto(site_server, wait_until="networkidle")
    sizes = _sizes(page)
    _search(page, query)
    assert _hrefs(page), query
    fetched = {p: n for p, n in sizes.items() if "/search/" in p or "/workers/rutin-" in p}
    kinds = {p.split("/")[2] for p in fetched if p.startswith("/search/")}
    assert {"w", "p"} <= kinds, fetched
    assert sum(fetched.values()) <= MAX_QUERY_KB * 1000, fetched
    for path in (p for p in fetched if p.startswith("/search/p/")):
        site_path = path.lstrip("/")
        docs = documents_from({site_path: (built_site / site_path).read_text("utf-8")})
        assert fetched[path] < len(json.dumps(docs, ensure_ascii=False).encode()), path


# The documents of every page piece as the page's rutin-pieces.js unpacks them.
_UNPACKED = """async ([site, pages]) => {
  const load = window.rutinLoad;
  await load("assets/javascripts/workers/rutin-query.js");
  await load("assets/javascripts/workers/rutin-pieces.js");
  const manifest = await (await fetch(new URL("search/search_index.json", site))).json();
  const pieces = self.rutinPieces(manifest.config.rutin_pieces, new URL(site), load, {});
  return (await pieces.docs([...Array(pages).keys()])).documents;
}"""


def test_the_worker_unpacks_the_documents_the_build_wrote(
    page: Any, site_server: str, built_site: Path
) -> None:
    manifest = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    page.goto(site_server, wait_until="load")
    pages = manifest["config"]["rutin_pieces"]["pages"]
    got = _run(page, site_server, _UNPACKED, [site_server, pages])
    assert got == documents(built_site)


def test_lunr_scripts_are_fetched_once_per_page_view(page: Any, site_server: str) -> None:
    """Each query hands Material a set-up with its best pages, and Material's set-up
    imports Lunr's language scripts: the worker imports each of them once, not per query
    (a round trip each, and Lunr's warnings that its functions overwrite themselves)."""
    lunr: list[str] = []
    page.on("request", lambda r: lunr.append(r.url) if "/lunr/" in r.url else None)
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text))
    page.goto(site_server, wait_until="networkidle")
    for query in ("tolk", "vårdnadshavare", "avsluta chatt"):
        _search(page, query)
        assert _hrefs(page), query
    assert lunr, "Material imports no Lunr language script"
    again = [url for url in set(lunr) if lunr.count(url) > 1]
    assert not again, again
    assert not [text for text in console if "Overwriting existing registered" in text]


def test_a_result_opens_with_the_search_words_highlighted(page: Any, site_server: str) -> None:
    """Material's search.highlight keeps working with the rewritten query: the words
    found (the site's spelling, here from a query without å) are marked on the page."""
    page.goto(site_server, wait_until="networkidle")
    _search(page, "vardnadshavare")
    first = page.locator(".md-search-result__item > a").first
    href = first.get_attribute("href") or ""
    assert "h=" in href, href
    first.click()
    page.wait_for_load_state("load")
    # The page's own marks: Material's instant navigation fires no new load event, and
    # until the page has come the search results' marks are the only ones there.
    marks = page.locator(".md-content article mark")
    expect(marks.first).to_be_visible()
    assert any(t.lower().startswith("vårdnadshavare") for t in marks.all_inner_texts())


# Each result article's text without its title and keyword chips, its chips and its link.
_RESULTS = """() => [...document.querySelectorAll(".md-search-result__article")].map((a) => {
  const copy = a.cloneNode(true);
  copy.querySelectorAll("h1, h2, nav").forEach((e) => e.remove());
  return { text: copy.textContent.replace(/\\s+/g, " ").trim(),
           chips: a.querySelectorAll(".md-tag").length,
           href: a.closest("a").getAttribute("href") };
})"""
MAX_SNIPPET_CHARACTERS = 2 * 230 + 10  # two sentences of at most ~220 characters


def test_glossary_words_are_found_one_by_one_and_results_stay_short(
    page: Any, site_server: str
) -> None:
    """Each glossary term, searched on its own, is found as a word (its first word is
    highlighted in a result: the term no longer runs into its definition); every result
    shows a sentence or two, at most three keyword chips (twenty pushed the next result
    below the fold on a phone), and links with the words to highlight (never an empty
    `?h=`)."""
    library = check(content_root(ROOT)).library
    assert library is not None
    terms = [t.term for t in library.routine("platform24").glossary]
    assert terms
    page.goto(site_server, wait_until="networkidle")
    texts = open_search(page)
    for term in terms:
        material_search(page, term, texts)  # the whole term, one search
        longest = max(re.findall(r"[\wåäöé]+", term.lower()), key=len)
        marks = [m.lower() for m in page.locator(".md-search-result mark").all_inner_texts()]
        assert any(m.startswith(longest) for m in marks), (term, marks)
        for result in page.evaluate(_RESULTS):
            assert len(result["text"]) <= MAX_SNIPPET_CHARACTERS, (term, result["text"])
            assert result["chips"] <= 3, (term, result)
            query = parse_qs(urlsplit(result["href"]).query, keep_blank_values=True)
            assert query.get("h", ["x"]) != [""], (term, result["href"])


# rutinPieces.rank() on made-up pieces: the word pieces' postings and the position
# pieces registered as the piece scripts would, then positions() and rank() as the
# search worker calls them. Returns the pages in order with their words matched.
_RANK = """async ([site, material, plan, entries, places, query]) => {
  const load = window.rutinLoad;
  await load("assets/javascripts/workers/" + material);
  await load("assets/javascripts/lunr/min/lunr.stemmer.support.min.js");
  await load("assets/javascripts/lunr/min/lunr.sv.min.js");
  await load("assets/javascripts/workers/rutin-query.js");
  await load("assets/javascripts/workers/rutin-pieces.js");
  for (const [word, data] of Object.entries(places)) self.rutinPiece("x", word, data);
  const pieces = self.rutinPieces(plan, new URL(site), () => Promise.reject(), {});
  const vocabulary = self.rutinQuery.fromWords(entries, {});
  const analysis = self.rutinQuery.analyse(vocabulary, query);
  await pieces.positions(analysis, vocabulary);
  return pieces.rank(analysis, vocabulary).map(([page, matched]) => [page, matched]);
}"""


def test_words_next_to_each_other_in_the_querys_order_rank_first(
    page: Any, site_server: str, built_site: Path
) -> None:
    """Phrase proximity (rutin-pieces.js rank()): among pages with as many of the
    query's words, the one where they stand next to each other in the query's order
    comes first; a word next to the query's next word counts as matched even in passing
    (a quoted phrase in a long text), but not reversed, not in a hub page's list of
    pages (places from `listed` on), and never above a page with more of the words."""
    listed = 100_000
    plan = {"pages": 7, "words": [], "page_pieces": [0], "listed": listed}
    # Word entries as fromWords() reads them: [folded, spelling, count, postings].
    # Pages: 0 both words, apart; 5 both, next to each other (same scores as 0);
    # 1 both in passing, next to each other; 2 in passing, reversed; 4 in passing,
    # next to each other in a list of pages; 3 one word only, in its title;
    # 6 all three words of the longer query, apart.
    entries = [
        ["qxpatienter", "qxpatienter", 9, [3, 20, 0, 10, 5, 10, 6, 10, 1, 1, 2, 1, 4, 1]],
        ["qxhittade", "qxhittade", 9, [0, 10, 5, 10, 6, 10, 1, 1, 2, 1, 4, 1]],
        ["qxsnabbt", "qxsnabbt", 1, [6, 10]],
    ]
    places = {
        "qxpatienter": {"0": [0], "5": [3], "1": [5], "2": [6], "4": [listed + 5], "3": [0],
                        "6": [0]},
        "qxhittade": {"0": [10], "5": [4], "1": [6], "2": [5], "4": [listed + 6], "6": [20]},
    }
    page.goto(site_server, wait_until="load")
    args = [site_server, _material_worker(built_site), plan, entries, places]
    ranked = _run(page, site_server, _RANK, [*args, "qxpatienter qxhittade"])
    order = [p for p, _m in ranked]
    matched = dict(ranked)
    assert order.index(5) < order.index(0), ranked  # next to each other first
    assert matched[1] == 2 and order.index(1) < order.index(3), ranked  # a phrase in passing
    assert matched[2] < 2 and order.index(2) > order.index(3), ranked  # reversed
    assert matched[4] < 2 and order.index(4) > order.index(3), ranked  # in a list of pages
    ranked = _run(page, site_server, _RANK, [*args, "qxpatienter qxhittade qxsnabbt"])
    assert ranked[0] == [6, 3], ranked  # more of the query's words: first, whatever the order


# The search's own analysis on a made-up vocabulary (word pieces' entries: [folded, the
# commonest spelling, count, postings, {spelling: [count, postings]}]), so that the test
# does not depend on which words the routine happens to use.
_ANALYSE_WORDS = """async ([site, material, entries, queries]) => {
  const load = window.rutinLoad;
  await load("assets/javascripts/workers/" + material);
  await load("assets/javascripts/lunr/min/lunr.stemmer.support.min.js");
  await load("assets/javascripts/lunr/min/lunr.sv.min.js");
  await load("assets/javascripts/workers/rutin-query.js");
  const vocabulary = self.rutinQuery.fromWords(entries, {});
  const spelled = (key) => vocabulary.words.get(key).word;
  return queries.map((q) => self.rutinQuery.analyse(vocabulary, q).units.map((u) => [u.text,
    u.parts.map((p) => [p.word,
      Object.fromEntries([...p.matches].map(([w, x]) => [spelled(w), x]))])]));
}"""

# "år" and "är" fold to one word ("ar"), each spelling with its own pages.
_AR_AR = [["ar", "är", 9, [1, 5.0, 2, 4.0], {"är": [6, [1, 5.0]], "år": [3, [2, 4.0]]}],
          ["alder", "ålder", 2, [2, 3.0]], ["patient", "patient", 5, [1, 2.0, 2, 2.0]]]


def test_a_word_typed_with_a_swedish_letter_finds_its_own_spelling(
    page: Any, site_server: str, built_site: Path
) -> None:
    """"år" and "är" are one folded word: typed with å (or ä) a word finds only its own
    spelling; typed without, both, each as another form (below a word typed as the site
    spells it). A word after a number and a hyphen is read by its beginning ("14-åring":
    "år", not "är")."""
    queries = ["år", "är", "ar", "14-åring", "3-årsåldern"]
    page.goto(site_server, wait_until="load")
    found = _run(page, site_server, _ANALYSE_WORDS,
                 [site_server, _material_worker(built_site), _AR_AR, queries])
    got = {q: {"units": units} for q, units in zip(queries, found, strict=True)}
    assert _matches(got["år"]) == {"år": 1}, got["år"]
    assert _matches(got["är"]) == {"är": 1}, got["är"]
    assert _matches(got["ar"]) == {"år": FORM, "är": FORM}, got["ar"]
    tail = [u for u in got["14-åring"]["units"] if u[0] == "åring"]
    assert tail and "år" in _matches({"units": tail}) and "är" not in _matches({"units": tail})
    assert "är" not in _matches(got["3-årsåldern"]), got["3-årsåldern"]


# Compounds and particle verbs on a made-up vocabulary: "kassa", "registrera" and a
# compound of both; participles with a particle before them ("bortglömt", "bortglömda");
# "glömma" nowhere on its own.
_PARTS = [["kassa", "kassa", 3, [1, 4.0]],
          ["kassaregistrering", "kassaregistrering", 2, [1, 3.0]],
          ["registrera", "registrera", 4, [2, 5.0]],
          ["registrering", "registrering", 2, [2, 3.0]],
          ["bortglomt", "bortglömt", 1, [3, 2.0]],
          ["bortglomda", "bortglömda", 1, [4, 2.0]],
          ["arende", "ärende", 5, [3, 5.0, 4, 1.0]]]
HEAD = 0.6  # rutin-query.js WEIGHT.head: a compound's last part read on its own


def test_a_compound_finds_its_last_part_and_a_word_the_words_it_ends(
    page: Any, site_server: str, built_site: Path
) -> None:
    """A word that is no word of the site, found only by the words it begins or derives
    from ("kassaregistrera": kassaregistrering), also finds its last part when that is
    a word of the site ("registrera"); a word that is none either way is read as the
    end of a word with a particle before it ("glömt": "bortglömt"). Both readings
    weigh less than a word's own forms, and a word of the site is read as itself."""
    queries = ["kassaregistrera", "registrera", "glömt", "glömda", "bortglömt", "ärende"]
    page.goto(site_server, wait_until="load")
    found = _run(page, site_server, _ANALYSE_WORDS,
                 [site_server, _material_worker(built_site), _PARTS, queries])
    got = {q: _matches({"units": units}) for q, units in zip(queries, found, strict=True)}
    assert "kassaregistrering" in got["kassaregistrera"], got
    assert got["kassaregistrera"]["registrera"] == HEAD, got
    assert max(got["kassaregistrera"].values()) < FORM, got  # below any word's own forms
    assert got["registrera"]["registrera"] == 1, got  # a word of the site: itself,
    assert "kassaregistrering" not in got["registrera"], got  # never a compound's tail
    assert got["glömt"] == {"bortglömt": HEAD}, got
    assert got["glömda"] == {"bortglömda": HEAD}, got
    assert got["bortglömt"]["bortglömt"] == 1, got
    assert "bortglömt" not in got["ärende"], got


def test_every_form_of_a_stop_verb_is_a_stop_word(
    page: Any, site_server: str, built_site: Path
) -> None:
    """A stop verb's other forms ("fått", "gjort", "skulle") and "men" are left out of a
    query like the forms listed first ("får", "gör", "ska"): never read as a typo of
    another stop word the site has ("fått" is not "att")."""
    entries = [["att", "att", 50, [1, 1.0, 2, 1.0]], ["lank", "länk", 3, [2, 4.0]]]
    queries = ["fått länk", "har gjort länk", "skulle länk men", "länk"]
    page.goto(site_server, wait_until="load")
    found = _run(page, site_server, _ANALYSE_WORDS,
                 [site_server, _material_worker(built_site), entries, queries])
    for query, units in zip(queries, found, strict=True):
        assert [typed for typed, _parts in units] == ["länk"], (query, units)


# rutinResults.arrange() on a made-up result: what Material's worker answers (a list of
# documents per page, each with the query's terms found or not) and what rutin-search.js
# knows of the query (each term Lunr searched → the word typed it stands for).
_ARRANGE = """async ([site, items, typed]) => {
  const load = window.rutinLoad;
  await load("assets/javascripts/workers/rutin-query.js");
  await load("assets/javascripts/workers/rutin-results.js");
  const ranking = { order: new Map(), pageOf: new Map(), words: new Set(),
                    typed: new Map(Object.entries(typed)) };
  return self.rutinResults.arrange({ items }, ranking).items.map((g) => g.map((d) => d.terms));
}"""


def test_a_result_lacks_the_words_typed_not_the_querys_forms(
    page: Any, site_server: str
) -> None:
    """Material lists the query's terms a result lacks ("Saknas: …"). The query Lunr
    searches holds forms the reader never typed, so a result lists only a typed word
    none of whose forms it has, once, as typed; found terms stay as they are (they are
    the words highlighted), and a term that stands for no typed word is left alone."""
    typed = {"qxbortglömt": "qxglömt", "qxärendet": "qxärende", "qxärenden": "qxärende",
             "qxärende": "qxärende", "qxbyggare": "constructor"}
    doc = {"location": "a/", "title": "A", "text": "", "boost": 1}
    items = [
        [{**doc, "terms": {"qxbortglömt": False, "qxärendet": False, "qxärenden": True,
                           "qxannat": False}}],
        [{**doc, "location": "b/", "terms": {"qxbortglömt": True, "qxärendet": False,
                                             "qxärende": False}}],
        # A typed word that is also an object's built-in name is listed like any other.
        [{**doc, "location": "c/", "terms": {"qxbyggare": False}}],
    ]
    page.goto(site_server, wait_until="load")
    first, second, third = _run(page, site_server, _ARRANGE, [site_server, items, typed])
    assert first == [{"qxglömt": False, "qxärenden": True, "qxannat": False}], first
    assert second == [{"qxbortglömt": True, "qxärende": False}], second
    assert third == [{"constructor": False}], third


# --------------------------------------------------------------------------- old browsers

ANY_PIECE = re.compile(r'^rutinPiece\("(\w)","([^"]*)",(.*)\);\n?$', re.S)
INFLATE = f"{WORKERS}/rutin-inflate.js"
# Runs rutin-inflate.js on base64 zlib streams; each answer the text or the error.
INFLATE_ALL = """(streams) => streams.map((data) => {
  try {
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    return new TextDecoder().decode(rutinInflate(bytes));
  } catch (error) { return "FEL: " + error.message; }
})"""


def _zlib(text: str, level: int = 9, strategy: int = zlib.Z_DEFAULT_STRATEGY) -> str:
    packer = zlib.compressobj(level, zlib.DEFLATED, 15, 9, strategy)
    return base64.b64encode(packer.compress(text.encode()) + packer.flush()).decode()


def test_inflate_reads_every_kind_of_block(page: Any, site_server: str) -> None:
    """rutin-inflate.js (browsers without DecompressionStream) against Python's zlib:
    stored, fixed and dynamic Huffman blocks, long overlapping copies, several blocks,
    nothing at all; a cut, foreign or changed stream is an error, never wrong text."""
    words = " ".join(f"vårdnadshavare{i % 37} ombud {i * 7919 % 1000} ärende" for i in range(3000))
    texts = {
        "lagrat": (words[:5000], 0, zlib.Z_DEFAULT_STRATEGY),
        "fast": (words[:5000], 9, zlib.Z_FIXED),
        "dynamiskt": (words, 9, zlib.Z_DEFAULT_STRATEGY),
        "upprepning": ("a" * 70000 + "åäö" * 5000, 9, zlib.Z_DEFAULT_STRATEGY),
        "tomt": ("", 9, zlib.Z_DEFAULT_STRATEGY),
        "huffman": (words[:20000], 6, zlib.Z_HUFFMAN_ONLY),
    }
    page.goto(site_server)
    page.add_script_tag(url=site_server + INFLATE)
    got = page.evaluate(INFLATE_ALL, [_zlib(*t) for t in texts.values()])
    for (name, (text, *_)), out in zip(texts.items(), got, strict=True):
        assert out == text, (name, out[:80])
    broken = base64.b64decode(_zlib(words[:5000]))
    cut, flipped = broken[:len(broken) // 2], broken[:40] + bytes([broken[40] ^ 0xFF]) + broken[41:]
    stored = base64.b64decode(_zlib(words[:5000], 0))  # a changed byte only the checksum sees
    changed = stored[:100] + bytes([stored[100] ^ 0x01]) + stored[101:]
    errors = page.evaluate(INFLATE_ALL, [base64.b64encode(b).decode()
                                         for b in (cut, b"\x00\x01", flipped, changed)])
    assert all(e.startswith("FEL:") for e in errors), errors


def test_every_packed_piece_inflates_as_the_build_packed_it(
        page: Any, site_server: str, built_site: Path) -> None:
    packed = {}
    for path in sorted((built_site / "search").glob("*/*.js")):
        match = ANY_PIECE.match(path.read_text(encoding="utf-8"))
        assert match, path
        data = json.loads(match.group(3))
        if isinstance(data, str):
            packed[path.relative_to(built_site).as_posix()] = data
    assert packed, "no packed piece in the built site"
    page.goto(site_server)
    page.add_script_tag(url=site_server + INFLATE)
    got = page.evaluate(INFLATE_ALL, list(packed.values()))
    for (name, data), text in zip(packed.items(), got, strict=True):
        assert not text.startswith("FEL:"), (name, text)
        assert json.loads(text) == unpack(data), name


# A browser without DecompressionStream (Firefox before 113, Safari before 16.4): gone
# from the page and from the search worker before any of their scripts run.
NO_STREAM = "delete self.DecompressionStream;\n"


def test_a_browser_without_decompression_stream_still_searches(
        page: Any, site_server: str) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(urlsplit(r.url).path))
    # The whole query at once, its own results waited for (the first query of a page view
    # loads the help first, and typed key by key an earlier prefix's results could pass).
    page.goto(site_server)
    texts = open_search(page)
    assert "barn-under-13-med-ombud" in " ".join(material_search(page, "vardnadshavre", texts))
    assert f"/{INFLATE}" not in requests, "rutin-inflate.js fetched where it is not needed"

    def without_stream(route: Any) -> None:
        response = route.fetch()
        route.fulfill(response=response, body=NO_STREAM + response.text())

    page.route("**/workers/rutin-search.js*", without_stream)
    page.add_init_script(NO_STREAM)
    requests.clear()
    page.goto(site_server)
    assert page.evaluate("() => typeof DecompressionStream") == "undefined"
    texts = open_search(page)
    assert "barn-under-13-med-ombud" in " ".join(material_search(page, "vardnadshavre", texts))
    assert material_search(page, "tolkqq", texts) == []  # the no-hit help, on the page,
    # unpacks pieces too
    help_box = page.locator(".rutin-no-hit")
    expect(help_box.locator("button.rutin-suggestion").first).to_have_text(re.compile(r"^tolk"))
    assert requests.count(f"/{INFLATE}") == 2, requests  # the worker's and the page's
