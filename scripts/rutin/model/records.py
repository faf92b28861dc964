"""Typed records of validated content. Built only from documents that passed validation."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from rutin.model.provenance import Proof

Condition = dict[str, tuple[str, ...]]  # question id -> accepted option values


def _condition(raw: dict[str, Any] | None) -> Condition:
    if not raw:
        return {}
    return {k: (v,) if isinstance(v, str) else tuple(v) for k, v in raw.items()}


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class SameAs:
    """A checklist's or task's question that is also a decision table's input: on a page
    with both, one answer answers both. `options`: this question's value -> the input's."""

    decision: str
    input: str
    options: tuple[tuple[str, str], ...]  # (this question's value, the input's value)


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    options: tuple[Option, ...]
    help: str | None = None
    interpretations: tuple[str, ...] = ()
    quotes: tuple[str, ...] = ()
    same_as: SameAs | None = None

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Question:
        same = d.get("same_as")
        return cls(
            id=d["id"],
            question=d["question"],
            options=tuple(Option(o["value"], o["label"]) for o in d["options"]),
            help=d.get("help"),
            interpretations=tuple(d.get("interpretations", ())),
            quotes=tuple(d.get("quotes", ())),
            same_as=SameAs(same["decision"], same["input"], tuple(
                (same.get("options") or {o["value"]: o["value"] for o in d["options"]}).items()))
            if same else None,
        )

    def label_of(self, value: str) -> str:
        return next(o.label for o in self.options if o.value == value)


@dataclass(frozen=True)
class Note:
    text: str
    source: str | None = None
    quotes: tuple[str, ...] = ()
    interpretations: tuple[str, ...] = ()
    # A safeguard attached to actions (attached_to): shown at each of these steps, and
    # at every step quoting one of these passages, wherever the step appears.
    attached_steps: tuple[str, ...] = ()
    attached_quoting: tuple[str, ...] = ()
    id: str | None = None  # a warning something refers to (routine.yaml urgent)

    @property
    def attached(self) -> bool:
        return bool(self.attached_steps or self.attached_quoting)


@dataclass(frozen=True)
class Step:
    id: str
    text: str
    detail: str | None = None
    substeps: tuple[str, ...] = ()
    phrase: str | None = None
    critical: bool = False
    when: Condition = field(default_factory=dict)
    source: str | None = None
    quotes: tuple[str, ...] = ()
    interpretations: tuple[str, ...] = ()
    decision: str | None = None  # the decision aid the step applies (a link)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Step:
        return cls(
            id=d["id"],
            text=d["text"],
            detail=d.get("detail"),
            substeps=tuple(d.get("substeps", ())),
            phrase=d.get("phrase"),
            critical=bool(d.get("critical", False)),
            when=_condition(d.get("when")),
            source=d.get("source"),
            quotes=tuple(d.get("quotes", ())),
            interpretations=tuple(d.get("interpretations", ())),
            decision=d.get("decision"),
        )


def _notes(items: list[dict[str, Any]] | None) -> tuple[Note, ...]:
    return tuple(
        Note(n["text"], n.get("source"), tuple(n.get("quotes", ())),
             tuple(n.get("interpretations", ())),
             tuple((n.get("attached_to") or {}).get("steps", ())),
             tuple((n.get("attached_to") or {}).get("quoting", ())),
             n.get("id"))
        for n in items or ()
    )


def content_version(data: dict[str, Any]) -> str:
    """A short hash of a document's content: tick state is keyed by it, so any change
    to a checklist starts a fresh run instead of showing stale ticks."""
    blob = json.dumps(data, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(blob).hexdigest()[:12]


@dataclass(frozen=True)
class Checklist:
    id: str
    title: str
    summary: str
    kind: Literal["read-do", "do-confirm"]
    functions: tuple[str, ...]
    roles: tuple[str, ...]
    source: str
    steps: tuple[Step, ...]
    keywords: tuple[str, ...] = ()
    questions: tuple[Question, ...] = ()
    warnings: tuple[Note, ...] = ()
    notes: tuple[Note, ...] = ()
    related: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    changed: str | None = None
    version: str = ""
    file: Path | None = None

    @classmethod
    def from_dict(cls, d: dict[str, Any], file: Path | None = None) -> Checklist:
        return cls(
            id=d["id"],
            title=d["title"],
            summary=d["summary"],
            kind=d["kind"],
            functions=tuple(d["functions"]),
            roles=tuple(d["roles"]),
            source=d["source"],
            steps=tuple(Step.from_dict(s) for s in d["steps"]),
            keywords=tuple(d.get("keywords", ())),
            questions=tuple(Question.from_dict(q) for q in d.get("questions", ())),
            warnings=_notes(d.get("warnings")),
            notes=_notes(d.get("notes")),
            related=tuple(d.get("related", ())),
            references=tuple(d.get("references", ())),
            changed=d.get("changed"),
            version=content_version(d),
            file=file,
        )


@dataclass(frozen=True)
class PausePoint:
    """A stop in the work: its items are ids of steps (from the checklists) and of
    decision tables, in the order they are done."""

    id: str
    title: str
    items: tuple[str, ...]
    when: Condition = field(default_factory=dict)
    reason: str | None = None
    interpretations: tuple[str, ...] = ()
    quotes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Task:
    """A checklist for the work (tasks/<id>.yaml): references only, never text of its
    own, so restructuring the work cannot invent or copy (tasks.py resolves it)."""

    id: str
    title: str
    summary: str
    kind: Literal["read-do", "do-confirm"]
    roles: tuple[str, ...]
    pause_points: tuple[PausePoint, ...]
    keywords: tuple[str, ...] = ()
    questions: tuple[Question, ...] = ()
    given: dict[str, str] = field(default_factory=dict)
    interpretations: tuple[str, ...] = ()
    changed: str | None = None
    version: str = ""
    file: Path | None = None

    @classmethod
    def from_dict(cls, d: dict[str, Any], file: Path | None = None) -> Task:
        return cls(
            id=d["id"],
            title=d["title"],
            summary=d["summary"],
            kind=d["kind"],
            roles=tuple(d["roles"]),
            pause_points=tuple(
                PausePoint(p["id"], p["title"], tuple(p["items"]), _condition(p.get("when")),
                           p.get("reason"), tuple(p.get("interpretations", ())),
                           tuple(p.get("quotes", ())))
                for p in d["pause_points"]
            ),
            keywords=tuple(d.get("keywords", ())),
            questions=tuple(Question.from_dict(q) for q in d.get("questions", ())),
            given=dict(d.get("given") or {}),
            interpretations=tuple(d.get("interpretations", ())),
            changed=d.get("changed"),
            version=content_version(d),
            file=file,
        )


@dataclass(frozen=True)
class Action:
    text: str
    quotes: tuple[str, ...] = ()
    interpretations: tuple[str, ...] = ()


@dataclass(frozen=True)
class Outcome:
    """A rule's outcome. `not_stated`: the routine says nothing for these answers; the
    quotes then show what it says nearby."""

    outcome: str
    actions: tuple[Action, ...] = ()
    critical: bool = False
    quotes: tuple[str, ...] = ()
    not_stated: bool = False
    interpretations: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Outcome:
        return cls(
            outcome=d["outcome"],
            actions=tuple(
                Action(a) if isinstance(a, str) else Action(
                    a["text"], tuple(a.get("quotes", ())), tuple(a.get("interpretations", ())))
                for a in d.get("actions", ())
            ),
            critical=bool(d.get("critical", False)),
            quotes=tuple(d.get("quotes", ())),
            not_stated=bool(d.get("not_stated", False)),
            interpretations=tuple(d.get("interpretations", ())),
        )


@dataclass(frozen=True)
class Rule:
    id: str
    when: Condition
    then: Outcome
    source: str | None = None


@dataclass(frozen=True)
class Example:
    given: dict[str, str]
    expect: str


@dataclass(frozen=True)
class DecisionTable:
    id: str
    title: str
    summary: str
    hit_policy: Literal["FIRST", "UNIQUE"]
    functions: tuple[str, ...]
    source: str
    inputs: tuple[Question, ...]
    rules: tuple[Rule, ...]
    examples: tuple[Example, ...]
    keywords: tuple[str, ...] = ()
    notes: tuple[Note, ...] = ()
    related: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    changed: str | None = None
    version: str = ""
    file: Path | None = None

    @classmethod
    def from_dict(cls, d: dict[str, Any], file: Path | None = None) -> DecisionTable:
        return cls(
            id=d["id"],
            title=d["title"],
            summary=d["summary"],
            hit_policy=d["hit_policy"],
            functions=tuple(d["functions"]),
            source=d["source"],
            inputs=tuple(Question.from_dict(q) for q in d["inputs"]),
            rules=tuple(
                Rule(
                    id=r["id"],
                    when=_condition(r["when"]),
                    then=Outcome.from_dict(r["then"]),
                    source=r.get("source"),
                )
                for r in d["rules"]
            ),
            examples=tuple(Example(dict(e["given"]), e["expect"]) for e in d["examples"]),
            keywords=tuple(d.get("keywords", ())),
            notes=_notes(d.get("notes")),
            related=tuple(d.get("related", ())),
            references=tuple(d.get("references", ())),
            changed=d.get("changed"),
            version=content_version(d),
            file=file,
        )


@dataclass(frozen=True)
class StopExpectation:
    """What a scenario expects at one stop (None: not said)."""

    shown: bool | None = None
    must_show: tuple[str, ...] = ()
    must_not_show: tuple[str, ...] = ()


@dataclass(frozen=True)
class Scenario:
    """A clinical scenario (scenarios/<id>.yaml): a situation, the answers given in it and
    what the task's page must show (scenarios.py runs it)."""

    id: str
    title: str
    story: str
    role: str
    task: str
    answers: dict[str, str] = field(default_factory=dict)
    expect: dict[str, StopExpectation] = field(default_factory=dict)
    outcomes: dict[str, str] = field(default_factory=dict)
    finding: str | None = None
    interpretations: tuple[str, ...] = ()
    answer_reads: dict[str, str] = field(default_factory=dict)  # question -> label text
    file: Path | None = None

    @classmethod
    def from_dict(cls, d: dict[str, Any], file: Path | None = None) -> Scenario:
        return cls(
            id=d["id"],
            title=d["title"],
            story=d["story"],
            role=d["role"],
            task=d["task"],
            answers=dict(d.get("answers") or {}),
            expect={
                stop: StopExpectation(e.get("shown"), tuple(e.get("must_show", ())),
                                      tuple(e.get("must_not_show", ())))
                for stop, e in (d.get("expect") or {}).items()
            },
            outcomes=dict(d.get("outcomes") or {}),
            finding=d.get("finding"),
            interpretations=tuple(d.get("interpretations", ())),
            answer_reads=dict(d.get("answer_reads") or {}),
            file=file,
        )


