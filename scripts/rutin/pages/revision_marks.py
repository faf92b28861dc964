"""What staff see of a new version of the routine: the steps whose content changed in
the latest revision carry "Ändrat <datum>" for MARK_DAYS days after it was read in, and
the start page lists the task stops that hold them ("Nytt i rutinen sedan ditt senaste
besök", shown by news.js only to a reader who last visited before that date).

A step changed in a revision when one of its quotes rested on a sentence the revision
changed or removed (source_review.py): the same steps the editor had to review.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from rutin.check.source_review import latest_revision, suspects
from rutin.model.records import Routine
from rutin.model.shape import PROOF
from rutin.pages.safe_html import Html, md_text

MARK_DAYS = 90


@dataclass(frozen=True)
class _At:
    path: Path


@dataclass(frozen=True)
class ChangedStop:
    task_id: str
    task_title: str
    stop_id: str
    stop_title: str


_cache: dict[tuple[object, ...], tuple[str, frozenset[str]]] = {}


def _all_quotes(value: object, found: set[str]) -> None:
    """Every quote in a model object: each `quotes` field, at any depth."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            if f.metadata.get(PROOF):  # the routine's proof: not content
                continue
            item = getattr(value, f.name)
            if f.name == "quotes" and isinstance(item, tuple):
                found.update(q for q in item if isinstance(q, str))
            elif f.name != "file":
                _all_quotes(item, found)
    elif isinstance(value, (tuple, list)):
        for item in value:
            _all_quotes(item, found)


def changed_quotes(routine: Routine, today: date | None = None) -> tuple[str, frozenset[str]]:
    """(date, quotes): the quotes of the routine that rest on a sentence the latest
    revision changed or removed, and the date it was read in, while the mark lasts
    (("", ∅) without a revision, or after MARK_DAYS days)."""
    if routine.file is None or routine.source_file is None:
        return "", frozenset()
    revision = latest_revision(routine.file.parent / routine.source_file)
    if revision is None or not revision.imported:
        return "", frozenset()
    try:
        imported = date.fromisoformat(revision.imported)
    except ValueError:
        return "", frozenset()
    if (today or date.today()) > imported + timedelta(days=MARK_DAYS):
        return "", frozenset()
    quotes: set[str] = set()
    _all_quotes(routine, quotes)
    key = (routine.file, revision.id, frozenset(quotes))
    hit = _cache.get(key)
    if hit is None:
        at = _At(routine.file)
        found = suspects(((at, ("quotes", n), q) for n, q in enumerate(sorted(quotes))),
                         routine.file.parent, revision)
        hit = (revision.imported, frozenset(s.quote for s in found))
        _cache.clear()
        _cache[key] = hit
    return hit


def changed_steps(routine: Routine, today: date | None = None) -> dict[str, str]:
    """step id → the date of the revision that changed it (see changed_quotes)."""
    when, quotes = changed_quotes(routine, today)
    return {step.id: when for c in routine.checklists for step in c.steps
            if quotes.intersection(step.quotes)}


def mark_for(routine: Routine, quotes: tuple[str, ...]) -> Html:
    """The visible mark after an item whose quotes changed (empty for the others)."""
    when, changed = changed_quotes(routine)
    if not changed.intersection(quotes):
        return Html()
    return Html(' <span class="rutin-changed-mark">Ändrat {}</span>').format(when)


def _decision_changed(routine: Routine, decision_id: str, changed: frozenset[str]) -> bool:
    table = next((t for t in routine.decisions if t.id == decision_id), None)
    if table is None:
        return False
    found: set[str] = set()
    _all_quotes(table, found)
    return bool(changed & found)


def changed_stops(routine: Routine) -> list[ChangedStop]:
    """The task stops that show a changed step or decision aid, or whose own words
    changed, in task order."""
    _when, changed = changed_quotes(routine)
    if not changed:
        return []
    steps = changed_steps(routine)
    return [ChangedStop(task.id, task.title, stop.id, stop.title)
            for task in routine.tasks for stop in task.stops
            if changed.intersection(stop.quotes) or any(
                item in steps or _decision_changed(routine, item, changed)
                for item in stop.items)]


def revision_date(routine: Routine) -> str:
    """The date of the revision the marks show ("" when none is shown)."""
    when, changed = changed_quotes(routine)
    return when if changed else ""


def news_block(routine: Routine, link: Callable[[str, str], str]) -> str:
    """The start page's "Nytt i rutinen sedan ditt senaste besök": the stops with a
    changed step, as Markdown links (`link(task_id, stop_id)`), hidden until news.js
    finds the reader's previous visit older than the new version ("" without news)."""
    stops = changed_stops(routine)
    if not stops:
        return ""
    when = revision_date(routine)
    items = [
        Html('<li markdown="1">[{task}: {stop}]({target})</li>').format(
            task=md_text(stop.task_title), stop=md_text(stop.stop_title),
            target=link(stop.task_id, stop.stop_id))
        for stop in stops
    ]
    label = f"nytt-{routine.id}"
    return str(Html(
        '\n<section class="rutin-news" data-routine="{routine}" data-revision="{when}" '
        'aria-labelledby="{label}" hidden markdown="1">\n'
        '<h2 id="{label}">Nytt i rutinen sedan ditt senaste besök</h2>\n'
        "<p>Rutinen kom i en ny version {when}. Det här har ändrats (märkt "
        "<em>Ändrat {when}</em> i checklistorna):</p>\n"
        '<ul markdown="1">\n{items}\n</ul>\n</section>\n'
    ).format(routine=routine.id, when=when, label=label, items=Html("\n").join(items)))
