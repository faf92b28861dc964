"""Tasks resolved: what a task's page shows, found through its references.

A task (tasks/<id>.yaml) names steps and decision tables by id, stop by stop. Here each
reference becomes the item itself, with the checklist it comes from (its "home"), the
questions the home asks for the step's condition, and the home's warnings and notes, so
a task page carries every safety fact of the passages it uses without copying one.

Resolving assumes valid content (the task rules in rules/ report broken references);
an id that does not resolve is skipped.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace

from rutin.model import decide
from rutin.model.records import (
    Checklist,
    Condition,
    DecisionTable,
    Note,
    Question,
    Routine,
    Rule,
    Step,
    Stop,
    Task,
)
from rutin.model.safeguards import safeguards


@dataclass(frozen=True)
class Entry:
    """One item at a stop: a step from its home checklist, or a decision table."""

    step: Step | None = None
    home: Checklist | None = None
    decision: DecisionTable | None = None


@dataclass(frozen=True)
class Gate:
    """A stop's condition on a decision aid used earlier in the task: the stop applies
    only when the aid's outcome is one of `rules` (no outcome yet hides nothing)."""

    table: DecisionTable
    rules: tuple[Rule, ...]


@dataclass(frozen=True)
class ResolvedStop:
    """A task's stop with its items found: what its place on the page shows."""

    stop: Stop
    entries: tuple[Entry, ...]
    questions: tuple[Question, ...]  # home questions first needed at this stop
    warnings: tuple[Note, ...]       # home warnings, where their step is (else first use)
    gates: tuple[Gate, ...] = ()     # conditions on earlier decision aids' outcomes

    @property
    def when(self) -> Condition:
        """The stop's condition on the task's questions (without its gates)."""
        gated = {g.table.id for g in self.gates}
        return {k: v for k, v in self.stop.when.items() if k not in gated}

    @property
    def id(self) -> str:
        return self.stop.id

    @property
    def title(self) -> str:
        return self.stop.title

    @property
    def decisions(self) -> tuple[DecisionTable, ...]:
        return tuple(e.decision for e in self.entries if e.decision is not None)


@dataclass(frozen=True)
class ResolvedTask:
    task: Task
    stops: tuple[ResolvedStop, ...]
    homes: tuple[Checklist, ...]  # the checklists its steps come from, in first-use order
    notes: tuple[tuple[Checklist, tuple[Note, ...]], ...]

    @property
    def steps(self) -> list[Step]:
        return [e.step for s in self.stops for e in s.entries if e.step is not None]

    @property
    def functions(self) -> tuple[str, ...]:
        found: dict[str, None] = {}
        for home in self.homes:
            found.update(dict.fromkeys(home.functions))
        for stop in self.stops:
            for entry in stop.entries:
                if entry.decision is not None:
                    found.update(dict.fromkeys(entry.decision.functions))
        return tuple(found)

    @property
    def keywords(self) -> tuple[str, ...]:
        """The task's own search words. (Not those of every passage it uses: tags weigh
        heavily in search, and the union would put a long task above the page that
        answers a narrow question.)"""
        return self.task.keywords


def step_homes(routine: Routine) -> dict[str, tuple[Step, Checklist]]:
    return {s.id: (s, c) for c in routine.checklists for s in c.steps}


def _without_given(step: Step, given: dict[str, str]) -> Step:
    """The step with the conditions the task answers once for all removed."""
    if not any(q in given for q in step.when):
        return step
    return replace(step, when={q: v for q, v in step.when.items() if q not in given})


def _shares_quote(note: Note, step: Step) -> bool:
    return bool(set(note.quotes) & set(step.quotes))


def _twins(routine: Routine) -> dict[str, list[Checklist]]:
    """Step id -> the other checklists with a step quoting exactly the same passage (the
    routine repeats a sentence in two sections). A task that uses the step carries those
    sections' warnings and notes too: the passage is one, wherever it was written."""
    by_passage: dict[tuple[str, ...], list[tuple[Step, Checklist]]] = {}
    for checklist in routine.checklists:
        for step in checklist.steps:
            if step.quotes:
                by_passage.setdefault(tuple(sorted(step.quotes)), []).append((step, checklist))
    twins: dict[str, list[Checklist]] = {}
    for group in by_passage.values():
        for step, home in group:
            others: list[Checklist] = []
            for _other, checklist in group:
                if checklist is not home and not any(c is checklist for c in others):
                    others.append(checklist)
            if others:
                twins[step.id] = others
    return twins


