"""The routine owner's page "Ändringar i källan": the latest new version of the routine,
sentence by sentence (changed with the changed words marked, removed, added), and for
each change the steps, warnings, rules and tasks that rest on it, with their review
state. Out of staff search, printable; built from the same history and stamps as
`rutin check` (source_review.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rutin.check import trace
from rutin.check.source_compare import Change, word_diff
from rutin.check.source_review import (
    Revision,
    Suspect,
    latest_revision,
    load_reviews,
    rests_on,
    reviewed,
    suspects,
)
from rutin.load.source_identity import identity as source_identity
from rutin.load.source_identity import read_identity, split, versions
from rutin.load.yaml_reader import FieldPath
from rutin.model import tasks
from rutin.pages.owner_pages import OWNER_NOTE, RoutineTrace, _front, item_link
from rutin.pages.page_parts import PageContext, PageText, heading, href, page, page_title
from rutin.pages.safe_html import Html
from rutin.site import site_paths

TITLE = "Ändringar i källan"


@dataclass(frozen=True)
class _At:
    path: Path


def _quotes(ctx: PageContext, items: list[trace.Traced]
            ) -> list[tuple[_At, FieldPath, str, trace.Traced | None, str]]:
    """(where, field, quote, item, label) for every quote: the traced items' and the
    routine's interpretations'."""
    found: list[tuple[_At, FieldPath, str, trace.Traced | None, str]] = []
    for item in items:
        if item.verbatim:
            found.append((_At(item.file), item.path, item.text, item, ""))
            continue
        for i, quote in enumerate(item.quotes):
            found.append((_At(item.file), (*item.path, "quotes", i), quote, item, ""))
    routine = ctx.routine
    if routine.file is not None:
        for n, reading in enumerate(routine.interpretations):
            for i, quote in enumerate(reading.quotes):
                found.append((_At(routine.file), ("interpretations", n, "quotes", i), quote,
                              None, f"Tolkning {reading.id}"))
    return found


def _words(change: Change) -> Html:
    assert change.old is not None and change.new is not None
    parts = []
    for mark, text in word_diff(change.old.text, change.new.text):
        if mark == "-":
            parts.append(Html("<del>{}</del>").format(text))
        elif mark == "+":
            parts.append(Html("<ins>{}</ins>").format(text))
        else:
            parts.append(Html("{}").format(text))
    return Html(" ").join(parts)


def _state(suspect: Suspect, revision: Revision, reviews: dict[tuple[str, str], str],
           folder: Path) -> str:
    if reviewed(suspect, reviews, folder):
        return "Granskad"
    if suspect.reason == "removed" and not suspect.new_sentences:
        return "Ej granskad: vilar på en borttagen mening"
    if not suspect.stamp:
        return "Ej granskad: citatet finns inte i den nya texten"
    return "Ej granskad"


def _change_block(ctx: PageContext, src: str, number: int, change: Change,
                  touched: list[tuple[Suspect, trace.Traced | None, str, str]],
                  placed: list[trace.Traced]) -> Html:
    if change.kind == "changed":
        assert change.old is not None and change.new is not None
        title = f"Ändrad mening (rad {change.old.line} → {change.new.line})"
        body = Html(
            '<dl class="rutin-facts"><dt>Förut</dt><dd>{}</dd><dt>Nu</dt><dd>{}</dd>'
            "<dt>Ändrade ord</dt><dd>{}</dd></dl>"
        ).format(change.old.text, change.new.text, _words(change))
    elif change.kind == "removed":
        assert change.old is not None
        title = f"Borttagen mening (rad {change.old.line} i förra versionen)"
        body = Html('<dl class="rutin-facts"><dt>Förut</dt><dd><del>{}</del></dd></dl>'
                    ).format(change.old.text)
    else:
        assert change.new is not None
        title = f"Tillagd mening (rad {change.new.line})"
        body = Html('<dl class="rutin-facts"><dt>Nu</dt><dd><ins>{}</ins></dd></dl>'
                    ).format(change.new.text)
    rows: list[Html] = []
    shown: set[tuple[int, str, str]] = set()
    for _suspect, item, label, state in touched:
        key = (id(item), label, state)
        if key in shown:
            continue
        shown.add(key)
        what = item_link(ctx, src, item) if item is not None else Html("{}").format(label)
        rows.append(Html("<li>{} – <strong>{}</strong></li>").format(what, state))
    if change.kind == "added":
        if placed:
            rows += [Html("<li>{} – citerar den nya meningen</li>").format(
                item_link(ctx, src, item)) for item in placed]
        uses = (Html("<ul>{}</ul>").format(Html().join(rows)) if rows else
                Html("<p>Ännu inte placerad: citera den i innehållet eller för in den i "
                     "registret <code>unquoted</code> (<code>rutin check</code> visar "
                     "den under source-coverage).</p>"))
    else:
        uses = (Html("<ul>{}</ul>").format(Html().join(rows)) if rows else
                Html("<p>Inget innehåll vilar på meningen.</p>"))
    items = [item for _s, item, _l, _st in touched if item is not None] + placed
    in_tasks = _tasks_using(ctx, items)
    task_links = Html(", ").join(
        Html('<a href="{}">{}</a>').format(
            href(ctx, src, site_paths.task_page(ctx.routine.id, task_id)), title)
        for task_id, title in in_tasks)
    tasks_line = (Html("<p>Uppgifter som visar innehållet: {}.</p>").format(task_links)
                  if in_tasks else Html())
    return heading(3, title, f"andring-{number}") + Html(
        '\n<div class="rutin-source-change">{}<p>Berör:</p>{}{}</div>\n').format(
        body, uses, tasks_line)


def _tasks_using(ctx: PageContext, items: list[trace.Traced]) -> list[tuple[str, str]]:
    """(id, title) of the tasks whose stops show a checklist or decision aid the items
    belong to, or whose own stops and questions are among the items."""
    owners = {(i.owner_kind, i.owner_id) for i in items}
    found: dict[str, str] = {}
    for resolved in tasks.resolved(ctx.routine):
        task = resolved.task
        if ("task", task.id) in owners:
            found[task.id] = task.title
            continue
        for stop in resolved.stops:
            for entry in stop.entries:
                if (entry.home is not None and ("checklist", entry.home.id) in owners) or (
                        entry.decision is not None
                        and ("decision", entry.decision.id) in owners):
                    found[task.id] = task.title
    return list(found.items())


def changes_page(ctx: PageContext, result: RoutineTrace | None) -> PageText:
    src = site_paths.changes_page(ctx.routine.id)
    front = _front(TITLE, "Vad som ändrades i den senaste versionen av rutinen och vilket "
                   "innehåll som berörs.")
    intro = Html(
        "<p>{} När rutinägaren ger ut en ny version av rutinen läses den in med "
        "<code>rutin source update</code>. Här står vad som ändrades, mening för mening, "
        "och vilka steg, varningar, regler och uppgifter som vilar på varje ändrad mening. "
        "Ett citat på en ändrad eller borttagen mening är ett fel i <code>rutin check</code> "
        "tills innehållet har uppdaterats och granskats; webbplatsen publiceras inte "
        "dessförinnan. Sidan kan skrivas ut.</p>\n").format(OWNER_NOTE)
    source = ctx.source
    if source is None or ctx.routine.file is None:
        return page(front, page_title(TITLE), intro,
                    Html("<p>Rutinen har ingen källtext (source_file).</p>"))
    revision = latest_revision(source.path)
    if revision is None:
        return page(front, page_title(TITLE), intro, Html(
            "<p>Källtexten har bara en inläst version. När en ny version läses in visas "
            "ändringarna här.</p>"))
    folder = ctx.routine.file.parent
    items = result.items if result is not None else []
    quotes = _quotes(ctx, items)
    found = suspects(((at, field, quote) for at, field, quote, _i, _l in quotes), folder,
                     revision)
    about = {(q[0].path, q[1]): (q[3], q[4]) for q in quotes}
    reviews = load_reviews(folder)
    by_change: dict[int, list[tuple[Suspect, trace.Traced | None, str, str]]] = {}
    for suspect in found:
        item, label = about[(suspect.doc.path, suspect.field)]
        state = _state(suspect, revision, reviews, folder)
        for change in suspect.changes:
            by_change.setdefault(id(change), []).append((suspect, item, label, state))
    # The header of the source as validation read it (one read of source.txt per build).
    identity = (source_identity(split(source.text)[0]) if source.text
                else read_identity(source.path))
    old_identity = None
    kept = versions(source.path)
    if len(kept) >= 2:
        old_identity = read_identity(kept[-2])
    comparison = revision.comparison
    open_count = sum(1 for s in found if not reviewed(s, reviews, folder))
    facts = Html(
        '<dl class="rutin-facts"><dt>Förra versionen</dt><dd>{old}</dd>'
        "<dt>Nya versionen</dt><dd>{new}</dd><dt>Inläst</dt><dd>{date}</dd>"
        "<dt>Ändringar</dt><dd>{changed} ändrade, {removed} borttagna, {added} tillagda "
        "meningar; {same} oförändrade</dd>"
        "<dt>Att granska</dt><dd>{open} av {total} citat</dd></dl>\n"
    ).format(old=old_identity.document if old_identity else "–",
             new=identity.document or "–", date=identity.imported or "–",
             changed=len(comparison.of("changed")), removed=len(comparison.of("removed")),
             added=len(comparison.of("added")), same=comparison.unchanged,
             open=open_count, total=len(found))
    blocks: list[Html] = []
    for number, change in enumerate(comparison.changes, start=1):
        placed = []
        if change.kind == "added" and change.new is not None:
            placed = [item for at, _f, quote, item, _l in quotes if item is not None
                      and change.new in rests_on(revision.new, quote)]
        blocks.append(_change_block(ctx, src, number, change, by_change.get(id(change), []),
                                    list(dict.fromkeys(placed))))
    return page(front, page_title(TITLE), intro, facts,
                heading(2, "Meningar som ändrats", "andringar"),
                Html("\n").join(blocks) if blocks else Html("<p>Inga meningar ändrades "
                                                             "(bara radbrytningar eller "
                                                             "länkar).</p>"))
