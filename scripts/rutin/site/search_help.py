"""What the site search gets besides the pages (the adapter adds it to the generator's
index, the search worker and the no-hit help read it): the search aids as word → the
routine's term, the tasks with the roles they are for (a search that finds nothing
offers the tasks of the reader's role), and the site's own titles for a page (a start
page card "Patienten kommer inte till videobesöket" is searched as that page's name)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from rutin.model.records import Library
from rutin.site import site_paths
from rutin.site.site_plan import SitePlan


def aids(library: Library) -> dict[str, list[str]]:
    """Every search aid term → its words (routine.yaml `search_aids`), each word under
    the first term that has it. Grouped by term, so that the manifest every page view
    fetches names each term once."""
    found: dict[str, list[str]] = {}
    seen: set[str] = set()
    for routine in library.routines:
        for aid in routine.search_aids:
            for word in aid.words:
                if word.lower() not in seen:
                    seen.add(word.lower())
                    found.setdefault(aid.term, []).append(word.lower())
    return found


def tasks(library: Library, use_directory_urls: bool = True) -> list[dict[str, Any]]:
    """Each task: its address (from the site root), title, routine and the roles that
    see it (a role that comprises another is included, as on the start page)."""
    found = []
    for routine in library.routines:
        for task in routine.tasks:
            roles = sorted({m for r in task.roles for m in routine.members(r)})
            found.append({
                "location": site_paths.built_path(site_paths.task_page(routine.id, task.id),
                                                  use_directory_urls),
                "title": task.title, "routine": routine.id, "roles": roles,
            })
    return found


LinkTitles = Mapping[str, Mapping[str, list[str]]]
"""The site's own titles for pages, as the hand-written pages' macros wrote them (a task
card's text): {page with the links: {page linked to (source path): [titles]}}. Kept by
the adapter (set again each time a page's macros run; read when the index is written)."""


def link_titles(titles: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """The titles one page gives other pages ((source path linked to, title) pairs, as
    macros.Page.titles collects them), by page linked to."""
    found: dict[str, list[str]] = {}
    for target, title in titles:
        found.setdefault(target, []).append(title)
    return found


def other_names(titles: LinkTitles) -> dict[str, list[str]]:
    """Every page's titles from other pages: {built path: [titles]}, under both forms of
    the page's path ("platform24/x/" and "platform24/x.html": the index has one)."""
    names: dict[str, list[str]] = {}
    for found in titles.values():
        for target, given in found.items():
            for path in {site_paths.built_path(target, True), site_paths.built_path(target, False)}:
                for title in given:
                    if title not in names.setdefault(path, []):
                        names[path].append(title)
    return names


def titles_only(plan: SitePlan | None, use_directory_urls: bool) -> dict[str, str]:
    """The pages kept out of the search (the owner's pages, which hold the whole source),
    {built path: title}: the search finds them by their title alone."""
    return {site_paths.built_path(p.src, use_directory_urls): p.meta.title
            for p in (plan.pages if plan else ()) if not p.meta.searchable}
