"""What every generated page is made of: its context, links between pages, the front
matter, the page's assembly, sections and the source trace (quotes, interpretations).

Shared by the staff pages (render.py, components.py), the owner's pages (owner_pages.py)
and the review page (review.py). HTML is built from `Html` templates only: every `str`
that goes into one is escaped (safe_html.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import yaml

from rutin.load.source_text import SourceText, read_source, source_problem
from rutin.model.provenance import place
from rutin.model.records import Checklist, DecisionTable, Routine
from rutin.pages.safe_html import Html, escape, inline, md_text, plain
from rutin.site import site_paths
from rutin.texts import INTERPRETATION_UNCONFIRMED


@dataclass(frozen=True)
class PageContext:
    """What a page needs besides its own content: the routine (for titles of related
    items, phrases, references), the site address (print footer, QR) and whether the
    site uses directory URLs (`.../id/`) or file URLs (`.../id.html`, offline build)."""

    routine: Routine
    site_url: str
    use_directory_urls: bool = True
    source: SourceText | None = None  # the routine's source text, for quote line numbers
    # "built": links as the browser resolves them (MkDocs leaves raw HTML alone);
    # "source": links to the pages' .md sources, which generators that rewrite links in
    # raw HTML (Zensical) resolve themselves (site_plan.Settings).
    link_style: str = "built"


def routine_source(routine: Routine) -> SourceText | None:
    """The routine's source text as validation read it (the routine's proof). A record
    made outside validation (no proof) has its source read here, when it is readable."""
    if routine.proof is not None:
        return routine.proof.source
    if routine.source_file is None or routine.file is None:
        return None
    path = routine.file.parent / routine.source_file
    try:
        if source_problem(path, routine.file.parent) is not None:
            return None
        return read_source(path)
    except (OSError, UnicodeDecodeError):
        return None


# --------------------------------------------------------------------------- links


def href(ctx: PageContext, from_src: str, to_src: str, anchor: str = "") -> str:
    """Link from one generated page to another, as the browser will resolve it."""
    if ctx.link_style == "source":
        return site_paths.relative_link(from_src, to_src, anchor)
    return site_paths.built_link(from_src, to_src, ctx.use_directory_urls, anchor)


def item_src(routine: Routine, item: Checklist | DecisionTable) -> str:
    if isinstance(item, DecisionTable):
        return site_paths.decision_page(routine.id, item.id)
    return site_paths.checklist_page(routine.id, item.id)


# --------------------------------------------------------------------------- page


# Generator-neutral markup the adapters translate into their theme's dialect (MARKUP.md):
# an element the site search leaves out, a control drawn as the theme's button, and a
# list drawn as the theme's grid of cards.
NOT_SEARCHED = "data-rutin-nosearch"
BUTTON_CLASS = "rutin-button"
CARDS_CLASS = "rutin-cards"


@dataclass(frozen=True)
class PageMeta:
    """What a page tells the site generator besides its text: its title and description,
    the words staff search it by, how much the search weighs it, and whether the search
    shows it at all. Typed, not a generator's front-matter dialect: the adapter writes it
    the way its generator reads it (adapters/)."""

    title: str
    description: str
    keywords: tuple[str, ...] = ()
    boost: float = 1.0
    searchable: bool = True


class PageText(str):
    """A generated page's Markdown, carrying its PageMeta (`.meta`) for the site plan."""

    meta: PageMeta
    body_at: int  # where the text after the front matter starts

    def __new__(cls, text: str, meta: PageMeta, body_at: int = 0) -> PageText:
        made = super().__new__(cls, text)
        made.meta = meta
        made.body_at = body_at
        return made

    @property
    def body(self) -> str:
        """The page without its front matter (for a generator that writes its own)."""
        return str(self)[self.body_at:]


def front_matter(title: str, keywords: Iterable[str], description: str, boost: float,
                 *, searchable: bool = True) -> PageMeta:
    """The page's metadata: `keywords` are the words staff search with (weighed most,
    since the search matches word beginnings only); `boost` weighs the whole page."""
    return PageMeta(title, description, tuple(keywords), boost, searchable)


def header_fields(meta: PageMeta) -> dict[str, Any]:
    """The front matter every Markdown generator reads: title and description."""
    return {
        "title": meta.title,
        # A theme may write it unescaped into <meta name="description" content="…">:
        # escaped here, a `"` in a summary cannot break out of the attribute.
        "description": str(escape(plain(meta.description))),
    }


def header(fields: dict[str, Any]) -> str:
    """Front matter: the fields as YAML between `---` lines."""
    # libyaml's emitter (the same YAML as PyYAML's, a tenth of the time) where installed.
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return "---\n" + yaml.dump(fields, Dumper=dumper, allow_unicode=True,
                               sort_keys=False) + "---\n\n"


