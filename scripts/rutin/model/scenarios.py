"""Clinical scenarios (scenarios/<id>.yaml): a situation, the answers given in it and what
the task's page must show at each stop. Run on the model through `tasks.task_view`, the
visibility semantics the page follows (the browser tests check it does), like a test
case in CMS Bonnie/MADiE: a synthetic patient, an expected result, logic coverage.

    run(routine, scenario, source)  -> Result: the view and each failing expectation,
                                       with its field path in the scenario's file
    coverage(routine, results)      -> Gap: each decision rule, condition branch and
                                       answer option no scenario reaches

Expectations name items by id, or by a fragment of the source: an item matches when one
of its quotes (or the source sentence a quote stands in) contains the fragment.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rutin.load.source_text import SourceText, normalize
from rutin.load.yaml_reader import FieldPath
from rutin.model.records import (
    Checklist,
    DecisionTable,
    Question,
    Routine,
    Scenario,
    Step,
    StopExpectation,
    Task,
)
from rutin.model.safeguards import at_step
from rutin.model.tasks import (
    ResolvedStop,
    ResolvedTask,
    StopView,
    TaskView,
    resolve,
    task_view,
    wizard_answers,
)


@dataclass(frozen=True)
class Failure:
    path: FieldPath  # in the scenario's file
    message: str
    key: bool = False


@dataclass(frozen=True)
class Shown:
    """Something a stop shows: a step, a warning, or a decision aid's outcome or action."""

    id: str | None  # a step's or decision aid's id
    text: str
    quotes: tuple[str, ...]
    kind: str = "step"  # step, warning, note, decision, outcome, action

    @property
    def label(self) -> str:
        """How the owner page introduces it."""
        return {"warning": "Varning", "decision": "Beslutsstöd", "outcome": "Utfall",
                "action": "Åtgärd"}.get(self.kind, "Steg")


@dataclass(frozen=True)
class Result:
    scenario: Scenario
    resolved: ResolvedTask | None
    view: TaskView | None
    failures: tuple[Failure, ...]
    shown: dict[str, tuple[Shown, ...]]  # stop id -> what it shows

    @property
    def passed(self) -> bool:
        return not self.failures


def asked(routine: Routine, resolved: ResolvedTask) -> dict[str, Question]:
    """Every question a reader can answer on the task's page: its own, its steps'
    checklists' (those `given` leaves open) and its inline decision aids' inputs."""
    found = {q.id: q for q in resolved.task.questions}
    for stop in resolved.stops:
        found.update({q.id: q for q in stop.questions})
        for table in stop.decisions:
            found.update({q.id: q for q in table.inputs})
    return found


def shown_at(stop: ResolvedStop, view: StopView,
             routine: Routine | None = None) -> tuple[Shown, ...]:
    """What the stop shows: its shown steps with the safeguards attached to them
    (safeguards.py), its warnings, its aids' outcome and actions."""
    if not view.shown:
        return ()
    found: list[Shown] = [Shown(None, w.text, w.quotes, "warning") for w in stop.warnings]
    for entry in stop.entries:
        if entry.step is not None and entry.step.id in view.items:
            found.append(Shown(entry.step.id, entry.step.text, entry.step.quotes))
            if routine is not None:
                found += [Shown(None, s.note.text, s.note.quotes,
                                "warning" if s.warning else "note")
                          for s in at_step(routine, entry.step.id)]
        table = entry.decision
        if table is None:
            continue
        found.append(Shown(table.id, table.title, (), "decision"))
        rule = next((r for r in table.rules if r.id == view.outcomes.get(table.id)), None)
        if rule is not None:
            found.append(Shown(table.id, rule.then.outcome, rule.then.quotes, "outcome"))
            found += [Shown(table.id, a.text, a.quotes, "action") for a in rule.then.actions]
    return tuple(found)


def _sentences(source: SourceText | None, quote: str) -> list[str]:
    texts = [normalize(quote)]
    if source is not None:
        for match in source.find(quote):
            texts += [s.text for s in source.sentences_in(match.start, match.spans[-1][1])]
    return texts


def matches(entry: str, item: Shown, source: SourceText | None) -> bool:
    """An expected entry names the item (its id) or quotes the source it rests on."""
    if entry == item.id:
        return True
    wanted = normalize(entry)
    return any(wanted in text for q in item.quotes for text in _sentences(source, q))


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _texts(items: Iterable[Shown], most: int = 8) -> str:
    """What a stop shows, briefly (for a message)."""
    found = list(dict.fromkeys(f"”{_short(i.text)}”" for i in items))
    if not found:
        return "ingenting (stoppet döljs)"
    more = f" och {len(found) - most} till" if len(found) > most else ""
    return ", ".join(found[:most]) + more


