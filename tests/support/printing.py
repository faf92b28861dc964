"""The printed pages as the tests read them: which page an item's PDF is made from, the
footer with its address and QR code, and the previous version's URLs that printed
copies still point to (tests/previous_urls.txt)."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import zxingcpp

from rutin.model.records import Checklist, DecisionTable, Task
from rutin.printing import print_parts
from rutin.site import site_paths

LIST = Path(__file__).resolve().parents[1] / "previous_urls.txt"


def pdf_text(path: Path) -> str:
    """A PDF's text, page after page. Poppler's pdftotext (installed with Chromium by
    `make browser`) reads a 50-page print in a fraction of a second; pypdf, pure Python,
    takes seconds, and is the fallback where poppler-utils is missing."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext:
        done = subprocess.run([pdftotext, "-enc", "UTF-8", str(path), "-"],
                              capture_output=True, text=True, check=True, timeout=120)
        return done.stdout
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def previous_urls() -> list[str]:
    """The listed URLs, in file order ("/" is the start page)."""
    lines = LIST.read_text(encoding="utf-8").splitlines()
    return [s for s in (line.strip() for line in lines) if s and not s.startswith("#")]


def is_pdf(url: str) -> bool:
    return url.startswith(print_parts.PDF_DIR + "/") and url.endswith(".pdf")


Printable = Task | Checklist | DecisionTable


def page_src(routine_id: str, item: Printable) -> str:
    if isinstance(item, DecisionTable):
        return site_paths.decision_page(routine_id, item.id)
    if isinstance(item, Task):
        return site_paths.task_page(routine_id, item.id)
    return site_paths.checklist_page(routine_id, item.id)


class Footer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.canonical = ""
        self.url = ""
        self.path_d = ""
        self.transform = ""
        self._in_url = False
        self._in_qr = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        classes = a.get("class", "").split()
        if tag == "link" and a.get("rel") == "canonical":
            self.canonical = a.get("href", "")
        if "rutin-print-url" in classes:
            self._in_url = True
        if "rutin-print-qr" in classes:
            self._in_qr = True
        if tag == "path" and self._in_qr and not self.path_d:
            self.path_d = a.get("d", "")
            self.transform = a.get("transform", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "p":
            self._in_url = False
        if tag == "div":
            self._in_qr = False

    def handle_data(self, data: str) -> None:
        if self._in_url:
            self.url += data


def qr_modules(d: str) -> set[tuple[int, int]]:
    """Dark modules drawn by a segno SVG path ("M2 2.5h7m2 0h1…", horizontal strokes
    centred on y + .5), as (row, column) with the quiet zone removed."""
    cells: set[tuple[int, int]] = set()
    x = y = 0.0
    for op, args in re.findall(r"([MmHhVv])([^MmHhVv]*)", d):
        nums = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", args)]
        if op == "M":
            x, y = nums[0], nums[1]
        elif op == "m":
            x, y = x + nums[0], y + nums[1]
        elif op == "h":
            for i in range(round(nums[0])):
                cells.add((int(y - 0.5), int(x) + i))
            x += nums[0]
        else:  # segno only draws horizontal runs
            raise AssertionError(f"unexpected path command {op}")
    top = min(r for r, _ in cells)
    left = min(c for _, c in cells)
    return {(r - top, c - left) for r, c in cells}


def decode_qr(modules: set[tuple[int, int]], pixels: int = 3, quiet: int = 2) -> list[str]:
    """What a QR reader (zxing-cpp) reads from the dark `modules`, drawn `pixels` to a
    module on white with a quiet zone of `quiet` modules (the printed SVG has 2): the
    texts of every code found, decoded from the picture, not compared with a
    regenerated code (which would only repeat the build's own choices)."""
    size = max(max(r for r, _ in modules), max(c for _, c in modules)) + 1 + 2 * quiet
    side = size * pixels
    image = bytearray(b"\xff" * side * side)
    for r, c in modules:
        for dy in range(pixels):
            start = ((r + quiet) * pixels + dy) * side + (c + quiet) * pixels
            image[start:start + pixels] = bytes(pixels)
    found = zxingcpp.read_barcodes(memoryview(image).cast("B", (side, side)),
                                   formats=zxingcpp.BarcodeFormat.QRCode)
    return [code.text for code in found]


def read_footer(site: Path, routine_id: str, item: Printable) -> Footer:
    built = site_paths.built_path(page_src(routine_id, item), True)
    parser = Footer()
    parser.feed((site / built / "index.html").read_text(encoding="utf-8"))
    return parser
