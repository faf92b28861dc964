"""The built site in headless Chromium: Swedish search finds the right page first, and
the offline build works from file:// without a request leaving the disk. (That no
request of the online site leaves 127.0.0.1 is checked on every page by the one crawl,
tests/test_crawl.py.)"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from rutin.adapters.mkdocs_material import search_index as search_shards
from support.browser import settle_search

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SHARED_CONTEXT = True  # conftest: one context per module, cleared after each test

# Words staff type: a page with the word among its keywords (the checklists' and tasks'
# `keywords` become page tags, which the search weighs most) must come first.
SEARCHES = ("tolk", "tolken", "vårdnadshavare", "suicidrisk", "frikort")


def _keyword_pages(site: Path, word: str) -> set[str]:
    """The pages whose keywords (the tags of their first index document) hold `word`."""
    return {d["location"] for d in search_shards.documents(site)
            if "#" not in d["location"] and word in (d.get("tags") or [])}


def _search(page: Any, word: str) -> list[str]:
    page.locator("label.md-search__icon, .md-search__input").first.click()
    field = page.locator("input.md-search__input")
    # Typed key by key: Material reads the query from keyboard events, not from fill().
    field.press_sequentially(word, delay=30)
    results = page.locator(".md-search-result__item > a")
    results.first.wait_for(timeout=15_000)
    # The list is redrawn for each typed prefix: read it once it has stopped changing
    # (the last query's results), in one go – an item can vanish between two reads.
    settle_search(page)
    return [str(h) for h in results.evaluate_all("els => els.map(e => e.getAttribute('href'))")]



@pytest.mark.parametrize("word", SEARCHES)
def test_swedish_search_finds_the_right_page_first(
    page: Any, site_server: str, built_site: Path, word: str
) -> None:
    expected = _keyword_pages(built_site, word)
    assert expected, word
    page.goto(site_server, wait_until="networkidle")
    hrefs = _search(page, word)
    first = urlsplit(hrefs[0]).path.lstrip("/")
    assert first in expected, (hrefs[:3], expected)


def test_searching_twice_leaves_the_console_quiet(page: Any, site_server: str) -> None:
    """Each query hands Material's worker a new set-up, which imports Lunr's Swedish
    scripts again; Lunr's warning that they overwrite themselves is dropped (and nothing
    else is)."""
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(site_server, wait_until="networkidle")
    assert _search(page, "tolk")
    field = page.locator("input.md-search__input")
    field.fill("")
    field.press_sequentially("kallelse", delay=30)
    settle_search(page)
    assert page.locator(".md-search-result__item").count() > 0
    assert not [text for text in console if "Overwriting existing registered" in text], console


def test_offline_build_works_from_file(page: Any, offline_site: Path) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto((offline_site / "index.html").as_uri(), wait_until="load")
    with page.expect_navigation(wait_until="load"):
        page.locator(".rutin-tasks a").first.click()
    assert page.url.startswith("file://") and page.url.endswith(".html")
    # The page's component scripts load from disk too: ticking counts.
    expect(page.locator(".rutin-checklist[data-rutin-ready]")).to_have_count(1)
    page.locator(".rutin-step-text").first.click()
    expect(page.locator(".rutin-progress")).to_have_text(re.compile(r"^1 av \d+ klara$"))
    decision = next(iter(sorted((offline_site / "platform24" / "beslut").glob("*.html"))))
    page.goto(decision.as_uri(), wait_until="load")
    expect(page.locator("form.rutin-wizard fieldset").first).to_be_visible()
    hrefs = _search(page, "tolk")
    assert "bjuda-in-tolk.html" in hrefs[0], hrefs[:3]
    outside = [u for u in requests if not u.startswith(("file://", "data:", "blob:", "about:"))]
    assert not outside, "\n".join(outside)
