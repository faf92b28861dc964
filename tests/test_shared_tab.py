"""The tab a module's browser tests take turns in (support/tabs.py, conftest's `page` in a
module with SHARED_CONTEXT = True) is handed to each test as a new tab would be.

The tests below run in order on one worker (a module at a time): each leaves the tab in
a state the next one proves is gone. The site is served by conftest's site_server; a
second origin (the same files on another port) shows what a tab that went elsewhere
gets.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from rutin.printing.pdf import serve
from support.tabs import LASTING, SharedTab

pytestmark = pytest.mark.browser
SHARED_CONTEXT = True
TESTS = Path(__file__).parent

SEEN: dict[str, Any] = {}  # what one test leaves for the next to check


@pytest.fixture(scope="module")
def other_origin(built_site: Path) -> Iterator[str]:
    with serve(built_site) as base:
        yield base


def _tab_state(page: Page) -> dict[str, Any]:
    return page.evaluate("""async () => ({
      session: sessionStorage.length, local: localStorage.length,
      databases: (await indexedDB.databases()).length,
      cookies: document.cookie, history: history.length,
      width: innerWidth, height: innerHeight,
      hovered: document.querySelectorAll(':hover').length,
    })""")


def _history(page: Page) -> list[str]:
    session = page.context.new_cdp_session(page)
    try:
        entries = session.send("Page.getNavigationHistory")["entries"]
    finally:
        session.detach()
    return [e["url"] for e in entries]


def test_a_test_leaves_its_marks_on_the_tab(page: Page, site_server: str) -> None:
    fresh = page.context.new_page()  # what a new tab shows on the same page
    try:
        fresh.goto(site_server)
        SEEN["new"] = _tab_state(fresh)
        SEEN["new history"] = _history(fresh)
    finally:
        fresh.close()
    page.goto(site_server)
    page.goto(site_server + "404.html")
    page.evaluate("""() => new Promise((done) => {
      sessionStorage.setItem('t', '1'); localStorage.setItem('t', '1'); document.cookie = 't=1';
      indexedDB.open('t').onsuccess = (e) => { e.target.result.close(); done(); };
    })""")
    page.set_viewport_size({"width": 400, "height": 500})
    page.on("console", lambda m: SEEN.setdefault("heard", []).append(m.text))
    page.mouse.move(200, 30)
    SEEN["tab"] = page
    assert _tab_state(page)["databases"] == 1


def test_the_next_test_gets_the_tab_as_new(page: Page, site_server: str) -> None:
    assert page is SEEN["tab"], "the tab was replaced although nothing lasting was done"
    assert page.url == "about:blank"
    page.goto(site_server)
    state = _tab_state(page)
    assert state == SEEN["new"], (state, SEEN["new"])
    # As in a new tab: nothing to go back to but about:blank, never an earlier test's page.
    assert _history(page) == SEEN["new history"]
    page.evaluate("() => console.log('hörs inte')")
    assert "hörs inte" not in SEEN.get("heard", []), "the earlier test's listener still runs"


def test_a_second_tab_stores_on_another_origin(page: Page, site_server: str,
                                               other_origin: str) -> None:
    SEEN["tab"] = page
    page.goto(site_server)
    other = page.context.new_page()
    other.goto(other_origin)
    other.evaluate("() => { localStorage.setItem('t', '1'); sessionStorage.setItem('t', '1'); }")


def test_the_other_origin_is_cleared_and_the_tab_new(page: Page, other_origin: str) -> None:
    assert page is not SEEN["tab"]
    assert len(page.context.pages) == 1, "the earlier test's second tab is still open"
    page.goto(other_origin)
    state = _tab_state(page)
    assert state["local"] == 0 and state["session"] == 0, state


def test_a_second_origin_leaves_the_tab_to_be_replaced(
        page: Page, site_server: str, other_origin: str) -> None:
    SEEN["tab"] = page
    page.goto(other_origin)
    page.evaluate("() => { sessionStorage.setItem('t', '1'); localStorage.setItem('t', '1'); }")
    page.goto(site_server)


def test_after_a_second_origin_the_tab_is_new(page: Page, other_origin: str) -> None:
    assert page is not SEEN["tab"]
    page.goto(other_origin)
    state = _tab_state(page)
    assert state["session"] == 0 and state["local"] == 0, state


@pytest.mark.parametrize("lasting", ["route", "emulate_media", "add_init_script"])
def test_what_cannot_be_undone_replaces_the_tab(page: Page, site_server: str,
                                                lasting: str) -> None:
    previous = SEEN.get("lasting")
    assert previous is None or page is not previous, "a tab with a lasting change was reused"
    SEEN["lasting"] = page
    if lasting == "route":
        page.route("**/nothing-here", lambda route: route.abort())
    elif lasting == "emulate_media":
        page.emulate_media(media="print")
    else:
        page.add_init_script("window.__mark = 1")
    page.goto(site_server)


def test_a_test_that_closes_the_tab_gets_a_new_one(page: Page) -> None:
    SEEN["closed"] = page
    page.close()


def test_after_a_closed_tab_there_is_a_new_one(page: Page) -> None:
    assert page is not SEEN["closed"] and not page.is_closed()


def test_every_method_that_lasts_exists_on_the_page() -> None:
    """A name misspelt in LASTING would never mark a tab."""
    missing = [name for name in LASTING if not callable(getattr(Page, name, None))]
    assert not missing, missing


# A module whose tests share a context must not change the context itself: its routes,
# init scripts, permissions and headers would reach every later test of the module.
CONTEXT_CHANGE = re.compile(
    r"\bpage\.context\.(route|add_init_script|expose_\w+|grant_permissions|"
    r"set_extra_http_headers|set_geolocation|set_offline|add_cookies|set_default_\w+)\(")


def test_modules_that_share_a_context_leave_it_alone() -> None:
    offending = []
    for path in sorted(TESTS.glob("test_*.py")):
        text = path.read_text(encoding="utf-8")
        if re.search(r"^SHARED_CONTEXT = True", text, re.M):
            offending += [f"{path.name}: {m.group(0)}" for m in CONTEXT_CHANGE.finditer(text)]
    assert not offending, offending


def test_the_source_check_finds_a_context_change() -> None:
    assert CONTEXT_CHANGE.search("    page.context." + "add_init_script('x')")
    assert not CONTEXT_CHANGE.search("    page.context.new_page()")


def test_a_reset_that_fails_gives_the_next_test_a_new_context(browser: Any,
                                                              site_server: str) -> None:
    shared = SharedTab(lambda: browser.new_context(), {"width": 800, "height": 600})
    try:
        first = shared.context
        tab = shared.take()
        tab.goto(site_server)
        tab.evaluate("() => localStorage.setItem('t', '1')")

        class Broken:
            def send(self, *_: Any) -> None:
                raise RuntimeError("trasig")

        shared._session = Broken()
        with pytest.raises(RuntimeError, match="trasig"):
            shared.give_back()
        assert first.pages == [] or all(p.is_closed() for p in first.pages)
        assert shared.context is not first and shared.tab is None
        again = shared.take()
        again.goto(site_server)
        assert again.evaluate("() => localStorage.length") == 0
    finally:
        shared.close()
