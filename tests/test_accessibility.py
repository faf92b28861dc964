"""Accessibility gate (the Swedish DOS law: EN 301 549 / WCAG 2.1 AA).

axe-core (axe-playwright-python's bundled copy) runs in headless Chromium on every page
of the built site at desktop and phone width (tests/test_crawl.py, the one crawl), and
here on the states a reader gets into: a decision wizard showing its outcome, a checklist
with a question answered and steps ticked, the search dialog open with results, the
print-emulated page, a phone-sized page with the menu open and the offline build. Rules:
WCAG 2.0/2.1/2.2 A and AA and axe's best practices; the gate is ZERO violations. Nothing is
hidden from axe and no rule is disabled: fixes live in the theme overrides
(scripts/rutin/adapters/mkdocs_material/overrides/) and the site's own markup and CSS.

Then the main flows by keyboard only (search → open a result; answer a checklist's
question with the arrow keys and tick steps with Space; answer a decision wizard with
the arrow keys). Ticking a plain checklist by keyboard and "Börja om" are covered in
tests/test_browser_checklist.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import Page, expect

from rutin.model import decide
from rutin.model.records import DecisionTable, Routine
from rutin.pages import staff_pages
from rutin.site import site_paths
from support.browser import axe, format_violations, settle_search
from support.pages import site_pages
from support.project import content_routines, find_checklist
from support.tabs import SharedTab

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SHARED_CONTEXT = True  # conftest: one context per module, cleared after each test

NURSE_CHECKLIST = "barn-under-13-med-ombud"  # a question, a conditional step
SEARCH_WORD = "tolk"
SEARCH_TARGET = "platform24/bjuda-in-tolk/"


def _largest_table() -> tuple[Routine, DecisionTable]:
    tables = [(r, t) for r in content_routines() for t in r.decisions]
    assert tables, "no decision table in the content"
    return max(tables, key=lambda rt: (len(rt[1].inputs), len(rt[1].rules)))


# --------------------------------------------------------------------------- axe


AXE_VIEWPORT = {"width": 1024, "height": 768}


def _axe_context(browser: Any) -> Any:
    context = browser.new_context(viewport=AXE_VIEWPORT, locale="sv-SE")
    context.add_init_script(AXE_SCRIPT)
    return context


@pytest.fixture(scope="module")
def axe_tab(browser: Any) -> Iterator[SharedTab]:
    """One browser context for the module, axe-core loaded into every page it opens; its
    tests take turns in one tab, put back as new between them (support/tabs.py)."""
    shared = SharedTab(lambda: _axe_context(browser), AXE_VIEWPORT)
    try:
        yield shared
    finally:
        shared.close()


@pytest.fixture
def apage(axe_tab: SharedTab) -> Iterator[Page]:
    tab = axe_tab.take()
    try:
        yield tab
    finally:
        axe_tab.give_back()


def test_offline_build_pages_have_no_axe_violations(apage: Page, offline_site: Path) -> None:
    """The offline build (file://, no instant navigation, the vendored search shim):
    the start page, a checklist, a decision table and the search dialog."""
    r, c = find_checklist(NURSE_CHECKLIST)
    t = _largest_table()[1]
    failures = []
    for src in ("index.md", site_paths.checklist_page(r.id, c.id),
                site_paths.decision_page(r.id, t.id)):
        path = offline_site / site_paths.built_path(src, use_directory_urls=False)
        apage.goto(path.as_uri(), wait_until="load")
        violations = axe(apage)
        if violations:
            failures.append(format_violations(f"{src} (offline)", violations))
    apage.locator("label.md-search__icon, .md-search__input").first.click()
    apage.locator("input.md-search__input").press_sequentially(SEARCH_WORD, delay=30)
    apage.locator(".md-search-result__item > a").first.wait_for(timeout=15_000)
    settle_search(apage)
    violations = axe(apage)
    if violations:
        failures.append(format_violations("search dialog (offline)", violations))
    assert not failures, "\n".join(failures)


def test_decision_wizard_with_an_outcome(apage: Page, site_server: str) -> None:
    r, t = _largest_table()
    apage.goto(site_server + site_paths.page_url(site_paths.decision_page(r.id, t.id)))
    expect(apage.locator("form.rutin-wizard")).to_be_visible()
    answers, rule = _answers_with_actions(t)
    for q in t.inputs:
        fieldset = apage.locator(f"form.rutin-wizard fieldset[data-input='{q.id}']")
        if not fieldset.is_visible():
            continue  # not asked: its answer cannot change the outcome
        exact = re.compile(rf"^\s*{re.escape(q.label_of(answers[q.id]))}\s*$")
        fieldset.locator("label").filter(has_text=exact).click()
    outcome = apage.locator(".rutin-decision .rutin-outcome")
    expect(outcome).to_contain_text(" ".join(staff_pages.plain(rule.then.outcome).split()))
    # the source quotes open too (the underlag shown): every piece of the outcome's
    # markup is checked
    apage.get_by_label("Visa underlag").check()
    outcome.locator("details.rutin-quotes > summary").first.click()
    expect(outcome.locator(".rutin-quote").first).to_be_visible()
    violations = axe(apage)
    apage.get_by_label("Visa underlag").uncheck()  # the module's pages share the choice
    assert not violations, format_violations("wizard with outcome", violations)


def _answers_with_actions(t: DecisionTable) -> tuple[dict[str, str], Any]:
    """An answer set whose outcome has actions (the richest outcome markup)."""
    best: tuple[dict[str, str], Any] | None = None
    for combo in decide.combinations(t):
        rule = decide.evaluate(t, combo)
        if rule is None:
            continue
        if best is None or (rule.then.actions and not best[1].then.actions):
            best = (combo, rule)
    assert best is not None, f"{t.id}: no answer leads to an outcome"
    return best


def test_ticked_checklist_with_its_question_answered(apage: Page, site_server: str) -> None:
    r, c = find_checklist(NURSE_CHECKLIST)
    apage.goto(site_server + site_paths.page_url(site_paths.checklist_page(r.id, c.id)))
    question = c.questions[0]
    exact = re.compile(rf"^\s*{re.escape(question.options[0].label)}\s*$")
    apage.locator(f"fieldset[data-question='{question.id}'] label").filter(has_text=exact).click()
    visible = apage.locator(".rutin-step:visible .rutin-step-text")
    for i in range(min(2, visible.count())):
        visible.nth(i).click()
    expect(apage.locator(".rutin-tick:checked")).to_have_count(min(2, visible.count()))
    violations = axe(apage)
    assert not violations, format_violations("ticked checklist", violations)


def test_open_search_dialog_with_results(apage: Page, site_server: str) -> None:
    apage.goto(site_server, wait_until="networkidle")
    apage.locator("label.md-search__icon, .md-search__input").first.click()
    apage.locator("input.md-search__input").press_sequentially(SEARCH_WORD, delay=30)
    apage.locator(".md-search-result__item > a").first.wait_for(timeout=15_000)
    settle_search(apage)
    expect(apage.locator(".md-search")).to_have_attribute("role", "dialog")
    violations = axe(apage)
    assert not violations, format_violations("search dialog with results", violations)


def test_open_search_dialog_that_found_nothing(apage: Page, site_server: str) -> None:
    """The no-hit help: "Menade du" buttons and the role's tasks, in the open dialog."""
    apage.goto(site_server, wait_until="networkidle")
    apage.locator("label.md-search__icon, .md-search__input").first.click()
    apage.locator("input.md-search__input").press_sequentially("tolkqq", delay=30)
    expect(apage.locator(".rutin-no-hit .rutin-suggestion").first).to_be_visible()
    expect(apage.locator(".rutin-no-hit-list a").first).to_be_visible()
    violations = axe(apage)
    assert not violations, format_violations("search dialog that found nothing", violations)


def test_print_emulated_pages(apage: Page, site_server: str) -> None:
    r, c = find_checklist(NURSE_CHECKLIST)
    t = _largest_table()[1]
    apage.emulate_media(media="print")
    for src in (site_paths.checklist_page(r.id, c.id), site_paths.decision_page(r.id, t.id)):
        apage.goto(site_server + site_paths.page_url(src), wait_until="load")
        violations = axe(apage)
        assert not violations, format_violations(f"{src} (print)", violations)


def test_phone_sized_page_with_the_menu_open(browser: Any, site_server: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="sv-SE",
                                  is_mobile=True, has_touch=True)
    context.add_init_script(AXE_SCRIPT)
    try:
        pg = context.new_page()
        r, c = find_checklist(NURSE_CHECKLIST)
        pg.goto(site_server + site_paths.page_url(site_paths.checklist_page(r.id, c.id)))
        violations = axe(pg)
        assert not violations, format_violations("phone", violations)
        pg.locator("label.md-header__button[for='__drawer']").click()
        expect(pg.locator("nav.md-nav--primary")).to_be_in_viewport()
        violations = axe(pg)
        assert not violations, format_violations("phone, menu open", violations)
    finally:
        context.close()


# --------------------------------------------------------------------------- lang="sv"


class _Lang(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html" and self.lang is None:
            self.lang = dict(attrs).get("lang") or ""


def test_every_page_declares_swedish(built_site: Path) -> None:
    wrong = []
    for path in site_pages(built_site):
        parser = _Lang()
        file = built_site / (path + "index.html" if path.endswith("/") or not path else path)
        parser.feed(file.read_text(encoding="utf-8"))
        if parser.lang != "sv":
            wrong.append(f"{path or '(start page)'}: lang={parser.lang!r}")
    assert not wrong, "\n".join(wrong)


# --------------------------------------------------------------------------- keyboard


def _focused(page: Page, selector: str) -> bool:
    return bool(page.evaluate("s => !!document.activeElement?.matches(s)", selector))


def _tab_to(page: Page, selector: str, limit: int = 200, key: str = "Tab") -> None:
    for _ in range(limit):
        page.keyboard.press(key)
        if _focused(page, selector):
            return
    pytest.fail(f"{key} never reached {selector}")


def _focus_is_visible(page: Page) -> None:
    style = page.evaluate(
        """() => { const e = document.activeElement, s = getComputedStyle(e);
                   return {visible: e.matches(':focus-visible'), outline: s.outlineStyle,
                           width: parseFloat(s.outlineWidth), shadow: s.boxShadow}; }"""
    )
    assert style["visible"], style
    assert (style["outline"] != "none" and style["width"] > 0) or style["shadow"] != "none", style


def test_keyboard_search_and_open_a_result(page: Page, site_server: str) -> None:
    page.goto(site_server, wait_until="networkidle")
    # The skip link comes first and leads to the content.
    page.keyboard.press("Tab")
    assert _focused(page, "a.md-skip"), page.evaluate("() => document.activeElement.outerHTML")
    _tab_to(page, "input.md-search__input")
    _focus_is_visible(page)
    page.keyboard.type(SEARCH_WORD, delay=30)
    first = page.locator(".md-search-result__item > a").first
    first.wait_for(timeout=15_000)
    settle_search(page)
    expect(page.locator("input[data-md-toggle='search']")).to_be_checked()  # dialog open
    href = first.evaluate("a => a.href")
    assert href.startswith(site_server + SEARCH_TARGET), href
    page.keyboard.press("ArrowDown")  # Material moves the focus into the results
    assert _focused(page, ".md-search-result__item > a"), page.evaluate(
        "() => document.activeElement.outerHTML.slice(0, 200)"
    )
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(site_server + SEARCH_TARGET)))
    expect(page.locator("h1")).to_be_visible()
    # Escape closes the dialog on the new page too (Material's keyboard handling).
    expect(page.locator("input[data-md-toggle='search']")).not_to_be_checked()


