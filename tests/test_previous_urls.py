"""Every URL of the previous version still answers (tests/previous_urls.txt).

Printed checklists carry QR codes and addresses, so a page may move but its old address
must keep working: each listed URL must be, in the built site, the page itself (an
index.html with a title and a heading, not the "not found" page) or a redirect page
(`<meta http-equiv="refresh">`) to an address that answers. A plain file check of the
built site: what a static web server serves is exactly these files.

The PDFs are written by `rutin pdf`, not by the build. Here (no browser) the test checks
that `rutin pdf` would write each listed PDF: it finds the printable pages in the built
site the way `rutin pdf` does (rutin.pdf.discover) and compares the paths it writes.
tests/test_print.py checks the same URLs against the real PDFs it renders.
"""

from __future__ import annotations

import json
import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from rutin.printing import pdf, print_parts
from support.printing import is_pdf, previous_urls

MAX_REDIRECTS = 5


class _Head(HTMLParser):
    """The page's <title> (in <head>: not an SVG's), first <h1>, and meta refresh."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.h1 = ""
        self.refresh: str | None = None
        self._in: str | None = None
        self._in_head = False
        self._h1_done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "head":
            self._in_head = True
        elif tag == "title" and self._in_head and not self.title:
            self._in = "title"
        elif tag == "h1" and not self._h1_done:
            self._in = "h1"
        elif tag == "a" and self._in == "h1" and "headerlink" in a.get("class", ""):
            self._in = None  # the "¶" permalink
        elif tag == "meta" and a.get("http-equiv", "").lower() == "refresh":
            self.refresh = a.get("content", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self._in_head = False
        if tag == "title":
            self._in = None if self._in == "title" else self._in
        if tag == "h1":
            self._in, self._h1_done = None, True

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.title += data
        elif self._in == "h1":
            self.h1 += data


def _read(file: Path) -> _Head:
    head = _Head()
    head.feed(file.read_text(encoding="utf-8", errors="replace"))
    head.title, head.h1 = " ".join(head.title.split()), " ".join(head.h1.split())
    return head


def _refresh_target(content: str) -> str | None:
    """`0; url=../ny/` → `../ny/` (None when the tag names no address)."""
    for part in content.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.strip().lower() == "url" and value.strip():
            return value.strip().strip("'\"")
    return None


def _join(url: str, href: str) -> str | None:
    """A redirect's target as a URL path below the site root (None: another site)."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if path.startswith("/"):
        joined = path
    else:
        base = "/" + (url if url.endswith("/") else posixpath.dirname(url) + "/")
        joined = posixpath.join(base, path or ".")
    keep_slash = joined.endswith("/") or not path or path.endswith((".", "/"))
    joined = posixpath.normpath(joined)
    if joined.startswith("/.."):
        return None
    if joined == "/":
        return "/"
    joined = joined.lstrip("/")
    return joined + "/" if keep_slash else joined


def problem(site: Path, url: str, *, not_found: _Head | None = None, depth: int = 0) -> str | None:
    """Why `url` does not answer in the built `site` (None: it answers).

    Directory URLs ("a/b/", "/") answer with a/b/index.html; anything else with the file
    itself. An HTML file answers if it is a page (title and h1, not the 404 page) or a
    redirect to a URL that answers."""
    rel = "" if url == "/" else url
    file = site / rel / "index.html" if url.endswith("/") else site / rel
    if not file.is_file():
        return f"no file {file.relative_to(site).as_posix()}"
    if file.stat().st_size == 0:
        return f"{file.relative_to(site).as_posix()} is empty"
    if file.suffix == ".json":
        try:
            json.loads(file.read_text(encoding="utf-8"))
        except ValueError as exc:
            return f"not JSON ({exc})"
        return None
    if file.suffix != ".html":
        return None
    head = _read(file)
    if head.refresh is not None:
        target = _refresh_target(head.refresh)
        joined = _join(url, target) if target else None
        if joined is None:
            return f"redirect {head.refresh!r} names no address on this site"
        if depth >= MAX_REDIRECTS:
            return f"more than {MAX_REDIRECTS} redirects in a row"
        why = problem(site, joined, not_found=not_found, depth=depth + 1)
        return None if why is None else f"redirects to {joined}, which does not answer: {why}"
    if not head.title or not head.h1:
        return "a page without <title> or <h1>"
    if url != "404.html" and not_found is not None and (
        (head.title, head.h1) == (not_found.title, not_found.h1)
    ):
        return "serves the 'not found' page"
    return None


