"""Search benchmark ("sok"): Material's built-in search against Pagefind, on the staff
queries of tests/search_queries.yaml (the tuning half) and
tests/search_queries_heldout.yaml (the held-out half, never read while the search is
changed), and on generated regions of 100 and 1,000 checklists.

The evaluation set and its runner (typing every query into the site's real search box)
are tools/search_eval.py, shared with tests/test_search_eval.py.

What the benchmark measures, per site (the real routine; 5 × 20 and 50 × 20 generated
checklists, built as the site benchmark builds them):

- Material: the bytes of search/search_index.json and what a plain page view fetches of
  it (the search worker loads it on every full page load); time from a query to its
  first result, the first query right after the page has loaded and later ones; the
  bytes of the first query of a page view for each of several queries of several words
  (SCALE_PHRASES; on the routine, the first PHRASES of the tuning half's), the largest
  held against MAX_QUERY_KB.
- Pagefind (`python -m pagefind`, PyPI `pagefind[bin]`): a copy of the same site,
  marked as a template would mark it (prepare_for_pagefind: the article of each page in
  Material's index, so the same pages are searched and the header and menus are not).
  In Chromium a page imports /pagefind/pagefind.js only when the first query is made,
  as a search box would on first use. Bytes fetched by the page view before searching,
  bytes per query (the sum of the /pagefind/ responses a query causes: the program
  (pagefind.js, its worker, the wasm) and entry file for the first one, index chunks and
  the fragments of the first three results), time from the query to the first three
  results with their data. Each browser context starts with an empty cache and the
  server sends `Cache-Control: no-store`: every page view is a first visit.
- Hits on the evaluation set (real routine): Material through its search box; Pagefind
  through its JS API, on the pages as built, with the checklists' keywords (what Material
  indexes as tags) written into each page as a template change would, and with those
  keywords and the query's Swedish stop words dropped (Pagefind wants every word of a
  query to match; Material drops the stop words of lunr-languages, the list used here).
- Offline (`rutin build --offline`, opened from file://) and the site's
  Content-Security-Policy (served with exactly the headers of nginx-csp.conf).

Speed is reported as ratios against Material measured in the same run (never as
absolute timed targets). The targets (issues "Staff search with their own words" and
"Search measured on queries it was never tuned on"): hits ≥ 97 % in each half (the
test holds both halves to it: HELD_OUT_TARGET is TARGET_HIT_RATE); at 1,000 checklists a
page view fetches no index until the search box is used, and a query fetches at most about 100 kB.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tools import REPO
from tools.search_eval import (
    _SHOWN_JS,
    HALVES,
    TARGET_HIT_RATE,
    TOP,
    Evaluation,
    Query,
    Texts,
    clear_search,
    load_queries,
    material_evaluation,
    material_search,
    open_search,
    shown,
    site_path,
)

from . import BenchOptions

NAME = "sok"
DESCRIPTION = ("Sökningen: träffar på personalens sökfrågor, bytes och svarstid, "
               "Material mot Pagefind (100 och 1 000 checklistor).")

PROJECT = REPO.folder
COLD_REPEAT = 5  # first queries after a page view (each in a new context): the median
MAX_QUERY_KB = 100.0
KB = 1000
SCALES = ((5, 20), (50, 20))  # (routines, checklists per routine): 100 and 1,000
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Weight of the keywords written into a page for the "with keywords" variant: that of
# the page's title (Pagefind weighs an <h1> 7).
KEYWORD_WEIGHT = 7
# Queries for the generated regions (their vocabulary: tools/bench/_generate.py).
SCALE_QUERIES = ("tolk", "vårdnadshavaren", "videobesök", "remissen", "provsvar",
                 "läkemedelslistan", "kallelse", "sårvård", "prioritet", "BankID")
# Queries of several words for the generated regions, each the first query of its own
# page view (the help scripts, word, position and page pieces all fetched for it): the
# largest is held against MAX_QUERY_KB. Made up from the generator's words.
SCALE_PHRASES = ("tolk vid kontakten", "remissen till specialistvården",
                 "kallelsen via 1177", "provsvar i journalen", "sårvård vaccination",
                 "patientens identitet med BankID", "läkemedelslistan förnyelse recept")
PHRASES = 7  # the routine: this many of the tuning half's queries of several words


# --------------------------------------------------------------------------- Material


# Material's search box, timed in the page: from the query's keyup to its results shown
# (the condition of _SHOWN), in ms; -1 after 60 s.
_MATERIAL_TIMED = """([query, none, top]) => new Promise((done) => {
  const input = document.querySelector("input.md-search__input");
  const isShown = () => {""" + _SHOWN_JS + """
    return shown !== null;
  };
  const start = performance.now();
  const check = () => {
    if (!isShown()) return;
    watch.disconnect(); clearTimeout(limit); done(performance.now() - start);
  };
  const watch = new MutationObserver(check);
  const limit = setTimeout(() => { watch.disconnect(); done(-1); }, 60000);
  watch.observe(document.body, { childList: true, subtree: true, characterData: true });
  input.value = query;
  input.dispatchEvent(new KeyboardEvent("keyup", { key: "End", bubbles: true }));
})"""


def material_timed(page: Any, query: str, texts: Texts, *, clear: bool = True) -> float:
    """ms from entering `query` in the open search box to its results shown. With
    clear=False (the first query after loading the page, the field empty) the time
    includes the search still starting: loading and indexing search_index.json."""
    if clear:
        clear_search(page, texts)
    ms = float(page.evaluate(_MATERIAL_TIMED, [query, texts.none, TOP]))
    if ms < 0:
        raise BenchError(f"Material visade inga resultat för {query!r} inom 60 s")
    return ms


# --------------------------------------------------------------------------- Pagefind


PAGEFIND_DIR = "pagefind"
# Files of the bundle that a search through the JS API can load (the rest are the
# optional UI components).
_UI_FILES = re.compile(r"^pagefind-(component-ui|modular-ui|ui|highlight)\.(js|css)$")

# One query through Pagefind's JS API; the module is imported on the first query, as a
# search box would on first use. Returns the time to the first `top` results with their
# data (url, excerpt), the urls, or the error.
_PAGEFIND_SEARCH = """async ([bundle, query, top]) => {
  const start = performance.now();
  try {
    if (!window.__rutinPagefind) {
      const pf = await import(bundle + "pagefind.js");
      await pf.init();
      window.__rutinPagefind = pf;
    }
    const found = await window.__rutinPagefind.search(query);
    const data = await Promise.all(found.results.slice(0, top).map((r) => r.data()));
    return { ms: performance.now() - start, urls: data.map((d) => d.url),
             count: found.results.length, error: "" };
  } catch (e) {
    return { ms: performance.now() - start, urls: [], count: 0, error: String(e) };
  }
}"""


def pagefind_available() -> str:
    """'' when `python -m pagefind` runs, else why not (Swedish)."""
    try:
        out = subprocess.run([sys.executable, "-m", "pagefind", "--version"],
                             capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"pagefind kunde inte startas: {exc}"
    if out.returncode != 0:
        return ("pagefind saknas i miljön (.venv/bin/pip install \"pagefind[bin]==1.5.2\"): "
                + (out.stderr.strip().splitlines() or [""])[-1])
    return ""


def pagefind_version() -> str:
    try:
        return metadata.version("pagefind")
    except metadata.PackageNotFoundError:
        return "saknas"


def pagefind_index(site: Path) -> float:
    """Index the built site with Pagefind (bundle in <site>/pagefind/); seconds taken."""
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site), "--quiet"],
        capture_output=True, text=True, timeout=1800, check=False,
    )
    if out.returncode != 0:
        raise BenchError(f"pagefind misslyckades ({site}):\n{out.stderr[-2000:]}")
    return time.perf_counter() - start


_ARTICLE = '<article class="md-content__inner md-typeset">'


def prepare_for_pagefind(site: Path, *, keywords: bool) -> int:
    """Mark what Pagefind indexes as a template would: the article of every page that
    Material's index holds gets `data-pagefind-body` (so the header, menus and footer
    are not indexed, and neither are the pages kept out of Material's search: the
    traceability and owner's-questions pages, `search: exclude`). With `keywords`, each
    page's keywords (what Material indexes as the page's tags) are written first in the
    article, weighted as its title: `<p data-pagefind-weight hidden>`. Returns the
    number of pages marked."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    marked = 0
    for doc in index["docs"]:
        location = doc["location"]
        if "#" in location:
            continue
        # "platform24/tolk/" (directory URLs), "platform24/tolk.html" (offline build)
        page = site / location if location.endswith(".html") else site / location / "index.html"
        html = page.read_text(encoding="utf-8")
        if _ARTICLE not in html:
            continue
        opening = _ARTICLE.replace(">", " data-pagefind-body>")
        tags = doc.get("tags") or []
        if keywords and tags:
            words = ", ".join(_escape(str(t)) for t in tags)
            opening += f'<p data-pagefind-weight="{KEYWORD_WEIGHT}" hidden>{words}</p>'
        page.write_text(html.replace(_ARTICLE, opening, 1), encoding="utf-8")
        marked += 1
    return marked


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def bundle_bytes(site: Path) -> tuple[int, int]:
    """Bytes and files of the Pagefind bundle a search can load (not the UI files)."""
    files = [p for p in (site / PAGEFIND_DIR).rglob("*")
             if p.is_file() and not _UI_FILES.match(p.name) and p.parent.name != "playground"]
    return sum(p.stat().st_size for p in files), len(files)