def _attached_here(routine: Routine, task: Task) -> set[str]:
    """Texts of the safeguards this task shows at their actions (safeguards.py): those
    are not placed again by their section's rules (first use, Bra att veta)."""
    found = safeguards(routine)
    return {s.note.text for p in task.stops for i in p.items for s in found.get(i, ())}


def _warning_places(task: Task, homes_of: dict[str, tuple[Step, Checklist]],
                    twins: dict[str, list[Checklist]],
                    at_actions: frozenset[str] | set[str] = frozenset()
                    ) -> dict[str, list[Note]]:
    """Item id -> the section warnings shown with it: a warning that quotes the same
    passage as a step goes with that step (and is left to the task that uses it, if
    this one does not); any other goes with the first step the task takes from its
    section (or from a section that repeats the passage). Each text once."""
    order = [i for p in task.stops for i in p.items if i in homes_of]

    def homes_at(item: str) -> list[Checklist]:
        return [homes_of[item][1], *twins.get(item, ())]

    homes: list[Checklist] = []
    for i in order:
        for home in homes_at(i):
            if not any(h is home for h in homes):
                homes.append(home)
    places: dict[str, list[Note]] = {}
    seen: set[str] = set()
    for home in homes:
        here = [i for i in order if any(h is home for h in homes_at(i))]
        for warning in home.warnings:
            if warning.text in seen or warning.text in at_actions:
                continue
            seen.add(warning.text)
            tied = any(_shares_quote(warning, s) for s in home.steps)
            place = next((i for i in here if _shares_quote(warning, homes_of[i][0])),
                         None if tied else here[0])
            if place is not None:
                places.setdefault(place, []).append(warning)
    return places


def split_when(when: Condition, tables: Mapping[str, DecisionTable],
               earlier: set[str]) -> tuple[Condition, tuple[Gate, ...]]:
    """A stop's `when`: conditions on the task's questions, and gates (a key naming a
    decision table used at an earlier stop, its values rule ids). Rule ids a table does
    not have are dropped (rule task-gates reports them)."""
    questions: Condition = {}
    gates: list[Gate] = []
    for key, values in when.items():
        table = tables.get(key)
        if table is None or key not in earlier:
            questions[key] = values
            continue
        rules = tuple(r for r in table.rules if r.id in values)
        gates.append(Gate(table, rules))
    return questions, tuple(gates)


def resolve(routine: Routine, task: Task) -> ResolvedTask:
    homes_of = step_homes(routine)
    twins = _twins(routine)
    tables = {t.id: t for t in routine.decisions}
    earlier: set[str] = set()
    at_actions = _attached_here(routine, task)
    # An attached warning stands only at its actions (never at a section's first use,
    # where it would speak of an action the task does not have).
    attached_warnings = {n.text for c in routine.checklists for n in c.warnings if n.attached}
    places = _warning_places(task, homes_of, twins, at_actions | attached_warnings)
    asked = {q.id for q in task.questions}
    homes: list[Checklist] = []
    stops: list[ResolvedStop] = []
    for stop in task.stops:
        entries: list[Entry] = []
        questions: list[Question] = []
        warnings: list[Note] = []
        for item_id in stop.items:
            if item_id in tables:
                entries.append(Entry(decision=tables[item_id]))
                continue
            if item_id not in homes_of:
                continue
            step, home = homes_of[item_id]
            step = _without_given(step, task.given)
            entries.append(Entry(step=step, home=home))
            for section in (home, *twins.get(item_id, ())):
                if not any(h is section for h in homes):
                    homes.append(section)
            for q in home.questions:
                if q.id in step.when and q.id not in asked:
                    asked.add(q.id)
                    questions.append(q)
            warnings += places.get(item_id, [])
        _, gates = split_when(stop.when, tables, earlier)
        stops.append(ResolvedStop(stop, tuple(entries), tuple(questions), tuple(warnings),
                                  gates))
        earlier.update(e.decision.id for e in entries if e.decision is not None)
    shown_notes: set[str] = set(at_actions)
    notes: list[tuple[Checklist, tuple[Note, ...]]] = []
    for home in homes:
        fresh = tuple(n for n in home.notes if n.text not in shown_notes)
        shown_notes.update(n.text for n in fresh)
        if fresh:
            notes.append((home, fresh))
    return ResolvedTask(task, tuple(stops), tuple(homes), tuple(notes))


def resolved(routine: Routine) -> list[ResolvedTask]:
    return [resolve(routine, t) for t in routine.tasks]


