"""The hashes of inline scripts in the built pages, for the Content-Security-Policy
(site/csp.py). Material inlines two small scripts in every page; our theme overrides
(overrides/partials/javascripts/) load them from files instead, so none is expected
(tests/test_csp.py). Should a page still hold one (a Material upgrade, a new feature),
its hash goes into `script-src`, so the policy the build writes stays correct.

The plugin hashes each page as MkDocs writes it (`page_hashes`, in memory); a page whose
every `<script` is a plain external script or a JSON block is not parsed at all (at
1,000 checklists, parsing every page again took longer than building many of them).
`site_hashes` reads a built site's files (the tests, and files MkDocs only copies)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path

from rutin.site.csp import script_hash

_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}
_SCRIPT_OPEN = re.compile(r"<script\b", re.IGNORECASE)
# The only forms a page may hold without being parsed: an external script with nothing
# else, and a JSON data block (Material's configuration). Anything else is parsed.
_EXTERNAL = re.compile(r'<script src="[^"<>]*"></script>')
_JSON = re.compile(r'<script(?: (?:id|class)="[^"<>]*")* type="application/json"'
                   r'(?: (?:id|class)="[^"<>]*")*>')


class _InlineScripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.found: list[str] = []
        self._text: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "script":
            return
        a = dict(attrs)
        kind = (a.get("type") or "").strip().lower()
        self._text = [] if "src" not in a and kind in _SCRIPT_TYPES else None

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._text is not None:
            self.found.append("".join(self._text))
            self._text = None


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script a browser would run (not JSON data blocks)."""
    parser = _InlineScripts()
    parser.feed(html)
    parser.close()
    return parser.found


def page_hashes(html: str) -> set[str]:
    """Hashes of the inline scripts in one page (none is expected)."""
    found = len(_SCRIPT_OPEN.findall(html))
    if found == len(_EXTERNAL.findall(html)) + len(_JSON.findall(html)):
        return set()  # every <script is one of the two forms: nothing inline
    return {script_hash(text) for text in inline_scripts(html)}


def site_hashes(site_dir: Path, skip: Iterable[Path] = ()) -> list[str]:
    """Hashes of the inline scripts in the built site's pages (none is expected), but
    for the files in `skip` (already hashed as they were written)."""
    seen = {path.resolve() for path in skip}
    hashes: set[str] = set()
    for page in sorted(site_dir.rglob("*.html")):
        if page.resolve() not in seen:
            hashes |= page_hashes(page.read_text(encoding="utf-8"))
    return sorted(hashes)


class Written:
    """Hashes of the inline scripts of the pages a build wrote, taken from memory as
    each is written; the site's other HTML files are read once, at the end."""

    def __init__(self) -> None:
        self.found: set[str] = set()
        self.written: list[Path] = []

    def add(self, html: str, path: str | Path) -> None:
        self.found |= page_hashes(html)
        self.written.append(Path(path))

    def hashes(self, site: Path) -> list[str]:
        return sorted(self.found | set(site_hashes(site, self.written)))
