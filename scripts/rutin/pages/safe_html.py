"""The security boundary: content text → safe HTML. Every text from content passes here
before it reaches a page.

`Html` is HTML known to be safe (markupsafe's `Markup`). The page modules build every
piece of a page as `Html("<li>{}</li>").format(value)`, `Html().join(…)` or `html + …`,
which escape any plain `str` they are given: text that was not made safe here is escaped,
never trusted, so escaping cannot be forgotten. Only this module turns computed text
into `Html` (tests/test_escaping.py holds the page modules to literal templates).

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
import string
from functools import lru_cache
from typing import Any

from markupsafe import Markup


class Html(Markup):
    """Safe HTML. Formatting, joining and concatenating escape every plain `str`."""

    __slots__ = ()

    def __new__(cls, obj: Any = "", encoding: str | None = None, errors: str = "strict"
                ) -> Html:
        # A literal template or a text already escaped: made directly (markupsafe's
        # constructor first asks every object for __html__; a page makes a million).
        if type(obj) is str:
            return str.__new__(cls, obj)
        return super().__new__(cls, obj, encoding, errors)

    @classmethod
    def escape(cls, s: Any, /) -> Html:
        # The stdlib's entities (&quot; &#x27;), as the pages have always used; markupsafe
        # would write &#34; &#39;. Anything already safe (__html__) is kept as it is.
        if type(s) is cls:  # already ours: nothing to do (the common case when joining)
            return s
        if hasattr(s, "__html__"):
            return cls(s.__html__())
        return cls(html.escape(str(s), quote=True))

    def format(self, *args: Any, **kwargs: Any) -> Html:
        # markupsafe formats through a pure-Python string.Formatter, a third of the time a
        # build spends making pages. The templates use plain fields only ({}, {0}, {name}),
        # so escaping every value first and then letting str.format place it is the same.
        _plain_fields(self)
        escape = Html.escape
        return Html(str.format(self, *map(escape, args),
                               **{key: escape(value) for key, value in kwargs.items()}))


@lru_cache(maxsize=1024)
def _plain_fields(template: str) -> None:
    """Refuses a template field with a conversion, a format spec or attribute access: the
    fast `Html.format` would otherwise apply them to the escaped text."""
    for _, field, spec, conversion in string.Formatter().parse(template):
        if field is not None and (spec or conversion or not re.fullmatch(r"\w*", field)):
            raise ValueError(f"Html-mallen får bara ha enkla fält, inte {{{field}}}: {template}")


def escape(text: str) -> Html:
    return Html.escape(text)


_LINK = re.compile(r"\[([^\]\n]+)\]\((https?://[^\s()<>]+)\)")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])")
# Markdown would act on these in headings and list items written as Markdown.
_MARKDOWN_CHARS = {c: f"&#{ord(c)};" for c in "\\`*_{}[]#<>&!"}


def _emphasis(escaped: Html) -> Html:
    # Runs on escaped text: the asterisks are the only markup left to act on. As `str`:
    # re.sub joins the pieces with the input's own type, and Html's join would escape.
    bold = _BOLD.sub(r"<strong>\1</strong>", str(escaped))
    return Html(_ITALIC.sub(r"<em>\1</em>", bold))


def inline(text: str) -> Html:
    """Inline Markdown from content → safe HTML (escape first, then bold/italic/links)."""
    out: list[Html] = []
    pos = 0
    for m in _LINK.finditer(text):
        out.append(_emphasis(escape(text[pos : m.start()])))
        label, url = m.group(1), m.group(2)
        out.append(Html('<a href="{}">{}</a>').format(url, _emphasis(escape(label))))
        pos = m.end()
    out.append(_emphasis(escape(text[pos:])))
    return Html().join(out)


def plain(text: str) -> str:
    """Inline Markdown → plain text (titles, attributes, search tags). Not HTML: it is
    escaped wherever it goes into a page."""
    text = _LINK.sub(r"\1", text)
    return text.replace("**", "").replace("*", "")


def md_text(text: str) -> Html:
    """Plain text made inert for Markdown (for headings written as Markdown)."""
    return Html("".join(_MARKDOWN_CHARS.get(c, c) for c in plain(text)))


def paragraphs(text: str, css: str = "") -> Html:
    template = Html('<p class="{css}">{text}</p>') if css else Html("<p>{text}</p>")
    return Html().join(
        template.format(css=css, text=inline(p.strip())) for p in re.split(r"\n\s*\n", text) if p
    )


def script_json(data: Any) -> str:
    """JSON safe inside <script type="application/json"> (no `</script>`, no entities).
    A `str`: escaped like any text when it goes into an attribute."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def trusted(markup: str) -> Html:
    """Markup from a library that escapes for itself (segno's SVG QR code): the one way
    to declare generated HTML safe, kept here so it stays at the boundary."""
    return Html(markup)
