"""Safeguards attached to actions: a warning or note that belongs where an action is
taken (closing a chat, ending a video visit), not only in its own section.

A checklist's warning or note with `attached_to` names steps by id, or passages of the
source: it is then shown *at* each such step, in every task, checklist and print where
the step appears. One lookup for every page, built once per routine.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace

from rutin.load.source_text import normalize
from rutin.model.records import Checklist, Note, Routine, Step


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


def _hash(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:12]


def with_composed_versions(routine: Routine) -> Routine:
    """Versions that change whenever what a page shows changes: a checklist's version
    covers the safeguards attached to its steps from other sections, and a task's covers
    the sections and decision tables it shows. Tick state is keyed by version, so a
    changed safeguard or step never leaves stale ticks (or no "Ändrat") on a page whose
    own file did not change."""
    found = _build(routine)
    checklists = tuple(
        replace(c, version=_hash(c.version, *(s.note.text for step in c.steps
                                              for s in found.get(step.id, ()))))
        if any(step.id in found for step in c.steps) else c
        for c in routine.checklists)
    homes = {s.id: c for c in checklists for s in c.steps}
    tables = {t.id: t for t in routine.decisions}
    tasks = []
    for task in routine.tasks:
        parts: dict[str, str] = {}
        for stop in task.stops:
            for item in stop.items:
                home = homes.get(item)
                if home is not None:
                    parts[home.id] = home.version
                elif item in tables:
                    parts[item] = tables[item].version
        tasks.append(replace(task, version=_hash(task.version, *(
            f"{k}={v}" for k, v in sorted(parts.items())))))
    return replace(routine, checklists=checklists, tasks=tuple(tasks))