def run(routine: Routine, scenario: Scenario, source: SourceText | None = None) -> Result:
    """The scenario on the model: references first (nothing runs with a broken one), then
    each expectation."""
    task = routine.task(scenario.task)
    if task is None:
        names = ", ".join(t.id for t in routine.tasks)
        return Result(scenario, None, None, (Failure(
            ("task",), f"uppgiften ”{scenario.task}” finns inte i tasks/ ({names})"),), {})
    failures: list[Failure] = []
    if scenario.role not in {r.id for r in routine.roles}:
        failures.append(Failure(("role",), f"rollen ”{scenario.role}” finns inte bland "
                                "rutinens roller i routine.yaml"))
    elif not any(scenario.role in routine.members(r) for r in task.roles):
        failures.append(Failure(("role",), f"uppgiften ”{task.id}” är inte en uppgift för "
                                f"rollen ”{scenario.role}”"))
    known = {i.id for i in routine.interpretations}
    failures += [Failure(("interpretations", i), f"tolkningen ”{x}” finns inte bland "
                         "tolkningarna i routine.yaml (interpretations)")
                 for i, x in enumerate(scenario.interpretations) if x not in known]
    resolved = resolve(routine, task)
    questions = asked(routine, resolved)
    for qid, value in scenario.answers.items():
        question = questions.get(qid)
        if question is None:
            failures.append(Failure(("answers", qid), f"”{qid}” är ingen fråga på uppgiftens "
                                    "sida (uppgiftens frågor, stegens frågor eller "
                                    "beslutsstödens frågor)", key=True))
        elif value not in {o.value for o in question.options}:
            options = ", ".join(o.value for o in question.options)
            failures.append(Failure(("answers", qid), f"”{value}” är inget svar på frågan "
                                    f"”{qid}” ({options})"))
    for qid, wanted in scenario.answer_reads.items():
        question = questions.get(qid)
        chosen = scenario.answers.get(qid)
        if question is None or chosen not in {o.value for o in question.options}:
            failures.append(Failure(("answer_reads", qid), f"”{qid}” är ingen fråga som "
                                    "scenariot besvarar (answers)", key=True))
            continue
        label = question.label_of(chosen)
        if normalize(wanted) not in normalize(label):
            failures.append(Failure(("answer_reads", qid), f"svaret som personalen väljer "
                                    f"heter ”{label}”; väntat att det säger ”{wanted}”"))
    failures += _question_failures(scenario, questions, source)
    view = task_view(routine, resolved, scenario.answers)
    stops = {s.id: s for s in resolved.stops}
    shown = {s.id: shown_at(s, view.stop(s.id), routine) for s in resolved.stops}
    if failures:
        return Result(scenario, resolved, view, tuple(failures), shown)
    item_ids = {s.id for c in routine.checklists for s in c.steps}
    item_ids |= {t.id for t in routine.decisions}
    for stop_id, expected in scenario.expect.items():
        failures += _stop_failures(scenario, stops.get(stop_id), stop_id, expected, view,
                                   shown.get(stop_id, ()), source, item_ids)
    tables = {t.id: t for s in resolved.stops for t in s.decisions}
    for table_id, rule_id in scenario.outcomes.items():
        table = tables.get(table_id)
        if table is None:
            failures.append(Failure(("outcomes", table_id), f"beslutsstödet ”{table_id}” "
                                    "finns inte i uppgiften", key=True))
            continue
        rule = next((r for r in table.rules if r.id == rule_id), None)
        if rule is None:
            failures.append(Failure(("outcomes", table_id), f"”{rule_id}” är ingen regel i "
                                    f"beslutsstödet ”{table_id}”"))
            continue
        got = view.outcomes.get(table_id)
        if got != rule_id:
            now = next((r for r in table.rules if r.id == got), None)
            said = f"ger ”{now.then.outcome}” ({now.id})" if now else "ger inget utfall"
            failures.append(Failure(("outcomes", table_id), f"beslutsstödet {said}; väntat: "
                                    f"”{rule.then.outcome}” ({rule_id})"))
    return Result(scenario, resolved, view, tuple(failures), shown)