@dataclass(frozen=True)
class PagefindAnswer:
    ms: float
    urls: list[str]
    error: str
    responses: list[tuple[str, int]]  # fetched from /pagefind/ for this query

    @property
    def bytes(self) -> int:
        return sum(n for _u, n in self.responses)


class Traffic:
    """The bytes of every response in a browser context, by URL (each counted once:
    what a page has fetched it does not fetch again in our measurements)."""

    def __init__(self, context: Any) -> None:
        self.responses: list[tuple[str, int]] = []
        self._seen: set[str] = set()
        context.on("response", self._record)

    def _record(self, response: Any) -> None:
        url = str(response.url).split("#", 1)[0]
        if url in self._seen or response.status >= 300:
            return
        self._seen.add(url)
        length = response.headers.get("content-length")
        size = int(length) if length and length.isdigit() else 0
        self.responses.append((url, size))

    def mark(self) -> int:
        return len(self.responses)

    def since(self, mark: int, contains: str = "") -> list[tuple[str, int]]:
        return [(u, n) for u, n in self.responses[mark:] if contains in u]

    def bytes_since(self, mark: int, contains: str = "") -> int:
        return sum(n for _u, n in self.since(mark, contains))


def gzipped(site: Path, base_url: str, responses: Sequence[tuple[str, int]]) -> int:
    """What `responses` would weigh with gzip on the server (nginx `gzip on` for these
    types): each file's gzip size, or its size if it is compressed already (Pagefind's
    index, fragments and wasm are gzip files)."""
    total = 0
    for url, size in responses:
        path = site / site_path(url, base_url)
        if path.is_dir():
            path = path / "index.html"
        try:
            data = path.read_bytes()
        except OSError:
            total += size
            continue
        total += len(data) if data[:2] == b"\x1f\x8b" else len(gzip.compress(data, 6))
    return total