def last_changed(routine: Routine, task: ResolvedTask) -> str | None:
    """When what the task's page shows last changed: the newest `changed` of the task
    and of every part it shows – the checklists its steps come from, its decision aids,
    and the sections whose attached warnings and notes stand at its steps. A task file
    untouched while a step it uses was rewritten still shows the rewrite's date."""
    parts: list[Task | Checklist | DecisionTable] = [task.task, *task.homes]
    parts += [e.decision for s in task.stops for e in s.entries if e.decision is not None]
    found = safeguards(routine)
    parts += [g.home for step in task.steps for g in found.get(step.id, ())]
    dates = [p.changed for p in parts if p.changed]
    return max(dates) if dates else None


def uses(routine: Routine, item_id: str) -> Iterator[tuple[Task, Stop]]:
    """Where a checklist's steps (or a decision table) are used: (task, stop), once per
    task, at the first stop that uses it – or uses a step of another section that
    quotes the same passage."""
    item = routine.item(item_id)
    ids = {item_id}
    if isinstance(item, Checklist):
        ids = {s.id for s in item.steps}
        ids |= {step for step, sections in _twins(routine).items()
                if any(c is item for c in sections)}
    for task in routine.tasks:
        stop = next((p for p in task.stops if ids & set(p.items)), None)
        if stop is not None:
            yield task, stop


# --------------------------------------------------------------------------- what is shown


def fits(when: Condition, answers: Mapping[str, str]) -> bool:
    """A condition holds unless an answer given contradicts it (an unanswered question
    hides nothing)."""
    return all(q not in answers or answers[q] in values for q, values in when.items())


def wizard_answers(table: DecisionTable, answers: Mapping[str, str]) -> dict[str, str]:
    """The answers a reader can give the decision aid's wizard: it asks one question at a
    time, the next one whose answer can still change the outcome (decision.js), so an
    answer to a question it does not ask is never given."""
    given: dict[str, str] = {}
    while True:
        asked = decide.next_question(table, given)
        if asked is None or asked not in answers:
            return given
        given[asked] = answers[asked]


def outcome(table: DecisionTable, answers: Mapping[str, str]) -> Rule | None:
    """The rule the decision aid shows for these answers (None: not yet determined)."""
    return decide.determined(table, wizard_answers(table, answers))


@dataclass(frozen=True)
class StopView:
    id: str
    shown: bool
    items: tuple[str, ...]  # the ids of the steps and decision aids shown, in order
    outcomes: dict[str, str | None] = field(default_factory=dict)  # its decision aids


@dataclass(frozen=True)
class TaskView:
    """What a task page shows for a set of answers (the browser must agree)."""

    resolved: ResolvedTask
    answers: dict[str, str]
    stops: tuple[StopView, ...]

    @property
    def outcomes(self) -> dict[str, str | None]:
        """Decision table id -> the rule id its inline aid shows (None: none)."""
        return {k: v for s in self.stops for k, v in s.outcomes.items()}

    def stop(self, stop_id: str) -> StopView:
        return next(s for s in self.stops if s.id == stop_id)


def task_view(routine: Routine, task: Task | ResolvedTask,
              answers: Mapping[str, str]) -> TaskView:
    """THE visibility semantics of a task page, for answers to the task's questions, the
    questions its steps' checklists ask (as far as `given` leaves them) and the inputs
    of its inline decision aids (one dictionary: the ids are unique in the routine).

    A stop is shown when the answers fit its `when` on the task's questions and each of
    its gates: the gating aid's outcome is one of the named rules, or it has none yet.
    A decision aid in a stop that is not shown has no outcome. A step is shown when its
    stop is and the answers fit its own `when`; a decision aid when its stop is.
    """
    resolved = task if isinstance(task, ResolvedTask) else resolve(routine, task)
    answers = dict(answers)
    decided: dict[str, str | None] = {}
    views: list[StopView] = []
    for stop in resolved.stops:
        shown = fits(stop.when, answers) and all(
            decided.get(g.table.id) is None or decided[g.table.id] in {r.id for r in g.rules}
            for g in stop.gates)
        items: list[str] = []
        outcomes: dict[str, str | None] = {}
        for entry in stop.entries:
            if entry.decision is not None:
                rule = outcome(entry.decision, answers) if shown else None
                outcomes[entry.decision.id] = rule.id if rule is not None else None
                if shown:
                    items.append(entry.decision.id)
            elif entry.step is not None and shown and fits(entry.step.when, answers):
                items.append(entry.step.id)
        decided.update(outcomes)
        views.append(StopView(stop.id, shown, tuple(items), outcomes))
    return TaskView(resolved, answers, tuple(views))
