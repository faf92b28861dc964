"""Traceability: every item staff act on, with the source passages it rests on.

`trace_routine(documents)` walks a routine folder's documents (plain data, so the rules
can point at a field; one walker per kind below) and lists each step, warning, note,
decision outcome and action, phrase, routine section and glossary term with its origin,
quotes, interpretations and the text a reader sees. `coverage(...)` then tells, sentence
by sentence, which items quote the source and which sentences are registered as
unquoted (and why). Both run once per routine, in validation (rules/content.py): the
rules in rules/ report on them, and the result travels on the routine's record
(model/provenance.Proof) to the owner pages (Spårbarhet, Frågor till rutinägaren).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from rutin.load.source_text import Match, SourceText, normalize
from rutin.load.yaml_reader import Document
from rutin.model.provenance import (
    KIND_LABEL,
    Coverage,
    ItemKind,
    OwnerKind,
    SentenceUse,
    Traced,
)

__all__ = [
    "KIND_LABEL",
    "REQUIRED",
    "Coverage",
    "ItemKind",
    "OwnerKind",
    "SentenceUse",
    "Traced",
    "Walker",
    "checklist_items",
    "coverage",
    "decision_items",
    "phrase_items",
    "routine_items",
    "task_items",
    "trace_routine",
]

# Items that must carry quotes. A question decides which steps apply; a task's stops and
# questions are its own words (their steps are quoted where they live). A glossary term's
# meaning states facts (what a system does, a time limit, who may read a file) shown on
# the ordlista and in search, so it is traced like everything else: its quotes tie each
# fact to a sentence, and a new version of the routine that changes one flags the term.
REQUIRED: frozenset[str] = frozenset(
    {"step", "warning", "note", "outcome", "action", "phrase", "section", "stop",
     "task-question", "checklist-question", "question", "term"}
)


def _labels(questions: Iterable[dict[str, Any]], when: dict[str, Any] | None) -> str:
    """A condition in words: the question and the accepted answers."""
    if not when:
        return ""
    parts = []
    by_id = {q.get("id"): q for q in questions}
    for qid, accepted in when.items():
        q = by_id.get(qid)
        if q is None:
            continue
        values = [accepted] if isinstance(accepted, str) else list(accepted)
        labels = [o.get("label", "") for o in q.get("options", ()) if o.get("value") in values]
        parts.append(f"{q.get('question', '')} {' eller '.join(labels)}")
    return " ".join(parts)


def _t(d: dict[str, Any], key: str) -> tuple[str, ...]:
    value = d.get(key) or ()
    return tuple(v for v in value if isinstance(v, str))


def _notes(file: Path, data: dict[str, Any], key: str, kind: ItemKind, prefix: str,
           owner: tuple[OwnerKind, str, str]) -> Iterator[Traced]:
    for n, note in enumerate(data.get(key) or (), start=1):
        yield Traced(file, (key, n - 1), kind, *owner, f"{prefix}-{n}", note.get("text", ""),
                     _t(note, "quotes"), _t(note, "interpretations"),
                     critical=kind == "warning")


def _questions(file: Path, questions: Iterable[dict[str, Any]], kind: ItemKind,
               owner: tuple[OwnerKind, str, str], anchor: str,
               key: str = "questions") -> Iterator[Traced]:
    """The questions that decide which steps or outcomes apply (text, help, answers)."""
    for i, question in enumerate(questions):
        visible = " ".join([question.get("question", ""), question.get("help", ""),
                            *(o.get("label", "") for o in question.get("options", ()))])
        yield Traced(file, (key, i), kind, *owner, anchor, visible,
                     _t(question, "quotes"), _t(question, "interpretations"))


def checklist_items(file: Path, data: dict[str, Any]) -> Iterator[Traced]:
    owner: tuple[OwnerKind, str, str] = ("checklist", data["id"], data.get("title", ""))
    questions = data.get("questions") or ()
    yield from _notes(file, data, "warnings", "warning", "varning", owner)
    yield from _questions(file, questions, "checklist-question", owner, "steg")
    for i, step in enumerate(data.get("steps") or ()):
        visible = " ".join([
            step.get("text", ""), step.get("detail", ""), *step.get("substeps", ()),
            _labels(questions, step.get("when")),
        ])
        yield Traced(file, ("steps", i), "step", *owner, f"steg-{step['id']}", visible,
                     _t(step, "quotes"), _t(step, "interpretations"),
                     critical=bool(step.get("critical")))
    yield from _notes(file, data, "notes", "note", "upplysning", owner)


def decision_items(file: Path, data: dict[str, Any]) -> Iterator[Traced]:
    owner: tuple[OwnerKind, str, str] = ("decision", data["id"], data.get("title", ""))
    inputs = data.get("inputs") or ()
    yield from _questions(file, inputs, "question", owner, "beslutsstod", "inputs")
    for i, rule in enumerate(data.get("rules") or ()):
        then = rule.get("then") or {}
        condition = _labels(inputs, rule.get("when"))
        anchor = f"regel-{rule['id']}"
        yield Traced(file, ("rules", i, "then"), "outcome", *owner, anchor,
                     f"{then.get('outcome', '')} {condition}", _t(then, "quotes"),
                     _t(then, "interpretations"), critical=bool(then.get("critical")),
                     not_stated=bool(then.get("not_stated")))
        for j, action in enumerate(then.get("actions") or ()):
            if isinstance(action, str):  # an action written as plain text has no quotes
                action = {"text": action}
            yield Traced(file, ("rules", i, "then", "actions", j), "action", *owner, anchor,
                         f"{action.get('text', '')} {condition}", _t(action, "quotes"),
                         _t(action, "interpretations"), critical=bool(then.get("critical")))
    yield from _notes(file, data, "notes", "note", "upplysning", owner)


def task_items(file: Path, data: dict[str, Any]) -> Iterator[Traced]:
    """A task's own words: its questions and its stops' titles (with their conditions).
    Its steps and decision aids are traced where they live."""
    owner: tuple[OwnerKind, str, str] = ("task", data["id"], data.get("title", ""))
    questions = data.get("questions") or ()
    yield from _questions(file, questions, "task-question", owner, "checklista")
    for i, stop in enumerate(data.get("stops") or ()):
        visible = " ".join([stop.get("title", ""), _labels(questions, stop.get("when"))])
        yield Traced(file, ("stops", i), "stop", *owner, stop["id"], visible,
                     _t(stop, "quotes"), _t(stop, "interpretations"))


def phrase_items(file: Path, data: dict[str, Any]) -> Iterator[Traced]:
    owner: tuple[OwnerKind, str, str] = ("phrases", data.get("id", ""), data.get("title", ""))
    for i, phrase in enumerate(data.get("phrases") or ()):
        visible = " ".join([phrase.get("title", ""), phrase.get("use", ""),
                            phrase.get("text", ""), phrase.get("location", "")])
        yield Traced(file, ("phrases", i), "phrase", *owner, f"fras-{phrase['id']}", visible,
                     _t(phrase, "quotes"), _t(phrase, "interpretations"))


def routine_items(file: Path, data: dict[str, Any]) -> Iterator[Traced]:
    owner: tuple[OwnerKind, str, str] = ("routine", data["id"], data.get("title", ""))
    # Purpose, scope and the change history are shown verbatim: each is its own quote.
    for key, anchor in (("scope", "omfattning"), ("purpose", "syfte")):
        text = data.get(key)
        if isinstance(text, str):
            yield Traced(file, (key,), "section", *owner, anchor, text, (text,),
                         verbatim=True)
    for i, change in enumerate(data.get("changelog") or ()):
        entry = f"{change.get('date', '')} {change.get('text', '')}"
        yield Traced(file, ("changelog", i), "section", *owner, "andringshistorik", entry,
                     (entry,), verbatim=True)
    for i, section in enumerate(data.get("sections") or ()):
        visible = " ".join([section.get("title", ""), *section.get("paragraphs", ()),
                            *section.get("bullets", ())])
        yield Traced(file, ("sections", i), "section", *owner, f"avsnitt-{section['id']}",
                     visible, _t(section, "quotes"))
    for i, ref in enumerate(data.get("references") or ()):
        if ref.get("quotes") or ref.get("interpretations"):
            text = " ".join([ref.get("title", ""), ref.get("description", "")])
            yield Traced(file, ("references", i), "reference", *owner, f"ref-{ref['id']}",
                         text, _t(ref, "quotes"), _t(ref, "interpretations"))
    for i, term in enumerate(data.get("glossary") or ()):
        yield Traced(file, ("glossary", i), "term", *owner, f"begrepp-{term['id']}",
                     f"{term.get('term', '')}: {term.get('meaning', '')}", _t(term, "quotes"),
                     _t(term, "interpretations"))


# A kind's walker (model/kinds.py names it): (path, data) -> the items staff act on.
Walker = Callable[[Path, dict[str, Any]], Iterable[Traced]]


def trace_routine(documents: Iterable[tuple[Walker, Document]]) -> list[Traced]:
    """The trace of one routine: every item of its (valid) documents, given as (the
    kind's walker, document) in trace order, each with the line it starts on (recorded
    by the loader)."""
    found: list[Traced] = []
    for walk, doc in documents:
        if doc.data is None:
            continue
        lines = doc.lines
        found += [replace(item, line=lines.get(item.path, 0))
                  for item in walk(doc.path, doc.data)]
    return found


def _mark(covered: bytearray, match: Match) -> None:
    for a, b in match.spans:
        covered[a:b] = b"\x01" * (b - a)


def _missing(source: SourceText, covered: bytearray, start: int, end: int) -> str:
    gaps = [source.reading[i] if not covered[i] else " " for i in range(start, end)]
    missing = normalize("".join(gaps))
    return missing if any(c.isalnum() for c in missing) else ""


def coverage(source: SourceText, traced: Iterable[Traced],
             unquoted: Iterable[tuple[str, str]]) -> Coverage:
    """Which items quote each sentence; which sentences are registered unquoted, and
    which words of a sentence nothing covers (and which the items' quotes alone leave
    uncovered, `missing_by_items`)."""
    covered = bytearray(len(source.reading))
    by_sentence: dict[int, SentenceUse] = {s.number: SentenceUse(s) for s in source.sentences}
    for item in traced:
        for quote in item.quotes:
            named = source.heading_named(quote)
            if named is not None:  # the whole heading: the section, not a line that repeats it
                if item not in by_sentence[named.number].users:
                    by_sentence[named.number].users.append(item)
                continue
            for match in source.find(quote):
                _mark(covered, match)
                for a, b in match.spans:
                    for s in source.sentences_in(a, b):
                        use = by_sentence[s.number]
                        if item not in use.users:
                            use.users.append(item)
    by_items = bytearray(covered)
    for text, reason in unquoted:
        for match in source.find(text):
            _mark(covered, match)
            for a, b in match.spans:
                for s in source.sentences_in(a, b):
                    by_sentence[s.number].reasons.append(reason)
    for use in by_sentence.values():
        s = use.sentence
        if s.kind != "text":
            continue
        use.missing = _missing(source, covered, s.start, s.end)
        use.missing_by_items = (use.missing if not use.reasons
                                else _missing(source, by_items, s.start, s.end))
    return Coverage(list(by_sentence.values()))