@dataclass(frozen=True)
class Phrase:
    id: str
    title: str
    system: str
    source: str
    text: str | None = None
    location: str | None = None
    use: str | None = None
    quotes: tuple[str, ...] = ()
    interpretations: tuple[str, ...] = ()


@dataclass(frozen=True)
class PhraseLibrary:
    id: str
    title: str
    phrases: tuple[Phrase, ...]
    summary: str | None = None
    keywords: tuple[str, ...] = ()
    file: Path | None = None

    @classmethod
    def from_dict(cls, d: dict[str, Any], file: Path | None = None) -> PhraseLibrary:
        return cls(
            id=d["id"],
            title=d["title"],
            summary=d.get("summary"),
            keywords=tuple(d.get("keywords", ())),
            phrases=tuple(
                Phrase(
                    id=p["id"], title=p["title"], system=p["system"], source=p["source"],
                    text=p.get("text"), location=p.get("location"), use=p.get("use"),
                    quotes=tuple(p.get("quotes", ())),
                    interpretations=tuple(p.get("interpretations", ())),
                )
                for p in d["phrases"]
            ),
            file=file,
        )


@dataclass(frozen=True)
class Reference:
    id: str
    title: str
    source: str
    url: str | None = None
    location: str | None = None
    description: str | None = None
    quotes: tuple[str, ...] = ()
    interpretations: tuple[str, ...] = ()


