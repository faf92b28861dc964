"""What staff see of a new version of the routine: the steps whose content changed in
the latest revision carry "Ändrat <datum>" for MARK_DAYS days after it was read in, and
the start page lists the task stops that hold them ("Nytt i rutinen sedan ditt senaste
besök", shown by news.js only to a reader who last visited before that date).

A step changed in a revision when one of its quotes rested on a sentence the revision
changed or removed (source_review.py): the same steps the editor had to review.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from .model import Routine
from .safe_html import Html, md_text
from .source_review import latest_revision, suspects

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


_cache: dict[tuple[object, ...], dict[str, str]] = {}


def changed_steps(routine: Routine, today: date | None = None) -> dict[str, str]:
    """step id → the date the revision that changed it was read in, while the mark
    lasts (empty without a revision, or after MARK_DAYS days)."""
    if routine.file is None or routine.source_file is None:
        return {}
    revision = latest_revision(routine.file.parent / routine.source_file)
    if revision is None or not revision.imported:
        return {}
    today = today or date.today()
    try:
        imported = date.fromisoformat(revision.imported)
    except ValueError:
        return {}
    if today > imported + timedelta(days=MARK_DAYS):
        return {}
    key = (routine.file, revision.id, tuple(
        (c.id, tuple((s.id, s.quotes) for s in c.steps)) for c in routine.checklists))
    found = _cache.get(key)
    if found is None:
        quotes = [(_At(c.file or Path()), ("steps", i, "quotes", j), quote)
                  for c in routine.checklists for i, step in enumerate(c.steps)
                  for j, quote in enumerate(step.quotes)]
        steps = {(c.file or Path(), i): step.id for c in routine.checklists
                 for i, step in enumerate(c.steps)}
        found = {}
        for suspect in suspects(quotes, routine.file.parent, revision):
            index = suspect.field[1]
            step_id = steps.get((suspect.doc.path, index)) if isinstance(index, int) else None
            if step_id is not None:
                found[step_id] = revision.imported
        _cache.clear()
        _cache[key] = found
    return found


def mark(routine: Routine, step_id: str) -> Html:
    """The visible mark after a changed step's text (empty for the others)."""
    changed = changed_steps(routine).get(step_id)
    if changed is None:
        return Html()
    return Html(' <span class="rutin-changed-mark">Ändrat {}</span>').format(changed)


def changed_stops(routine: Routine) -> list[ChangedStop]:
    """The task stops that show a changed step, in task order."""
    changed = changed_steps(routine)
    if not changed:
        return []
    return [ChangedStop(task.id, task.title, point.id, point.title)
            for task in routine.tasks for point in task.pause_points
            if any(item in changed for item in point.items)]


def revision_date(routine: Routine) -> str:
    """The date of the revision the marks show ("" when none is shown)."""
    return next(iter(changed_steps(routine).values()), "")


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