def page(front: PageMeta, *blocks: Html) -> PageText:
    """A page's source: the front matter, then its blocks a line apart (empty ones left
    out). Joined as Html: a block that is a plain `str` would be escaped."""
    header_text = header(header_fields(front))
    # str.join, not `+`: `str + Html` would escape the front matter as text.
    return PageText("\n".join([header_text, Html("\n").join(b for b in blocks if b)]), front,
                    len(header_text))


def page_title(title: str) -> Html:
    """The page's h1, as Markdown."""
    return Html("# {}\n").format(md_text(title))


def heading(level: int, title: str, anchor: str) -> Html:
    """A Markdown heading (in the page's table of contents and search sections)."""
    return Html("{} {} {{#{}}}\n").format("#" * level, md_text(title), anchor)


def section(title: str, anchor: str, body: Html) -> Html:
    if not body:
        return Html()
    return Html("{}\n{}\n").format(heading(2, title, anchor), body)


def admonition(kind: str, title: str, body: Html, extra_class: str = "",
               anchor: str = "") -> Html:
    cls = f"admonition {kind}" + (f" {extra_class}" if extra_class else "")
    ident = Html(' id="{}"').format(anchor) if anchor else Html()
    return Html('<div class="{}"{}>\n<p class="admonition-title">{}</p>\n{}\n</div>').format(
        cls, ident, title, body)


# --------------------------------------------------------------------------- trace


def quotes_block(ctx: PageContext, from_src: str, quotes: Iterable[str]) -> Html:
    """The compact "Källa" disclosure: each quote (class rutin-quote, MARKUP.md) with its
    line in the source and a link to the sentence on the traceability page."""
    items = list(dict.fromkeys(quotes))
    if not items:
        return Html()
    trace_page = site_paths.trace_page(ctx.routine.id)
    parts = []
    for quote in items:
        where = Html()
        found = place(ctx.source, quote)  # the quote's match, found once per build
        if found is not None:
            link = href(ctx, from_src, trace_page, found.sentence.anchor)
            where = Html(' <a class="rutin-quote-where" href="{}">{}rad {}</a>').format(
                link, "rubrik, " if found.heading else "", found.line)
        parts.append(Html('<blockquote class="rutin-quote"><p>”{}”{}</p></blockquote>').format(
            quote, where))
    # Out of the search index (data-rutin-nosearch): the step above says the same in
    # staff words, and the quotes doubled the index every page view downloads.
    return Html('<details class="rutin-quotes" data-rutin-nosearch><summary>Källa</summary>'
                "{}</details>").format(Html().join(parts))


# The lean view's mark on an item that rests on an unconfirmed reading: the reading
# itself (the note below) is part of the underlag, shown by the "Visa underlag" switch
# (site.css). Out of the search index like the quotes.
INTERPRETATION_FLAG = Html(
    '<span class="rutin-interpretation-flag" data-rutin-nosearch>Tolkning, ej bekräftad'
    '<small class="rutin-flag-where"> (se underlag)</small></span>')


def interpretation_marks(ctx: PageContext, from_src: str, ids: Iterable[str]) -> Html:
    """A visible note for each interpretation the item depends on: unconfirmed ones say
    so ("Tolkning – ej bekräftad av rutinägaren") and link to the owner's questions."""
    out = []
    flagged = False
    questions = site_paths.questions_page(ctx.routine.id)
    for item_id in dict.fromkeys(ids):
        found = next((i for i in ctx.routine.interpretations if i.id == item_id), None)
        if found is None:
            continue
        if found.confirmed:
            head = f"Tolkning, bekräftad av {found.confirmed_by or ''} {found.confirmed_on or ''}:"
            css = "rutin-interpretation rutin-confirmed"
        else:
            head = f"{INTERPRETATION_UNCONFIRMED}:"
            css = "rutin-interpretation"
            if not flagged:
                out.append(INTERPRETATION_FLAG)
                flagged = True
        out.append(Html(
            '<p class="{css}"><strong>{head}</strong> <span '
            'class="rutin-interpretation-reading">{reading}</span> '
            '<a href="{link}">Om tolkningen</a></p>'
        ).format(css=css, head=head, reading=inline(found.reading),
                 link=href(ctx, from_src, questions, found.id)))
    return Html().join(out)


def trace_html(ctx: PageContext, from_src: str, quotes: Iterable[str],
               interpretations: Iterable[str]) -> Html:
    return interpretation_marks(ctx, from_src, interpretations) + quotes_block(
        ctx, from_src, quotes)
