"""MkDocs hook for the site benchmark's second baseline: plain MkDocs with only our
per-page sidebar (the plugin's sidebar, adapters/mkdocs_material/theme.py trim_sidebar)
and nothing else of our pipeline.

It separates what our pipeline costs (validation, rendering, QR codes, export) from
what the smaller sidebar saves. MkDocs registers every `on_*` name in this module.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from rutin.adapters.mkdocs_material.theme import trim_sidebar
from rutin.check import content
from rutin.site import site_paths
from tools import REPO

_overviews: set[str] = set()  # the routines' overview pages (this baseline's one state)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Name the routines' overview pages as the real site plan does, from the content
    folder's routine directories (no validation, no pages: that is our pipeline's cost)."""
    root = content.content_root(REPO)
    _overviews.clear()
    _overviews.update(
        site_paths.routine_page(d.name) for d in root.iterdir() if (d / "routine.yaml").is_file()
    )
    return files


def on_page_context(context: TemplateContext, page: Page, config: MkDocsConfig,
                    nav: Navigation) -> TemplateContext:
    return trim_sidebar(context, nav, _overviews)


__all__ = ["on_files", "on_page_context"]
