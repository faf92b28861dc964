"""Clinical scenarios (scenarios/*.yaml, rutin.scenarios): run on the model by `rutin
check` (rules scenario and scenario-coverage), told on the owner page "Scenarier". The
fixtures tests/fixtures/valid/scenario-tested (fully covered) and
tests/fixtures/invalid/scenario-failing (exact messages) hold the rules' cases."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from rutin.check.content import content_root
from rutin.check.validate import check
from rutin.model import scenarios, tasks
from rutin.model.records import Library, Routine, StopExpectation
from rutin.pages.owner_pages import scenarios_page
from rutin.pages.page_parts import PageContext
from rutin.pages.staff_pages import routine_source
from rutin.site import site_paths
from rutin.site.site_plan import OWNER_SECTION, Settings, navigation, site_plan

ROOT = Path(__file__).resolve().parents[1]
TESTED = ROOT / "tests" / "fixtures" / "valid" / "scenario-tested"


def _library(root: Path) -> Library:
    report = check(root)
    assert not report.errors, [p.format_text() for p in report.errors]
    assert isinstance(report.library, Library)
    return report.library


@pytest.fixture(scope="module")
def tested() -> Routine:
    return _library(TESTED).routines[0]


def _ctx(routine: Routine) -> PageContext:
    return PageContext(routine=routine, site_url="https://x.example/",
                       source=routine_source(routine))


def test_every_scenario_of_the_content_passes_and_covers_everything() -> None:
    """The project's own scenarios: `rutin check` has nothing to say about them."""
    problems = [p.format_text() for p in check(content_root(ROOT)).problems
                if p.rule in ("scenario", "scenario-coverage")]
    assert problems == []


def test_a_scenario_runs_on_task_view(tested: Routine) -> None:
    result = scenarios.run(tested, tested.scenarios[0], routine_source(tested))
    assert result.passed and result.view is not None
    task = tested.task(tested.scenarios[0].task)
    assert task is not None
    assert result.view == tasks.task_view(tested, task, tested.scenarios[0].answers)


def test_a_quote_matches_the_sentence_its_item_quotes(tested: Routine) -> None:
    """A fragment of the source sentence an item quotes counts, even beyond the quote."""
    source = routine_source(tested)
    item = scenarios.Shown("x", "text", ("Om patienten uteblir ska patienten kontaktas",))
    assert scenarios.matches("via telefon", item, source)  # the rest of the sentence
    assert scenarios.matches("x", item, source)
    assert not scenarios.matches("inom 2 dagar", item, source)


def test_a_wrong_expectation_fails_with_what_the_stop_shows(tested: Routine) -> None:
    scenario = tested.scenarios[0]
    stop = next(iter(scenario.expect))
    wrong = replace(scenario, expect={stop: StopExpectation(shown=False)})
    result = scenarios.run(tested, wrong, routine_source(tested))
    assert [f.path for f in result.failures] == [("expect", stop, "shown")]
    assert "visas; väntat: döljs" in result.failures[0].message


def test_the_answer_staff_choose_must_say_what_the_scenario_expects(tested: Routine) -> None:
    """answer_reads: the chosen option's own label (not only the question's help) says it."""
    scenario = next(s for s in tested.scenarios if s.answers)
    qid, value = next(iter(scenario.answers.items()))
    source = routine_source(tested)
    resolved = tasks.resolve(tested, tested.task(scenario.task))  # type: ignore[arg-type]
    label = scenarios.asked(tested, resolved)[qid].label_of(value)
    ok = replace(scenario, answer_reads={qid: label[-4:]})
    assert scenarios.run(tested, ok, source).passed
    wrong = replace(scenario, answer_reads={qid: "med rimlig säkerhet"})
    failures = scenarios.run(tested, wrong, source).failures
    assert [f.path for f in failures] == [("answer_reads", qid)]
    assert f"heter ”{label}”" in failures[0].message
    unanswered = replace(scenario, answer_reads={"finns-inte": "x"})
    assert [f.path for f in scenarios.run(tested, unanswered, source).failures] == [
        ("answer_reads", "finns-inte")]


