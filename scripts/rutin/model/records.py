"""Typed records of validated content. Built only from documents that passed validation.

The fields are the content's shape, declared once (shape.py): `Record.from_dict` and
`shape.build` read a document by them, and the export schema is generated from them
(export/export_schema.py, `rutin export-schema`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from rutin.model.shape import (
    PROOF,
    Condition,
    Date,
    Hash,
    Id,
    InterpretationIds,
    Quotes,
    Record,
    Url,
    derived,
    key,
)

if TYPE_CHECKING:  # the proof names source texts (load stage): no cycle at run time
    from rutin.model.provenance import Proof

__all__ = ["Condition", "content_version", "current_keys"]

# Top-level keys renamed after content was published: current name -> former name. A
# version is a hash of the content, and a new key name is not new content: the hash
# reads each key by its former name, so a rename changes no version (staff keep their
# ticks, the page shows the same version, no change note is asked for), and a git
# revision from before the rename reads as today's (`rutin check --since`, `rutin review`).
RENAMED_KEYS: dict[str, str] = {"stops": "pause_points"}


def current_keys(data: Mapping[str, Any]) -> dict[str, Any]:
    """A document's mapping with every former key name read as today's."""
    former = {old: new for new, old in RENAMED_KEYS.items()}
    return {former.get(k, k): v for k, v in data.items()}


def content_version(data: Mapping[str, Any]) -> str:
    """A short hash of a document's content: tick state is keyed by it, so any change
    to a checklist starts a fresh run instead of showing stale ticks. Keys count by the
    names they were first published with (RENAMED_KEYS)."""
    hashed = {RENAMED_KEYS.get(k, k): v for k, v in current_keys(data).items()}
    blob = json.dumps(hashed, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(blob).hexdigest()[:12]


def _same_as(question: Mapping[str, Any]) -> SameAs | None:
    """`same_as` of a question; without `options`, each value maps to itself."""
    same = question.get("same_as")
    if not same:
        return None
    options = same.get("options") or {o["value"]: o["value"] for o in question["options"]}
    return SameAs(same["decision"], same["input"], tuple(options.items()))


@dataclass(frozen=True)
class Option:
    value: Id
    label: str


@dataclass(frozen=True)
class SameAs:
    """A checklist's or task's question that is also a decision table's input: on a page
    with both, one answer answers both. `options`: this question's value -> the input's."""

    decision: Id
    input: Id
    options: tuple[tuple[Id, Id], ...]  # (this question's value, the input's value)


@dataclass(frozen=True)
class Question:
    id: Id
    question: str
    options: tuple[Option, ...]
    help: str | None = None
    interpretations: InterpretationIds = ()
    quotes: Quotes = ()
    same_as: SameAs | None = derived(_same_as)

    def label_of(self, value: str) -> str:
        return next(o.label for o in self.options if o.value == value)


@dataclass(frozen=True)
class Note:
    """A warning or a note (warnings, notes); the content describes both as a note."""

    CONTENT: ClassVar[str] = "common.schema.json#/$defs/note"

    text: str
    source: str | None = None
    quotes: Quotes = ()
    interpretations: InterpretationIds = ()
    # A safeguard attached to actions (attached_to): shown at each of these steps, and
    # at every step quoting one of these passages, wherever the step appears.
    attached_steps: tuple[Id, ...] = key("attached_to", "steps", default=())
    attached_quoting: tuple[str, ...] = key("attached_to", "quoting", default=())
    id: Id | None = key("id", doc="Varningens id, när något hänvisar till den (routine.yaml "
                                  "urgent).")

    @property
    def attached(self) -> bool:
        return bool(self.attached_steps or self.attached_quoting)


@dataclass(frozen=True)
class Step:
    id: Id
    text: str
    detail: str | None = None
    substeps: tuple[str, ...] = ()
    phrase: Id | None = None
    critical: bool = False
    when: Condition = field(default_factory=dict)
    source: str | None = None
    quotes: Quotes = ()
    interpretations: InterpretationIds = ()
    decision: Id | None = None  # the decision aid the step applies (a link)


@dataclass(frozen=True)
class Checklist(Record):
    id: Id
    title: str
    summary: str
    kind: Literal["read-do", "do-confirm"]
    functions: tuple[Id, ...]
    roles: tuple[Id, ...]
    source: str
    steps: tuple[Step, ...]
    keywords: tuple[str, ...] = ()
    questions: tuple[Question, ...] = ()
    warnings: tuple[Note, ...] = ()
    notes: tuple[Note, ...] = ()
    related: tuple[Id, ...] = ()
    references: tuple[Id, ...] = ()
    changed: Date | None = None
    version: Hash = derived(content_version, default="")
    file: Path | None = None


@dataclass(frozen=True)
class Stop:
    """A stop in the work: its items are ids of steps (from the checklists) and of
    decision tables, in the order they are done."""

    id: Id
    title: str
    items: tuple[Id, ...]
    when: Condition = field(default_factory=dict)
    reason: str | None = None
    interpretations: InterpretationIds = ()
    quotes: Quotes = ()


@dataclass(frozen=True)
class Task(Record):
    """A checklist for the work (tasks/<id>.yaml): references only, never text of its
    own, so restructuring the work cannot invent or copy (tasks.py resolves it)."""

    id: Id
    title: str
    summary: str
    kind: Literal["read-do", "do-confirm"]
    roles: tuple[Id, ...]
    stops: tuple[Stop, ...]
    keywords: tuple[str, ...] = ()
    questions: tuple[Question, ...] = ()
    given: dict[Id, Id] = field(default_factory=dict)
    interpretations: InterpretationIds = ()
    changed: Date | None = None
    version: Hash = derived(content_version, default="")
    file: Path | None = None


@dataclass(frozen=True)
class Action:
    """An action of an outcome; the content may write one as plain text."""

    SHORTHAND: ClassVar[str] = "text"

    text: str
    quotes: Quotes = ()
    interpretations: InterpretationIds = ()


@dataclass(frozen=True)
class Outcome:
    """A rule's outcome. `not_stated`: the routine says nothing for these answers; the
    quotes then show what it says nearby."""

    outcome: str
    actions: tuple[Action, ...] = ()
    critical: bool = False
    quotes: Quotes = ()
    not_stated: bool = False
    interpretations: InterpretationIds = ()


@dataclass(frozen=True)
class Rule:
    id: Id
    when: Condition
    then: Outcome
    source: str | None = None


@dataclass(frozen=True)
class Example:
    given: dict[Id, Id]
    expect: Id


@dataclass(frozen=True)
class DecisionTable(Record):
    id: Id
    title: str
    summary: str
    hit_policy: Literal["FIRST", "UNIQUE"]
    functions: tuple[Id, ...]
    source: str
    inputs: tuple[Question, ...]
    rules: tuple[Rule, ...]
    examples: tuple[Example, ...]
    keywords: tuple[str, ...] = ()
    notes: tuple[Note, ...] = ()
    related: tuple[Id, ...] = ()
    references: tuple[Id, ...] = ()
    changed: Date | None = None
    version: Hash = derived(content_version, default="")
    file: Path | None = None


@dataclass(frozen=True)
class StopExpectation:
    """What a scenario expects at one stop (None: not said)."""

    shown: bool | None = None
    must_show: tuple[str, ...] = ()
    must_not_show: tuple[str, ...] = ()


@dataclass(frozen=True)
class Scenario(Record):
    """A clinical scenario (scenarios/<id>.yaml): a situation, the answers given in it and
    what the task's page must show (scenarios.py runs it)."""

    id: Id
    title: str
    story: str
    role: Id
    task: Id
    answers: dict[Id, Id] = field(default_factory=dict)
    expect: dict[Id, StopExpectation] = field(default_factory=dict)
    outcomes: dict[Id, Id] = field(default_factory=dict)
    finding: str | None = None
    interpretations: InterpretationIds = ()
    answer_reads: dict[Id, str] = field(default_factory=dict)  # question -> label text
    # question -> source passages the question (its text or help) quotes where answered
    question_reads: dict[Id, tuple[str, ...]] = field(default_factory=dict)
    file: Path | None = None


