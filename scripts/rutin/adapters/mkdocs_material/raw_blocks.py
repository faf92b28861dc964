"""A generated page's raw HTML set aside while MkDocs renders its Markdown, put back after.

The core writes its pages as HTML blocks with a few Markdown headings between them (the
headings give MkDocs the page's table of contents and Material its permalinks). Python-
Markdown passes a raw HTML block through unchanged, but only after reading it tag by tag
(md_in_html looks for `markdown="1"`), and MkDocs reads it once more for its ids: at
1,000 checklists about a seventh of the build's processor time. So the plugin hands
MkDocs a skeleton in which each such block is an empty slot, and puts the blocks back
into the HTML MkDocs makes of it. The result is the same HTML, byte for byte
(tests/test_raw_blocks.py converts every generated page both ways).

A block is set aside only when Markdown would pass it through whole: it starts at the
line's start with a block-level tag, is one element whose end tag closes the block (or
the line, in a block of such lines and headings), and asks for no Markdown inside
(`markdown=`). Anything else stays in the skeleton and is rendered by Markdown as before.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

# Python-Markdown's block-level elements (markdown.Markdown().block_level_elements, less
# script, style and textarea: _CDATA), checked by tests/test_raw_blocks.py: a raw block must start
# with one of them to be passed through rather than wrapped in a paragraph.
BLOCK_LEVEL = frozenset({
    "address", "article", "aside", "blockquote", "body", "canvas", "center", "colgroup",
    "dd", "details", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
    "form", "group", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html",
    "iframe", "legend", "li", "main", "map", "math", "menu", "nav", "noscript", "object",
    "ol", "option", "output", "p", "pre", "progress", "section", "summary", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "video",
})
# Elements with no end tag, and those whose content is not read as tags.
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                   "meta", "param", "source", "track", "wbr"})
_CDATA = frozenset({"script", "style", "textarea"})
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)\b[^<>]*?(/?)>")
_BLANK_LINE = re.compile(r"(\n[ \t]*\n)")
SLOT = '<div data-rutin-slot="{}"></div>'
_SLOT = re.compile(r'<div data-rutin-slot="(\d+)"></div>')
# An id in a start tag (and an <a name>), as MkDocs collects them from raw HTML to check
# links to a page's anchors. The core writes attributes in double quotes, escaped.
_ID = re.compile(r'\sid="([^"]*)"')
_A_NAME = re.compile(r'<a\b[^<>]*?\sname="([^"]*)"')


def _whole_element(block: str) -> bool:
    """One block-level element from its start tag to its end tag, no Markdown asked for
    inside and nothing Markdown reads differently (comments, scripts, styles)."""
    first = _TAG.match(block)
    if (first is None or first.group(1) or first.group(2).lower() not in BLOCK_LEVEL
            or "markdown=" in block or "<!" in block or "<?" in block
            or _TAG.fullmatch(block, block.rfind("<")) is None):  # it ends with a tag
        return False
    tags = _TAG.findall(block)
    depth = 0
    for n, (closing, name, self_closing) in enumerate(tags, 1):
        name = name.lower()
        if name in _CDATA:
            return False  # their content is not read as tags
        if name in _VOID or self_closing:
            if depth == 0 and n != len(tags):
                return False
            continue
        depth += -1 if closing else 1
        if depth < 0 or (depth == 0 and n != len(tags)):
            return False  # an end tag with no start, or a second element after the first
    return depth == 0


def set_aside(markdown: str) -> tuple[str, list[str]]:
    """The page's Markdown with each whole raw HTML block as a slot, and the blocks."""
    parts = _BLANK_LINE.split(markdown)
    blocks: list[str] = []

    def slot(block: str) -> str:
        blocks.append(block)
        return SLOT.format(len(blocks) - 1)

    for i in range(0, len(parts), 2):  # the odd parts are the blank lines between
        block = parts[i].strip("\n")
        if not block or block != parts[i].lstrip("\n").rstrip():
            continue
        if _whole_element(block):
            parts[i] = parts[i].replace(block, slot(block), 1)
            continue
        # A block of lines that are each a whole element or a heading (the owner's
        # pages): each element its own slot, the headings left to Markdown.
        lines = block.split("\n")
        if len(lines) > 1 and all(line.startswith("#") or _whole_element(line)
                                  for line in lines):
            kept = "\n".join(line if line.startswith("#") else slot(line) for line in lines)
            parts[i] = parts[i].replace(block, kept, 1)
    return "".join(parts), blocks


def put_back(html: str, blocks: Sequence[str]) -> str:
    """MkDocs' HTML of the skeleton with each slot's block in its place."""
    if not blocks:
        return html
    found = 0

    def block(match: re.Match[str]) -> str:
        nonlocal found
        found += 1
        return blocks[int(match.group(1))]

    out = _SLOT.sub(block, html)
    if found != len(blocks):  # a slot Markdown did not pass through: never lose a block
        raise ValueError(f"{len(blocks)} HTML-block lades undan men {found} kom tillbaka")
    return out


def anchor_ids(blocks: Sequence[str]) -> set[str]:
    """The ids in the blocks' start tags: MkDocs finds them in a page's raw HTML while it
    renders (to check links to the page's anchors), and no longer sees the blocks. The
    core escapes quotes in text (&quot;), so `id="` stands in a start tag only."""
    text = "\n".join(blocks)
    return {html.unescape(found) for pattern in (_ID, _A_NAME) for found in pattern.findall(text)}


class SetAside:
    """A build's generated pages' blocks, from on_page_markdown to on_page_content."""

    def __init__(self) -> None:
        self._blocks: dict[str, list[str]] = {}

    def skeleton(self, page: Page, markdown: str) -> str:
        skeleton, self._blocks[page.file.src_uri] = set_aside(markdown)
        return skeleton

    def restore(self, page: Page, html: str) -> str:
        blocks = self._blocks.pop(page.file.src_uri, [])
        if not blocks:
            return html
        try:
            html = put_back(html, blocks)
        except ValueError as error:
            raise PluginError(f"{page.file.src_uri}: {error}") from None
        if page.present_anchor_ids is not None:  # links to the page's anchors are checked
            page.present_anchor_ids |= anchor_ids(blocks)
        return html
