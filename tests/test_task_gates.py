"""Stops gated on an earlier inline decision aid's outcome (rutin.tasks.Gate): the rule
task-gates, the page's data and words, and task_view, the visibility semantics the
browser must match (tests/test_browser_gates.py)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from rutin.check.content import content_root
from rutin.check.validate import check
from rutin.model import decide, tasks
from rutin.model.records import Library, Routine
from rutin.pages.page_parts import PageContext
from rutin.pages.safe_html import inline
from rutin.pages.task_page import task_page
from support.gates import GatedCopy, make_gated_copy
from support.project import ROOT


def _routine(root: Path) -> Routine:
    report = check(root)
    assert not report.errors, [p.format_text() for p in report.errors]
    assert isinstance(report.library, Library)
    return report.library.routines[0]


@pytest.fixture(scope="module")
def gated(tmp_path_factory: pytest.TempPathFactory) -> tuple[GatedCopy, Routine]:
    base = _routine(content_root(ROOT))
    copy = make_gated_copy(tmp_path_factory.mktemp("gated"), base)
    return copy, _routine(copy.root)


def test_a_gate_resolves_and_is_not_a_question(gated: tuple[GatedCopy, Routine]) -> None:
    copy, routine = gated
    resolved = tasks.resolve(routine, routine.task(copy.task))  # type: ignore[arg-type]
    stop = next(s for s in resolved.stops if s.id == copy.stop)
    assert [(g.table.id, [r.id for r in g.rules]) for g in stop.gates] == [
        (copy.table, list(copy.rules))]
    assert copy.table not in stop.when


def test_the_page_carries_the_gate_and_says_it_in_the_tables_words(
        gated: tuple[GatedCopy, Routine]) -> None:
    copy, routine = gated
    task = routine.task(copy.task)
    assert task is not None
    page = task_page(PageContext(routine=routine, site_url="https://x.example/"),
                     tasks.resolve(routine, task))
    start = page.index(f'<section class="rutin-stop" data-stop="{copy.stop}"')
    head = page[start:page.index(">", start)]
    assert json.loads(html.unescape(re.search(r"data-gate='([^']*)'", head)[1])) == {  # type: ignore[index]
        copy.table: list(copy.rules)}
    when = re.search(r"data-when='([^']*)'", head)
    assert when is None or copy.table not in json.loads(html.unescape(when[1]))
    table = next(t for t in routine.decisions if t.id == copy.table)
    rule = next(r for r in table.rules if r.id == copy.rules[0])
    section = page[start:page.index("</section>", start)]
    paragraph = section[section.index('<p class="rutin-stop-gate">'):]
    paragraph = paragraph[:paragraph.index("</p>")]
    text = re.sub(r"<[^>]+>", "", paragraph)
    assert html.unescape(text) == (
        f"Gäller bara om {table.title} ger: "
        f"{html.unescape(re.sub(r'<[^>]+>', '', str(inline(rule.then.outcome))))}")


def test_a_gated_stop_has_a_hidden_notice_for_when_it_is_closed(
        gated: tuple[GatedCopy, Routine]) -> None:
    """checklist.js shows it when the aid's outcome closes the stop; the page holds one,
    hidden, right after each gated stop and none after any other."""
    copy, routine = gated
    task = routine.task(copy.task)
    assert task is not None
    resolved = tasks.resolve(routine, task)
    page = task_page(PageContext(routine=routine, site_url="https://x.example/"), resolved)
    notices = re.findall(r'</section>\s*<p class="rutin-stop-closed" '
                         r'data-closed-stop="([^"]+)" data-rutin-nosearch hidden>([^<]*)</p>', page)
    assert [stop_id for stop_id, _ in notices] == [s.id for s in resolved.stops if s.gates]
    assert page.count('class="rutin-stop-closed"') == len(notices)
    number = next(n for n, s in enumerate(resolved.stops, start=1) if s.id == copy.stop)
    stop = next(s for s in resolved.stops if s.id == copy.stop)
    table = next(t for t in routine.decisions if t.id == copy.table)
    text = html.unescape(dict(notices)[copy.stop])
    assert f"”{number}. {stop.stop.title}”" in text and f"”{table.title}”" in text


def test_task_view_hides_the_stop_only_for_other_outcomes(
        gated: tuple[GatedCopy, Routine]) -> None:
    copy, routine = gated
    task = routine.task(copy.task)
    assert task is not None
    table = next(t for t in routine.decisions if t.id == copy.table)
    assert tasks.task_view(routine, task, {}).stop(copy.stop).shown  # no outcome yet
    seen = set()
    for answers in decide.combinations(table):
        view = tasks.task_view(routine, task, answers)
        rule = decide.evaluate(table, answers)
        assert rule is not None
        assert view.outcomes[copy.table] == rule.id
        gated_stop = view.stop(copy.stop)
        assert gated_stop.shown is (rule.id in copy.rules), answers
        assert bool(gated_stop.items) is gated_stop.shown
        seen.add(gated_stop.shown)
    assert seen == {True, False}


def test_task_view_follows_the_wizard_and_step_conditions() -> None:
    """An answer the wizard never asks is never given; a step's `when` on its home
    checklist's question hides it; a task question hides its stop."""
    routine = _routine(content_root(ROOT))
    for task in routine.tasks:
        resolved = tasks.resolve(routine, task)
        for stop in resolved.stops:
            for q in task.questions:
                for option in q.options:
                    view = tasks.task_view(routine, resolved, {q.id: option.value})
                    expected = tasks.fits(stop.when, {q.id: option.value})
                    assert view.stop(stop.id).shown is expected
            for entry in stop.entries:
                step, home = entry.step, entry.home
                if step is None or home is None or not step.when or stop.when:
                    continue
                qid, accepted = next(iter(step.when.items()))
                values = [o.value for q in home.questions if q.id == qid for o in q.options
                          if o.value not in accepted]
                for value in values:
                    view = tasks.task_view(routine, resolved, {qid: value})
                    assert step.id not in view.stop(stop.id).items, (step.id, value)
                    assert view.stop(stop.id).shown
    for table in routine.decisions:
        for answers in decide.combinations(table):
            given = tasks.wizard_answers(table, answers)
            rule = decide.evaluate(table, answers)
            assert rule is not None
            assert tasks.outcome(table, answers) == rule
            assert set(given) <= set(answers)