def test_keyboard_checklist_question_with_arrows_and_ticks_with_space(
    page: Page, site_server: str
) -> None:
    r, c = find_checklist(NURSE_CHECKLIST)
    question = c.questions[0]
    assert len(question.options) >= 2
    page.goto(site_server + site_paths.page_url(site_paths.checklist_page(r.id, c.id)))
    radios = f"fieldset[data-question='{question.id}'] input[type=radio]"
    _tab_to(page, radios)
    _focus_is_visible(page)
    page.keyboard.press("Space")  # the first option
    expect(page.locator(radios).nth(0)).to_be_checked()
    page.keyboard.press("ArrowDown")  # arrow keys move within the group and select
    chosen = question.options[1]
    expect(page.locator(f"{radios}[value='{chosen.value}']")).to_be_checked()
    applies = [s for s in c.steps if chosen.value in s.when.get(question.id, (chosen.value,))]
    skipped = [s for s in c.steps if s not in applies]
    progress = page.locator(".rutin-checklist .rutin-progress")
    expect(progress).to_have_text(f"0 av {len(applies)} klara")

    # Tab goes through the steps that apply, in order, skipping hidden ones.
    reached = []
    for _ in range(len(applies)):
        _tab_to(page, ".rutin-tick", limit=40)
        reached.append(page.evaluate("() => document.activeElement.id"))
        _focus_is_visible(page)
        page.keyboard.press("Space")
    assert reached == [f"tick-{s.id}" for s in applies], reached
    for s in skipped:
        assert f"tick-{s.id}" not in reached
    expect(progress).to_have_text(f"{len(applies)} av {len(applies)} klara")