def pagefind_part(url: str) -> str:
    """What a Pagefind file is: "program" (pagefind.js, its worker, the wasm), "index"
    (entry file, metadata, index chunks) or "utdrag" (a result's fragment)."""
    name = urlsplit(url).path.rsplit("/", 1)[-1]
    if name.endswith(".pf_fragment"):
        return "utdrag"
    if name.endswith((".pf_index", ".pf_meta", ".json")):
        return "index"
    return "program"


def pagefind_query(page: Any, traffic: Traffic, bundle: str, query: str) -> PagefindAnswer:
    mark = traffic.mark()
    answer = page.evaluate(_PAGEFIND_SEARCH, [bundle, query, TOP])
    # Give late response events (the worker's) a moment to arrive.
    page.wait_for_timeout(20)
    return PagefindAnswer(float(answer["ms"]), [str(u) for u in answer["urls"]],
                          str(answer["error"]), traffic.since(mark, f"/{PAGEFIND_DIR}/"))


_STOP_WORDS = re.compile(r'generateStopWordFilter\("([^"]+)"\.split\(" "\)\)')


def swedish_stop_words(site: Path) -> frozenset[str]:
    """The Swedish stop words Material's search drops from a query (lunr-languages, as
    shipped in the built site); empty if not found."""
    script = site / "assets" / "javascripts" / "lunr" / "min" / "lunr.sv.min.js"
    try:
        m = _STOP_WORDS.search(script.read_text(encoding="utf-8"))
    except OSError:
        return frozenset()
    return frozenset(m.group(1).split()) if m else frozenset()


def without_stop_words(query: str, stop_words: frozenset[str]) -> str:
    """The query without stop words (Pagefind requires every word of a query to match;
    Material drops these), or the query itself if nothing else is left."""
    kept = [w for w in query.split() if w.casefold() not in stop_words]
    return " ".join(kept) or query


def pagefind_evaluation(page: Any, traffic: Traffic, base_url: str, queries: Sequence[Query],
                        engine: str, stop_words: frozenset[str] = frozenset()) -> Evaluation:
    page.goto(base_url, wait_until="networkidle")
    result = Evaluation(engine, list(queries))
    for q in queries:
        text = without_stop_words(q.text, stop_words)
        answer = pagefind_query(page, traffic, base_url + f"{PAGEFIND_DIR}/", text)
        if answer.error:
            raise BenchError(f"Pagefind: {shown(q)}: {answer.error}")
        pages: list[str] = []
        for url in answer.urls:
            path = site_path(url, base_url)
            if path not in pages:
                pages.append(path)
        result.results[q.text] = pages[:TOP]
    return result


# --------------------------------------------------------------------------- browser


class BenchError(RuntimeError):
    pass


@contextmanager
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    from rutin.printing.pdf import CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        raise BenchError(f"Chromium saknas ({CHROMIUM}): make browser")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                     headless=True)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def fresh_page(browser: Any) -> Iterator[tuple[Any, Traffic]]:
    """A page in a new context (empty cache), with its traffic recorded."""
    context = browser.new_context(viewport={"width": 1024, "height": 768}, locale="sv-SE")
    traffic = Traffic(context)
    try:
        page = context.new_page()
        page.set_default_timeout(60_000)
        yield page, traffic
    finally:
        context.close()


@contextmanager
def served(site: Path, headers: dict[str, str] | None = None) -> Iterator[str]:
    from rutin.printing.pdf import serve

    with serve(site, {"Cache-Control": "no-store", **(headers or {})}) as base:
        yield base


# --------------------------------------------------------------------------- figures


