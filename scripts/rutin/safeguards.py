"""Safeguards attached to actions: a warning or note that belongs where an action is
taken (closing a chat, ending a video visit), not only in its own section.

A checklist's warning or note with `attached_to` names steps by id, or passages of the
source: it is then shown *at* each such step, in every task, checklist and print where
the step appears. One lookup for every page, built once per routine.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Checklist, Note, Routine, Step
from .source import normalize


@dataclass(frozen=True)
class Safeguard:
    """An attached warning or note, with the section it is written in."""

    note: Note
    home: Checklist
    warning: bool  # a warning (critical) or a note (informs)


def _quotes_passage(step: Step, passage: str) -> bool:
    wanted = normalize(passage)
    return any(wanted in normalize(q) for q in step.quotes)


def attached_to(note: Note, step: Step) -> bool:
    return step.id in note.attached_steps or any(
        _quotes_passage(step, p) for p in note.attached_quoting)


def _build(routine: Routine) -> dict[str, tuple[Safeguard, ...]]:
    attached = [Safeguard(n, c, warning)
                for c in routine.checklists
                for warning, notes in ((True, c.warnings), (False, c.notes))
                for n in notes if n.attached]
    found: dict[str, tuple[Safeguard, ...]] = {}
    if not attached:
        return found
    for checklist in routine.checklists:
        for step in checklist.steps:
            here = tuple(s for s in attached if attached_to(s.note, step))
            if here:
                found[step.id] = here
    return found


# Routines are unhashable (frozen, with dict fields): the last few are kept by identity,
# with a reference so an id is never reused while cached. Every page asks per step.
_CACHE: list[tuple[Routine, dict[str, tuple[Safeguard, ...]]]] = []


def safeguards(routine: Routine) -> dict[str, tuple[Safeguard, ...]]:
    """Step id -> the safeguards shown at that step."""
    for cached, found in _CACHE:
        if cached is routine:
            return found
    found = _build(routine)
    _CACHE.insert(0, (routine, found))
    del _CACHE[4:]
    return found


def at_step(routine: Routine, step_id: str) -> tuple[Safeguard, ...]:
    here = safeguards(routine).get(step_id, ())
    return tuple(sorted(here, key=lambda s: not s.warning))