def _question_failures(scenario: Scenario, questions: dict[str, Question],
                       source: SourceText | None) -> Iterator[Failure]:
    """question_reads: a safeguard in a question's help is read before the answer is
    chosen; it counts as said when the question quotes the passage (as a stop's items:
    the quotes hold the words, and the text must agree with them)."""
    for qid, passages in scenario.question_reads.items():
        question = questions.get(qid)
        if question is None:
            yield Failure(("question_reads", qid), f"”{qid}” är ingen fråga på uppgiftens "
                          "sida", key=True)
            continue
        said = Shown(qid, question.question, question.quotes, "question")
        for i, passage in enumerate(passages):
            if source is not None and not source.find(passage):
                yield Failure(("question_reads", qid, i),
                              f"”{passage}” står inte ordagrant i källtexten")
            elif not matches(passage, said, source):
                yield Failure(("question_reads", qid, i), f"frågan ”{question.question}” "
                              f"säger inte ”{passage}” (varken frågan eller hjälptexten "
                              "citerar det)")


def _stop_failures(scenario: Scenario, stop: ResolvedStop | None, stop_id: str,
                   expected: StopExpectation, view: TaskView, shown: tuple[Shown, ...],
                   source: SourceText | None, item_ids: set[str]) -> Iterator[Failure]:
    where: FieldPath = ("expect", stop_id)
    if stop is None:
        yield Failure(where, f"stoppet ”{stop_id}” finns inte i uppgiften "
                      f"”{scenario.task}”", key=True)
        return
    seen = view.stop(stop_id)
    if expected.shown is not None and expected.shown != seen.shown:
        now = "visas" if seen.shown else "döljs"
        wanted = "visas" if expected.shown else "döljs"
        yield Failure((*where, "shown"), f"stoppet ”{stop.title}” {now}; väntat: "
                      f"{wanted}")
    ids = {e.step.id for e in stop.entries if e.step} | {t.id for t in stop.decisions}
    for key, wanted_shown in (("must_show", True), ("must_not_show", False)):
        entries = expected.must_show if wanted_shown else expected.must_not_show
        for i, entry in enumerate(entries):
            looks_like_id = entry in item_ids
            if looks_like_id and entry not in ids:
                yield Failure((*where, key, i), f"”{entry}” är inget steg eller beslutsstöd "
                              f"i stoppet ”{stop_id}”")
                continue
            if not looks_like_id and source is not None and not source.find(entry):
                yield Failure((*where, key, i), f"”{entry}” står inte ordagrant i källtexten")
                continue
            hits = [s for s in shown if matches(entry, s, source)]
            if wanted_shown and not hits:
                yield Failure((*where, key, i), f"stoppet ”{stop.title}” visar inte "
                              f"”{entry}”; det visar: {_texts(shown)}")
            elif not wanted_shown and hits:
                yield Failure((*where, key, i), f"stoppet ”{stop.title}” visar "
                              f"”{entry}” ({_texts(hits)}), men det ska inte synas här")


# --------------------------------------------------------------------------- coverage


@dataclass(frozen=True)
class Gap:
    """Something no scenario reaches: where it is written, and what."""

    file: Path
    path: FieldPath
    message: str


def _position(item: Checklist | DecisionTable | Task) -> Path:
    return item.file or Path()


def _step_index(home: Checklist, step: Step) -> int:
    return next(i for i, s in enumerate(home.steps) if s.id == step.id)


def coverage(routine: Routine, results: Iterable[Result]) -> list[Gap]:
    """Every rule of a decision table a task uses, every branch of every condition in a
    task (each accepted value, and the other answers: the stop or step hidden) and every
    answer option on a task's page that no scenario reaches."""
    by_task: dict[str, list[TaskView]] = {}
    for result in results:
        if result.view is not None:
            by_task.setdefault(result.scenario.task, []).append(result.view)
    gaps: list[Gap] = []
    outcomes = {(k, v) for views in by_task.values() for view in views
                for k, v in view.outcomes.items() if v is not None}
    inline = {t.id for task in routine.tasks for p in task.stops for t in
              routine.decisions if t.id in p.items}
    for table in routine.decisions:
        if table.id not in inline:
            continue  # reached only through a task (a table in none is not shown in one)
        for i, rule in enumerate(table.rules):
            if (table.id, rule.id) not in outcomes:
                gaps.append(Gap(_position(table), ("rules", i, "id"),
                                f"inget scenario leder till regeln ”{rule.id}” "
                                f"(”{rule.then.outcome}”)"))
    for task in routine.tasks:
        gaps += _task_gaps(routine, task, by_task.get(task.id, []))
    return gaps