@dataclass
class Engine:
    """One search engine's figures on one site."""

    name: str
    index_bytes: int = 0  # what a search can load in total (Material: the JSON index)
    index_files: int = 0
    page_view_bytes: int = 0  # search files fetched by a plain page view, before searching
    page_view_index_bytes: int = 0  # of which index
    first_bytes: int = 0  # fetched by the first query of a page view
    # Material: the first query of a page view, for each query of several words
    first_phrase_bytes: list[int] = field(default_factory=list)
    later_bytes: list[int] = field(default_factory=list)  # by each later query
    # The same with gzip on the server (gzipped()):
    page_view_gzip: int = 0
    first_gzip: int = 0
    later_gzip: list[int] = field(default_factory=list)
    first_parts: dict[str, int] = field(default_factory=dict)  # Pagefind: by pagefind_part
    program_files: dict[str, int] = field(default_factory=dict)  # Pagefind: its program
    first_ms: float = 0.0  # first query right after a page view, to its results (median)
    later_ms: list[float] = field(default_factory=list)
    index_seconds: float = 0.0  # Pagefind: indexing the built site


@dataclass
class SiteFigures:
    label: str
    pages: int
    material: Engine
    pagefind: Engine
    hits: list[Evaluation] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else 0.0


def _is_index(url: str) -> bool:
    """The site search's index files: the pieces a query loads (search/w/, search/p/,
    search/x/)."""
    return any(f"/search/{kind}/" in url for kind in "wpx")


def _documents_bytes(site: Path) -> int:
    """The documents in search/search_index.json: all of Material's index, none in our
    manifest (which carries only settings, search aids, tasks and the pieces' names)."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = index.get("docs") or []
    return len(json.dumps(docs, ensure_ascii=False).encode()) if docs else 0


def material_figures(browser: Any, site: Path, queries: Sequence[str],
                     phrases: Sequence[str] = ()) -> Engine:
    engine = Engine("Material")
    files = [f for f in (site / "search").rglob("*") if f.is_file()]
    engine.index_bytes, engine.index_files = sum(f.stat().st_size for f in files), len(files)
    first_ms = []
    with served(site) as base:
        for round_ in range(COLD_REPEAT):
            with fresh_page(browser) as (page, traffic):
                page.goto(base, wait_until="load")
                texts = open_search(page)
                if not round_:
                    page.wait_for_load_state("networkidle")
                    search_files = [(u, n) for u, n in traffic.since(0)
                                    if "/search/" in u or "/workers/" in u or "/lunr/" in u]
                    engine.page_view_bytes = sum(n for _u, n in search_files)
                    engine.page_view_gzip = gzipped(site, base, search_files)
                    fetched_index = any(u.endswith("search_index.json") for u, _n in search_files)
                    engine.page_view_index_bytes = sum(
                        n for u, n in search_files if _is_index(u)) + (
                        _documents_bytes(site) if fetched_index else 0)
                    mark = traffic.mark()
                first_ms.append(material_timed(page, queries[0], texts, clear=False))
                if round_:
                    continue
                engine.first_bytes = traffic.bytes_since(mark)
                engine.first_gzip = gzipped(site, base, traffic.since(mark))
                for q in queries[1:]:
                    mark = traffic.mark()
                    engine.later_ms.append(material_timed(page, q, texts))
                    engine.later_bytes.append(traffic.bytes_since(mark))
                    engine.later_gzip.append(gzipped(site, base, traffic.since(mark)))
        for q in phrases:
            with fresh_page(browser) as (page, traffic):
                page.goto(base, wait_until="load")
                texts = open_search(page)
                page.wait_for_load_state("networkidle")
                mark = traffic.mark()
                material_timed(page, q, texts, clear=False)
                engine.first_phrase_bytes.append(traffic.bytes_since(mark))
    engine.first_ms = _median(first_ms)
    return engine


def pagefind_figures(browser: Any, site: Path, queries: Sequence[str]) -> Engine:
    engine = Engine("Pagefind")
    engine.index_bytes, engine.index_files = bundle_bytes(site)
    first_ms = []
    with served(site) as base:
        bundle = base + f"{PAGEFIND_DIR}/"
        for round_ in range(COLD_REPEAT):
            with fresh_page(browser) as (page, traffic):
                page.goto(base, wait_until="load")
                page_view = traffic.bytes_since(0, f"/{PAGEFIND_DIR}/")
                first = pagefind_query(page, traffic, bundle, queries[0])
                if first.error:
                    raise BenchError(f"Pagefind: {queries[0]!r}: {first.error}")
                first_ms.append(first.ms)
                if round_:
                    continue
                engine.page_view_bytes = engine.page_view_index_bytes = page_view
                engine.first_bytes = first.bytes
                engine.first_gzip = gzipped(site, base, first.responses)
                for url, size in first.responses:
                    part = pagefind_part(url)
                    engine.first_parts[part] = engine.first_parts.get(part, 0) + size
                    if part == "program":
                        engine.program_files[urlsplit(url).path.rsplit("/", 1)[-1]] = size
                for q in queries[1:]:
                    answer = pagefind_query(page, traffic, bundle, q)
                    if answer.error:
                        raise BenchError(f"Pagefind: {q!r}: {answer.error}")
                    engine.later_ms.append(answer.ms)
                    engine.later_bytes.append(answer.bytes)
                    engine.later_gzip.append(gzipped(site, base, answer.responses))
    engine.first_ms = _median(first_ms)
    return engine


def _served_policy(site: Path, extra_script: str = "") -> dict[str, str]:
    """The headers of the built site's nginx-csp.conf (as tests/test_csp.py serves them),
    optionally with another source in script-src."""
    from rutin.site import csp

    headers: dict[str, str] = {}
    line_re = re.compile(r'^add_header\s+(\S+)\s+"([^"]*)"\s+always;$')
    for line in (site / csp.NGINX_FILE).read_text(encoding="utf-8").splitlines():
        m = line_re.match(line.strip())
        if m:
            headers[m.group(1)] = m.group(2)
    if extra_script:
        headers["Content-Security-Policy"] = headers["Content-Security-Policy"].replace(
            "script-src 'self'", f"script-src 'self' {extra_script}", 1)
    return headers


_LISTEN_CSP = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.violatedDirective} (${e.blockedURI || "inline"})`);
});
"""


