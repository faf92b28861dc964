"""MkDocs' own business, apart from handing over the plan (mkdocs_hook.py): the
preview's polling, the offline variant, our assets minified as MkDocs copies them, a
page source freed once read, a sidebar per routine, and our search help in Material's
search index. Each speed trick here is
measured by `make bench` (see the docstrings)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from rutin.site import page_assets, search_help, search_shards

OFFLINE_SHIM = "assets/vendor/iframe-worker-shim.js"
routine_pages: set[str] = set()  # this build's routine overview pages (sidebar trimming)


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
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


def minify_own_assets(files: Files, config: MkDocsConfig) -> None:
    """Our own CSS and JS, minified as they are copied (the sources stay readable)."""
    for file in list(files):
        if not file.generated_by and page_assets.is_own(file.src_uri):
            files.remove(file)
            files.append(File.generated(config, file.src_uri, content=page_assets.minify(
                file.content_string, file.src_uri)))


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Free a generated page's source once read: MkDocs keeps both for the whole build
    (~20 MB at 1,000 checklists, `make bench`)."""
    if page.file.generated_by and page.file.src_uri.endswith(".md"):
        page.file.content_string = ""
    return markdown


def _is_routine_section(item: Any) -> bool:
    if not isinstance(item, Section) or not item.children:
        return False
    first = item.children[0]
    return isinstance(first, Page) and first.file.src_uri in routine_pages


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig,
                    nav: Navigation) -> dict[str, Any]:
    """On a routine's page the sidebar lists only that routine: with 50 routines each
    page carried ~170 kB of menu and the build grew quadratically (`make bench`)."""
    active = [i for i in nav.items if _is_routine_section(i) and i.active]
    if active:
        trimmed = copy.copy(nav)
        trimmed.items = [i for i in nav.items if not _is_routine_section(i) or i in active]
        context["nav"] = trimmed
    return context


# Elements whose start or end separates words on screen but not in the text Material's
# search parser keeps (it keeps the text of p, li, code …, drops every other tag and
# writes no space for it): a glossary's term and definition ("SITHS-kortBank-ID"), table
# cells, a line break, the parts of a list item. Their boundaries become a space.
WORD_BOUNDARIES = frozenset({
    "address", "article", "aside", "blockquote", "br", "button", "dd", "details", "div",
    "dl", "dt", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "hr", "label", "legend", "li", "nav", "ol", "p", "section", "summary",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})


def index_words_as_words() -> None:
    """Material's search parser (material/plugins/search/plugin.py `Parser`, looked up by
    name when a page is indexed) with a space at each element boundary that separates
    words on screen, so every text block is indexed word by word. The pages themselves
    are unchanged. Checked by tests/test_search_swedish.py (glossary words found one by
    one), so an upgrade that renames the parser fails a test."""
    from material.plugins.search import plugin as search_plugin

    base = search_plugin.Parser
    if getattr(base, "rutin_words", False):
        return

    class WordParser(base):  # type: ignore[misc, valid-type]
        rutin_words = True

        def _boundary(self) -> None:
            if self.section is not None:  # never before the page's first section
                self.handle_data(" ")

        def handle_starttag(self, tag: str, attrs: Any) -> None:
            if tag in WORD_BOUNDARIES:
                self._boundary()
            super().handle_starttag(tag, attrs)

        def handle_endtag(self, tag: str) -> None:
            super().handle_endtag(tag)
            if tag in WORD_BOUNDARIES:
                self._boundary()

    search_plugin.Parser = WordParser


def add_search_help(site: Path, help_config: dict[str, Any], *, split: bool = True) -> None:
    """Material's index (search/search_index.json) becomes a manifest with our search
    help in its config (`rutin_aids`, `rutin_tasks`) and the index in pieces that a
    query loads as it needs them (search_shards.py): a page view no longer downloads the
    whole index. The site's own titles for pages (search_help.other_names: a start page
    card's text) are searched as the page's keywords. Runs before the offline plugin
    inlines the manifest (its priority).
    `split=False` (the editor's preview, 0.1 s a rebuild): one index, which the search
    worker reads whole."""
    path = site / "search" / "search_index.json"
    if not path.is_file():
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    data.setdefault("config", {}).update(help_config)
    search_shards.add_other_names(data.get("docs") or [], search_help.other_names())
    manifest, pieces = search_shards.split(data) if split else (data, {})
    for name, text in pieces.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    path.write_text(json.dumps(manifest, ensure_ascii=False, separators=(",", ":")),
                    encoding="utf-8")