def test_keyboard_decision_wizard_with_arrow_keys(page: Page, site_server: str) -> None:
    r, t = _largest_table()
    page.goto(site_server + site_paths.page_url(site_paths.decision_page(r.id, t.id)))
    expect(page.locator("form.rutin-wizard")).to_be_visible()
    # Keyboard answers: Tab into each question, Space picks its first option, ArrowDown
    # the next one. Walk to an outcome, choosing option[1] when there is one.
    given: dict[str, str] = {}
    for q in t.inputs:
        if page.locator(f"fieldset[data-input='{q.id}']").is_hidden():
            break
        _tab_to(page, f"fieldset[data-input='{q.id}'] input[type=radio]", limit=60)
        _focus_is_visible(page)
        page.keyboard.press("Space")
        given[q.id] = q.options[0].value
        if len(q.options) > 1:
            page.keyboard.press("ArrowDown")
            given[q.id] = q.options[1].value
        expect(page.locator(f"fieldset[data-input='{q.id}'] input[value='{given[q.id]}']")
               ).to_be_checked()
        if decide.determined(t, given) is not None:
            break
    rule = decide.determined(t, given)
    assert rule is not None, given
    outcome = page.locator(".rutin-decision .rutin-outcome")
    expect(outcome).to_contain_text(" ".join(staff_pages.plain(rule.then.outcome).split()))
    # The outcome's link to its rule row and "Börja om" are reachable and work by keyboard.
    _tab_to(page, ".rutin-outcome a.rutin-rule-link", limit=20)
    page.keyboard.press("Enter")
    expect(page.locator(f"tr#regel-{rule.id}")).to_be_focused()
    _tab_to(page, ".rutin-decision button.rutin-reset", limit=40, key="Shift+Tab")
    page.keyboard.press("Enter")
    expect(outcome).to_be_empty()
    expect(page.locator("form.rutin-wizard input:checked")).to_have_count(0)
