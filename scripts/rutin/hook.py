"""Thin MkDocs hook (`hooks:` in mkdocs.yml): validate content, generate its pages.

Everything that matters lives in `rutin` (validate, render, site_paths); this file only
adapts it to MkDocs events, so the site could move to another MkDocs-compatible builder.

- on_config: validate the content root; any error aborts the build with every problem
  (file:line:col …), so a broken file never produces a site. Offline build: use the
  vendored iframe-worker shim and no instant navigation.
- on_files: one generated page per routine overview, checklist, decision table and
  phrase library (`File.generated`, no stub files), and the nav in `groups` order.
- on_files also minifies the project's own CSS and JavaScript (docs/assets/*.css|js and
  the theme's assets/*/rutin-*) as they are copied (target in `rutin bench site`).
- on_page_content: which component assets (checklist, decision, tables …) the page
  loads, from its markup (page_assets.py).
- on_page_context: on a page of one routine, the sidebar lists only that routine, so a
  page's size does not grow with the number of routines in the region.
- on_post_build: `site/api/<routine>.json`, the machine-readable export, and the
  Content-Security-Policy files (csp.py: `site/csp.txt`, `site/nginx-csp.conf`).

Loaded by MkDocs from its path, so it imports `rutin` absolutely.
"""

from __future__ import annotations

import copy
import json
import logging
from pathlib import Path
from typing import Any

import rcssmin
import rjsmin
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from rutin import csp, owner_pages, page_assets, printing, render, site_paths
from rutin.model import DecisionTable, Library, Routine

OFFLINE_SHIM = "assets/vendor/iframe-worker-shim.js"
log = logging.getLogger("mkdocs.plugins.rutin")


def _library(config: MkDocsConfig) -> tuple[Path, Library]:
    root = site_paths.content_root(Path(config.config_file_path or ".").resolve().parent)
    report = site_paths.checked(root)
    if report.errors or report.library is None:
        lines = [p.format_text() for p in report.problems] or [f"{root}: kunde inte läsas"]
        raise PluginError(
            f"Innehållet i {root} har {len(report.errors)} fel; webbplatsen byggs inte.\n"
            + "\n".join(lines)
        )
    return root, report.library


def _offline(config: MkDocsConfig) -> bool:
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin is not None and plugin.config.get("enabled"))


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _library(config)
    if _offline(config):
        # Material's offline plugin would load its Web Worker shim from unpkg.com, and
        # its docs say instant navigation does not work from file://.
        polyfills = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in p]
        config.extra["polyfills"] = [*polyfills, OFFLINE_SHIM]
        features = config.theme.get("features", [])
        config.theme["features"] = [f for f in features if f != "navigation.instant"]
    return config


def _context(config: MkDocsConfig, routine: Routine) -> render.PageContext:
    return render.PageContext(
        routine=routine,
        site_url=config.site_url or "",
        use_directory_urls=config.use_directory_urls,
        source=render.routine_source(routine),
    )


def _pages(config: MkDocsConfig, routine: Routine) -> dict[str, str]:
    ctx = _context(config, routine)
    pages = {site_paths.routine_page(routine.id): render.routine_page(ctx)}
    for checklist in routine.checklists:
        pages[site_paths.checklist_page(routine.id, checklist.id)] = render.checklist_page(
            ctx, checklist
        )
    for table in routine.decisions:
        pages[site_paths.decision_page(routine.id, table.id)] = render.decision_page(ctx, table)
    if routine.phrases is not None:
        pages[site_paths.phrases_page(routine.id)] = render.phrases_page(ctx)
    if ctx.source is not None:
        traced = owner_pages.routine_trace(ctx)
        if traced is not None:
            log.info("Spårbarhet %s: %s", routine.id, traced.coverage.summary())
        pages[site_paths.trace_page(routine.id)] = owner_pages.trace_page(ctx, traced)
        pages[site_paths.questions_page(routine.id)] = owner_pages.questions_page(ctx, traced)
    return pages


def _routine_nav(routine: Routine) -> list[Any]:
    """Overview first (section index), then the groups in `groups` order."""
    nav: list[Any] = [site_paths.routine_page(routine.id)]
    placed: set[str] = set()
    for group in routine.groups:
        entries = []
        for item_id in group.items:
            item = routine.item(item_id)
            if item is None:
                continue
            placed.add(item_id)
            if isinstance(item, DecisionTable):
                entries.append(site_paths.decision_page(routine.id, item_id))
            else:
                entries.append(site_paths.checklist_page(routine.id, item_id))
        if entries:
            nav.append({group.title: entries})
    rest = [c.id for c in routine.checklists if c.id not in placed]
    rest_d = [d.id for d in routine.decisions if d.id not in placed]
    if rest or rest_d:
        nav.append(
            {
                "Övrigt": [site_paths.checklist_page(routine.id, i) for i in rest]
                + [site_paths.decision_page(routine.id, i) for i in rest_d]
            }
        )
    if routine.phrases is not None:
        nav.append(site_paths.phrases_page(routine.id))
    return nav