def _csp_outcome(browser: Any, site: Path, extra_script: str = "") -> str:
    """Pagefind under the site's policy (optionally widened): 'fungerar' or what stopped it."""
    with served(site, _served_policy(site, extra_script)) as base:
        context = browser.new_context()
        context.add_init_script(_LISTEN_CSP)
        console: list[str] = []
        context.on("console", lambda m: console.append(m.text)
                   if "Content Security Policy" in m.text or "WebAssembly" in m.text else None)
        try:
            page = context.new_page()
            page.goto(base, wait_until="networkidle")
            answer = page.evaluate(_PAGEFIND_SEARCH, [base + f"{PAGEFIND_DIR}/", "tolk", TOP])
            page.wait_for_timeout(200)
            violations = sorted(set(page.evaluate("() => window.__csp")))
        finally:
            context.close()
    if not answer["error"] and answer["urls"]:
        extra = f" (med varningar: {'; '.join(violations)})" if violations else ""
        return "fungerar" + extra
    error = str(answer["error"])
    if "WebAssembly" in error or any("wasm" in v for v in violations):
        return ("fungerar inte: script-src stoppar WebAssembly (kräver 'wasm-unsafe-eval'): "
                + error.splitlines()[-1][:160])
    why = "; ".join(violations) or "; ".join(console[:2]) or error
    return f"fungerar inte: {why[:300]}"


def _material_csp_outcome(browser: Any, site: Path) -> str:
    with served(site, _served_policy(site)) as base, fresh_page(browser) as (page, _t):
        page.add_init_script(_LISTEN_CSP)
        page.goto(base, wait_until="networkidle")
        hrefs = material_search(page, "tolk", open_search(page))
        violations = page.evaluate("() => window.__csp")
    if hrefs and not violations:
        return "fungerar"
    return f"fungerar inte: {'; '.join(violations) or 'inga resultat'}"


def offline_outcomes(browser: Any, offline: Path) -> tuple[str, str]:
    """(Material, Pagefind) in the offline build opened from file://."""
    start = (offline / "index.html").as_uri()
    with fresh_page(browser) as (page, _t):
        page.goto(start, wait_until="load")
        hrefs = material_search(page, "tolk", open_search(page))
        material = "fungerar" if hrefs else "fungerar inte: inga resultat"
    with fresh_page(browser) as (page, _t):
        page.goto(start, wait_until="load")
        bundle = (offline / PAGEFIND_DIR).as_uri() + "/"
        answer = page.evaluate(_PAGEFIND_SEARCH, [bundle, "tolk", TOP])
        pagefind = ("fungerar" if not answer["error"] and answer["urls"]
                    else f"fungerar inte: {str(answer['error'])[:200]}")
    return material, pagefind


# --------------------------------------------------------------------------- builds


