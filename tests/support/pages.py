"""The built site's HTML as the tests read it: pages, their ids, links and text."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

from rutin.site import site_paths

URL = re.compile(r"https?://[^\s\"'<>)\\]+")


class Page(HTMLParser):
    """ids, links and visible text of one built page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str, dict[str, str | None]]] = []  # (tag, url, attrs)
        self.text: list[str] = []
        self.prose_urls: list[str] = []
        self._skip = 0  # inside script/style
        self._code = 0  # inside code/pre (examples in the editor guide)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(str(a["id"]))
        if tag == "a" and a.get("name"):
            self.ids.add(str(a["name"]))
        for attr in ("href", "src"):
            if a.get(attr):
                self.links.append((tag, str(a[attr]), a))
        if tag in ("script", "style"):
            self._skip += 1
        if tag in ("code", "pre", "kbd"):
            self._code += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        if tag in ("code", "pre", "kbd"):
            self._code = max(0, self._code - 1)

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)
            if not self._code:
                self.prose_urls.extend(URL.findall(data))

    @property
    def plain_text(self) -> str:
        return " ".join(" ".join(self.text).split())


def parse(path: Path) -> Page:
    p = Page()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html"))


def page_file(site: Path, src_uri: str) -> Path:
    return site / site_paths.page_url(src_uri) / "index.html"


def normal(text: str) -> str:
    return " ".join(html.unescape(text).split())


def page_address(base: str, src: str) -> str:
    """The served address of a page's source path (site_paths: checklist_page, …)."""
    return base + site_paths.page_url(src)


def site_pages(site: Path) -> list[str]:
    """Every HTML page of the built site as a path from its root ('' is the start page)."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith(("assets/", "search/")):
            continue
        pages.append(rel.removesuffix("index.html"))
    return pages