@dataclass(frozen=True)
class Term:
    id: str
    term: str
    meaning: str
    source: str
    variants: tuple[str, ...] = ()
    quotes: tuple[str, ...] = ()
    interpretations: tuple[str, ...] = ()


@dataclass(frozen=True)
class SearchAid:
    """Words staff may search with for a term the routine uses: search aids only, never
    shown and no clinical facts (the search index adds them to pages with the term)."""

    term: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    source: str
    paragraphs: tuple[str, ...] = ()
    bullets: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    quotes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Change:
    date: str
    text: str


@dataclass(frozen=True)
class Request:
    """An owner's (or anyone's) wish the source does not support yet: recorded, never
    written into the content, until a new version of the routine says it."""

    date: str
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

    id: str
    quotes: tuple[str, ...]
    reading: str
    why: str
    status: Literal["obekräftad", "bekräftad"]
    confirmed_by: str | None = None
    confirmed_on: str | None = None

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
    id: str
    title: str


@dataclass(frozen=True)
class Role:
    """A role the routine names; `includes`: the roles it comprises (a läkare is
    vårdpersonal), so a task for vårdpersonal is a läkare's task too."""

    id: str
    title: str
    includes: tuple[str, ...] = ()
    interpretations: tuple[str, ...] = ()
    aliases: tuple[RoleAlias, ...] = ()


