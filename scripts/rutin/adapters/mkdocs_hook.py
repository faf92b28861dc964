"""MkDocs adapter (mkdocs.yml `hooks:`): hands the core's site plan (site_plan.py) to
MkDocs – the pages, the navigation, each page's assets, the export files. The editor's
preview is in mkdocs_preview.py, MkDocs' own business (offline, minifying, sidebar, speed)
in mkdocs_site.py."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from rutin.adapters import mkdocs_pages, mkdocs_site
from rutin.adapters.mkdocs_pages import on_page_markdown
from rutin.adapters.mkdocs_preview import (
    content_errors,
    incremental,
    on_env,
    on_nav,
    on_startup,
    validated,
)
from rutin.adapters.mkdocs_site import on_page_context, on_serve
from rutin.model.records import Library
from rutin.printing import print_parts
from rutin.site import csp, page_assets, search_help
from rutin.site.site_plan import Settings, SitePlan, navigation, site_plan

# MkDocs registers these too.
__all__ = ["on_env", "on_nav", "on_page_context", "on_page_markdown", "on_serve", "on_startup"]
log = logging.getLogger("mkdocs.plugins.rutin")
_plan: list[SitePlan] = []  # this build's plan (set by on_files)
_search: dict[str, object] = {}  # the search help for Material's index (set by on_files)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root, _ = validated(config)
    if content_errors.serving and str(root) not in map(str, config.watch):
        config.watch.append(str(root))  # a content copy ($RUTIN_CONTENT_ROOT) too
    mkdocs_site.offline_config(config)
    incremental.list_theme_once(config)
    incremental.own_the_search_merge(config)
    mkdocs_site.index_words_as_words()
    return config


def on_build_error(error: Exception) -> None:
    incremental.forget()


def on_files(files: Files, config: MkDocsConfig) -> Files:
    root, library = mkdocs_pages.validated_with_pages(files, config)
    if library is not None:  # else previewing with no good content yet: the pages say why
        _add_plan(files, config, root, library)
    incremental.choose_pages(files, config, library, config.nav, content_errors.banner())
    return files


def _add_plan(files: Files, config: MkDocsConfig, root: Path, library: Library) -> None:
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


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Assets from the plan (a hand-written page's macros may add components: its markup
    decides), links to other sites marked for print, the preview's errors on top."""
    planned = _plan[0].page(page.file.src_uri) if _plan else None
    found = list(planned.components) if planned else page_assets.components(html)
    page.meta["rutin_stylesheets"] = page_assets.files(found, ".css")
    page.meta["rutin_scripts"] = page_assets.files(found, ".js")
    incremental.page_built(page)
    return content_errors.banner() + print_parts.mark_external_links(html, config.site_url or "")


def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    for path, text in (_plan[0].exports.items() if _plan else ()):
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(text, encoding="utf-8")
    incremental.complete_search(site)
    mkdocs_site.add_search_help(site, _search, split=not content_errors.serving)
    if not content_errors.serving:  # the preview server does not send them (0.4 s a rebuild)
        csp.write(site)  # the Content-Security-Policy files: csp.txt, nginx-csp.conf
