"""Session fixtures shared by every test module.

built_site    the real site, built ONCE per session with `rutin build` (strict, atomic)
              into a temporary folder; returns its path. Honors $RUTIN_CONTENT_ROOT.
offline_site  the `rutin build --offline` variant (file://), built lazily, once.
site_server   built_site served by http.server on 127.0.0.1:<random port>; base URL.
browser       headless Debian Chromium via Playwright (sync API). Missing Chromium or
              Playwright: pytest.fail under CI=true, else skip.
page          a fresh browser context and page per test.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Review-date checks compare with today: pin "today" so fixtures give the same output
# every day of the year (the fixture routines have review dates).
os.environ.setdefault("RUTIN_TODAY", "2026-06-15")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
from rutin.check import content  # noqa: E402
from rutin.model.records import Checklist, Routine, Task  # noqa: E402
from rutin.printing.pdf import CHROMIUM_ARGS  # noqa: E402
from rutin.site import site_paths  # noqa: E402


def pytest_configure(config: pytest.Config) -> None:
    # pyproject turns every warning into an error. Playwright's greenlet-based sync API
    # and the event loop it starts in a thread may report unclosed transports at
    # interpreter shutdown; those are not our code's warnings.
    config.addinivalue_line("filterwarnings", "ignore::ResourceWarning")


# Fixtures that make a test slow (a site build) or need a browser: a test using one is
# marked so, whether or not its module says it, so `make test-fast` never builds or
# starts Chromium.
SLOW_FIXTURES = frozenset({"built_site", "offline_site", "site_server"})
BROWSER_FIXTURES = frozenset({"browser", "page"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if used & (SLOW_FIXTURES | BROWSER_FIXTURES):
            item.add_marker(pytest.mark.slow)
        if used & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)


def run_build(site_dir: Path, *extra: str, env: dict[str, str] | None = None) -> (
    subprocess.CompletedProcess[str]
):
    """`rutin build` in a subprocess (keeps MkDocs' state and warnings out of pytest)."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "rutin.cli", "build", "--site-dir", str(site_dir), *extra],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("built") / "site"
    result = run_build(site)
    if result.returncode != 0:
        pytest.fail(f"rutin build failed ({result.returncode}):\n{result.stderr}{result.stdout}")
    return site


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("offline") / "site-offline"
    result = run_build(site, "--offline")
    if result.returncode != 0:
        pytest.fail(f"rutin build --offline failed:\n{result.stderr}{result.stdout}")
    return site


@pytest.fixture(scope="session")
def site_server(built_site: Path) -> Iterator[str]:
    from rutin.printing.pdf import serve  # the same quiet loopback server `rutin pdf` uses

    with serve(built_site) as base_url:
        yield base_url


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests must run in CI: {reason}")
    pytest.skip(reason=reason)


@cache
def content_routines() -> tuple[Routine, ...]:
    """The project's routines, validated (an AssertionError lists every problem)."""
    report = content.checked(content.content_root())
    assert report.library is not None, "\n".join(p.format_text() for p in report.errors)
    return report.library.routines


def find_checklist(checklist_id: str) -> tuple[Routine, Checklist]:
    for r in content_routines():
        for c in r.checklists:
            if c.id == checklist_id:
                return r, c
    raise AssertionError(f"checklist {checklist_id} not in the content")


def page_address(base: str, src: str) -> str:
    """The served address of a page's source path (site_paths: checklist_page, …)."""
    return base + site_paths.page_url(src)


def state_key(routine: Routine, item: Checklist | Task) -> str:
    """Where checklist.js keeps a checklist's or task's ticks (sessionStorage)."""
    return f"rutin:{routine.id}/{item.id}:{item.version}"


def session_items(page: Any) -> dict[str, str]:
    return dict(page.evaluate(
        "() => Object.keys(sessionStorage).map(k => [k, sessionStorage.getItem(k)])"
    ))


def serve_sitemap_here(page: Any, base: str) -> None:
    """Let Material navigate instantly on a test server.

    Material navigates instantly only to addresses in sitemap.xml, matched by protocol,
    host AND port; a test server's port is not site_url's. Serve the sitemap as a site
    deployed at `base` would."""

    def served_here(route: Any) -> None:
        response = route.fetch()
        body = re.sub(r"<loc>https?://[^/<]+/", f"<loc>{base}", response.text())
        route.fulfill(response=response, body=body)

    page.route("**/sitemap.xml", served_here)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        _unavailable(f"Chromium not found at {CHROMIUM} (make browser installs it)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        _unavailable(f"playwright not installed: {exc}")
        raise
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1024, "height": 768}, locale="sv-SE")
    pg = context.new_page()
    try:
        yield pg
    finally:
        context.close()



@pytest.fixture(autouse=True)
def _no_script_errors(request: pytest.FixtureRequest) -> Iterator[None]:
    """In modules with CHECK_PAGE_ERRORS = True, every test that uses `page` also proves
    the page threw no JavaScript error."""
    if not getattr(request.module, "CHECK_PAGE_ERRORS", False) or (
        "page" not in request.fixturenames
    ):
        yield
        return
    page = request.getfixturevalue("page")
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield
    assert not errors, errors


# Resolves when the search result list has not changed for 300 ms (at most 10 s): Material
# redraws it for each typed prefix, so the last query's results are the settled ones.
_SETTLED_RESULTS = """() => new Promise((done) => {
  const list = document.querySelector(".md-search-result__list") || document.body;
  const again = () => { clearTimeout(timer); timer = setTimeout(finish, 300); };
  let timer = setTimeout(finish, 300);
  const watch = new MutationObserver(again);
  const limit = setTimeout(finish, 10000);
  function finish() { watch.disconnect(); clearTimeout(limit); done(); }
  watch.observe(list, { childList: true, subtree: true, characterData: true });
})"""


def settle_search(page: Any) -> None:
    """Wait until the search results belong to the whole typed query."""
    page.evaluate(_SETTLED_RESULTS)


VISIBLE_JS = "els => els.filter(e => getComputedStyle(e).display !== 'none')"


def click_option(fieldset: Any, question: Any, value: str) -> None:
    """Choose an answer by its label, as a reader clicks it."""
    exact = re.compile(rf"^\s*{re.escape(question.label_of(value))}\s*$")
    fieldset.locator("label").filter(has_text=exact).click()


def answer_wizard(aid: Any, table: Any, answers: dict[str, str]) -> None:
    """Answer a decision wizard as a reader: each question it shows, while it shows one
    we have an answer for (it asks only what can still change the outcome)."""
    for _ in table.inputs:
        asked = [str(x) for x in aid.locator("form.rutin-wizard fieldset[data-input]")
                 .evaluate_all(f"els => ({VISIBLE_JS})(els).filter(f => !f.hidden && "
                               "!f.querySelector('input:checked')).map(f => f.dataset.input)")]
        todo = [i for i in asked if i in answers]
        if not todo:
            return
        q = next(x for x in table.inputs if x.id == todo[0])
        click_option(aid.locator(f"form.rutin-wizard fieldset[data-input='{q.id}']"), q,
                     answers[q.id])