def test_scenario_coverage_asks_for_each_gated_outcome_and_the_hidden_branch(
        gated: tuple[GatedCopy, Routine]) -> None:
    from dataclasses import replace

    from rutin.model import scenarios
    from rutin.model.records import Scenario

    copy, routine = gated
    table = next(t for t in routine.decisions if t.id == copy.table)
    task = routine.task(copy.task)
    assert task is not None
    combos = list(decide.combinations(table))
    opening = next(a for a in combos if decide.evaluate(table, a).id in copy.rules)  # type: ignore[union-attr]
    other = next(a for a in combos if decide.evaluate(table, a).id not in copy.rules)  # type: ignore[union-attr]

    def gate_gaps(*answer_sets: dict[str, str]) -> list[str]:
        found = [Scenario(f"s{i}", "S", "S.", task.roles[0], task.id, answers)
                 for i, answers in enumerate(answer_sets)]
        results = [scenarios.run(replace(routine, scenarios=tuple(found)), s) for s in found]
        return [g.message for g in scenarios.coverage(routine, results)
                if g.file == task.file and g.path[-1] == copy.table]

    title = next(p.title for p in task.stops if p.id == copy.stop)
    assert gate_gaps(opening) == [f"inget scenario prövar att stoppet ”{title}” döljs (ett "
                                  f"annat utfall av ”{copy.table}”)"]
    assert any(copy.rules[0] in m for m in gate_gaps(other))
    assert gate_gaps(opening, other) == []


def test_a_gate_on_several_outcomes_lists_each_in_the_tables_words(
        gated: tuple[GatedCopy, Routine]) -> None:
    from dataclasses import replace

    from rutin.pages.task_page import _gate_text

    copy, routine = gated
    task = routine.task(copy.task)
    assert task is not None
    stop = next(s for s in tasks.resolve(routine, task).stops if s.id == copy.stop)
    table = stop.gates[0].table
    two = replace(stop, gates=(tasks.Gate(table, table.rules[:2]),))
    text = html.unescape(str(_gate_text(PageContext(routine=routine,
                                                    site_url="https://x.example/"), "a.md", two)))
    assert text.startswith('<div class="rutin-stop-gate"><p><em>Gäller bara om</em> <a ')
    items = re.findall(r"<li>(.*?)</li>", text)
    assert items == [html.unescape(str(inline(r.then.outcome))) for r in table.rules[:2]]
