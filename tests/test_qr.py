"""The printed pages' QR codes scan: a real QR reader (zxing-cpp) reads the page address
from the code the build draws (print_parts.qr_svg), for every printed page of the
content at the addresses a build uses, and for the longest addresses ids allow.

The build draws every code with one fixed data mask (print_parts.QR_MASK) instead of
scoring all eight (docs/prestanda.md): these tests are what shows that this is safe.
The built site's own footers are read the same way in test_print.py and test_publish.py.
"""

from __future__ import annotations

import re

import pytest
import segno

from rutin.printing import print_parts
from rutin.site import site_paths
from support.printing import decode_qr, page_src, qr_modules
from support.project import content_routines

# The local preview's address (mkdocs.yml's default) and a long intranet address.
SITE_URLS = (
    "http://127.0.0.1:8000/",
    "https://intranat.regionhalland.se/vard/rutiner/digitala-vardmoten/",
)
ID_MAX = 80  # schemas/common.schema.json: an id's maxLength

_D = re.compile(r'\bd="([^"]+)"')


def scanned(url: str) -> list[str]:
    """What the reader finds in the SVG the build writes for `url`."""
    svg = str(print_parts.qr_svg(url))
    found = _D.search(svg)
    assert found, f"no path in the QR code of {url}"
    return decode_qr(qr_modules(found.group(1)))


def content_urls() -> list[str]:
    urls = []
    for routine in content_routines():
        for item in (*routine.tasks, *routine.checklists, *routine.decisions):
            for base in SITE_URLS:
                urls.append(site_paths.absolute_url(base, page_src(routine.id, item)))
    return urls


def test_every_printed_page_address_of_the_content_scans() -> None:
    urls = content_urls()
    assert urls
    wrong = [f"{url}: läst {got}" for url in urls if (got := scanned(url)) != [url]]
    assert not wrong, "QR-koder som inte läses som sidans adress:\n" + "\n".join(wrong)


@pytest.mark.parametrize("base", SITE_URLS)
def test_the_longest_addresses_ids_allow_scan(base: str) -> None:
    # Ids of the greatest allowed length: the longest address a printed page can have.
    routine_id = "-".join(["rutin"] * 14)[:ID_MAX].rstrip("-")
    for item_id in ("a" * ID_MAX, "-".join(["kontroll"] * 9)[:ID_MAX].rstrip("-")):
        url = site_paths.absolute_url(base, site_paths.checklist_page(routine_id, item_id))
        assert scanned(url) == [url]


def test_the_code_uses_the_fixed_mask() -> None:
    url = site_paths.absolute_url(SITE_URLS[1], site_paths.checklist_page("rutin", "lista"))
    drawn = qr_modules(_D.search(str(print_parts.qr_svg(url))).group(1))  # type: ignore[union-attr]
    fixed = segno.make(url, error="m", mask=print_parts.QR_MASK, micro=False)
    assert drawn == {(r, c) for r, row in enumerate(fixed.matrix) for c, v in enumerate(row) if v}


@pytest.mark.parametrize("mask", range(8))
def test_the_reader_reads_every_mask(mask: int) -> None:
    # Why a fixed mask is safe: the symbol's format information names its mask, and a
    # reader reads a code with any of the eight (ISO/IEC 18004, 7.8.2 and 7.9).
    url = site_paths.absolute_url(SITE_URLS[1], site_paths.checklist_page("rutin", "lista"))
    qr = segno.make(url, error="m", mask=mask, micro=False)
    modules = {(r, c) for r, row in enumerate(qr.matrix) for c, v in enumerate(row) if v}
    assert decode_qr(modules) == [url]


def test_the_svg_is_segnos_own() -> None:
    # The build writes the SVG itself (print_parts._svg, faster): the very markup segno
    # writes for the same code, for every address above.
    urls = [*content_urls(), "https://a.se/?q=<&>"]
    for url in urls:
        qr = segno.make(url, error="m", mask=print_parts.QR_MASK, micro=False)
        title = f"QR-kod: {url}"
        assert str(print_parts.qr_svg(url)) == qr.svg_inline(
            scale=print_parts.QR_SCALE, border=print_parts.QR_BORDER, title=title), url
