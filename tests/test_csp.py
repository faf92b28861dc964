"""The built site under its Content-Security-Policy (scripts/rutin/site/csp.py, docs/drift.md).

The build writes `site/csp.txt` and `site/nginx-csp.conf`. Here the built site is served
by a tiny HTTP server that sends exactly the headers of nginx-csp.conf. Every page is
loaded under them in the one crawl (tests/test_crawl.py: no CSP violation, the
`securitypolicyviolation` event listened for before any page script runs, and the
console); here the checklist, the decision wizard, search, instant navigation and the
print footer still work under the policy.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from rutin.adapters.mkdocs_material.inline_scripts import site_hashes
from rutin.check import content
from rutin.printing.pdf import serve
from rutin.site import csp, site_paths
from support.browser import LISTEN, serve_sitemap_here, served_headers, settle_search

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def csp_server(built_site: Path) -> Iterator[str]:
    with serve(built_site, served_headers(built_site)) as base:
        yield base


@pytest.fixture
def cpage(browser: Any) -> Iterator[tuple[Page, list[str]]]:
    """A page that records CSP violations: the event and the console messages."""
    context = browser.new_context(viewport={"width": 1024, "height": 768}, locale="sv-SE")
    context.add_init_script(LISTEN)
    console: list[str] = []
    context.on("console", lambda m: console.append(m.text)
               if "Content Security Policy" in m.text or "Content-Security-Policy" in m.text
               else None)
    page = context.new_page()
    try:
        yield page, console
    finally:
        context.close()


def violations(page: Page, console: list[str]) -> list[str]:
    return [*page.evaluate("() => window.__csp || []"), *console]


# --------------------------------------------------------------------------- the policy


def test_policy_is_strict_for_scripts(built_site: Path) -> None:
    value = (built_site / csp.POLICY_FILE).read_text(encoding="utf-8").strip()
    directives = dict(d.strip().split(" ", 1) for d in value.split(";"))
    assert directives["script-src"] == "'self'", "no inline script may need a hash"
    assert "unsafe-eval" not in value
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["form-action"] == "'self'"
    assert directives["connect-src"] == "'self'"
    assert directives["default-src"] == "'self'"
    # No page has an inline script the policy would block (Material's are files now).
    assert site_hashes(built_site) == []
    # The generated files and the documented policy are the same.
    assert value == csp.policy()
    headers = served_headers(built_site)
    assert headers["Content-Security-Policy"] == value
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "Referrer-Policy" in headers and "X-Frame-Options" in headers
    drift = (ROOT / "docs" / "drift.md").read_text(encoding="utf-8")
    assert value in drift, "docs/drift.md must show the policy the build writes"
    for name, header in csp.OTHER_HEADERS:
        assert f'add_header {name} "{header}" always;' in drift, name


def test_inline_script_gets_a_hash(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(
        '<script>alert(1)</script><script type="application/json">{}</script>'
        '<script src="x.js"></script>', encoding="utf-8")
    assert site_hashes(tmp_path) == [
        "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
    ]
    assert "script-src 'self' 'sha256-" in csp.write(tmp_path, site_hashes(tmp_path))


# --------------------------------------------------------------------------- every page


# --------------------------------------------------------------------------- still works


def _routine() -> Any:
    report = content.checked(content.content_root(ROOT))
    assert report.library is not None
    return report.library.routines[0]


def test_checklist_wizard_search_and_print_work_under_the_policy(
    cpage: tuple[Page, list[str]], csp_server: str
) -> None:
    page, console = cpage
    r = _routine()

    # A checklist: tick a box, the progress follows.
    c = max(r.checklists, key=lambda c: len(c.steps))
    page.goto(csp_server + site_paths.page_url(site_paths.checklist_page(r.id, c.id)))
    first = next(s for s in c.steps if not s.when)
    page.locator(f"label[for='tick-{first.id}']").click()
    expect(page.locator(f"#tick-{first.id}")).to_be_checked()
    expect(page.locator(".rutin-checklist .rutin-progress")).to_contain_text("1 av ")
    # Print: site.js writes the footer for the printed page (a constructed stylesheet).
    page.emulate_media(media="print")
    page.evaluate("() => window.rutinPrint.update()")
    page.emulate_media(media="screen")
    assert not violations(page, console)

    # A decision wizard: answer until the outcome shows.
    t = max(r.decisions, key=lambda t: len(t.inputs))
    page.goto(csp_server + site_paths.page_url(site_paths.decision_page(r.id, t.id)))
    expect(page.locator("form.rutin-wizard")).to_be_visible()
    for _ in t.inputs:
        open_question = page.locator("form.rutin-wizard fieldset:visible:not(:has(input:checked))")
        if not open_question.count():
            break
        open_question.first.locator("input[type=radio]").first.check()
    expect(page.locator(".rutin-outcome .rutin-outcome-text")).to_be_visible()
    assert not violations(page, console)

    # Search: the Web Worker loads the index and results appear.
    page.goto(csp_server, wait_until="load")
    page.locator(".md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("tolk", delay=30)
    page.locator(".md-search-result__item > a").first.wait_for(timeout=15_000)
    settle_search(page)
    assert not violations(page, console)


def test_instant_navigation_under_the_policy(
    cpage: tuple[Page, list[str]], csp_server: str
) -> None:
    page, console = cpage
    serve_sitemap_here(page, csp_server)
    page.set_viewport_size({"width": 1400, "height": 900})
    r = _routine()
    with page.expect_response("**/sitemap.xml"):
        page.goto(csp_server + site_paths.page_url(site_paths.routine_page(r.id)))
    page.evaluate("() => { window.__sameDocument = true; }")
    link = page.locator("ul.rutin-items a").first
    target = link.evaluate("a => a.href")
    link.click()
    page.wait_for_url(target)
    assert page.evaluate("() => window.__sameDocument === true"), "not an instant navigation"
    # The first item is a task: its checklist and each inline decision aid come alive.
    expect(page.locator(".rutin-checklist")).to_have_count(1)  # the new page's content
    components = page.locator(".rutin-checklist, .rutin-decision")
    total = components.count()
    expect(page.locator(".rutin-checklist[data-rutin-ready], .rutin-decision[data-rutin-ready]")
           ).to_have_count(total)
    assert not violations(page, console)