def build_real(site: Path, *, offline: bool = False) -> None:
    """`rutin build` of the project's own content (as tests/conftest.py builds it)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "rutin.cli", "build", "--site-dir", str(site)]
    out = subprocess.run([*command, *(["--offline"] if offline else [])], cwd=PROJECT,
                         env=env, capture_output=True, text=True, timeout=900, check=False)
    if out.returncode != 0:
        raise BenchError(f"rutin build misslyckades:\n{out.stderr[-3000:]}{out.stdout[-2000:]}")


def build_generated(workdir: Path, routines: int, per_routine: int) -> tuple[Path, int]:
    """A generated region built with the real mkdocs.yml, as the site benchmark builds
    it; the site and its number of HTML pages."""
    from rutin.check.validate import check

    from ._generate import generate_region
    from .site import CONFIG_FILE, BuildFailed, _minimal_docs, child_build

    base = workdir / f"{routines}x{per_routine}"
    content, docs, site = base / "content", base / "docs", base / "site"
    generate_region(content, routines, per_routine)
    report = check(content)
    if report.problems or report.library is None:
        raise BenchError("det genererade innehållet har problem")
    _minimal_docs(docs)
    try:
        child_build(CONFIG_FILE, docs, site, content)
    except BuildFailed as exc:
        raise BenchError(str(exc)) from exc
    return site, sum(1 for _ in site.rglob("index.html"))


def with_pagefind(site: Path, target: Path, *, keywords: bool) -> tuple[Path, float]:
    """A copy of the built site with a Pagefind bundle; seconds Pagefind took."""
    shutil.copytree(site, target)
    prepare_for_pagefind(target, keywords=keywords)
    return target, pagefind_index(target)


# --------------------------------------------------------------------------- run


def _kb(n: float) -> str:
    return f"{n / KB:.1f} kB"


def _ms(n: float) -> str:
    return f"{n:.0f} ms" if n >= 10 else f"{n:.1f} ms"


def _row(label: str, material: str, pagefind: str) -> str:
    return f"  {label:<52} {material:>16} {pagefind:>16}"


def measure_site(browser: Any, label: str, site: Path, pages: int,
                 queries: Sequence[str], phrases: Sequence[str] = ()) -> SiteFigures:
    """Both engines on one built site; Pagefind on a copy beside it, "site-pagefind".
    `phrases`: queries of several words, each Material's first query of a page view."""
    material = material_figures(browser, site, queries, phrases)
    pf_site, seconds = with_pagefind(site, site.with_name("site-pagefind"), keywords=True)
    pagefind = pagefind_figures(browser, pf_site, queries)
    pagefind.index_seconds = seconds
    return SiteFigures(label, pages, material, pagefind)


def site_lines(fig: SiteFigures) -> list[str]:
    m, p = fig.material, fig.pagefind
    ratio_first = p.first_ms / m.first_ms if m.first_ms else 0.0
    ratio_later = _median(p.later_ms) / _median(m.later_ms) if m.later_ms else 0.0
    lines = [f"{fig.label} ({fig.pages} sidor)", _row("", "Material", "Pagefind")]
    lines += [
        _row("Sökindex på servern", f"{_kb(m.index_bytes)}",
             f"{_kb(p.index_bytes)} i {p.index_files} filer"),
        _row("Hämtas av en sidvisning före sökning", _kb(m.page_view_bytes),
             _kb(p.page_view_bytes)),
        _row("  varav sökindex", _kb(m.page_view_index_bytes), _kb(p.page_view_index_bytes)),
        _row("  med gzip på servern", _kb(m.page_view_gzip), _kb(p.page_view_gzip)),
        _row("Hämtas av första sökningen", _kb(m.first_bytes), _kb(p.first_bytes)),
        _row("  med gzip på servern", _kb(m.first_gzip), _kb(p.first_gzip)),
        *([_row(f"Första sökningen, flera ord (störst av {len(m.first_phrase_bytes)})",
                _kb(max(m.first_phrase_bytes)), "")] if m.first_phrase_bytes else []),
        *[_row(f"  varav {part}", "", _kb(p.first_parts.get(part, 0)))
          for part in ("program", "index", "utdrag")],
        *[_row(f"    {name}", "", _kb(size)) for name, size in sorted(p.program_files.items())],
        _row("Hämtas av senare sökning (median)", _kb(_median(m.later_bytes)),
             _kb(_median(p.later_bytes))),
        _row("Hämtas av senare sökning (störst)", _kb(max(m.later_bytes, default=0)),
             _kb(max(p.later_bytes, default=0))),
        _row("  med gzip på servern", _kb(max(m.later_gzip, default=0)),
             _kb(max(p.later_gzip, default=0))),
        _row(f"Första sökningen efter sidvisning (median av {COLD_REPEAT})", _ms(m.first_ms),
             _ms(p.first_ms)),
        _row("Senare sökning, till resultat (median)", _ms(_median(m.later_ms)),
             _ms(_median(p.later_ms))),
        _row("Pagefind / Material, första sökningen (tid)", "1.00×", f"{ratio_first:.2f}×"),
        _row("Pagefind / Material, senare sökning (tid)", "1.00×", f"{ratio_later:.2f}×"),
        _row("Indexering efter bygget", "i bygget", f"{p.index_seconds:.1f} s"),
    ]
    return lines


@dataclass
class Result:
    sites: list[SiteFigures]
    material_hits: Evaluation
    pagefind_hits: Evaluation
    pagefind_plain_hits: Evaluation
    pagefind_stop_hits: Evaluation
    offline: tuple[str, str]
    csp_material: str
    csp_pagefind: str
    csp_pagefind_wasm: str


