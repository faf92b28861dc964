"""MkDocs' and Material's own business, apart from handing over the plan (plugin.py): the
preview's polling, the offline variant, our assets minified as MkDocs copies them, a
page source freed once read, and a sidebar per routine. Each speed trick here is
measured by `make bench` (see the docstrings)."""

from __future__ import annotations

import copy
import gc
from collections.abc import Set
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from rutin.adapters.mkdocs_material import dialect
from rutin.site import page_assets

OFFLINE_SHIM = "assets/vendor/iframe-worker-shim.js"


def poll_often(server: Any) -> Any:
    """The preview looks for saved files every 0.1 s instead of MkDocs' 0.5 s: half of
    what an editor waited for after saving (`make bench ARGS=forhandsvisning`). MkDocs
    offers no setting for it; watchdog's polling observer and its emitters keep the
    interval in `_timeout` (checked by tests/test_preview.py, so an upgrade that renames
    it fails a test instead of silently slowing the preview)."""
    observer = server.observer
    for polling in (observer, *getattr(observer, "emitters", ())):
        if hasattr(polling, "_timeout"):
            polling._timeout = 0.1  # the content folders are scheduled after this event
    return server


def offline_config(config: MkDocsConfig) -> None:
    """With the offline plugin: the Web Worker shim from our own files (it would come
    from unpkg.com), and no instant navigation (it fails on file://)."""
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    if plugin is not None and plugin.config.get("enabled"):
        polyfills = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in p]
        config.extra["polyfills"] = [*polyfills, OFFLINE_SHIM]
        config.theme["features"] = [f for f in config.theme.get("features", [])
                                    if f != "navigation.instant"]


# The theme overrides' folders with our rutin-* files (overrides/assets/), the search
# worker's scripts among them (loaded by the worker, not a page).
THEME_ASSET_DIRS = ("assets/stylesheets", "assets/javascripts", "assets/javascripts/workers")


def is_own(path: str) -> bool:
    """Our own CSS or JavaScript in the site: docs/assets/ and the overrides' rutin-*."""
    return page_assets.is_own(path, THEME_ASSET_DIRS)


def own_assets(files: Files, config: MkDocsConfig, *, minify: bool) -> None:
    """Our own CSS and JS as they are copied: the theme's parts in Material's names
    (dialect.assets), and minified (`minify`; the sources stay readable)."""
    for file in list(files):
        if not file.generated_by and is_own(file.src_uri):
            text = dialect.assets(file.content_string)
            files.remove(file)
            files.append(File.generated(config, file.src_uri, content=page_assets.minify(
                text, file.src_uri) if minify else text))


def keep_for_the_build(keep: bool) -> None:
    """The content, the plan and the files made before MkDocs renders live until the
    build ends: frozen (`keep`), the garbage collector stops scanning them again and
    again while the pages are rendered (a second of a build at 1,000 checklists). Let
    go at the build's end (after a failed one, the next build's end lets go of both),
    so that the preview's next rebuild can free them."""
    if keep:
        gc.freeze()
    else:
        gc.unfreeze()


def free_source(page: Page) -> None:
    """Free a generated page's source once read: MkDocs keeps both for the whole build
    (~20 MB at 1,000 checklists, `make bench`)."""
    if page.file.generated_by and page.file.src_uri.endswith(".md"):
        page.file.content_string = ""


def _is_routine_section(item: Any, routine_pages: Set[str]) -> bool:
    if not isinstance(item, Section) or not item.children:
        return False
    first = item.children[0]
    return isinstance(first, Page) and first.file.src_uri in routine_pages


def trim_sidebar(context: TemplateContext, nav: Navigation, routine_pages: Set[str]
                 ) -> TemplateContext:
    """On a routine's page the sidebar lists only that routine (`routine_pages`: each
    routine's overview page): with 50 routines each page carried ~170 kB of menu and the
    build grew quadratically (`make bench`)."""
    sections = [i for i in nav.items if _is_routine_section(i, routine_pages)]
    active = [i for i in sections if i.active]
    if active:
        trimmed = copy.copy(nav)
        trimmed.items = [i for i in nav.items if i not in sections or i in active]
        context["nav"] = trimmed
    return context


