"""Printing helpers shared by the page builders (build time), `rutin pdf` and the tests.

The print footer itself (title, version, date, address) is emitted by components.py
(`print_footer`); see MARKUP.md "Print footer". This module holds what the printed
pages and the PDFs have in common: where the PDFs live, the "Skriv ut / PDF" links, the
date shown when no script fills in the print date, the QR code, the marking of links
whose address print shows, and the texts the tests look for.
"""

from __future__ import annotations

import datetime as _dt
import functools
import os
import posixpath
import re
from urllib.parse import urlsplit

import segno

from rutin.pages.safe_html import Html, trusted
from rutin.site import site_paths

PDF_DIR = "pdf"
OUTDATED_SENTENCE = (
    "OBS! Utskriven version kan vara inaktuell. Senaste versionen finns på intranätet."
)
BUILD_DATE_LABEL = "webbplatsen byggd"  # no JavaScript: the build date, labelled as such
PRINT_DATE_LABEL = "utskriven"          # site.js, at load and on `beforeprint`
PDF_DATE_LABEL = "PDF skapad"           # `rutin pdf`
PDF_LINK_TEXT = "Skriv ut / PDF"
ROUTINE_PDF_LINK_TEXT = "Hela rutinen som PDF (alla uppgifter, checklistor och beslutsstöd)"


def build_date() -> str:
    """Today's date (ISO), or the date of $SOURCE_DATE_EPOCH (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return _dt.datetime.fromtimestamp(int(epoch), tz=_dt.UTC).date().isoformat()
    return _dt.date.today().isoformat()


def print_date_html() -> Html:
    """The date in the footer: the build date without JavaScript; site.js replaces it
    with "utskriven <date time>" (and `rutin pdf` with "PDF skapad <date time>")."""
    date = build_date()
    return Html('<span class="rutin-print-date" data-build-date="{date}">{label} {date}</span>'
                ).format(date=date, label=BUILD_DATE_LABEL)


@functools.lru_cache(maxsize=8192)
def qr_svg(url: str) -> Html:
    """Inline SVG QR code of the page address, generated at build time (no service).
    Cached: a page's address does not change between the preview's rebuilds, and segno's
    mask selection is the slowest part of rendering a page (`make bench`)."""
    qr = segno.make(url, error="m")
    # segno escapes the title it writes into the SVG.
    return trusted(qr.svg_inline(scale=2, border=2, title=f"QR-kod: {url}"))


def pdf_path(routine_id: str, item_id: str | None = None) -> str:
    """Where `rutin pdf` writes a PDF, relative to the site root:
    `pdf/<routine>/<id>.pdf` per checklist/decision table (ids are unique in a routine),
    `pdf/<routine>.pdf` for the whole routine."""
    if item_id is None:
        return f"{PDF_DIR}/{routine_id}.pdf"
    return f"{PDF_DIR}/{routine_id}/{item_id}.pdf"


def pdf_href(from_src: str, target: str, use_directory_urls: bool = True) -> str:
    """Relative link from a generated page (its source uri) to a file under the site
    root, as the browser resolves it (works from file:// and under any site_url path)."""
    source = site_paths.built_path(from_src, use_directory_urls)
    base = source if source.endswith("/") or not source else posixpath.dirname(source)
    return posixpath.relpath(target, base.rstrip("/") or ".")


def pdf_link_html(
    from_src: str, routine_id: str, item_id: str | None = None, use_directory_urls: bool = True,
    source_links: bool = False,
) -> Html:
    """The "Skriv ut / PDF" link (raw HTML: MkDocs does not validate it, the file is
    written by `rutin pdf` after MkDocs has built the pages). Hidden in print. With
    `source_links`, relative to the page's source (generators that rewrite links)."""
    target = pdf_path(routine_id, item_id)
    href = (posixpath.relpath(target, posixpath.dirname(from_src) or ".") if source_links
            else pdf_href(from_src, target, use_directory_urls))
    text = PDF_LINK_TEXT if item_id else ROUTINE_PDF_LINK_TEXT
    kind = "item" if item_id else "routine"
    return Html(
        '<p class="rutin-pdf"><a class="rutin-pdf-link" data-pdf="{kind}" '
        'href="{href}" type="application/pdf">{text}</a></p>'
    ).format(kind=kind, href=href, text=text)


EXTERNAL_CLASS = "rutin-external"
_A_START = re.compile(r"<a\s[^>]*>")
_HREF = re.compile(r'(?<![\w-])href="(https?://[^"]*)"')
_CLASS = re.compile(r'(?<![\w-])class="([^"]*)"')


def mark_external_links(html: str, site_url: str) -> str:
    """Give links to other sites the class `rutin-external`: print shows their address
    after the link text (site.css), so a paper copy still says where a document is.

    Decided at build time from the page's own HTML, where links within the site are
    relative (Material's instant navigation later makes every href absolute in the
    browser, so a CSS attribute selector could not tell them apart). An absolute link
    to the site's own origin (`site_url`) is not external.
    """
    own = urlsplit(site_url)[:2] if site_url else None

    def mark(match: re.Match[str]) -> str:
        tag = match.group(0)
        href = _HREF.search(tag)
        if href is None or urlsplit(href.group(1))[:2] == own:
            return tag
        if _CLASS.search(tag):
            return _CLASS.sub(lambda c: f'class="{c.group(1)} {EXTERNAL_CLASS}"', tag, count=1)
        return f'<a class="{EXTERNAL_CLASS}"{tag[2:]}'

    return _A_START.sub(mark, html)