@dataclass(frozen=True)
class Phrase:
    id: Id
    title: str
    system: str
    source: str
    text: str | None = None
    location: str | None = None
    use: str | None = None
    quotes: Quotes = ()
    interpretations: InterpretationIds = ()


@dataclass(frozen=True)
class PhraseLibrary(Record):
    id: Id
    title: str
    phrases: tuple[Phrase, ...]
    summary: str | None = None
    keywords: tuple[str, ...] = ()
    file: Path | None = None


@dataclass(frozen=True)
class Reference:
    id: Id
    title: str
    source: str
    url: Url | None = None
    location: str | None = None
    description: str | None = None
    quotes: Quotes = ()
    interpretations: InterpretationIds = ()


@dataclass(frozen=True)
class Term:
    id: Id
    term: str
    meaning: str
    source: str
    variants: tuple[str, ...] = ()
    quotes: Quotes = ()
    interpretations: InterpretationIds = ()


@dataclass(frozen=True)
class SearchAid:
    """Words staff may search with for a term the routine uses: search aids only, never
    shown and no clinical facts (the search index adds them to pages with the term)."""

    term: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class Section:
    id: Id
    title: str
    source: str
    paragraphs: tuple[str, ...] = ()
    bullets: tuple[str, ...] = ()
    references: tuple[Id, ...] = ()
    quotes: Quotes = ()


@dataclass(frozen=True)
class Change:
    date: Date
    text: str


@dataclass(frozen=True)
class Request:
    """An owner's (or anyone's) wish the source does not support yet: recorded, never
    written into the content, until a new version of the routine says it."""

    date: Date
    asked_by: str
    request: str


@dataclass(frozen=True)
class Correction:
    original: str
    corrected: str
    source: str
    reason: str | None = None


