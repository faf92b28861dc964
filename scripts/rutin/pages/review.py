"""The "Granskning" page: every routine, checklist and decision table with owner, last
change and review date, most urgent first."""

from __future__ import annotations

from rutin.model.records import Checklist, DecisionTable, Library, Routine
from rutin.pages.components import changed_label, kind_label
from rutin.pages.page_parts import front_matter, item_src, page, page_title
from rutin.pages.safe_html import Html, plain
from rutin.site import site_paths
from rutin.texts import NOT_STATED


def _urgency(routine: Routine, item: Checklist | DecisionTable | None) -> tuple[int, str]:
    """Sort key: a review date soonest first; without one, the oldest change first."""
    if routine.review_by:
        return (0, routine.review_by)
    changed = (item.changed if item else None) or routine.last_changed
    return (1, changed)


def review_page(library: Library, use_directory_urls: bool = True,
                link_style: str = "built") -> str:
    """"Granskning": every routine, checklist and decision table with owner, last change
    and review date, most urgent first, so the owners see what needs reviewing."""
    src = site_paths.review_page()
    rows: list[tuple[tuple[int, str], Html]] = []
    for routine in library.routines:
        owner = routine.owner or NOT_STATED
        review = routine.review_by or NOT_STATED
        items: list[Checklist | DecisionTable | None] = [
            None, *routine.checklists, *routine.decisions,
        ]
        for item in items:
            if item is None:
                target, title, kind = site_paths.routine_page(routine.id), routine.title, "Rutin"
                changed = routine.last_changed
            else:
                target, title, kind = item_src(routine, item), item.title, kind_label(item)
                changed = changed_label(routine, item)[1]
            link = (site_paths.relative_link(src, target) if link_style == "source"
                    else site_paths.built_link(src, target, use_directory_urls))
            rows.append((_urgency(routine, item), Html(
                '<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>'
            ).format(link, plain(title), kind, owner, changed, review)))
    rows.sort(key=lambda row: row[0])
    table = Html(
        '<div class="rutin-table-wrap"><table class="rutin-review">'
        "<caption>Mest brådskande först: närmast granskningsdatum, därefter äldst ändring."
        "</caption><thead><tr><th>Innehåll</th><th>Typ</th><th>Innehållsansvarig</th>"
        "<th>Senast ändrad</th><th>Granskas senast</th></tr></thead><tbody>{}"
        "</tbody></table></div>"
    ).format(Html().join(row for _, row in rows))
    return page(
        front_matter("Granskning", ["granskning", "granska", "ägare", "revision"],
                     "Alla rutiner och checklistor med ägare, senaste ändring och "
                     "granskningsdatum.", 1),
        page_title("Granskning"),
        Html("<p>Här syns när innehållet senast ändrades och när det ska granskas. Där rutinen "
             "inte anger ägare eller granskningsdatum står det <em>{}</em>: "
             "uppgifterna hittas aldrig på. <code>rutin check</code> varnar 30 dagar före "
             "granskningsdatumet och stoppar publiceringen när det har passerat.</p>\n"
             ).format(NOT_STATED),
        table,
    )
