"""Decision wizards in headless Chromium against the real built site.

`rutin.decide` is the reference. For every decision table in the content, the browser's
evaluator (`window.rutinDecide` in docs/assets/decision.js) is run on the page's own
JSON for every combination of answers, and for every partial set of answers
(`determined`), and must agree with Python. Then the wizard itself is driven by clicking
radio labels, and must show the action the routine prescribes (text from the YAML).
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from rutin.model import decide
from rutin.model.records import DecisionTable, Routine
from rutin.pages import staff_pages
from rutin.site import site_paths
from support.browser import answer, one_answer_set_per_rule, serve_sitemap_here
from support.project import content_routines

pytestmark = pytest.mark.browser
CHECK_PAGE_ERRORS = True  # conftest: any JavaScript error fails the test
SHARED_CONTEXT = True  # conftest: one context per module, cleared after each test

NURSE_CHECKLIST = "barn-under-13-med-ombud"
SUICIDE_CHECKLIST = "suicidal-patient"

JS_EVALUATE_ALL = """([table, combos]) => combos.map((a) => {
  try { const r = window.rutinDecide.evaluate(table, a); return r ? r.id : null; }
  catch (e) { return "ERROR"; }
})"""
JS_DETERMINED_ALL = """([table, partials]) => partials.map((a) => {
  const r = window.rutinDecide.determined(table, a); return r ? r.id : null;
})"""
JS_NEXT_ALL = """([table, partials]) =>
  partials.map((a) => window.rutinDecide.nextQuestion(table, a))"""


def _all_tables() -> list[tuple[Routine, DecisionTable]]:
    try:
        return [(r, t) for r in content_routines() for t in r.decisions]
    except AssertionError:
        return []  # invalid content: the build fixture reports every problem


TABLES = _all_tables()


def table_url(base: str, r: Routine, t: DecisionTable) -> str:
    return base + site_paths.page_url(site_paths.decision_page(r.id, t.id))


def related_table(checklist_id: str) -> tuple[Routine, DecisionTable]:
    """The decision table a checklist's `related` list names (the routine's own link)."""
    for r in content_routines():
        for c in r.checklists:
            if c.id == checklist_id:
                for item_id in c.related:
                    item = r.item(item_id)
                    if isinstance(item, DecisionTable):
                        return r, item
    raise AssertionError(f"{checklist_id} names no decision table in `related`")


def python_rule(t: DecisionTable, answers: dict[str, str]) -> str | None:
    try:
        rule = decide.evaluate(t, answers)
    except ValueError:
        return "ERROR"
    return rule.id if rule is not None else None


def page_json(page: Page) -> Any:
    return json.loads(page.locator(".rutin-decision").get_attribute("data-table") or "null")


def text_of(markdown: str) -> str:
    """What the reader sees of a YAML text (inline Markdown removed, spaces collapsed)."""
    return " ".join(staff_pages.plain(markdown).split())


def seen(locator: Any) -> str:
    return " ".join(locator.inner_text().split())


# --------------------------------------------------------------------------- evaluator


@pytest.fixture(scope="module")
def table_page(browser: Any, site_server: str) -> Iterator[Callable[[Routine, DecisionTable],
                                                                     Page]]:
    """A decision table's page, loaded once for the read-only tests below (they call the
    page's evaluator and read its markup; none clicks or stores anything): a tab per
    table in a context of their own. Each test also proves the tab threw no JavaScript
    error (as CHECK_PAGE_ERRORS does for `page`)."""
    context = browser.new_context(viewport={"width": 1024, "height": 768}, locale="sv-SE")
    tabs: dict[str, Page] = {}

    def open_table(r: Routine, t: DecisionTable) -> Page:
        if t.id not in tabs:
            tab = context.new_page()
            errors: list[str] = []
            tab.on("pageerror", lambda e: errors.append(str(e)))
            tab.goto(table_url(site_server, r, t))
            tabs[t.id] = tab
            TAB_ERRORS[t.id] = errors
        return tabs[t.id]

    try:
        yield open_table
    finally:
        context.close()


TAB_ERRORS: dict[str, list[str]] = {}


def test_the_content_has_decision_tables() -> None:
    assert TABLES, "no decision tables found in the content"


@pytest.mark.parametrize(("routine", "table"), TABLES, ids=[t.id for _, t in TABLES])
def test_browser_evaluates_every_combination_like_python(
    table_page: Callable[[Routine, DecisionTable], Page], routine: Routine,
    table: DecisionTable
) -> None:
    page = table_page(routine, table)
    data = page_json(page)
    assert data == decide.table_json(table)  # the page carries exactly Python's JSON
    combos = list(decide.combinations(table))
    expected = [python_rule(table, a) for a in combos]
    actual = page.evaluate(JS_EVALUATE_ALL, [data, combos])
    mismatches = [(a, e, b) for a, e, b in zip(combos, expected, actual, strict=True) if e != b]
    assert not mismatches, f"{len(mismatches)} of {len(combos)} differ, e.g. {mismatches[:3]}"
    assert len(actual) == len(combos) == len(set(map(json.dumps, combos)))
    assert not TAB_ERRORS[table.id], TAB_ERRORS[table.id]


@pytest.mark.parametrize(("routine", "table"), TABLES, ids=[t.id for _, t in TABLES])
def test_browser_determined_matches_python_on_partial_answers(
    table_page: Callable[[Routine, DecisionTable], Page], routine: Routine,
    table: DecisionTable
) -> None:
    page = table_page(routine, table)
    data = page_json(page)
    # Every partial answer: each input unanswered or one of its options.
    choices = [[None, *(o.value for o in q.options)] for q in table.inputs]
    partials = [
        {q.id: v for q, v in zip(table.inputs, combo, strict=True) if v is not None}
        for combo in itertools.product(*choices)
    ]
    assert len(partials) <= 50_000, "table too large to check every partial answer"
    expected = []
    for p in partials:
        rule = decide.determined(table, p)
        expected.append(rule.id if rule is not None else None)
    actual = page.evaluate(JS_DETERMINED_ALL, [data, partials])
    mismatches = [(p, e, b) for p, e, b in zip(partials, expected, actual, strict=True) if e != b]
    assert not mismatches, f"{len(mismatches)} of {len(partials)} differ, e.g. {mismatches[:3]}"
    # The empty answer set decides only a table that needs no question at all.
    assert actual[0] == expected[0]
    # …and the wizard asks the same next question as decide.next_question: never one
    # whose answer cannot change the outcome.
    expected_next = [decide.next_question(table, p) for p in partials]
    actual_next = page.evaluate(JS_NEXT_ALL, [data, partials])
    mismatches = [(p, e, b) for p, e, b in zip(partials, expected_next, actual_next,
                                               strict=True) if e != b]
    assert not mismatches, f"{len(mismatches)} of {len(partials)} differ, e.g. {mismatches[:3]}"
    assert not TAB_ERRORS[table.id], TAB_ERRORS[table.id]


# --------------------------------------------------------------------------- the wizard


def assert_outcome_shown(page: Page, table: DecisionTable, rule_id: str) -> None:
    rule = next(r for r in table.rules if r.id == rule_id)
    outcome = page.locator(".rutin-decision .rutin-outcome")
    expect(outcome).to_have_attribute("aria-live", "polite")
    expect(outcome).to_be_visible()
    shown = seen(outcome)
    assert text_of(rule.then.outcome) in shown, shown
    for action in rule.then.actions:
        assert text_of(action.text) in shown, (action, shown)
    if rule.then.critical:
        assert "kritiskt:" in shown.lower()  # a word, not colour alone
    link = outcome.locator(f"a[href='#regel-{rule.id}']")
    expect(link).to_be_visible()
    expect(page.locator(f"tr#regel-{rule.id}")).to_have_count(1)
    link.click()
    expect(page.locator(f"tr#regel-{rule.id}")).to_be_in_viewport()
    expect(page.locator(f"tr#regel-{rule.id}")).to_have_class(re.compile("rutin-match"))
    assert text_of(rule.then.outcome) in seen(outcome)  # still there after the jump


def _drive_every_rule(page: Page, site_server: str, r: Routine, t: DecisionTable) -> None:
    page.goto(table_url(site_server, r, t))
    # A fresh wizard: answers are kept per tab (decision.js), so an earlier run's would
    # come back on this visit.
    page.evaluate("() => sessionStorage.clear()")
    page.reload()
    expect(page.locator("form.rutin-wizard")).to_be_visible()
    expect(page.locator(".rutin-outcome")).to_be_empty()
    for rule_id, answers in one_answer_set_per_rule(t).items():
        answer(page, t, answers)
        assert_outcome_shown(page, t, rule_id)
        page.locator(".rutin-decision button", has_text="Börja om").click()
        expect(page.locator(".rutin-outcome")).to_be_empty()
        expect(page.locator("form.rutin-wizard input:checked")).to_have_count(0)


def test_doctor_answers_the_suicide_risk_questions_and_sees_the_action(
    page: Page, site_server: str
) -> None:
    r, t = related_table(SUICIDE_CHECKLIST)
    page.goto(table_url(site_server, r, t))
    # The routine's central case: the patient answers, the risk is moderate, not acute,
    # not a weekend → a physical visit within 2 days (the rule and its text from the YAML).
    given = next(
        (e.given for e in t.examples
         if (rule := decide.evaluate(t, e.given)) is not None and "2 dagar" in rule.then.outcome),
        t.examples[0].given,
    )
    expected = decide.evaluate(t, given)
    assert expected is not None
    answer(page, t, given)
    assert_outcome_shown(page, t, expected.id)
    # And every other outcome of the table is reachable by clicking.
    _drive_every_rule(page, site_server, r, t)


def test_primary_contact_for_barn_under_13_through_the_wizard(
    page: Page, site_server: str
) -> None:
    r, t = related_table(NURSE_CHECKLIST)
    _drive_every_rule(page, site_server, r, t)


def test_outcome_appears_as_soon_as_it_is_determined(page: Page, site_server: str) -> None:
    """A table where one answer already decides: the outcome shows, later questions
    are not asked; changing the answer brings them back."""
    def decides(t: DecisionTable, value: str) -> Any:
        return decide.determined(t, {t.inputs[0].id: value})

    candidates = [
        (r, t, option, other)
        for r, t in TABLES if len(t.inputs) > 1
        for option in t.inputs[0].options if decides(t, option.value) is not None
        for other in t.inputs[0].options if decides(t, other.value) is None
    ]
    assert candidates, "no table is decided by some but not all answers to its first question"
    r, t, option, other = candidates[0]
    first, rule = t.inputs[0], decides(t, option.value)
    page.goto(table_url(site_server, r, t))
    second = page.locator(f"form.rutin-wizard fieldset[data-input='{t.inputs[1].id}']")
    expect(second).to_be_hidden()  # one question at a time
    answer(page, t, {first.id: option.value})
    assert_outcome_shown(page, t, rule.id)
    expect(second).to_be_hidden()
    exact = re.compile(rf"^\s*{re.escape(other.label)}\s*$")
    page.locator(f"fieldset[data-input='{first.id}'] label").filter(has_text=exact).click()
    expect(second).to_be_visible()
    expect(page.locator(".rutin-outcome")).to_be_empty()


def test_without_javascript_the_static_table_shows(browser: Any, site_server: str) -> None:
    r, t = related_table(SUICIDE_CHECKLIST)
    context = browser.new_context(java_script_enabled=False)
    try:
        static = context.new_page()
        static.goto(table_url(site_server, r, t))
        expect(static.locator("form.rutin-wizard")).to_be_hidden()
        for rule in t.rules:
            expect(static.locator(f"tr#regel-{rule.id}")).to_be_visible()
    finally:
        context.close()


# --------------------------------------------------------------------------- loading


COMPONENT_SCRIPTS = """() => [...document.querySelectorAll('script[src]')]
    .map((s) => s.getAttribute('src').split('/').pop())"""
STYLESHEETS = """() => [...document.querySelectorAll('link[rel=stylesheet]')]
    .map((l) => l.getAttribute('href').split('/').pop())"""


def test_components_arrive_with_instant_navigation(page: Page, site_server: str) -> None:
    """A page loads only its components' files (page_assets.py); instant navigation
    brings the next page's: overview (filter) → decision table → checklist."""
    r, t = max(TABLES, key=lambda rt: len(rt[1].inputs))
    serve_sitemap_here(page, site_server)
    page.set_viewport_size({"width": 1400, "height": 900})
    with page.expect_response("**/sitemap.xml"):
        page.goto(site_server + site_paths.page_url(site_paths.routine_page(r.id)))
    page.evaluate("() => { window.__sameDocument = true; }")
    expect(page.locator(".rutin-filter")).to_be_visible()
    assert "decision.js" not in page.evaluate(COMPONENT_SCRIPTS)
    assert "decision.css" not in page.evaluate(STYLESHEETS)
    assert page.evaluate("() => !('.rutin-decision' in (window.rutinFeatures || {}))")

    page.locator(f"ul.rutin-items a[href$='{t.id}/']").first.click()
    page.wait_for_url(table_url(site_server, r, t))
    assert page.evaluate("() => window.__sameDocument === true"), "not an instant navigation"
    expect(page.locator("form.rutin-wizard")).to_be_visible()
    assert "decision.css" in page.evaluate(STYLESHEETS)
    # decision.js arrived and took the aid over (site.js marks it) before answering: on
    # a busy machine a click could otherwise land before the wizard listens.
    expect(page.locator(".rutin-decision[data-rutin-ready]").first).to_be_attached()
    rule_id, answers = next(iter(one_answer_set_per_rule(t).items()))
    answer(page, t, answers)
    outcome = page.locator(".rutin-decision .rutin-outcome")
    expect(outcome).to_have_css("border-left-width", "6px")  # decision.css applies
    assert_outcome_shown(page, t, rule_id)

    page.go_back()
    expect(page.locator(".rutin-filter")).to_be_visible()
    c = r.checklists[0]
    page.locator(f"ul.rutin-items a[href$='/{c.id}/']").first.click()
    page.wait_for_url(re.compile(re.escape(c.id) + "/$"))
    assert page.evaluate("() => window.__sameDocument === true"), "not an instant navigation"
    assert "decision.css" not in page.evaluate(STYLESHEETS)
    # Tick once the checklist's script has taken the page over, as a reader would wait
    # for the page to be ready (instant navigation loads the script after the markup).
    expect(page.locator(".rutin-checklist[data-rutin-ready]")).to_have_count(1)
    page.locator(".rutin-step-text").first.click()
    expect(page.locator(".rutin-progress")).to_have_text(re.compile(r"^1 av \d+ klara$"))


@pytest.mark.parametrize(("r", "t"), _all_tables(), ids=lambda x: getattr(x, "id", ""))
def test_every_question_of_the_wizard_shows_its_source(
        table_page: Callable[[Routine, DecisionTable], Page], r: Routine, t: DecisionTable
) -> None:
    """The build renders each question's quotes (escaped, with their lines); the wizard
    moves them into the question it builds, so none is left behind hidden."""
    page = table_page(r, t)
    wizard = page.locator(".rutin-decision form.rutin-wizard")
    expect(wizard).to_be_visible()
    for question in t.inputs:
        assert question.quotes, (t.id, question.id)
        fieldset = wizard.locator(f"fieldset[data-input='{question.id}']")
        quotes = fieldset.locator("details.rutin-quotes blockquote.rutin-quote")
        expect(quotes).to_have_count(len(dict.fromkeys(question.quotes)))
        shown = " ".join(quotes.all_text_contents())
        for quote in question.quotes:
            assert " ".join(quote.split()) in " ".join(shown.split()), (question.id, quote)
    expect(page.locator(".rutin-input-sources > *")).to_have_count(0)
    assert not TAB_ERRORS[t.id], TAB_ERRORS[t.id]