def _nav(library: Library, files: Files) -> list[Any]:
    handwritten = sorted(
        f.src_uri for f in files.documentation_pages() if not f.generated_by
    )
    first = [u for u in ("index.md",) if u in handwritten]
    last = [u for u in ("tillganglighet.md",) if u in handwritten]
    middle = [u for u in handwritten if u not in first and u not in last]
    nav: list[Any] = list(first)
    for routine in library.routines:
        nav.append({routine.title: _routine_nav(routine)})
    # The owner's pages: reachable, outside the staff path through the routines.
    owner: list[Any] = [site_paths.review_page()]
    for routine in library.routines:
        if routine.source_file is not None:
            owner += [site_paths.trace_page(routine.id), site_paths.questions_page(routine.id)]
    nav.append({"För rutinägaren": owner})
    # Other hand-written folders (e.g. redigera/, the editor guide) keep file order,
    # their index.md first; MkDocs takes each page's title from its heading.
    folders: dict[str, list[str]] = {}
    for uri in middle:
        head, _, _ = uri.partition("/")
        folders.setdefault(head if "/" in uri else "", []).append(uri)
    nav.extend(folders.pop("", []))
    for folder, uris in folders.items():
        uris.sort(key=lambda u: (not u.endswith("/index.md"), u))
        title = _folder_title(folder)
        nav.append({title: uris})
    nav.extend(last)
    return nav


FOLDER_TITLES = {"redigera": "Redigera innehållet"}


def _folder_title(folder: str) -> str:
    return FOLDER_TITLES.get(folder, folder.replace("-", " ").capitalize())


def on_files(files: Files, config: MkDocsConfig) -> Files:
    _root, library = _library(config)
    routine_pages.clear()
    routine_pages.update(site_paths.routine_page(r.id) for r in library.routines)
    for routine in library.routines:
        for src_uri, content in _pages(config, routine).items():
            if files.get_file_from_path(src_uri) is not None:
                raise PluginError(f"docs/{src_uri} krockar med en genererad sida; ta bort filen.")
            files.append(File.generated(config, src_uri, content=content))
    review = site_paths.review_page()
    files.append(File.generated(
        config, review, content=render.review_page(library, config.use_directory_urls)
    ))
    # Written into the config, MkDocs builds the nav from it right after on_files.
    config.nav = _nav(library, files)
    _minify_assets(files, config)
    return files


def _minify_assets(files: Files, config: MkDocsConfig) -> None:
    """Copy our own CSS and JavaScript without comments and indentation.

    rcssmin and rjsmin only remove what cannot change the meaning (comments, whitespace
    outside strings, regular expressions and templates); the sources stay readable.
    Pages load these files, so they count towards each page's size (target in
    `rutin bench site`).
    """
    for file in list(files):
        if file.generated_by or not page_assets.is_own(file.src_uri):
            continue
        text = file.content_string
        css = file.src_uri.endswith(".css")
        small = rcssmin.cssmin(text) if css else rjsmin.jsmin(text)
        files.remove(file)
        files.append(File.generated(config, file.src_uri, content=small))


# The routines' overview pages (src_uri) of the current build, set by on_files.
routine_pages: set[str] = set()


def _is_routine_section(item: Any) -> bool:
    """A routine's section in the nav: its first entry is the routine's overview page."""
    if not isinstance(item, Section) or not item.children:
        return False
    first = item.children[0]
    return isinstance(first, Page) and first.file.src_uri in routine_pages


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    """On a page of a routine, leave the other routines out of its sidebar.

    With every routine in the sidebar (even pruned, navigation.prune), each page of a
    region with 50 routines carried ~170 kB of menu, and rendering it made the build
    grow quadratically. The start page and the other hand-written pages still list every
    routine; with a single routine nothing changes. Prev/next links and search use the
    whole nav, untouched.
    """
    items = nav.items
    active = [i for i in items if _is_routine_section(i) and i.active]
    if not active:
        return context
    trimmed = copy.copy(nav)
    trimmed.items = [i for i in items if not _is_routine_section(i) or i in active]
    context["nav"] = trimmed
    return context


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Free a generated page's source once MkDocs has read it into `page.markdown`.

    MkDocs keeps both for the whole build; for a region of 1,000 checklists the second
    copy was ~20 MB of peak memory (`rutin bench site`). Nothing reads a page's source
    again in the same build, and `mkdocs serve` generates every file anew per build.
    """
    if page.file.generated_by and page.file.src_uri.endswith(".md"):
        page.file.content_string = ""
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Name the component assets the page needs (page_assets.py); the theme overrides
    link them: stylesheets in the head (main.html), scripts in the content
    (partials/javascripts/content.html), where instant navigation runs them. Mark the
    links to other sites, whose address print shows (printing.py)."""
    found = page_assets.components(html)
    page.meta["rutin_stylesheets"] = page_assets.files(found, ".css")
    page.meta["rutin_scripts"] = page_assets.files(found, ".js")
    return printing.mark_external_links(html, config.site_url or "")


def on_post_build(config: MkDocsConfig) -> None:
    root, library = _library(config)
    api = Path(config.site_dir) / "api"
    api.mkdir(parents=True, exist_ok=True)
    for routine in library.routines:
        data = render.export(routine, config.site_url or "", root)
        path = Path(config.site_dir) / site_paths.export_path(routine.id)
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    # The Content-Security-Policy for serving the site (csp.txt, nginx-csp.conf).
    csp.write(Path(config.site_dir))
