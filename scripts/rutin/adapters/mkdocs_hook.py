"""MkDocs adapter (mkdocs.yml `hooks:`): hands the core's site plan (site_plan.py) to
MkDocs, plus MkDocs' own business: the preview, the offline variant, minified assets, a
lean sidebar per routine, freeing page sources. Loaded from its path: absolute imports."""

from __future__ import annotations

import copy
import logging
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from rutin import content, csp, page_assets, printing
from rutin.model import Library
from rutin.preview import Preview
from rutin.site_plan import Settings, SitePlan, navigation, site_plan

OFFLINE_SHIM = "assets/vendor/iframe-worker-shim.js"
log = logging.getLogger("mkdocs.plugins.rutin")
_plan: list[SitePlan] = []  # this build's plan (set by on_files)
_preview = Preview()  # `mkdocs serve`: content errors shown in the page, not fatal


def on_startup(*, command: str, dirty: bool) -> None:
    _preview.serving = command == "serve"


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    """The preview looks for saved files every 0.1 s instead of MkDocs' 0.5 s: half of
    what an editor waited for after saving (`make bench ARGS=forhandsvisning`)."""
    observer = server.observer  # watchdog's: its emitters poll every `_timeout` seconds
    for polling in (observer, *getattr(observer, "emitters", ())):
        if hasattr(polling, "_timeout"):
            polling._timeout = 0.1  # the content folders are scheduled after this event
    return server


def _library(config: MkDocsConfig) -> tuple[Path, Library | None]:
    """The validated content; validated once per build (content.checked caches it)."""
    root = content.content_root(Path(config.config_file_path or ".").resolve().parent)
    report = content.checked(root)
    if report.errors or report.library is None:
        lines = [p.format_text() for p in report.problems] or [f"{root}: kunde inte läsas"]
        if not _preview.serving:
            raise PluginError(f"Innehållet i {root} har {len(report.errors)} fel; webbplatsen "
                              "byggs inte.\n" + "\n".join(lines))
        log.error("Innehållet har fel; förhandsvisningen visar dem:\n%s", "\n".join(lines))
        _preview.errors = lines
        return root, content.last_good(root)
    _preview.errors = []
    return root, report.library


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root, _ = _library(config)
    if _preview.serving and str(root) not in map(str, config.watch):
        config.watch.append(str(root))  # a content copy ($RUTIN_CONTENT_ROOT) too
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    if plugin is not None and plugin.config.get("enabled"):
        # Its Web Worker shim would come from unpkg.com; instant navigation fails on file://
        polyfills = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in p]
        config.extra["polyfills"] = [*polyfills, OFFLINE_SHIM]
        config.theme["features"] = [f for f in config.theme.get("features", [])
                                    if f != "navigation.instant"]
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    root, library = _library(config)
    if library is None:  # previewing, and no good content yet: the pages say why
        return files
    settings = Settings(config.site_url or "", config.use_directory_urls, content_root=root)
    plan = site_plan(library, settings)
    _plan[:] = [plan]
    for line in plan.reports:
        log.info(line)
    for page in plan.pages:
        if files.get_file_from_path(page.src) is not None:
            raise PluginError(f"docs/{page.src} krockar med en genererad sida; ta bort filen.")
        files.append(File.generated(config, page.src, content=page.markdown))
    handwritten = [f.src_uri for f in files.documentation_pages() if not f.generated_by]
    config.nav = navigation(library, handwritten)  # MkDocs builds its nav right after
    for file in list(files):  # our own CSS and JS, minified as they are copied
        if not file.generated_by and page_assets.is_own(file.src_uri):
            files.remove(file)
            files.append(File.generated(config, file.src_uri,
                                        content=page_assets.minify(file.content_string,
                                                                   file.src_uri)))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Free a generated page's source once read: MkDocs keeps both for the whole build
    (~20 MB at 1,000 checklists, `make bench`)."""
    if page.file.generated_by and page.file.src_uri.endswith(".md"):
        page.file.content_string = ""
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Assets from the plan (a hand-written page's macros may add components: its markup
    decides), links to other sites marked for print, the preview's errors on top."""
    planned = _plan[0].page(page.file.src_uri) if _plan else None
    found = list(planned.components) if planned else page_assets.components(html)
    page.meta["rutin_stylesheets"] = page_assets.files(found, ".css")
    page.meta["rutin_scripts"] = page_assets.files(found, ".js")
    return _preview.banner() + printing.mark_external_links(html, config.site_url or "")


def _is_routine_section(item: Any) -> bool:
    if not isinstance(item, Section) or not item.children or not _plan:
        return False
    first = item.children[0]
    return isinstance(first, Page) and first.file.src_uri in _plan[0].routine_pages


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig,
                    nav: Navigation) -> dict[str, Any]:
    """On a routine's page the sidebar lists only that routine: with 50 routines each
    page carried ~170 kB of menu and the build grew quadratically."""
    active = [i for i in nav.items if _is_routine_section(i) and i.active]
    if active:
        trimmed = copy.copy(nav)
        trimmed.items = [i for i in nav.items if not _is_routine_section(i) or i in active]
        context["nav"] = trimmed
    return context


def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    for path, text in (_plan[0].exports.items() if _plan else ()):
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(text, encoding="utf-8")
    if not _preview.serving:  # the preview server does not send them (0.4 s a rebuild)
        csp.write(site)  # the Content-Security-Policy files: csp.txt, nginx-csp.conf
