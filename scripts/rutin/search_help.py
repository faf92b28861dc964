"""What the site search gets besides the pages (the adapter adds it to the generator's
index, the search worker and the no-hit help read it): the search aids as word → the
routine's term, and the tasks with the roles they are for (a search that finds
nothing offers the tasks of the reader's role)."""

from __future__ import annotations

from typing import Any

from . import site_paths
from .model import Library


def aids(library: Library) -> dict[str, str]:
    """Every search aid word → its term (routine.yaml `search_aids`)."""
    found: dict[str, str] = {}
    for routine in library.routines:
        for aid in routine.search_aids:
            for word in aid.words:
                found.setdefault(word.lower(), aid.term)
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
