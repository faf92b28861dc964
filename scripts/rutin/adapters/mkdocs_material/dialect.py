"""The core's page metadata and neutral markup in Material's dialect.

The core says what a page is (page_parts.PageMeta: keywords, search weight, searchable)
and marks its markup neutrally (page_parts.NOT_SEARCHED, BUTTON_CLASS). Material reads
front matter (`tags`, `search: {boost | exclude}`), the attribute `data-search-exclude`
and the class `md-button`: this module is the only place that translates one into the
other, for the plugin (page.meta, the page's HTML) and for the docs tree that Zensical,
Material's successor, builds (the page's Markdown).
"""

from __future__ import annotations

import re
from typing import Any

from rutin.pages.page_parts import BUTTON_CLASS, NOT_SEARCHED, PageMeta, header, header_fields

SEARCH_EXCLUDE = "data-search-exclude"
BUTTON = "md-button"
# An element's start tag: the markers are translated there only, never in text (a
# page's text is escaped, so it holds no `<` that could start a tag).
_START_TAG = re.compile(rf"<[A-Za-z][^<>]*?(?:{re.escape(NOT_SEARCHED)}|{re.escape(BUTTON_CLASS)})"
                        r"[^<>]*>")
_MARKER = re.compile(rf"(?<=[\s\"']){re.escape(NOT_SEARCHED)}\b"
                     rf"|(?<=[\s\"']){re.escape(BUTTON_CLASS)}(?=[\s\"'])")
_THEIRS = {NOT_SEARCHED: SEARCH_EXCLUDE, BUTTON_CLASS: BUTTON}


def meta(page: PageMeta) -> dict[str, Any]:
    """The front matter fields Material reads for a page, besides title and description."""
    search: dict[str, Any] = {"boost": page.boost} if page.searchable else {"exclude": True}
    # Material indexes page tags with a very high boost (even without the tags plugin):
    # the words staff search with, since search matches prefixes only.
    return {"tags": list(page.keywords), "search": search}


def front_matter(page: PageMeta) -> str:
    """Material's front matter for a page (title, description and `meta`), with the
    blank line that ends it."""
    return header({**header_fields(page), **meta(page)})


def markup(text: str) -> str:
    """The page's neutral markers in Material's words (HTML, or Markdown with raw HTML)."""
    if NOT_SEARCHED not in text and BUTTON_CLASS not in text:
        return text
    # Each marker found by str.find, then the start tag around it (the same tags as
    # _START_TAG.sub(…) finds, without running a pattern at every `<` of the page).
    tags: set[tuple[int, int]] = set()
    for marker in _THEIRS:
        at = text.find(marker)
        while at >= 0:
            start, end = text.rfind("<", 0, at), text.find(">", at)
            if (start > text.rfind(">", 0, at) and end >= 0 and text.find("<", at, end) < 0
                    and _START_TAG.fullmatch(text, start, end + 1)):
                tags.add((start, end + 1))
            at = text.find(marker, at + 1)
    out, done = [], 0
    for start, end in sorted(tags):
        out += [text[done:start],
                _MARKER.sub(lambda m: _THEIRS[m.group(0)], text[start:end])]
        done = end
    return "".join([*out, text[done:]])