def targets(result: Result) -> list[tuple[str, str, bool, bool | None]]:
    """(target, figure, Material holds, Pagefind holds or None: not measured)."""
    large = result.sites[-1]
    m, p = large.material, large.pagefind
    p_query = max([p.first_bytes, *p.later_bytes])
    m_query = max([m.first_bytes, *m.later_bytes])
    m_phrase = max(m.first_phrase_bytes, default=0)
    rows = []
    for half in ("tuning", "held-out"):
        target = TARGET_HIT_RATE
        ours, theirs = result.material_hits.half(half), result.pagefind_hits.half(half)
        if ours.total:
            rows.append((f"Träffar ≥ {target:.0%}, {half}",
                         f"{ours.summary()} / {theirs.summary()}",
                         ours.rate >= target, theirs.rate >= target))
    return [
        *rows,
        (f"{large.label}: sidvisning hämtar inget index",
         f"{_kb(m.page_view_index_bytes)} / {_kb(p.page_view_index_bytes)}",
         m.page_view_index_bytes == 0, p.page_view_index_bytes == 0),
        (f"{large.label}: en sökning hämtar ≤ {MAX_QUERY_KB:g} kB",
         f"{_kb(m_query)} / {_kb(p_query)}",
         m_query <= MAX_QUERY_KB * KB, p_query <= MAX_QUERY_KB * KB),
        (f"{large.label}: första sökningen, flera ord, ≤ {MAX_QUERY_KB:g} kB",
         f"{_kb(m_phrase)} / –", m_phrase <= MAX_QUERY_KB * KB, None),
    ]


def measure(workdir: Path, scales: Sequence[tuple[int, int]] = SCALES,
            log: Callable[[str], None] = print) -> Result:
    queries = load_queries()
    real = workdir / "real" / "site"
    offline = workdir / "offline" / "site"
    log("  bygger rutinen (rutin build och rutin build --offline) …")
    build_real(real)
    build_real(offline, offline=True)
    prepare_for_pagefind(offline, keywords=True)
    pagefind_index(offline)
    real_pages = sum(1 for _ in real.rglob("index.html"))
    generated = []
    for routines, per in scales:
        log(f"  bygger en genererad region med {routines * per} checklistor …")
        generated.append((routines * per, *build_generated(workdir, routines, per)))
    with chromium() as browser:
        log("  mäter rutinen …")
        phrases = [q.text for q in queries if q.half == "tuning" and len(q.text.split()) > 1]
        sites = [measure_site(browser, "Rutinen Platform24", real, real_pages,
                              [q.text for q in queries], phrases[:PHRASES])]
        pf_keywords = real.with_name("site-pagefind")
        pf_plain, _s = with_pagefind(real, real.with_name("site-pagefind-plain"),
                                     keywords=False)
        with served(real) as base, fresh_page(browser) as (page, _t):
            material_hits = material_evaluation(page, base, queries)
        evaluations = []
        stop = swedish_stop_words(real)
        for folder, engine, stop_words in (
            (pf_keywords, "Pagefind (sidtext + sökord)", frozenset[str]()),
            (pf_plain, "Pagefind (bara sidtext)", frozenset[str]()),
            (pf_keywords, "Pagefind (sidtext + sökord, frågan utan stoppord)", stop),
        ):
            with served(folder) as base, fresh_page(browser) as (page, traffic):
                evaluations.append(pagefind_evaluation(page, traffic, base, queries, engine,
                                                       stop_words))
        for count, site, pages in generated:
            log(f"  mäter {count} checklistor …")
            sites.append(measure_site(browser, f"{count} checklistor", site, pages,
                                      SCALE_QUERIES, SCALE_PHRASES))
        log("  prövar offline (file://) och webbplatsens CSP …")
        result = Result(
            sites, material_hits, evaluations[0], evaluations[1], evaluations[2],
            offline_outcomes(browser, offline),
            _material_csp_outcome(browser, real),
            _csp_outcome(browser, pf_keywords),
            _csp_outcome(browser, pf_keywords, "'wasm-unsafe-eval'"),
        )
    return result


def print_result(result: Result) -> bool:
    for fig in result.sites:
        print()
        for line in site_lines(fig):
            print(line)
    print()
    for evaluation in (result.material_hits, result.pagefind_hits, result.pagefind_plain_hits,
                       result.pagefind_stop_hits):
        print(evaluation.report())
        print()
    print(f"  Offline (file://): Material {result.offline[0]}; Pagefind {result.offline[1]}")
    print(f"  Webbplatsens CSP: Material {result.csp_material}; Pagefind {result.csp_pagefind}")
    print(f"  CSP med 'wasm-unsafe-eval' i script-src: Pagefind {result.csp_pagefind_wasm}")
    print()
    held = True
    for label, figure, material, pagefind in targets(result):
        verdict = "uppfyllt" if material else "EJ UPPFYLLT"
        print(f"  {label:<52} {figure:>22}  Material: {verdict}; "
              f"Pagefind: {_verdict(pagefind)}")
        held = held and material
    return held


def _verdict(held: bool | None) -> str:
    return "ej mätt" if held is None else "uppfyllt" if held else "EJ UPPFYLLT"


RESULT_PAGE = PROJECT / "docs" / "prestanda.md"
TABLE_START = "<!-- make bench ARGS=\"sok --write\": tabellen nedan skrivs av mätningen -->"
TABLE_END = "<!-- slut på tabellen från make bench ARGS=\"sok --write\" -->"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _short(outcome: str) -> str:
    if outcome == "fungerar":
        return "fungerar"
    if "wasm-unsafe-eval" in outcome:
        return "fungerar inte: kräver `'wasm-unsafe-eval'` i `script-src`"
    return "fungerar inte"


