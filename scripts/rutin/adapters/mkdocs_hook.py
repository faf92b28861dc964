"""MkDocs adapter (mkdocs.yml `hooks:`): hands the core's site plan (site_plan.py) to
MkDocs – the pages, the navigation, each page's assets, the export files – and keeps
the preview going on a content mistake. What is MkDocs' own business (offline variant,
minifying, sidebar, speed) is in mkdocs_site.py. Loaded from its path: absolute imports.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from rutin import content, csp, page_assets, printing, search_help
from rutin.adapters import mkdocs_site
from rutin.adapters.mkdocs_site import on_page_context, on_page_markdown, on_serve
from rutin.model import Library
from rutin.preview import Preview
from rutin.site_plan import Settings, SitePlan, navigation, site_plan

__all__ = ["on_page_context", "on_page_markdown", "on_serve"]  # MkDocs registers them too
log = logging.getLogger("mkdocs.plugins.rutin")
_plan: list[SitePlan] = []  # this build's plan (set by on_files)
_search: dict[str, object] = {}  # the search help for Material's index (set by on_files)
_preview = Preview()  # `mkdocs serve`: content errors shown in the page, not fatal


def on_startup(*, command: str, dirty: bool) -> None:
    _preview.serving = command == "serve"


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
    mkdocs_site.offline_config(config)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    root, library = _library(config)
    if library is None:  # previewing, and no good content yet: the pages say why
        return files
    settings = Settings(config.site_url or "", config.use_directory_urls, content_root=root)
    plan = site_plan(library, settings)
    _plan[:] = [plan]
    _search.update(rutin_aids=search_help.aids(library),
                   rutin_tasks=search_help.tasks(library, config.use_directory_urls))
    mkdocs_site.routine_pages.clear()
    mkdocs_site.routine_pages.update(plan.routine_pages)
    for line in plan.reports:
        log.info(line)
    for page in plan.pages:
        if files.get_file_from_path(page.src) is not None:
            raise PluginError(f"docs/{page.src} krockar med en genererad sida; ta bort filen.")
        files.append(File.generated(config, page.src, content=page.markdown))
    handwritten = [f.src_uri for f in files.documentation_pages() if not f.generated_by]
    config.nav = navigation(library, handwritten)  # MkDocs builds its nav right after
    mkdocs_site.minify_own_assets(files, config)
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Assets from the plan (a hand-written page's macros may add components: its markup
    decides), links to other sites marked for print, the preview's errors on top."""
    planned = _plan[0].page(page.file.src_uri) if _plan else None
    found = list(planned.components) if planned else page_assets.components(html)
    page.meta["rutin_stylesheets"] = page_assets.files(found, ".css")
    page.meta["rutin_scripts"] = page_assets.files(found, ".js")
    return _preview.banner() + printing.mark_external_links(html, config.site_url or "")


def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    for path, text in (_plan[0].exports.items() if _plan else ()):
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(text, encoding="utf-8")
    mkdocs_site.add_search_help(site, _search, split=not _preview.serving)
    if not _preview.serving:  # the preview server does not send them (0.4 s a rebuild)
        csp.write(site)  # the Content-Security-Policy files: csp.txt, nginx-csp.conf
