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
# The index's words, then rewrite() – as the search worker does at set-up and per query.
_REWRITE = """async ([queries, indexUrl]) => {
  await new Promise((done, fail) => {
    const s = document.createElement("script");
    s.src = new URL("assets/javascripts/workers/rutin-query.js", indexUrl).href;
    s.onload = done; s.onerror = fail; document.head.append(s);
  });
  const data = await (await fetch(new URL("search/search_index.json", indexUrl))).json();
  const texts = [];
  for (const d of data.docs) texts.push(d.title, d.text, (d.tags || []).join(" "));
  const voc = self.rutinQuery.vocabulary(texts, data.config.rutin_aids);
  return queries.map((q) => self.rutinQuery.rewrite(voc, q));
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