@dataclass(frozen=True)
class RoleAlias:
    """An occupation the routine does not name, reached through the role it belongs to
    (an undersköterska is vårdpersonal): always resting on an interpretation."""

    title: str
    interpretations: tuple[str, ...]


@dataclass(frozen=True)
class Urgent:
    """What staff must see first (routine.yaml `urgent`): the texts of these steps and
    warnings, a link to the page for the whole situation, the tasks that show it."""

    items: tuple[str, ...]
    page: str
    tasks: tuple[str, ...] = ()


@dataclass(frozen=True)
class Function:
    """A function of the routine; `common`: it applies to every unit, so the function
    filter never offers to hide it."""

    id: str
    title: str
    common: bool = False


@dataclass(frozen=True)
class Group:
    id: str
    title: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class Routine:
    id: str
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
    valid_from: str | None = None
    review_by: str | None = None
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
    checklists: tuple[Checklist, ...] = ()
    decisions: tuple[DecisionTable, ...] = ()
    tasks: tuple[Task, ...] = ()
    scenarios: tuple[Scenario, ...] = ()
    phrases: PhraseLibrary | None = None
    file: Path | None = None
    urgent: Urgent | None = None
    # What validation proved (the source text read once, the trace, the coverage):
    # attached by check/validate.py, read by the pages. Derived, not content: outside
    # equality, the export and the content's shape (metadata "derived").
    proof: Proof | None = field(default=None, compare=False, repr=False,
                                metadata={"derived": True})

    @classmethod
    def from_dict(cls, d: dict[str, Any], file: Path | None = None) -> Routine:
        return cls(
            id=d["id"],
            title=d["title"],
            purpose=d["purpose"],
            scope=d["scope"],
            source_headings=tuple(d["source_headings"]),
            changelog=tuple(Change(c["date"], c["text"]) for c in d["changelog"]),
            functions=tuple(
                Function(f["id"], f["title"], f.get("common", False)) for f in d["functions"]
            ),
            roles=tuple(Role(r["id"], r["title"], tuple(r.get("includes", ())),
                             tuple(r.get("interpretations", ())),
                             tuple(RoleAlias(a["title"], tuple(a["interpretations"]))
                                   for a in r.get("aliases", ())))
                        for r in d["roles"]),
            urgent=Urgent(tuple(d["urgent"]["items"]), d["urgent"]["page"],
                          tuple(d["urgent"].get("tasks", ()))) if "urgent" in d else None,
            groups=tuple(Group(g["id"], g["title"], tuple(g["items"])) for g in d["groups"]),
            owner=d.get("owner"),
            approved_by=d.get("approved_by"),
            valid_from=d.get("valid_from"),
            review_by=d.get("review_by"),
            version=d.get("version"),
            source_document=d.get("source_document"),
            source_file=d.get("source_file"),
            interpretations=tuple(
                Interpretation(
                    i["id"], tuple(i["quotes"]), i["reading"], i["why"], i["status"],
                    i.get("confirmed_by"), i.get("confirmed_on"),
                )
                for i in d.get("interpretations", ())
            ),
            unquoted=tuple(Unquoted(u["text"], u["reason"]) for u in d.get("unquoted", ())),
            edits=tuple(Change(c["date"], c["text"]) for c in d.get("edits", ())),
            requests=tuple(Request(r["date"], r["asked_by"], r["request"])
                           for r in d.get("requests", ())),
            keywords=tuple(d.get("keywords", ())),
            sections=tuple(
                Section(
                    s["id"], s["title"], s["source"], tuple(s.get("paragraphs", ())),
                    tuple(s.get("bullets", ())), tuple(s.get("references", ())),
                    tuple(s.get("quotes", ())),
                )
                for s in d.get("sections", ())
            ),
            corrections=tuple(
                Correction(c["original"], c["corrected"], c["source"], c.get("reason"))
                for c in d.get("corrections", ())
            ),
            references=tuple(
                Reference(
                    r["id"], r["title"], r["source"], r.get("url"), r.get("location"),
                    r.get("description"), tuple(r.get("quotes", ())),
                    tuple(r.get("interpretations", ())),
                )
                for r in d.get("references", ())
            ),
            glossary=tuple(
                Term(
                    t["id"], t["term"], t["meaning"], t["source"], tuple(t.get("variants", ())),
                    tuple(t.get("quotes", ())), tuple(t.get("interpretations", ())),
                )
                for t in d.get("glossary", ())
            ),
            search_aids=tuple(
                SearchAid(a["term"], tuple(a["words"])) for a in d.get("search_aids", ())
            ),
            file=file,
        )

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
