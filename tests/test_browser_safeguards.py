"""Safeguards attached to actions (rutin.safeguards) in headless Chromium on the real built
site: every step that has one shows it inside the step itself, on screen and in print, on
its checklist page and on every task page that uses the step, and nowhere as a stray copy
in a task that lacks the action.

Which steps, safeguards and pages are used is read from the content.
"""

from __future__ import annotations

from typing import Any

import pytest

from rutin.model import safeguards, tasks
from rutin.model.records import Routine
from rutin.site import site_paths
from support.pages import page_address
from support.project import content_routines

pytestmark = pytest.mark.browser
CHECK_PAGE_ERRORS = True
SHARED_CONTEXT = True  # conftest: one context per module, cleared after each test


def _pages_with_step(routine: Routine, step_id: str) -> list[str]:
    homes = tasks.step_homes(routine)
    _step, home = homes[step_id]
    found = [site_paths.checklist_page(routine.id, home.id)]
    found += [site_paths.task_page(routine.id, t.id) for t in routine.tasks
              if any(step_id in p.items for p in t.stops)]
    return found


def _cases() -> list[tuple[Routine, str, str]]:
    cases = []
    for routine in content_routines():
        for step_id in sorted(safeguards.safeguards(routine)):
            cases += [(routine, step_id, src) for src in _pages_with_step(routine, step_id)]
    return cases


CASES = _cases()


def test_the_content_attaches_safeguards() -> None:
    assert CASES, "no step in the content has an attached safeguard"


def _texts_in_step(page: Any, step_id: str) -> list[str]:
    return page.eval_on_selector_all(
        f'li[data-step="{step_id}"] .rutin-safeguard',
        "els => els.filter(e => e.getClientRects().length > 0)"
        ".map(e => e.innerText.replace(/\\s+/g, ' ').trim())")


@pytest.mark.parametrize("media", ["screen", "print"])
def test_each_safeguard_stands_at_its_step_on_every_page(page: Any, site_server: str,
                                                         media: str) -> None:
    by_page: dict[str, list[tuple[Routine, str]]] = {}
    for routine, step_id, src in CASES:
        by_page.setdefault(src, []).append((routine, step_id))
    page.emulate_media(media=media)
    for src, steps in by_page.items():
        page.goto(page_address(site_server, src))
        for routine, step_id in steps:
            shown = _texts_in_step(page, step_id)
            for guard in safeguards.at_step(routine, step_id):
                marker = "VIKTIGT:" if guard.warning else "OBSERVERA:"
                assert any(guard.note.text in t and t.upper().startswith(marker)
                           for t in shown), (src, step_id, guard.note.text[:60], shown)


def test_a_task_without_the_action_shows_no_copy(page: Any, site_server: str) -> None:
    """An attached warning is read at its action only, not as a section warning in a task
    that does not have the action (it would speak of something the task does not do)."""
    for routine in content_routines():
        attached = {s.note.text for guards in safeguards.safeguards(routine).values()
                    for s in guards if s.warning}
        for task in routine.tasks:
            resolved = tasks.resolve(routine, task)
            here = {s.note.text for step in resolved.steps
                    for s in safeguards.at_step(routine, step.id)}
            page.goto(page_address(site_server, site_paths.task_page(routine.id, task.id)))
            text = page.inner_text("article").replace("\n", " ")
            for warning in attached - here:
                assert warning not in text, (task.id, warning[:60])
