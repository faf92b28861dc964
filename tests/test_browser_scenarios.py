"""The clinical scenarios (scenarios/*.yaml) in headless Chromium on the built site: each
scenario's answers are given through the page (radio buttons: the checklists' questions,
the inline decision aids' wizards, the task's questions), and the stops and items the
page then shows must be exactly those rutin.tasks.task_view shows – the semantics
`rutin check` runs the scenario's expectations on (rule scenario).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from rutin.model import tasks
from rutin.model.records import Routine, Scenario
from rutin.site import site_paths
from support.browser import answer_wizard, click_option
from support.pages import page_address
from support.project import content_routines

pytestmark = pytest.mark.browser
CHECK_PAGE_ERRORS = True
SHARED_CONTEXT = True  # conftest: one context per module, cleared after each test
VISIBLE = "els => els.filter(e => getComputedStyle(e).display !== 'none')"


def _scenarios() -> list[tuple[Routine, Scenario]]:
    try:
        routines = content_routines()
    except AssertionError:
        return []  # invalid content: the build fixture reports every problem
    return [(r, s) for r in routines for s in r.scenarios]


SCENARIOS = _scenarios()


def test_the_content_has_scenarios() -> None:
    assert SCENARIOS, "no routine has scenarios/"


def shown(page: Page) -> dict[str, list[str]]:
    """Stop id -> the ids of its steps and decision aids shown on screen."""
    return dict(page.evaluate(f"""() => ({VISIBLE})([...document.querySelectorAll(
        '.rutin-task section.rutin-stop')]).map(s => [s.dataset.stop,
        ({VISIBLE})([...s.querySelectorAll('li.rutin-step, .rutin-decision')]).map(
          e => e.dataset.step || e.dataset.decision.split('/').pop())])"""))


@pytest.mark.parametrize(("routine", "scenario"), SCENARIOS,
                         ids=[s.id for _, s in SCENARIOS])
def test_the_page_shows_what_the_scenario_runs_on(
        page: Page, site_server: str, routine: Routine, scenario: Scenario) -> None:
    task = routine.task(scenario.task)
    assert task is not None
    resolved = tasks.resolve(routine, task)
    answers = scenario.answers
    page.goto(page_address(site_server, site_paths.task_page(routine.id, task.id)))
    expect(page.locator(".rutin-task .rutin-toolbar")).to_be_visible()
    # The checklists' questions first (nothing is hidden yet), then each decision aid in
    # stop order (one in a stop hidden by an earlier outcome is not answered, as a reader
    # could not), the task's own questions last.
    for stop in resolved.stops:
        for q in stop.questions:
            if q.id in answers:
                click_option(page.locator(f"section.rutin-stop fieldset.rutin-question"
                                    f"[data-question='{q.id}']"), q, answers[q.id])
    for stop in resolved.stops:
        for table in stop.decisions:
            aid = page.locator(f".rutin-task .rutin-decision[data-decision='{routine.id}/"
                               f"{table.id}']")
            if aid.is_visible():
                answer_wizard(aid, table, answers)
    for q in task.questions:
        if q.id in answers:
            click_option(page.locator(f".rutin-task > fieldset.rutin-question[data-question="
                                f"'{q.id}']"), q, answers[q.id])
    view = tasks.task_view(routine, resolved, answers)
    assert shown(page) == {s.id: list(s.items) for s in view.stops if s.shown}
    for table_id, rule_id in view.outcomes.items():
        aid = page.locator(f".rutin-task .rutin-decision[data-decision='{routine.id}/"
                           f"{table_id}']")
        if rule_id is not None:
            expect(aid).to_have_attribute("data-outcome", rule_id)
