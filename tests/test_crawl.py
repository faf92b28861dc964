"""One crawl of the whole built site in headless Chromium, served with the production
Content-Security-Policy (nginx-csp.conf's headers), at desktop width and at phone width:

* axe-core finds no violation (WCAG 2.0, 2.1 and 2.2 A/AA and axe's best practices);
* no request leaves 127.0.0.1, and none fails – except a request the crawl itself aborts
  by moving the tab on to the next page (that is not the site's fault);
* no Content-Security-Policy violation (the `securitypolicyviolation` event, listened for
  before any page script runs, and the console);
* every page declares Swedish.

Each check used to crawl the site on its own; one crawl loads each page once per width.
The states a reader gets into (wizard outcome, open search, ticked checklist …) are
checked in tests/test_accessibility.py and tests/test_csp.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import Page, Request

from rutin.printing.pdf import serve
from rutin.site import csp
from support.browser import (
    AXE_OPTIONS,
    AXE_RUN,
    LISTEN,
    SETTLED,
    format_violations,
    served_headers,
)
from support.pages import site_pages

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WIDTHS = {"skrivbord": (1280, 800), "telefon": (390, 844)}
START_AXE = "options => { window.__axeRun = rutinAxe(options); }"
AXE_RESULT = "() => window.__axeRun"
ABORTED = "net::ERR_ABORTED"


def outside(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return False
    return parts.hostname != "127.0.0.1"


@dataclass
class Tab:
    """One width's tab and what it saw on the page it shows now."""

    name: str
    page: Page
    path: str = ""
    leaving: bool = False  # the crawl has sent the tab to the next page
    outside: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)

    def on_request(self, request: Request) -> None:
        if outside(request.url):
            self.outside.append(request.url)

    def on_failed(self, request: Request) -> None:
        # Moving on aborts what the last page still loads (a prefetch, the search index):
        # the crawl's doing. Any other failure, or an abort while the page is shown, counts.
        if self.leaving and request.failure == ABORTED:
            return
        self.failed.append(f"{request.url} ({request.failure})")

    def goto(self, base: str, path: str) -> None:
        self.leaving = True
        self.page.goto(base + path, wait_until="load")
        self.leaving = False
        self.path = path
        self.page.evaluate(SETTLED)
        self.page.evaluate(START_AXE, AXE_OPTIONS)

    def findings(self) -> list[str]:
        where = f"{self.path or '(startsidan)'} [{self.name}]"
        found: list[str] = []
        violations = self.page.evaluate(AXE_RESULT)
        if violations:
            found.append(format_violations(where, violations))
        found += [f"{where}: CSP: {v}" for v in self.page.evaluate("() => window.__csp || []")]
        if self.page.evaluate("() => document.documentElement.lang") != "sv":
            found.append(f"{where}: lang är inte sv")
        found += [f"{where}: begäran utanför 127.0.0.1: {u}" for u in self.outside]
        found += [f"{where}: misslyckad begäran: {u}" for u in self.failed]
        found += [f"{where}: konsolen: {m}" for m in self.console]
        self.outside.clear()
        self.failed.clear()
        self.console.clear()
        return found


@pytest.fixture(scope="module")
def csp_site(built_site: Path) -> Iterator[str]:
    with serve(built_site, served_headers(built_site)) as base:
        yield base


@pytest.fixture(scope="module")
def tabs(browser: Any) -> Iterator[list[Tab]]:
    """A tab per width, each in its own context (its own renderer: while axe runs in one,
    the other loads), with axe-core (color-contrast once per kind of text:
    support/axe_run.js) and the CSP listener loaded before page scripts."""
    contexts, found = [], []
    for name, (width, height) in WIDTHS.items():
        context = browser.new_context(viewport={"width": width, "height": height},
                                      locale="sv-SE")
        context.add_init_script(AXE_SCRIPT)
        context.add_init_script(AXE_RUN)
        context.add_init_script(LISTEN)
        tab = Tab(name, context.new_page())
        context.on("request", tab.on_request)
        context.on("requestfailed", tab.on_failed)
        context.on("console", lambda m, t=tab: t.console.append(m.text) if (
            "Content Security Policy" in m.text or "Content-Security-Policy" in m.text
        ) else None)
        contexts.append(context)
        found.append(tab)
    try:
        yield found
    finally:
        for context in contexts:
            context.close()


def test_every_page_at_every_width(tabs: list[Tab], csp_site: str, built_site: Path) -> None:
    pages = site_pages(built_site)
    assert len(pages) > 10 and "" in pages and "404.html" in pages, pages
    response = tabs[0].page.goto(csp_site, wait_until="load")
    assert response is not None
    assert response.headers.get("content-security-policy") == csp.policy()
    failures: list[str] = []
    for path in pages:
        for tab in tabs:
            tab.goto(csp_site, path)
        for tab in tabs:
            failures += tab.findings()
    assert not failures, "\n".join(failures)


def test_a_real_failed_request_is_reported(tabs: list[Tab], csp_site: str) -> None:
    """The allowance for the crawl's own aborts cannot hide a broken request: a failure,
    and an abort while the page is shown, both count."""
    tab = tabs[0]
    tab.goto(csp_site, "")
    tab.findings()
    tab.page.route("**/trasig.css", lambda route: route.abort("failed"))
    tab.page.route("**/avbruten.css", lambda route: route.abort("aborted"))
    try:
        for name in ("trasig.css", "avbruten.css"):
            with tab.page.expect_event("requestfailed"):
                tab.page.evaluate("n => { fetch('/' + n).catch(() => null); }", name)
        found = tab.findings()
    finally:
        tab.page.unroute_all()
    assert any("trasig.css" in f and "misslyckad" in f for f in found), found
    assert any("avbruten.css" in f and ABORTED in f for f in found), found
