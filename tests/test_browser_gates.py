"""Stops gated on an inline decision aid's outcome, in headless Chromium: for every task
with a gated stop and every combination of the gating aid's answers, the stops and
items the page shows are exactly those rutin.tasks.task_view shows (THE semantics),
answering only through the wizard, and the checklist's ticks are never touched.

Uses the project's site when its content has a gated stop; otherwise a copy of the
content with one stop gated (tests/support/gates.py), built once for this module.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from rutin.check.validate import check
from rutin.model import tasks
from rutin.model.records import DecisionTable, Library, Routine
from rutin.site import site_paths
from support.browser import answer_wizard, session_items, state_key
from support.gates import gated_stops, make_gated_copy
from support.pages import page_address
from support.project import ROOT, run_build

pytestmark = pytest.mark.browser
CHECK_PAGE_ERRORS = True
SHARED_CONTEXT = True  # conftest: one context per module, cleared after each test
MAX_COMBINATIONS = 64
VISIBLE = "els => els.filter(e => getComputedStyle(e).display !== 'none')"


@pytest.fixture(scope="module")
def gated_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
               ) -> Iterator[tuple[str, Routine, list[tuple[str, str, str]]]]:
    from rutin.check.content import content_root
    from rutin.printing.pdf import serve

    report = check(content_root(ROOT))
    assert isinstance(report.library, Library), [p.format_text() for p in report.errors]
    routine = next(r for r in report.library.routines if r.tasks)
    found = gated_stops(routine)
    if found:
        yield request.getfixturevalue("site_server"), routine, found
        return
    copy = make_gated_copy(tmp_path_factory.mktemp("gated"), routine)
    copied = check(copy.root).library
    assert isinstance(copied, Library)
    routine = next(r for r in copied.routines if r.id == routine.id)
    site = tmp_path_factory.mktemp("gated-site") / "site"
    result = run_build(site, env={"RUTIN_CONTENT_ROOT": str(copy.root)})
    assert result.returncode == 0, result.stderr + result.stdout
    with serve(site) as base:
        yield base, routine, gated_stops(routine)


def _combinations(table: DecisionTable) -> list[dict[str, str]]:
    """Every combination of the aid's answers (at most MAX_COMBINATIONS, spread evenly),
    then partial ones: each first answer alone."""
    every = [dict(zip([q.id for q in table.inputs], combo, strict=True)) for combo in
             itertools.product(*[[o.value for o in q.options] for q in table.inputs])]
    step = max(1, len(every) // MAX_COMBINATIONS)
    first = table.inputs[0]
    return every[::step][:MAX_COMBINATIONS] + [{first.id: o.value} for o in first.options]


def _shown(page: Page) -> dict[str, list[str]]:
    """Stop id -> the ids of its steps and decision aids shown on screen."""
    return dict(page.evaluate(f"""() => ({VISIBLE})([...document.querySelectorAll(
        '.rutin-task section.rutin-stop')]).map(s => [s.dataset.stop,
        ({VISIBLE})([...s.querySelectorAll('li.rutin-step, .rutin-decision')]).map(
          e => e.dataset.step || e.dataset.decision.split('/').pop())])"""))


def _expected(routine: Routine, resolved: tasks.ResolvedTask, answers: dict[str, str]
              ) -> dict[str, list[str]]:
    view = tasks.task_view(routine, resolved, answers)
    return {s.id: list(s.items) for s in view.stops if s.shown}


def _ticks(page: Page, r: Routine, task_id: str) -> dict[str, Any]:
    task = r.task(task_id)
    assert task is not None
    stored = session_items(page).get(state_key(r, task))
    return {"stored": json.loads(stored)["t"] if stored else None,
            "ticked": page.locator(".rutin-tick:checked").evaluate_all(
                "els => els.map(e => e.id)")}


def test_gated_stops_show_as_task_view_says(
        page: Page, gated_site: tuple[str, Routine, list[tuple[str, str, str]]]) -> None:
    base, routine, gated = gated_site
    assert gated
    for task_id, table_id in dict.fromkeys((t, d) for t, _, d in gated):
        task = routine.task(task_id)
        assert task is not None
        resolved = tasks.resolve(routine, task)
        table = next(t for t in routine.decisions if t.id == table_id)
        page.goto(page_address(base, site_paths.task_page(routine.id, task_id)))
        aid = page.locator(f".rutin-task .rutin-decision[data-decision='{routine.id}/{table_id}']")
        expect(aid.locator("form.rutin-wizard")).to_be_visible()
        first = resolved.steps[0].id
        page.locator(f"label[for='tick-{first}']").click()
        before = _ticks(page, routine, task_id)
        assert before["stored"] == [first]

        assert _shown(page) == _expected(routine, resolved, {})
        hidden_once = False
        for answers in _combinations(table):
            answer_wizard(aid, table, answers)
            view = tasks.task_view(routine, resolved, answers)
            rule = view.outcomes[table_id]
            expect(aid).to_have_attribute("data-outcome", rule or "")
            assert _shown(page) == _expected(routine, resolved, answers), answers
            assert _ticks(page, routine, task_id) == before
            for _, stop_id, _ in (g for g in gated if g[0] == task_id and g[2] == table_id):
                # Only the aid's questions are answered here: a stop hidden is closed by
                # the aid's outcome, and says so where it stood.
                closed = page.locator(f".rutin-stop-closed[data-closed-stop='{stop_id}']")
                if view.stop(stop_id).shown:
                    expect(closed).to_be_hidden()
                else:
                    hidden_once = True
                    section = page.locator(f"section.rutin-stop[data-stop='{stop_id}']")
                    expect(section).to_be_hidden()
                    expect(closed).to_be_visible()
                    title = next(x.title for x in resolved.stops if x.id == stop_id)
                    expect(closed).to_contain_text(f"{title}” visas inte")
                    expect(closed).to_contain_text(f"”{table.title}”")
                    page.emulate_media(media="print")  # paper shows every stop, with its gate
                    expect(section).to_be_visible()
                    expect(section.locator(".rutin-stop-gate")).to_contain_text(
                        f"Gäller bara om {table.title} ger:")
                    expect(closed).to_be_hidden()  # paper has the stop itself
                    page.emulate_media(media="screen")
            aid.locator("button.rutin-reset", has_text="Börja om").click()
            expect(aid).to_have_attribute("data-outcome", "")
            assert _shown(page) == _expected(routine, resolved, {})
            expect(page.locator(".rutin-stop-closed:visible")).to_have_count(0)
        assert hidden_once, "no combination hides a gated stop"
        assert _ticks(page, routine, task_id) == before


def test_a_gate_hides_nothing_without_javascript(
        browser: Any, gated_site: tuple[str, Routine, list[tuple[str, str, str]]]) -> None:
    base, routine, gated = gated_site
    context = browser.new_context(java_script_enabled=False)
    try:
        static = context.new_page()
        task_id, stop_id, table_id = gated[0]
        static.goto(page_address(base, site_paths.task_page(routine.id, task_id)))
        section = static.locator(f"section.rutin-stop[data-stop='{stop_id}']")
        expect(section).to_be_visible()
        table = next(t for t in routine.decisions if t.id == table_id)
        expect(section.locator(".rutin-stop-gate")).to_contain_text(
            f"Gäller bara om {table.title} ger:")
        expect(static.locator(f".rutin-stop-closed[data-closed-stop='{stop_id}']")
               ).to_be_hidden()
    finally:
        context.close()
