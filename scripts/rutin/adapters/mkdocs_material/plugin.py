"""The MkDocs plugin (mkdocs.yml `plugins: - rutin`, registered in pyproject.toml): hands
the core's site plan (site/site_plan.py) to MkDocs and Material – the pages with their
metadata in Material's dialect (dialect.py), the navigation, each page's assets, the
export files, the print manifest – and writes Material's search index once, with our
search help, in pieces (search_index.py). The editor's preview is in preview.py, the
hand-written pages in docs_pages.py, MkDocs' and Material's own business (offline,
minifying, sidebar, speed) in theme.py.

One plugin instance holds the build's state: the plan, the content the hand-written
pages' macros read, the search help and the preview's. MkDocs keeps the instance across
the preview's rebuilds (it has `on_startup`), and `on_startup` starts it afresh.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from rutin.adapters.mkdocs_material import dialect, docs_pages, inline_scripts, search_index
from rutin.adapters.mkdocs_material import theme as material
from rutin.adapters.mkdocs_material.build import REPORT_LOGGER
from rutin.adapters.mkdocs_material.preview import DirtyPreview, validated
from rutin.adapters.mkdocs_material.raw_blocks import SetAside
from rutin.model.records import Library
from rutin.printing import print_parts
from rutin.site import csp, page_assets, search_help
from rutin.site.preview import Preview
from rutin.site.site_plan import Settings as PlanSettings
from rutin.site.site_plan import SitePlan, navigation, site_plan

log = logging.getLogger(REPORT_LOGGER)


class RutinConfig(Config):  # type: ignore[no-untyped-call]
    """The plugin's settings in mkdocs.yml (all on by default)."""

    # The search index in pieces a query loads as it needs them (search_index.py); the
    # preview always writes one index, which the search worker reads whole.
    search_pieces = config_options.Type(bool, default=True)
    # Our own CSS and JavaScript minified as they are copied (page_assets.minify).
    minify_assets = config_options.Type(bool, default=True)
    # On a routine's page the sidebar lists only that routine (theme.trim_sidebar).
    routine_sidebar = config_options.Type(bool, default=True)
    # csp.txt and nginx-csp.conf written into the site (site/csp.py; not in the preview).
    csp_files = config_options.Type(bool, default=True)


