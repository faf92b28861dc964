"""Session fixtures shared by every test module (helpers: tests/support/).

built_site    the real site, built ONCE per test run with `rutin build` (strict, atomic)
              into a temporary folder shared by the xdist workers; returns its path.
              Honors $RUTIN_CONTENT_ROOT.
offline_site  the `rutin build --offline` variant (file://), built lazily, once.
site_server   built_site served by http.server on 127.0.0.1:<random port>; base URL.
browser       headless Debian Chromium via Playwright (sync API), one per worker. Missing
              Chromium or Playwright: pytest.fail under CI=true, else skip.
page          a fresh browser context and page per test (SHARED_CONTEXT = True in a module:
              one tab of one context per module, put back as new between tests:
              support/tabs.py).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Review-date checks compare with today: pin "today" so fixtures give the same output
# every day of the year (the fixture routines have review dates).
os.environ.setdefault("RUTIN_TODAY", "2026-06-15")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
from rutin.printing.pdf import CHROMIUM_ARGS  # noqa: E402
from support.project import run_build  # noqa: E402
from support.shared import made_once  # noqa: E402
from support.tabs import SharedTab  # noqa: E402


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

# `make test` runs the suite on pytest-xdist workers, a module at a time (--dist
# loadscope: a module's fixtures are made once, on its worker) in collection order
# (--no-loadscope-reorder). These modules take longest, in the order measured with
# `--durations=0` (docs/prestanda.md): they are handed out first, so no worker is left
# with one of them at the end while the other is idle. The second needs no built site,
# so while the first worker builds it the second works instead of waiting on the lock.
# Only the order of the run changes; a module missing here just starts later.
LONGEST_FIRST = (
    "test_crawl.py",
    "test_hostile.py",
    "test_source_update.py",
    "test_preview.py",
    "test_browser_tasks.py",
    "test_browser_lean_view.py",
    "test_search_eval.py",
    "test_browser_scenarios.py",
    "test_guide.py",
    "test_accessibility.py",
    "test_content_security.py",
    "test_print.py",
    "test_browser_decisions.py",
    "test_search_swedish.py",
    "test_bench_site.py",
    "test_browser_checklist.py",
    "test_zensical.py",
    "test_invalid_fixtures.py",
    "test_publish.py",
    "test_browser_site.py",
    "test_never_raises.py",
    "test_bench_smoke.py",
    "test_site_plan.py",
    "test_editor_tools.py",
    "test_trace_site.py",
    "test_browser_gates.py",
    "test_browser_safeguards.py",
    "test_schemas.py",
)


def _start_rank(items: list[pytest.Item]) -> dict[Path, tuple[int, int]]:
    """Per module: listed ones first, then modules with a slow test, then the rest."""
    rank: dict[Path, tuple[int, int]] = {}
    for item in items:
        name = item.path.name
        first = LONGEST_FIRST.index(name) if name in LONGEST_FIRST else len(LONGEST_FIRST)
        slow = 0 if item.get_closest_marker("slow") else 1
        rank[item.path] = min(rank.get(item.path, (first, slow)), (first, slow))
    return rank


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if used & (SLOW_FIXTURES | BROWSER_FIXTURES):
            item.add_marker(pytest.mark.slow)
        if used & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
    rank = _start_rank(items)
    items.sort(key=lambda item: rank[item.path])  # stable: a module keeps its own order


def _build(name: str, *extra: str) -> Any:
    def make(folder: Path) -> None:
        result = run_build(folder / name, *extra)
        if result.returncode != 0:
            pytest.fail(f"rutin build {' '.join(extra)} failed ({result.returncode}):\n"
                        f"{result.stderr}{result.stdout}")
    return make


@pytest.fixture(scope="session")
def built_site(pytestconfig: pytest.Config, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return made_once(pytestconfig, tmp_path_factory, "built", _build("site")) / "site"


@pytest.fixture(scope="session")
def offline_site(pytestconfig: pytest.Config, tmp_path_factory: pytest.TempPathFactory
                 ) -> Path:
    site = made_once(pytestconfig, tmp_path_factory, "offline",
                     _build("site-offline", "--offline"))
    return site / "site-offline"


@pytest.fixture(scope="session")
def site_server(built_site: Path) -> Iterator[str]:
    from rutin.printing.pdf import serve  # the same quiet loopback server `rutin pdf` uses

    with serve(built_site) as base_url:
        yield base_url


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests must run in CI: {reason}")
    pytest.skip(reason=reason)


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


PAGE_CONTEXT = {"viewport": {"width": 1024, "height": 768}, "locale": "sv-SE"}


@pytest.fixture(scope="module")
def _module_tab(browser: Any) -> Iterator[SharedTab]:
    shared = SharedTab(lambda: browser.new_context(**PAGE_CONTEXT), PAGE_CONTEXT["viewport"])
    try:
        yield shared
    finally:
        shared.close()


@pytest.fixture
def page(request: pytest.FixtureRequest, browser: Any) -> Iterator[Any]:
    """A tab with nothing stored, as a new one.

    In a module with SHARED_CONTEXT = True the module's tests take turns in one tab of
    one context (support/tabs.py): between tests the storage is cleared (checked), the
    history dropped, the tab's listeners and viewport put back; a test that changed the
    tab in a way that cannot be undone (a route, an init script, media emulation …)
    leaves it to be replaced. A new tab costs Chromium about as much as a page view or
    more (measured 2026-12-07), and most tests open one page. Such a module's tests add
    nothing to the context itself (routes, init scripts, permissions: those belong to a
    context the test makes itself; tests/test_shared_tab.py checks the modules' source)."""
    if not getattr(request.module, "SHARED_CONTEXT", False):
        context = browser.new_context(**PAGE_CONTEXT)
        try:
            yield context.new_page()
        finally:
            context.close()
        return
    shared: SharedTab = request.getfixturevalue("_module_tab")
    tab = shared.take()
    try:
        yield tab
    finally:
        shared.give_back()


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
