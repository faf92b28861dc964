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
import html
import json
import os
import posixpath
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit

import segno

from rutin.pages.safe_html import Html, trusted
from rutin.site import site_paths

PDF_DIR = "pdf"
# The print manifest the build writes into the site (from the site plan): which pages
# print, their kind and title, in the routine PDF's order. `rutin pdf` reads it.
MANIFEST_FILE = "pdf-manifest.json"
MANIFEST_VERSION = 1


@dataclass(frozen=True)
class PrintItem:
    """One page of the built site with a PDF of its own."""

    routine: str
    id: str
    kind: str  # "task" | "checklist" | "decision"
    title: str  # plain text: the PDF's bookmark in the routine PDF
    path: str  # the page's path below the site root, e.g. "platform24/tolk/"

    @property
    def pdf(self) -> str:
        return pdf_path(self.routine, self.id)


def manifest_json(items: tuple[PrintItem, ...] | list[PrintItem]) -> str:
    """The print manifest: every printed page, each routine's in its PDF's order."""
    data = {"version": MANIFEST_VERSION, "pages": [asdict(item) for item in items]}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def read_manifest(site_dir: Path) -> list[PrintItem] | None:
    """The print manifest of a built site; None when the site has none (built before it
    existed, or not by `rutin build`) or it cannot be read."""
    try:
        return read_manifest_text((site_dir / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None


def read_manifest_text(text: str) -> list[PrintItem] | None:
    """The printed pages a manifest names; None when it is not a manifest of this kind."""
    try:
        data = json.loads(text)
        if data.get("version") != MANIFEST_VERSION:
            return None
        items = [PrintItem(**{k: str(v) for k, v in page.items()}) for page in data["pages"]]
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None
    # Names become file names under pdf/ and paths URLs on the local server: nothing
    # in a changed manifest may lead out of either.
    for item in items:
        if not (_NAME.fullmatch(item.routine) and _NAME.fullmatch(item.id)) or (
                item.path.startswith("/") or ".." in item.path.split("/")):
            return None
    return items


_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
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


# The QR code's data mask (ISO/IEC 18004, 7.8.2). Every one of the eight masks makes a
# valid code that any reader decodes (the format information in the symbol names the
# mask); the standard's choice, the mask with the lowest penalty score, only avoids
# patterns that can make a poor scan harder. Scoring all eight was the slowest part of
# building a page (docs/prestanda.md), so the build uses one: mask 2 (dark every third
# column) is the one the penalty rule picks most often for the site's addresses and has
# the lowest mean penalty among them. tests/test_qr.py decodes the codes with a real
# reader (zxing-cpp).
QR_MASK = 2


QR_SCALE, QR_BORDER = 2, 2  # px per module; the quiet zone, in modules
_DARK_RUN = re.compile(rb"\x01+")


@functools.lru_cache(maxsize=8192)
def qr_svg(url: str) -> Html:
    """Inline SVG QR code of the page address, generated at build time (no service), with
    the fixed mask QR_MASK. Cached: a page's address does not change between the
    preview's rebuilds."""
    qr = segno.make(url, error="m", mask=QR_MASK, micro=False)
    return trusted(_svg(qr.matrix, f"QR-kod: {url}"))


def _svg(matrix: tuple[bytearray, ...], title: str) -> str:
    """The SVG segno's `svg_inline(scale=QR_SCALE, border=QR_BORDER, title=…)` writes,
    byte for byte (tests/test_qr.py compares them), a tenth of the time: each row's runs
    of dark modules as horizontal strokes, each move relative to the last stroke's end."""
    side = (len(matrix) + 2 * QR_BORDER) * QR_SCALE
    path: list[str] = []
    at_x, at_y = 0, 0.0
    for row_number, row in enumerate(matrix):
        y = QR_BORDER + row_number + 0.5
        for run in _DARK_RUN.finditer(row):
            x1, x2 = QR_BORDER + run.start(), QR_BORDER + run.end()
            dy = y - at_y
            path.append(f"{'m' if path else 'M'}{x1 - at_x} {int(dy) if int(dy) == dy else dy}"
                        f"h{x2 - x1}")
            at_x, at_y = x2, y
    return (f'<svg width="{side}" height="{side}" class="segno">'
            f"<title>{html.escape(title, quote=False)}</title>"
            f'<path transform="scale({QR_SCALE})" class="qrline" stroke="#000" '
            f'd="{"".join(path)}"/></svg>')


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
    if 'href="http' not in html:  # no absolute link at all (most pages): nothing to mark
        return html
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
