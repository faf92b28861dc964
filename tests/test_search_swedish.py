"""The search's Swedish help in Chromium: each query is rewritten into the site's own
words before Material's search sees it (overrides/assets/javascripts/workers/:
rutin-query.js, run by the search worker rutin-search.js), and a search that finds
nothing suggests near words and the tasks of the reader's role – online and from disk.
The whole staff query set is tests/test_search_eval.py."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from conftest import settle_search
from rutin.content import content_root
from rutin.validate import check

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WORKERS = "assets/javascripts/workers"
# The query's word pieces, then rewrite() – as the search worker does for each query.
_REWRITE = """async ([queries, site]) => {
  const load = (src) => new Promise((done, fail) => {
    const s = document.createElement("script");
    s.src = new URL(src, site).href; s.onload = done; s.onerror = fail; document.head.append(s);
  });
  await load("assets/javascripts/workers/rutin-query.js");
  await load("assets/javascripts/workers/rutin-pieces.js");
  const manifest = await (await fetch(new URL("search/search_index.json", site))).json();
  const config = manifest.config;
  const pieces = self.rutinPieces(config.rutin_pieces, new URL(site), load, config.rutin_aids);
  const out = [];
  for (const q of queries) out.push(self.rutinQuery.rewrite(await pieces.words(q), q));
  return out;
}"""


def _routine_aid() -> tuple[str, str]:
    library = check(content_root()).library
    assert library is not None
    routine = library.routine("platform24")
    aid = next(a for a in routine.search_aids if " " not in a.term)
    return aid.words[0], aid.term


def test_queries_become_the_sites_words(page: Any, site_server: str) -> None:
    word, term = _routine_aid()
    cases = {
        "vad skriver jag i journalen": "skriver journalen",  # stop words out
        "vardnadshavare": "vårdnadshavare",                    # without å
        "tolkarna": "tolk",                                    # an ending off
        "barnbesök": "barn besök",                             # a compound split
        "anhörigsamtl": "anhörigsamtal",                       # a typo
        "suicd": "suicid",                                     # a typo in a short word
        "+tolk -barn": "+tolk -barn",                          # Lunr's syntax kept
        "vad gör jag": "vad gör jag",                          # only stop words: as typed
        word: term.lower(),                                    # a search aid
    }
    page.goto(site_server, wait_until="load")
    got = page.evaluate(_REWRITE, [list(cases), site_server])
    assert dict(zip(cases, got, strict=True)) == cases


def test_the_search_worker_runs_materials_own(built_site: Path) -> None:
    html = (built_site / "index.html").read_text(encoding="utf-8")
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)'
                                  r"</script>", html, re.S).group(1))  # type: ignore[union-attr]
    url = urlsplit(config["search"])
    assert url.path.endswith(f"{WORKERS}/rutin-search.js")
    material = parse_qs(url.query)["material"][0]
    # After a Material upgrade the worker's name changes: overrides/main.html names it.
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
    sizes = _sizes(page)
    page.goto(site_server + "platform24/bjuda-in-tolk/", wait_until="networkidle")
    index = {p: n for p, n in sizes.items() if "/search/" in p}
    # The page view: the manifest only (config, search aids, tasks), no documents.
    assert list(index) == ["/search/search_index.json"]
    manifest = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    assert manifest["docs"] == [] and index["/search/search_index.json"] < 16_000
    # One query (the whole word at once; typed key by key each prefix is a query too).
    page.locator("label.md-search__icon, .md-search__input").first.click()
    field = page.locator("input.md-search__input")
    field.fill("tolken")
    field.dispatch_event("keyup", {"key": "n"})
    settle_search(page)
    assert "bjuda-in-tolk" in " ".join(_hrefs(page)[:3])
    pieces = {p: n for p, n in sizes.items() if "/search/w/" in p or "/search/p/" in p}
    everything = sum(f.stat().st_size for f in (built_site / "search").rglob("*.js"))
    assert pieces and sum(pieces.values()) <= 100_000
    assert sum(pieces.values()) < everything / 2, (sum(pieces.values()), everything)


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
    marks = page.locator("article mark")
    expect(marks.first).to_be_visible()
    assert any(t.lower().startswith("vårdnadshavare") for t in marks.all_inner_texts())