def markdown_table(result: Result) -> str:
    """The figures as the Markdown table of the "Sök" section of docs/prestanda.md."""
    rows: list[tuple[str, str, str]] = []
    material = result.material_hits
    for half in HALVES:
        ours = material.half(half)
        if not ours.total:
            continue
        rows.append((f"Träffar bland de {TOP} första, {half}, {ours.total} sökfrågor (rutinen)",
                     ours.summary(),
                     f"{result.pagefind_plain_hits.half(half).summary()} bara sidtext; "
                     f"{result.pagefind_hits.half(half).summary()} med sökord; "
                     f"{result.pagefind_stop_hits.half(half).summary()} med sökord, "
                     "frågan utan stoppord"))
    for fig in result.sites:
        m, p = fig.material, fig.pagefind
        where = "rutinen" if fig is result.sites[0] else fig.label
        rows.append((f"Sidvisning hämtar före sökning, {where}",
                     f"{_kb(m.page_view_bytes)} (gzip {_kb(m.page_view_gzip)})",
                     _kb(p.page_view_bytes)))
        rows.append((f"Första sökningen hämtar, {where}", _kb(m.first_bytes),
                     f"{_kb(p.first_bytes)} (gzip {_kb(p.first_gzip)}), varav program "
                     f"{_kb(p.first_parts.get('program', 0))}"))
        if m.first_phrase_bytes:
            rows.append((f"Första sökningen med flera ord hämtar, störst av "
                         f"{len(m.first_phrase_bytes)}, {where}",
                         _kb(max(m.first_phrase_bytes)), "–"))
        rows.append((f"Senare sökning hämtar, störst, {where}",
                     _kb(max(m.later_bytes, default=0)), _kb(max(p.later_bytes, default=0))))
        rows.append((f"Första sökningen efter sidvisning, tid till resultat, {where}",
                     _ms(m.first_ms),
                     f"{_ms(p.first_ms)} ({p.first_ms / m.first_ms:.2f}× Material)"))
        rows.append((f"Senare sökning, tid till resultat (median), {where}",
                     _ms(_median(m.later_ms)),
                     f"{_ms(_median(p.later_ms))} "
                     f"({_median(p.later_ms) / _median(m.later_ms):.2f}× Material)"))
        rows.append((f"Sökindex på servern, {where}", _kb(m.index_bytes),
                     f"{_kb(p.index_bytes)} i {p.index_files} filer; indexering "
                     f"{p.index_seconds:.1f} s efter bygget"))
    rows.append(("Offlineversionen (öppnad från disken)", _short(result.offline[0]),
                 _short(result.offline[1])))
    rows.append(("Webbplatsens CSP", _short(result.csp_material), _short(result.csp_pagefind)))
    rows.append(("CSP med `'wasm-unsafe-eval'` i `script-src`", "–",
                 _short(result.csp_pagefind_wasm)))
    lines = ["| Mått | Webbplatsens sökning (Material, svensk hjälp, index i delar) | Pagefind |",
             "| --- | ---: | ---: |"]
    lines += [f"| {_cell(a)} | {_cell(b)} | {_cell(c)} |" for a, b, c in rows]
    return "\n".join(lines)


def write_table(result: Result, page: Path = RESULT_PAGE) -> bool:
    """Replace the table between the markers in the "Sök" section of docs/prestanda.md;
    False (nothing written) when the markers are not there."""
    text = page.read_text(encoding="utf-8")
    start, end = text.find(TABLE_START), text.find(TABLE_END)
    if start < 0 or end < start:
        return False
    head = text[: start + len(TABLE_START)]
    page.write_text(f"{head}\n\n{markdown_table(result)}\n\n{text[end:]}", encoding="utf-8")
    return True


def run(options: BenchOptions) -> bool:
    """The targets are the site's search's: Material's today (Pagefind's verdicts are
    printed beside them for the comparison)."""
    print(f"Sökningen: Material {_version('mkdocs-material')} mot Pagefind "
          f"{pagefind_version()}, {len(load_queries())} sökfrågor, "
          f"{' och '.join(str(r * c) for r, c in SCALES)} checklistor")
    missing = pagefind_available()
    if missing:
        print(f"  {missing}")
        return False
    workdir = Path(tempfile.mkdtemp(prefix="rutin-bench-sok-"))
    try:
        try:
            result = measure(workdir)
        except BenchError as exc:
            print(f"  {exc}")
            return False
        held = print_result(result)
        if options.write:
            if write_table(result):
                print(f"  tabellen skrevs till {RESULT_PAGE.relative_to(PROJECT)}")
            else:
                print(f"  {RESULT_PAGE.relative_to(PROJECT)} saknar avsnittet Sök med "
                      "tabellens markeringar: inget skrevs")
        return held
    finally:
        if options.keep:
            print(f"  filerna finns kvar i {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "saknas"
