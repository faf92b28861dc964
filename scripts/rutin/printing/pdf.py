"""PDFs of the built site: one per task, checklist and decision table, one per routine.

Headless Chromium (Playwright, Debian's /usr/bin/chromium) prints the pages of the BUILT
site, served from a local http.server on 127.0.0.1: the pages are exactly what staff
see, and the footer and QR code carry the address from `site_url` (baked in at build
time), never the local server's address. The print stylesheet and site.js do the
layout; this module only drives the browser and writes

    <site>/pdf/<routine>/<id>.pdf   each task, checklist and decision table (the page's
                                    "Skriv ut / PDF" link, print_parts.pdf_link_html)
    <site>/pdf/<routine>.pdf        the whole routine: the tasks first (what staff use at
                                    work), then the checklists and decision tables in the
                                    overview's order

The pages to print, their kinds, titles and order come from the print manifest the build
writes from the site plan (print_parts.MANIFEST_FILE); nothing here reads a page's HTML.
New PDFs are written next to the site and swapped in only when all of them succeeded.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

from rutin.printing import print_parts

CHROMIUM_ENV = "RUTIN_CHROMIUM"
DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PAGE_TIMEOUT_MS = 30_000


class PdfError(Exception):
    """A problem the user can act on (Swedish message); `usage` means exit code 2."""

    def __init__(self, message: str, *, usage: bool = False) -> None:
        super().__init__(message)
        self.usage = usage


PrintPage = print_parts.PrintItem  # one page of the built site to print


@dataclass
class RenderedPdf:
    path: str  # relative to the site root
    pages: int
    title: str
    source: str = ""  # URL path of the printed page ("" for a routine PDF)
    kind: str = "routine"  # PrintPage.kind, or "routine"


@dataclass
class PdfReport:
    items: list[RenderedPdf] = field(default_factory=list)
    routines: list[RenderedPdf] = field(default_factory=list)
    seconds: float = 0.0


# --------------------------------------------------------------------------- discovery


def discover(site_dir: Path) -> tuple[list[PrintPage], dict[str, list[PrintPage]]]:
    """Every printable page of the site (the build's print manifest), and each routine's
    pages in print order: its tasks first, then its checklists and decision tables in the
    overview's order (site_plan.print_items). Raises PdfError without a manifest."""
    items = print_parts.read_manifest(site_dir)
    if items is None:
        raise PdfError(
            f"{site_dir} saknar en läsbar {print_parts.MANIFEST_FILE} (webbplatsen är byggd "
            "med en äldre version eller inte med rutin build). Kör först: rutin build",
            usage=True,
        )
    routines: dict[str, list[PrintPage]] = {}
    for item in items:
        routines.setdefault(item.routine, []).append(item)
    return items, routines


# --------------------------------------------------------------------------- server


class _QuietHandler(SimpleHTTPRequestHandler):
    extra_headers: ClassVar[Mapping[str, str]] = {}

    def end_headers(self) -> None:
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve(site_dir: Path, headers: dict[str, str] | None = None) -> Iterator[str]:
    """Serve the built site on 127.0.0.1 (free port), with `headers` on every response
    (e.g. the Content-Security-Policy, in the tests); yields the base URL."""
    quiet = type("_Handler", (_QuietHandler,), {"extra_headers": dict(headers or {})})
    handler = functools.partial(quiet, directory=str(site_dir))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# --------------------------------------------------------------------------- browser


def chromium_path(explicit: str | None = None) -> str:
    path = explicit or os.environ.get(CHROMIUM_ENV) or DEFAULT_CHROMIUM
    if not (Path(path).is_file() and os.access(path, os.X_OK)):
        raise PdfError(
            f"Chromium hittades inte ({path}). Installera det med `make browser` "
            f"eller ange sökvägen med --chromium eller miljövariabeln {CHROMIUM_ENV}.",
            usage=True,
        )
    return path


def _for_print(page: Any) -> Any:
    page.set_default_timeout(PAGE_TIMEOUT_MS)
    page.emulate_media(media="print")
    return page


@contextlib.contextmanager
def browser_page(chromium: str | None = None, browser: Any = None) -> Iterator[Any]:
    """One headless Chromium page, print media emulated (reused for every PDF). With
    `browser` (a Playwright Browser, e.g. the tests'), no second Chromium is started."""
    if browser is not None:
        context = browser.new_context()
        try:
            yield _for_print(context.new_page())
        finally:
            context.close()
        return
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise PdfError(
            "Playwright saknas. Installera utvecklingsberoendena: make build "
            "(eller pip install -e '.[test]').",
            usage=True,
        ) from exc
    executable = chromium_path(chromium)
    with sync_playwright() as pw:
        try:
            browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        except Exception as exc:
            raise PdfError(f"Chromium kunde inte startas ({executable}): {exc}") from exc
        try:
            yield _for_print(browser.new_page())
        finally:
            browser.close()


def print_to_pdf(page: Any, url: str, target: Path) -> None:
    """Load `url`, let site.js label the date "PDF skapad …", print A4 to `target`."""
    page.goto(url, wait_until="load")
    page.evaluate(
        """async (label) => {
            if (document.fonts && document.fonts.ready) await document.fonts.ready;
            if (window.rutinPrint) window.rutinPrint.update(label);
        }""",
        print_parts.PDF_DATE_LABEL,
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    page.pdf(
        path=str(target), format="A4", print_background=True, prefer_css_page_size=True,
        tagged=True,
    )


def page_count(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(path)).pages)


def merge(parts: list[tuple[Path, str]], target: Path) -> int:
    """Concatenate PDFs (each keeps its own footer) with one bookmark per part."""
    try:
        from pypdf import PdfWriter
    except ImportError as exc:  # pragma: no cover
        raise PdfError("pypdf saknas; installera beroendena (make build).", usage=True) from exc
    writer = PdfWriter()
    for path, title in parts:
        writer.append(str(path), outline_item=title)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as out:
        writer.write(out)
    return len(writer.pages)


# --------------------------------------------------------------------------- all


def render_site(
    site_dir: Path,
    *,
    chromium: str | None = None,
    progress: Callable[[str], None] | None = None,
    browser: Any = None,
) -> PdfReport:
    """Render every PDF of the built site into `<site_dir>/pdf/` (replaced only when all
    PDFs succeeded). Raises PdfError with a Swedish message."""
    started = time.perf_counter()
    site_dir = site_dir.resolve()
    if not (site_dir / "index.html").is_file():
        raise PdfError(
            f"{site_dir} är ingen byggd webbplats (index.html saknas). Kör först: rutin build",
            usage=True,
        )
    items, routines = discover(site_dir)
    if not items:
        raise PdfError(
            f"Inga uppgifter, checklistor eller beslutsstöd hittades i {site_dir}. "
            "Kör först: rutin build"
        )
    report = PdfReport()
    staging = Path(tempfile.mkdtemp(prefix=".pdf-", dir=site_dir.parent))
    try:
        with serve(site_dir) as base, browser_page(chromium, browser) as page:
            for item in items:
                target = staging / item.pdf
                try:
                    print_to_pdf(page, base + item.path, target)
                except Exception as exc:
                    raise PdfError(f"{item.path}: PDF kunde inte skapas ({exc}).") from exc
                n = page_count(target)
                report.items.append(RenderedPdf(item.pdf, n, item.title, item.path, item.kind))
                if progress:
                    progress(f"{item.pdf}: {n} " + ("sida" if n == 1 else "sidor"))
        for routine, pages in sorted(routines.items()):
            rel = print_parts.pdf_path(routine)
            parts = [(staging / p.pdf, p.title or p.id) for p in pages]
            n = merge(parts, staging / rel)
            report.routines.append(RenderedPdf(rel, n, routine))
            if progress:
                tasks = sum(1 for p in pages if p.kind == "task")
                progress(f"{rel}: {n} sidor ({tasks} uppgifter, {len(pages) - tasks} "
                         "checklistor och beslutsstöd)")
        _swap_in(staging / print_parts.PDF_DIR, site_dir / print_parts.PDF_DIR)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    report.seconds = time.perf_counter() - started
    return report


def _swap_in(new: Path, target: Path) -> None:
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)