def missing(site: Path, urls: list[str]) -> list[str]:
    """Every listed page or file URL that does not answer, with the reason."""
    not_found = _read(site / "404.html") if (site / "404.html").is_file() else None
    out = []
    for url in urls:
        if is_pdf(url):
            continue
        why = problem(site, url, not_found=not_found)
        if why is not None:
            out.append(f"{url}: {why}")
    return out


# --------------------------------------------------------------------------- the list


def test_the_list_is_well_formed() -> None:
    urls = previous_urls()
    assert len(urls) == len(set(urls)), "a URL is listed twice"
    bad = [u for u in urls if u != "/" and (
        u.startswith("/") or u.endswith("index.html") or any(c.isspace() for c in u)
        or not (u.endswith("/") or "." in posixpath.basename(u))
    )]
    assert not bad, f"write URL paths like platform24/bjuda-in-tolk/ (root: /): {bad}"
    assert "/" in urls and "404.html" in urls
    assert any(is_pdf(u) for u in urls) and any(u.startswith("api/") for u in urls)


# --------------------------------------------------------------------------- the checker


def _page(title: str, h1: str) -> str:
    return (f"<html><head><title>{title} - Sajt</title></head>"
            f'<body><h1 id="x">{h1}<a class="headerlink" href="#x">¶</a></h1>'
            '<svg><title>QR-kod</title></svg></body></html>')


def _redirect(to: str) -> str:
    return f'<html><head><meta http-equiv="refresh" content="0; url={to}"></head></html>'


def test_the_checker_finds_missing_pages_and_follows_redirects(tmp_path: Path) -> None:
    files = {
        "index.html": _page("Start", "Start"),
        "404.html": "<html><head><title>Sajt</title></head><body><h1>404 - Not found</h1>",
        "r/kvar/index.html": _page("Kvar", "Kvar"),
        "r/flyttad/index.html": _redirect("../ny/"),
        "r/ny/index.html": _page("Ny", "Ny"),
        "r/rot/index.html": _redirect("/r/ny/"),
        "r/trasig/index.html": _redirect("../borta/"),
        "r/slinga/index.html": _redirect("./"),
        "r/extern/index.html": _redirect("https://annan.example/"),
        "r/tom/index.html": "",
        "r/fel/index.html": "<html><head><title>Sajt</title></head><body><h1>404 - Not found</h1>",
        "api/r.json": "{}",
    }
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    urls = ["/", "404.html", "r/kvar/", "r/flyttad/", "r/rot/", "r/trasig/", "r/slinga/",
            "r/extern/", "r/tom/", "r/fel/", "r/borttagen/", "api/r.json", "api/borta.json",
            "pdf/r.pdf"]
    found = {line.split(":", 1)[0] for line in missing(tmp_path, urls)}
    assert found == {"r/trasig/", "r/slinga/", "r/extern/", "r/tom/", "r/fel/", "r/borttagen/",
                     "api/borta.json"}
    assert _join("a/b/", "../c/") == "a/c/"
    assert _join("a/b.html", "c.html") == "a/c.html"
    assert _join("a/", "/") == "/"


# --------------------------------------------------------------------------- the site


def test_every_previous_url_answers_in_the_built_site(built_site: Path) -> None:
    urls = previous_urls()
    gone = missing(built_site, urls)
    assert not gone, (
        f"{len(gone)} address(es) of the previous version no longer answer. Printed QR "
        "codes point there: serve the page, or a redirect page to where it moved "
        "(tests/previous_urls.txt):\n" + "\n".join(gone)
    )


def test_rutin_pdf_would_write_every_previous_pdf(built_site: Path) -> None:
    """Without rendering (tests/test_print.py renders them): the printable pages
    `rutin pdf` finds in the built site, and the PDF paths it writes for them."""
    items, routines = pdf.discover(built_site)
    written = {p.pdf for p in items} | {print_parts.pdf_path(r) for r in routines}
    listed = [u for u in previous_urls() if is_pdf(u)]
    assert listed, "the list names no PDF"
    gone = [u for u in listed if u not in written]
    assert not gone, (
        "`rutin pdf` would no longer write these PDFs of the previous version (their "
        "pages moved or are no longer found as printable pages):\n" + "\n".join(gone)
    )


@pytest.mark.parametrize("url", ["platform24/bjuda-in-tolk/", "/"])
def test_a_removed_page_is_reported(built_site: Path, tmp_path: Path, url: str) -> None:
    """The check is real: in a copy of the built site without one page, it fails."""
    import shutil

    site = tmp_path / "site"
    shutil.copytree(built_site, site, ignore=shutil.ignore_patterns("assets", "search"))
    (site / ("" if url == "/" else url) / "index.html").unlink()
    assert [line.split(":", 1)[0] for line in missing(site, previous_urls())] == [url]