def _task_gaps(routine: Routine, task: Task, views: list[TaskView]) -> Iterator[Gap]:
    resolved = resolve(routine, task)
    file = _position(task)
    for q_index, question in enumerate(task.questions):
        for o_index, option in enumerate(question.options):
            if not any(v.answers.get(question.id) == option.value for v in views):
                yield Gap(file, ("questions", q_index, "options", o_index),
                          f"inget scenario för uppgiften svarar ”{option.label}” på "
                          f"”{question.question}”")
    for p_index, stop in enumerate(resolved.stops):
        authored = stop.stop
        where: FieldPath = ("stops", p_index, "when")
        for key, values in stop.when.items():
            answered = [v.answers[key] for v in views if key in v.answers]
            yield from (Gap(file, (*where, key), f"inget scenario svarar ”{value}” på ”{key}”, "
                            f"så att stoppet ”{authored.title}” visas") for value in values
                        if value not in answered)
            own = next((q for q in task.questions if q.id == key), None)
            others = [o.value for o in own.options if o.value not in values] if own else []
            if others and not any(a not in values for a in answered):
                yield Gap(file, (*where, key), f"inget scenario prövar att stoppet "
                          f"”{authored.title}” döljs (ett annat svar på ”{key}”)")
        for gate in stop.gates:
            got = [v.outcomes.get(gate.table.id) for v in views]
            wanted = {r.id for r in gate.rules}
            yield from (Gap(file, (*where, gate.table.id), f"inget scenario ger utfallet "
                            f"”{r.id}” i ”{gate.table.id}”, så att stoppet ”{authored.title}” "
                            "visas") for r in gate.rules if r.id not in got)
            if len(wanted) < len(gate.table.rules) and not any(
                    g is not None and g not in wanted for g in got):
                yield Gap(file, (*where, gate.table.id), f"inget scenario prövar att stoppet "
                          f"”{authored.title}” döljs (ett annat utfall av ”{gate.table.id}”)")
        shown_views = [v for v in views if v.stop(authored.id).shown]
        yield from _step_gaps(task, stop, shown_views)
        yield from _question_gaps(task, stop, shown_views)


def _step_gaps(task: Task, stop: ResolvedStop, views: list[TaskView]) -> Iterator[Gap]:
    for entry in stop.entries:
        step, home = entry.step, entry.home
        if step is None or home is None or not step.when:
            continue
        for key, values in step.when.items():
            answered = [v.answers[key] for v in views if key in v.answers]
            where = ("steps", _step_index(home, step), "when", key)
            for value in values:
                if value not in answered:
                    yield Gap(_position(home), where, f"inget scenario för uppgiften "
                              f"”{task.id}” svarar ”{value}” på ”{key}” så att steget "
                              f"”{step.id}” visas")
            question = next((q for q in home.questions if q.id == key), None)
            others = [o.value for o in question.options if o.value not in values] \
                if question else []
            if others and not any(a not in values for a in answered):
                yield Gap(_position(home), where, f"inget scenario för uppgiften ”{task.id}” "
                          f"prövar att steget ”{step.id}” döljs (ett annat svar på ”{key}”)")


def _question_gaps(task: Task, stop: ResolvedStop, views: list[TaskView]) -> Iterator[Gap]:
    """The options of the questions this stop asks: its steps' checklists' and its
    decision aids' (those the wizard asks)."""
    for question in stop.questions:
        home = next(e.home for e in stop.entries if e.home is not None
                    and any(q.id == question.id for q in e.home.questions))
        q_index = next(i for i, q in enumerate(home.questions) if q.id == question.id)
        for o_index, option in enumerate(question.options):
            if not any(v.answers.get(question.id) == option.value for v in views):
                yield Gap(_position(home), ("questions", q_index, "options", o_index),
                          f"inget scenario för uppgiften ”{task.id}” svarar "
                          f"”{option.label}” på ”{question.question}”")
    for table in stop.decisions:
        given = [wizard_answers(table, v.answers) for v in views]
        for q_index, question in enumerate(table.inputs):
            for o_index, option in enumerate(question.options):
                if not any(g.get(question.id) == option.value for g in given):
                    yield Gap(_position(table), ("inputs", q_index, "options", o_index),
                              f"inget scenario för uppgiften ”{task.id}” svarar "
                              f"”{option.label}” på ”{question.question}” i beslutsstödet")