def test_a_question_must_say_the_safeguard_before_it_is_answered(tested: Routine) -> None:
    """question_reads: a passage counts as said by a question when the question (its text
    or help) quotes it; another sentence of the source is not said there."""
    scenario = next(s for s in tested.scenarios if s.answers)
    source = routine_source(tested)
    resolved = tasks.resolve(tested, tested.task(scenario.task))  # type: ignore[arg-type]
    qid, question = next((q, x) for q, x in scenarios.asked(tested, resolved).items()
                         if x.quotes)
    ok = replace(scenario, question_reads={qid: (question.quotes[0],)})
    assert scenarios.run(tested, ok, source).passed
    other = next(q for c in tested.checklists for step in c.steps for q in step.quotes
                 if not any(q in mine or mine in q for mine in question.quotes))
    wrong = replace(scenario, question_reads={qid: (question.quotes[0], other)})
    failures = scenarios.run(tested, wrong, source).failures
    assert [f.path for f in failures] == [("question_reads", qid, 1)]
    assert f"frågan ”{question.question}” säger inte" in failures[0].message
    invented = replace(scenario, question_reads={qid: ("ingen sådan mening finns",)})
    assert "står inte ordagrant i källtexten" in scenarios.run(
        tested, invented, source).failures[0].message
    unknown = replace(scenario, question_reads={"finns-inte": (question.quotes[0],)})
    assert [f.path for f in scenarios.run(tested, unknown, source).failures] == [
        ("question_reads", "finns-inte")]
    # the owner reads what the question must say beside the answer
    page = scenarios_page(_ctx(replace(tested, scenarios=(ok,))))
    assert f"<em>Står vid frågan:</em> ”{question.quotes[0]}”" in page


def test_coverage_names_what_no_scenario_reaches(tested: Routine) -> None:
    source = routine_source(tested)
    assert scenarios.coverage(tested, [scenarios.run(tested, s, source)
                                       for s in tested.scenarios]) == []
    one = [scenarios.run(tested, tested.scenarios[0], source)]
    gaps = scenarios.coverage(tested, one)
    assert gaps and all(g.message.startswith("inget scenario") for g in gaps)
    table = tested.decisions[0]
    missed = {r.id for r in table.rules} - {one[0].view.outcomes[table.id]}  # type: ignore[union-attr]
    assert {g.path for g in gaps if g.file == table.file} >= {
        ("rules", i, "id") for i, r in enumerate(table.rules) if r.id in missed}


def test_without_scenarios_nothing_is_required(tmp_path: Path) -> None:
    shutil.copytree(TESTED, tmp_path / "r")
    shutil.rmtree(tmp_path / "r" / "scenarios")
    assert not [p for p in check(tmp_path / "r").problems
                if p.rule.startswith("scenario")]


def test_the_owner_page_tells_each_scenario_with_its_verdict(tested: Routine) -> None:
    page = scenarios_page(_ctx(tested))
    assert page.meta.searchable is False  # out of the staff search (typed page metadata)
    for scenario in tested.scenarios:
        assert f"{{#scenario-{scenario.id}}}" in page
        assert scenario.story in page
    assert page.count("<strong>Godkänt</strong>") == len(tested.scenarios)
    assert "Underkänt" not in page.split("## ", 1)[1].split("{#tackning}")[0].replace(
        "0 underkända", "")
    scenario = tested.scenarios[0]
    stop = next(iter(scenario.expect))
    failing = replace(tested, scenarios=(
        replace(scenario, expect={stop: StopExpectation(shown=False)}),))
    page = scenarios_page(_ctx(failing))
    assert "<strong>Underkänt</strong>" in page and "väntat: döljs" in page
    assert "nås inte av något scenario" in page  # one scenario leaves gaps


def test_the_owner_page_is_planned_and_linked_for_the_owner(tested: Routine) -> None:
    library = Library((tested,))
    plan = site_plan(library, Settings("https://x.example/"))
    src = site_paths.scenarios_page(tested.id)
    assert plan.page(src) is not None
    owner = next(item[OWNER_SECTION] for item in navigation(library, ["index.md"])
                 if isinstance(item, dict) and OWNER_SECTION in item)
    assert src in owner
    bare = replace(tested, scenarios=())
    assert site_plan(Library((bare,)), Settings("https://x.example/")).page(src) is None


def test_the_scenario_scaffold_passes_check_unchanged(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    from rutin.cli import main

    root = tmp_path / "checklists"
    shutil.copytree(TESTED, root / "r")
    assert main(["new", "scenario", "r/nytt-scenario", "--root", str(root)]) == 0
    created = root / "r" / "scenarios" / "nytt-scenario.yaml"
    assert f"Skapade {created}." in capsys.readouterr().out
    # Valid as written; what is left to write (title, story) is named, as a warning.
    problems = check(root).problems
    assert [(p.file, p.field, p.rule, p.severity) for p in problems] == [
        (created, "title", "scaffold-text", "warning"),
        (created, "story", "scaffold-text", "warning")]
    scenario = _library(root).routines[0].scenarios
    assert "nytt-scenario" in [s.id for s in scenario]
    shutil.rmtree(root / "r" / "tasks")
    assert main(["new", "scenario", "r/annat", "--root", str(root)]) == 2
    assert "ett scenario prövar en uppgift" in capsys.readouterr().err