class RutinPlugin(BasePlugin[RutinConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        self.errors = Preview()  # `mkdocs serve`: content errors shown in the page
        self.dirty = DirtyPreview()  # `make serve` (--dirty): changed pages built again
        self.plan: SitePlan | None = None  # this build's plan (on_files)
        self.library: Library | None = None  # the content the macros read (on_files)
        self.search_help: dict[str, Any] = {}  # for the search worker (on_files)
        self.link_titles: dict[str, dict[str, list[str]]] = {}  # macros.Page.titles
        self.scripts = inline_scripts.Written()  # the CSP's view of the pages as they are written
        self.set_aside = SetAside()  # generated pages' raw HTML (raw_blocks.py)

    # ------------------------------------------------------------------ the build

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """A new `mkdocs build` or `mkdocs serve`: nothing is kept from before."""
        self.__init__()  # type: ignore[misc]
        self.errors.serving = command == "serve"
        self.dirty.start(serving=self.errors.serving, dirty=dirty)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.scripts = inline_scripts.Written()  # each build hashes its own pages
        root, _ = validated(config, self.errors)
        if self.errors.serving and str(root) not in map(str, config.watch):
            config.watch.append(str(root))  # a content copy ($RUTIN_CONTENT_ROOT) too
        material.offline_config(config)
        self.dirty.list_theme_once(config)
        self.dirty.own_the_search_merge(config)
        search_index.index_words_as_words()
        self._write_search_index_once(config)
        return config

    def on_build_error(self, *, error: Exception) -> None:
        self.dirty.forget()

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        root, library = docs_pages.validated_with_pages(files, config, self.errors)
        self.library = library
        if library is not None:  # else previewing with no good content yet: pages say why
            self._add_plan(files, config, root, library)
        material.own_assets(files, config, minify=self.config.minify_assets)
        self.dirty.choose_pages(files, config, library, config.nav, self.errors.banner())
        material.keep_for_the_build(True)
        return files

    def _add_plan(self, files: Files, config: MkDocsConfig, root: Path,
                  library: Library) -> None:
        settings = PlanSettings(config.site_url or "", config.use_directory_urls,
                                content_root=root)
        self.plan = plan = site_plan(library, settings)
        self.search_help = {
            "rutin_aids": search_help.aids(library),
            "rutin_tasks": search_help.tasks(library, config.use_directory_urls),
        }
        for line in plan.reports:
            log.info(line)
        for page in plan.pages:
            if files.get_file_from_path(page.src) is not None:
                raise PluginError(f"docs/{page.src} har samma adress som en sida ur "
                                  "innehållet; byt namn på filen eller id:t i innehållet.")
            files.append(File.generated(config, page.src, content=page.markdown))
        handwritten = [f.src_uri for f in files.documentation_pages() if not f.generated_by]
        config.nav = navigation(library, handwritten)  # MkDocs builds its nav right after

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.dirty.read_pages_not_built(nav, config)
        return nav

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        return self.dirty.templates(env)

    # ------------------------------------------------------------------ each page

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        """A generated page: Material's front-matter words, source freed, raw HTML set aside
        (raw_blocks.py). A hand-written page: its macro calls expanded (docs_pages.py)."""
        material.free_source(page)
        if page.file.generated_by:
            planned = self.plan.page(page.file.src_uri) if self.plan else None
            if planned is not None:
                page.meta.update(dialect.meta(planned.meta))
            return self.set_aside.skeleton(page, markdown)
        expanded, titles = docs_pages.expand_macros(markdown, page, config, self.library,
                                                    self.errors)
        self.link_titles[page.file.src_uri] = search_help.link_titles(titles)
        return expanded

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        """Assets from the plan (a hand-written page's macros may add components: its
        markup decides), the markup in Material's words, links to other sites marked for
        print, the preview's errors on top."""
        html = self.set_aside.restore(page, html)
        planned = self.plan.page(page.file.src_uri) if self.plan else None
        found = list(planned.components) if planned else page_assets.components(html)
        page.meta["rutin_stylesheets"] = page_assets.files(found, ".css")
        page.meta["rutin_scripts"] = page_assets.files(found, ".js")
        self.dirty.page_built(page)
        html = print_parts.mark_external_links(dialect.markup(html), config.site_url or "")
        return self.errors.banner() + html

    def on_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        if self.config.routine_sidebar and self.plan is not None:
            return material.trim_sidebar(context, nav, self.plan.routine_pages)
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        self.scripts.add(output, page.file.abs_dest_path)
        return output

    def on_post_template(self, output_content: str, *, template_name: str,
                         config: MkDocsConfig) -> str:
        if template_name.endswith(".html"):  # 404.html
            self.scripts.add(output_content, Path(config.site_dir) / template_name)
        return output_content

    # ------------------------------------------------------------------ the site

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        material.keep_for_the_build(False)
        site = Path(config.site_dir)
        if self.plan is not None:
            files = {**self.plan.exports, print_parts.MANIFEST_FILE: self.plan.print_manifest()}
            for path, text in files.items():
                (site / path).parent.mkdir(parents=True, exist_ok=True)
                (site / path).write_text(text, encoding="utf-8")
        if self.config.csp_files and not self.errors.serving:
            # the preview server does not send them (0.4 s a rebuild)
            csp.write(site, self.scripts.hashes(site))

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        return material.poll_often(server)

    # ------------------------------------------------------------------ search

    def _write_search_index_once(self, config: MkDocsConfig) -> None:
        """Material's search plugin writes its index after the build; here it writes our
        manifest instead, made from its entries in memory, and our pieces beside it –
        the index is never written, read back and rewritten. The offline plugin inlines
        the manifest after (its priority)."""
        plugin = config.plugins.get("material/search") or config.plugins.get("search")
        index = getattr(plugin, "search_index", None)
        if index is None:
            return
        site = Path(config.site_dir)

        def generate_search_index(prev: object) -> str:
            data = {
                "config": {key: index.config[key]
                           for key in ("lang", "separator", "pipeline", "fields")},
                "docs": [*self.dirty.complete_search(index.entries), *search_index.title_documents(
                    search_help.titles_only(self.plan, config.use_directory_urls))],
            }
            written = search_index.index_files(
                data, self.search_help, search_help.other_names(self.link_titles),
                split_index=self.config.search_pieces and not self.errors.serving)
            manifest = written.pop(search_index.INDEX_FILE)
            for name, text in written.items():
                (site / name).parent.mkdir(parents=True, exist_ok=True)
                (site / name).write_text(text, encoding="utf-8")
            return manifest

        # Material offers no hook for it; the method is replaced on this build's index.
        setattr(index, "generate_search_index", generate_search_index)  # noqa: B010
