"""The core's page metadata and neutral markup in Material's dialect.

The core says what a page is (page_parts.PageMeta: keywords, search weight, searchable)
and marks its markup neutrally (page_parts.NOT_SEARCHED, BUTTON_CLASS, CARDS_CLASS); its
CSS and JavaScript name the theme's parts neutrally too (THEME_NAMES: `rutin-typeset` …).
Material reads front matter (`tags`, `search: {boost | exclude}`), the attribute
`data-search-exclude`, the classes `md-button` and `grid cards`, and its own class and
colour names: this module is the only place that translates one into the other, for the
plugin (page.meta, the page's HTML, the assets it copies) and for the docs tree that
Zensical, Material's successor, builds (the page's Markdown, the assets).
"""

from __future__ import annotations

import re
from typing import Any

from rutin.pages.page_parts import (
    BUTTON_CLASS,
    CARDS_CLASS,
    NOT_SEARCHED,
    PageMeta,
    header,
    header_fields,
)

SEARCH_EXCLUDE = "data-search-exclude"
BUTTON = "md-button"
CARDS = f"{CARDS_CLASS} grid cards"  # Material's grid; our stylesheets read our class
# An element's start tag: the markers are translated there only, never in text (a
# page's text is escaped, so it holds no `<` that could start a tag).
_START_TAG = re.compile(rf"<[A-Za-z][^<>]*?(?:{re.escape(NOT_SEARCHED)}|{re.escape(BUTTON_CLASS)}"
                        rf"|{re.escape(CARDS_CLASS)})[^<>]*>")
_MARKER = re.compile(rf"(?<=[\s\"']){re.escape(NOT_SEARCHED)}\b"
                     rf"|(?<=[\s\"'])(?:{re.escape(BUTTON_CLASS)}|{re.escape(CARDS_CLASS)})"
                     r"(?=[\s\"'])")
_THEIRS = {NOT_SEARCHED: SEARCH_EXCLUDE, BUTTON_CLASS: BUTTON, CARDS_CLASS: CARDS}
# The theme's parts as the project's CSS and JavaScript (docs/assets/) name them, and as
# Material does (MARKUP.md "Theme names"): the element that holds a page's text and its
# table wrappers, the button, and the theme's colours.
THEME_NAMES = {
    "rutin-typeset": "md-typeset",
    "rutin-table-scroll": "md-typeset__scrollwrap",
    "rutin-table-frame": "md-typeset__table",
    BUTTON_CLASS: BUTTON,
    "--rutin-theme-fg": "--md-default-fg-color",
    "--rutin-theme-fg-light": "--md-default-fg-color--light",
    "--rutin-theme-fg-lighter": "--md-default-fg-color--lighter",
    "--rutin-theme-fg-lightest": "--md-default-fg-color--lightest",
    "--rutin-theme-primary": "--md-primary-fg-color",
    "--rutin-theme-primary-bg": "--md-primary-bg-color",
    "--rutin-theme-link": "--md-typeset-a-color",
}
_THEME_NAME = re.compile(r"(?:^|(?<=[^\w-]))(?:"  # a whole name, not part of a longer one
                         + "|".join(re.escape(n) for n in sorted(THEME_NAMES, key=len,
                                                                 reverse=True))
                         + r")(?![\w-])")


def assets(text: str) -> str:
    """Our CSS or JavaScript with the theme's parts in Material's names (THEME_NAMES),
    as the build copies it into the site."""
    return _THEME_NAME.sub(lambda m: THEME_NAMES[m.group(0)], text)


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
    if not any(marker in text for marker in _THEIRS):
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