@dataclass(frozen=True)
class Interpretation:
    """A reading beyond the literal words, recorded once; the owner confirms it."""

    id: Id
    quotes: Quotes
    reading: str
    why: str
    status: Literal["obekräftad", "bekräftad"]
    confirmed_by: str | None = None
    confirmed_on: Date | None = None

    @property
    def confirmed(self) -> bool:
        return self.status == "bekräftad"


@dataclass(frozen=True)
class Unquoted:
    """A source sentence no content quotes, and why."""

    text: str
    reason: str


@dataclass(frozen=True)
class Named:
    id: Id
    title: str


@dataclass(frozen=True)
class Role:
    """A role the routine names; `includes`: the roles it comprises (a läkare is
    vårdpersonal), so a task for vårdpersonal is a läkare's task too."""

    id: Id
    title: str
    includes: tuple[Id, ...] = ()
    interpretations: InterpretationIds = ()
    aliases: tuple[RoleAlias, ...] = ()


@dataclass(frozen=True)
class RoleAlias:
    """An occupation the routine does not name, reached through the role it belongs to
    (an undersköterska is vårdpersonal): always resting on an interpretation."""

    title: str
    interpretations: InterpretationIds


@dataclass(frozen=True)
class Urgent:
    """What staff must see first (routine.yaml `urgent`): the texts of these steps and
    warnings, a link to the page for the whole situation, the tasks that show it."""

    items: tuple[Id, ...]
    page: Id
    tasks: tuple[Id, ...] = ()


@dataclass(frozen=True)
class Function:
    """A function of the routine; `common`: it applies to every unit, so the function
    filter never offers to hide it."""

    id: Id
    title: str
    common: bool = False


@dataclass(frozen=True)
class Group:
    id: Id
    title: str
    items: tuple[Id, ...]


@dataclass(frozen=True)
class Routine(Record):
    id: Id
    title: str
    purpose: str
    scope: str
    source_headings: tuple[str, ...]
    changelog: tuple[Change, ...]
    functions: tuple[Function, ...]
    roles: tuple[Role, ...]
    groups: tuple[Group, ...]
    owner: str | None = None
    approved_by: str | None = None
    valid_from: Date | None = None
    review_by: Date | None = None
    version: str | None = None
    source_document: str | None = None
    source_file: str | None = None
    interpretations: tuple[Interpretation, ...] = ()
    unquoted: tuple[Unquoted, ...] = ()
    edits: tuple[Change, ...] = ()  # changes to this web version, not the routine document's
    requests: tuple[Request, ...] = ()  # wishes the source does not support yet
    keywords: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    corrections: tuple[Correction, ...] = ()
    references: tuple[Reference, ...] = ()
    glossary: tuple[Term, ...] = ()
    search_aids: tuple[SearchAid, ...] = ()
    # The routine's other documents (model/kinds.py), each from a file of its own.
    checklists: tuple[Checklist, ...] = key("checklists", default=(), doc="Checklistorna.")
    decisions: tuple[DecisionTable, ...] = key("decisions", default=(),
                                               doc="Beslutstabellerna.")
    tasks: tuple[Task, ...] = key("tasks", default=(),
                                  doc="Uppgifterna (checklistor för arbetet).")
    scenarios: tuple[Scenario, ...] = key("scenarios", default=(),
                                          doc="De kliniska scenarierna som prövar uppgifterna.")
    phrases: PhraseLibrary | None = key("phrases", doc="Frasmallarna.")
    file: Path | None = None
    urgent: Urgent | None = None
    # The records of kinds registered outside this module (model/kinds.py), by kind name.
    more: tuple[tuple[str, tuple[Any, ...]], ...] = ()
    # What validation proved (the source text read once, the trace, the coverage):
    # attached by check/validate.py, read by the pages. Derived, not content: outside
    # equality, the export and the content's shape (metadata PROOF).
    proof: Proof | None = field(default=None, compare=False, repr=False,
                                metadata={PROOF: True})


    @property
    def last_changed(self) -> str:
        return max(c.date for c in self.changelog)

    @property
    def display_version(self) -> str:
        return self.version or self.last_changed

    def members(self, role_id: str) -> set[str]:
        """The role and every role it comprises, directly or through another."""
        found, todo = set(), [role_id]
        includes = {r.id: r.includes for r in self.roles}
        while todo:
            role = todo.pop()
            if role not in found:
                found.add(role)
                todo += includes.get(role, ())
        return found

    def task(self, task_id: str) -> Task | None:
        return next((t for t in self.tasks if t.id == task_id), None)

    def item(self, item_id: str) -> Checklist | DecisionTable | None:
        for c in self.checklists:
            if c.id == item_id:
                return c
        for d in self.decisions:
            if d.id == item_id:
                return d
        return None


@dataclass(frozen=True)
class Library:
    """All routines under the content root, in folder-name order."""

    routines: tuple[Routine, ...] = ()

    def routine(self, routine_id: str) -> Routine:
        return next(r for r in self.routines if r.id == routine_id)
