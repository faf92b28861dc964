"""The site's shape, decided by the core and independent of any site generator.

`site_plan(library, settings)` returns every generated page as Markdown with its path,
its metadata (title, search keywords and weight, searchable or not: page_parts.PageMeta)
and the component assets it needs, the navigation, the print manifest (which pages print,
in what order), the export files and the build's reports. The MkDocs plugin
(adapters/mkdocs_material/) hands it to MkDocs; `rutin render` writes it as a plain docs
tree that other generators build (adapters/zensical/). Nothing here knows a generator.

Navigation: the hand-written pages (docs/) are named by the caller, which knows them;
the plan places them. Staff see the start page, the routines and the accessibility
statement; the routine owner's pages and the IT pages have corners of their own.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from rutin.export import api_json
from rutin.memory import collector_paused
from rutin.model import kinds
from rutin.model.records import Library, Routine
from rutin.pages import owner_pages, review, source_changes_page, staff_pages
from rutin.pages.page_parts import PageMeta, PageText
from rutin.pages.safe_html import plain
from rutin.printing import print_parts
from rutin.site import page_assets, site_paths

LinkStyle = Literal["built", "source"]

START_PAGE = "index.md"
LAST_PAGES = ("tillganglighet.md",)
# Hand-written pages for the people who run the site, not for staff at work.
IT_PAGES = ("drift.md", "prestanda.md")
OWNER_SECTION = "För rutinägaren"
IT_SECTION = "Om webbplatsen (för IT)"
FOLDER_TITLES = {"redigera": "Redigera innehållet"}


@dataclass(frozen=True)
class Settings:
    """Read once per build by the adapter or the command, then passed on."""

    site_url: str
    use_directory_urls: bool = True
    link_style: LinkStyle = "built"
    content_root: Path | None = None  # the export names each file relative to it


@dataclass(frozen=True)
class PlannedPage:
    src: str  # e.g. "platform24/bjuda-in-tolk.md"
    markdown: PageText  # the page's source, its front matter giving title and description
    components: tuple[str, ...]  # page_assets component names, in load order
    meta: PageMeta  # title, search keywords and weight, searchable (the adapter's dialect)

    @property
    def stylesheets(self) -> list[str]:
        return page_assets.files(list(self.components), ".css")

    @property
    def scripts(self) -> list[str]:
        return page_assets.files(list(self.components), ".js")


@dataclass(frozen=True)
class SitePlan:
    pages: tuple[PlannedPage, ...]
    routine_pages: frozenset[str]  # each routine's overview page
    exports: dict[str, str] = field(default_factory=dict)  # site path -> file text
    reports: tuple[str, ...] = ()
    prints: tuple[print_parts.PrintItem, ...] = ()  # the print manifest, in print order
    _by_src: dict[str, PlannedPage] = field(default_factory=dict, init=False, repr=False,
                                            compare=False)

    def __post_init__(self) -> None:
        self._by_src.update((p.src, p) for p in self.pages)

    def page(self, src: str) -> PlannedPage | None:
        return self._by_src.get(src)

    def print_manifest(self) -> str:
        """The print manifest as the build writes it (print_parts.MANIFEST_FILE)."""
        return print_parts.manifest_json(self.prints)


def _planned(src: str, markdown: PageText) -> PlannedPage:
    # The components follow from the page's own markup (MARKUP.md), so a piece of
    # markup can never arrive without its CSS and JavaScript.
    return PlannedPage(src, markdown, tuple(page_assets.components(markdown)), markdown.meta)


def _context(routine: Routine, settings: Settings) -> staff_pages.PageContext:
    return staff_pages.PageContext(
        routine=routine,
        site_url=settings.site_url,
        use_directory_urls=settings.use_directory_urls,
        source=staff_pages.routine_source(routine),
        link_style=settings.link_style,
    )


def routine_pages(routine: Routine, settings: Settings) -> tuple[list[PlannedPage], list[str]]:
    """A routine's pages and the build's reports about it (traceability coverage)."""
    ctx = _context(routine, settings)
    pages: list[PlannedPage] = []
    for kind in kinds.with_pages():  # each kind's pages (model/kinds.py)
        build = kind.hook("page")
        assert build is not None
        for record in kind.records(routine):
            src = kind.page_src(routine.id, record)
            assert src is not None
            pages.append(_planned(src, build(ctx, record)))
    reports: list[str] = []
    if ctx.source is not None:
        traced = owner_pages.routine_trace(ctx)
        if traced is not None:
            reports.append(f"Spårbarhet {routine.id}: {traced.coverage.summary()}")
        pages.append(_planned(site_paths.trace_page(routine.id),
                              owner_pages.trace_page(ctx, traced)))
        pages.append(_planned(site_paths.questions_page(routine.id),
                              owner_pages.questions_page(ctx, traced)))
        pages.append(_planned(site_paths.changes_page(routine.id),
                              source_changes_page.changes_page(ctx, traced)))
    if routine.scenarios:
        pages.append(_planned(site_paths.scenarios_page(routine.id),
                              owner_pages.scenarios_page(ctx)))
    return pages, reports


def site_plan(library: Library, settings: Settings) -> SitePlan:
    with collector_paused():  # no reference cycles are made (memory.py)
        return _site_plan(library, settings)


def _site_plan(library: Library, settings: Settings) -> SitePlan:
    pages: list[PlannedPage] = []
    reports: list[str] = []
    exports: dict[str, str] = {}
    for routine in library.routines:
        found, said = routine_pages(routine, settings)
        pages += found
        reports += said
        data = api_json.export(routine, settings.site_url, settings.content_root)
        # Compact: with `indent`, the json module encodes in pure Python (a tenth of
        # making the pages); a reader's tool indents it.
        exports[site_paths.export_path(routine.id)] = (
            json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n")
    page = review.review_page(library, settings.use_directory_urls, settings.link_style)
    pages.append(_planned(site_paths.review_page(), page))
    return SitePlan(
        pages=tuple(pages),
        routine_pages=frozenset(site_paths.routine_page(r.id) for r in library.routines),
        exports=exports,
        reports=tuple(reports),
        prints=tuple(item for r in library.routines
                     for item in print_items(r, settings.use_directory_urls)),
    )


def print_items(routine: Routine, use_directory_urls: bool = True
                ) -> list[print_parts.PrintItem]:
    """A routine's printed pages (the kinds that print, model/kinds.py) in the routine
    PDF's order: the kinds with a section of their own first (the tasks: what staff use
    at work), then the grouped ones (checklists, decision tables) in the overview's order
    (the groups, then the rest)."""
    def item(kind: str, item_id: str, title: str, src: str | None) -> print_parts.PrintItem:
        assert src is not None, kind  # a kind that prints has pages
        return print_parts.PrintItem(routine.id, item_id, kind, plain(title),
                                     site_paths.built_path(src, use_directory_urls))

    printed = [k for k in kinds.all_kinds() if k.prints]
    found = [item(k.name, r.id, r.title, k.page_src(routine.id, r))
             for k in printed if k.nav == "section" for r in k.records(routine)]
    in_groups = {r.id: (k, r) for k in printed if k.nav == "groups" for r in k.records(routine)}
    grouped = [i for g in routine.groups for i in g.items]
    order = [*dict.fromkeys(i for i in grouped if i in in_groups),
             *(i for i in in_groups if i not in grouped)]
    for item_id in order:
        kind, record = in_groups[item_id]
        found.append(item(kind.name, record.id, record.title, kind.page_src(routine.id, record)))
    return found


# --------------------------------------------------------------------------- navigation


TASKS_TITLE = kinds.get("task").nav_title


def _routine_nav(routine: Routine) -> list[Any]:
    """Overview first (section index), the kinds with a section of their own (the tasks),
    then the routine's sections as checklists and decision aids, grouped in `groups`
    order, then the kinds placed at the end (the phrases)."""
    nav: list[Any] = [site_paths.routine_page(routine.id)]
    placed_kinds = list(kinds.with_pages())
    for kind in placed_kinds:
        entries = [kind.page_src(routine.id, r) for r in kind.records(routine)]
        if kind.nav == "section" and entries:
            nav.append({kind.nav_title: entries})
    grouped = [k for k in placed_kinds if k.nav == "groups"]
    srcs: dict[str, str] = {}
    for kind in grouped:
        for record in kind.records(routine):
            srcs.setdefault(record.id, str(kind.page_src(routine.id, record)))
    placed: set[str] = set()
    for group in routine.groups:
        entries = [srcs[i] for i in group.items if i in srcs]
        placed.update(i for i in group.items if i in srcs)
        if entries:
            nav.append({group.title: entries})
    rest = [src for item_id, src in srcs.items() if item_id not in placed]
    if rest:
        nav.append({"Övrigt": rest})
    for kind in placed_kinds:
        if kind.nav == "end":
            nav += [kind.page_src(routine.id, r) for r in kind.records(routine)]
    return nav


def navigation(library: Library, handwritten: Iterable[str]) -> list[Any]:
    """The nav (MkDocs' `nav` shape, which Zensical reads too): start page, routines,
    the other hand-written pages by folder, the owner's and IT corners, and last the
    accessibility statement."""
    written = sorted(handwritten)
    nav: list[Any] = [u for u in (START_PAGE,) if u in written]
    for routine in library.routines:
        nav.append({routine.title: _routine_nav(routine)})
    middle = [u for u in written if u != START_PAGE and u not in LAST_PAGES
              and u not in IT_PAGES]
    folders: dict[str, list[str]] = {}
    for uri in middle:
        head, _, _ = uri.partition("/")
        folders.setdefault(head if "/" in uri else "", []).append(uri)
    nav.extend(folders.pop("", []))
    for folder, uris in folders.items():
        uris.sort(key=lambda u: (not u.endswith("/index.md"), u))
        nav.append({FOLDER_TITLES.get(folder, folder.replace("-", " ").capitalize()): uris})
    owner: list[Any] = [site_paths.review_page()]
    for routine in library.routines:
        if routine.source_file is not None:
            owner += [site_paths.trace_page(routine.id), site_paths.questions_page(routine.id),
                      site_paths.changes_page(routine.id)]
        if routine.scenarios:
            owner.append(site_paths.scenarios_page(routine.id))
    nav.append({OWNER_SECTION: owner})
    it = [u for u in IT_PAGES if u in written]
    if it:
        nav.append({IT_SECTION: it})
    nav.extend(u for u in LAST_PAGES if u in written)
    return nav
