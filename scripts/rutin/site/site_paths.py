"""Where each generated page lives: the URL scheme (project.py names the project's folders).

One place for the scheme, shared by the site plan (generates pages), the macros (link
to them), the page builders (page_parts.href, links between them) and the tests:

    <routine>/index.md               routine overview        /<routine>/
    <routine>/<checklist-id>.md      one checklist           /<routine>/<checklist-id>/
    <routine>/<task-id>.md           one task's checklist    /<routine>/<task-id>/
    <routine>/beslut/<decision>.md   one decision table      /<routine>/beslut/<decision>/
    <routine>/frasmallar.md          the phrase library      /<routine>/frasmallar/
    <routine>/sparbarhet.md          source → content        /<routine>/sparbarhet/
    <routine>/fragor-till-rutinagaren.md  owner's questions  /<routine>/fragor-till-rutinagaren/
    <routine>/scenarier.md           clinical scenarios      /<routine>/scenarier/
    api/<routine>.json               the export (written after the build)
"""

from __future__ import annotations

import posixpath

DECISION_DIR = "beslut"
PHRASES_PAGE = "frasmallar"


def routine_page(routine_id: str) -> str:
    return f"{routine_id}/index.md"


def checklist_page(routine_id: str, checklist_id: str) -> str:
    return f"{routine_id}/{checklist_id}.md"


def task_page(routine_id: str, task_id: str) -> str:
    """A task's checklist: in the routine's folder, like the checklists (ids are unique
    in a routine, rule unique-ids)."""
    return f"{routine_id}/{task_id}.md"


def decision_page(routine_id: str, decision_id: str) -> str:
    return f"{routine_id}/{DECISION_DIR}/{decision_id}.md"


def phrases_page(routine_id: str) -> str:
    return f"{routine_id}/{PHRASES_PAGE}.md"


def _stem(src: str) -> str:
    return src.rsplit("/", 1)[-1].removesuffix(".md")


def trace_page(routine_id: str) -> str:
    """Spårbarhet: the source sentence by sentence, with where each is used."""
    return f"{routine_id}/sparbarhet.md"


def questions_page(routine_id: str) -> str:
    """Frågor till rutinägaren: unconfirmed readings and what the source leaves open."""
    return f"{routine_id}/fragor-till-rutinagaren.md"


def scenarios_page(routine_id: str) -> str:
    """Scenarier: the routine's clinical scenarios told as stories, with their verdicts."""
    return f"{routine_id}/scenarier.md"


def changes_page(routine_id: str) -> str:
    """Ändringar i källan: the latest new version of the routine and what it touches."""
    return f"{routine_id}/andringar-i-kallan.md"


def review_page() -> str:
    return "granskning.md"


def export_path(routine_id: str) -> str:
    return f"api/{routine_id}.json"


def page_url(src_uri: str) -> str:
    """The page's path on the online site (directory URLs), e.g. `platform24/tolk/`."""
    stem = src_uri.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def absolute_url(site_url: str, src_uri: str) -> str:
    return site_url.rstrip("/") + "/" + page_url(src_uri)


def built_path(src_uri: str, use_directory_urls: bool) -> str:
    """The page's path in the built site: `a/b/` (directory URLs) or `a/b.html`."""
    if use_directory_urls:
        return page_url(src_uri)
    return src_uri.removesuffix(".md") + ".html"


def built_link(from_src: str, to_src: str, use_directory_urls: bool, anchor: str = "") -> str:
    """A link as the browser resolves it, from one built page to another. For raw HTML
    in generated pages, which MkDocs does not rewrite (the site tests check them all)."""
    source = built_path(from_src, use_directory_urls)
    target = built_path(to_src, use_directory_urls)
    base = source if source.endswith("/") or not source else posixpath.dirname(source)
    rel = posixpath.relpath(target or ".", base.rstrip("/") or ".")
    if target.endswith("/") or not target:
        rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{anchor}" if anchor else "")


def relative_link(from_uri: str, to_uri: str, anchor: str = "") -> str:
    """A Markdown link target from one page source to another (MkDocs rewrites and
    validates it), e.g. `../beslut/suicidrisk.md#regler`."""
    rel = posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")
    return rel + (f"#{anchor}" if anchor else "")


# Names of the pages the site makes in a routine's folder: a checklist with such an id
# would overwrite one of them (rule unique-ids).
RESERVED_PAGE_NAMES = frozenset({
    "index", PHRASES_PAGE, DECISION_DIR, _stem(trace_page("r")), _stem(questions_page("r")),
    _stem(scenarios_page("r")),
    _stem(changes_page("r")),
})


# Names the site uses at its top for itself: a routine with such an id would put its
# pages there (the review page granskning/ would replace the routine's own start page).
RESERVED_ROUTINE_NAMES = frozenset({
    _stem(review_page()), export_path("r").split("/", 1)[0],
    "assets", "search",  # the site's files, the theme's search index
    "pdf",  # `rutin pdf` writes its files there (printing/print_parts.PDF_DIR)
})


def routine_url(routine_id: str, _item_id: str = "") -> str:
    """The routine kind's page (model/kinds.py): the overview."""
    return routine_page(routine_id)


def phrases_url(routine_id: str, _item_id: str = "") -> str:
    """The phrases kind's page (model/kinds.py): the routine's one phrase library."""
    return phrases_page(routine_id)
