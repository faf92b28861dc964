"""The security boundary: content text → safe HTML. Every text from content passes here
before it reaches a page.

`inline()` escapes HTML first and only then renders the few inline Markdown forms the
schema allows (**bold**, *italic*, [text](https://…)): content can never inject markup,
scripts or non-http(s) links. `md_text()` makes text inert for Markdown headings (every
Markdown character entity-encoded, so the table of contents and search still see it).
`script_json()` is JSON that cannot close a `<script>` or an attribute. Tested on its own
in tests/test_safe_html.py; tests/test_content_security.py attacks the built site.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any


def escape(text: str) -> str:
    return html.escape(text, quote=True)


_LINK = re.compile(r"\[([^\]\n]+)\]\((https?://[^\s()<>]+)\)")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])")
# Markdown would act on these in headings and list items written as Markdown.
_MARKDOWN_CHARS = {c: f"&#{ord(c)};" for c in "\\`*_{}[]#<>&!"}


def _emphasis(escaped: str) -> str:
    escaped = _BOLD.sub(r"<strong>\1</strong>", escaped)
    return _ITALIC.sub(r"<em>\1</em>", escaped)


def inline(text: str) -> str:
    """Inline Markdown from content → safe HTML (escape first, then bold/italic/links)."""
    out: list[str] = []
    pos = 0
    for m in _LINK.finditer(text):
        out.append(_emphasis(escape(text[pos : m.start()])))
        label, url = m.group(1), m.group(2)
        out.append(f'<a href="{escape(url)}">{_emphasis(escape(label))}</a>')
        pos = m.end()
    out.append(_emphasis(escape(text[pos:])))
    return "".join(out)


def plain(text: str) -> str:
    """Inline Markdown → plain text (titles, attributes, search tags)."""
    text = _LINK.sub(r"\1", text)
    return text.replace("**", "").replace("*", "")


def md_text(text: str) -> str:
    """Plain text made inert for Markdown (for headings written as Markdown)."""
    return "".join(_MARKDOWN_CHARS.get(c, c) for c in plain(text))


def paragraphs(text: str, css: str = "") -> str:
    cls = f' class="{css}"' if css else ""
    return "".join(f"<p{cls}>{inline(p.strip())}</p>" for p in re.split(r"\n\s*\n", text) if p)


def script_json(data: Any) -> str:
    """JSON safe inside <script type="application/json"> (no `</script>`, no entities)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
