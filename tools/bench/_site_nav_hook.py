"""MkDocs hook for the site benchmark's second baseline: plain MkDocs with only our
per-page sidebar (the MkDocs adapter's on_page_context, in mkdocs_site.py) and nothing
else of our pipeline.

It separates what our pipeline costs (validation, rendering, QR codes, export) from
what the smaller sidebar saves. MkDocs registers every `on_*` name in this module.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from rutin.adapters import mkdocs_site
from rutin.adapters.mkdocs_site import on_page_context
from rutin.check import content
from rutin.site import site_paths


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Name the routines' overview pages as the real site plan does, from the content
    folder's routine directories (no validation, no pages: that is our pipeline's cost)."""
    root = content.content_root()
    overviews = frozenset(
        site_paths.routine_page(d.name) for d in root.iterdir() if (d / "routine.yaml").is_file()
    )
    mkdocs_site.routine_pages.clear()
    mkdocs_site.routine_pages.update(overviews)
    return files


__all__ = ["on_files", "on_page_context"]
