"""The hashes of inline scripts in the built pages, for the Content-Security-Policy
(site/csp.py). Material inlines two small scripts in every page; our theme overrides
(overrides/partials/javascripts/) load them from files instead, so none is expected
(tests/test_csp.py). Should a page still hold one (a Material upgrade, a new feature),
its hash goes into `script-src`, so the policy the build writes stays correct."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from rutin.site.csp import script_hash

_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}


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


def site_hashes(site_dir: Path) -> list[str]:
    """Hashes of the inline scripts in the built site's pages (none is expected)."""
    hashes = {
        script_hash(text)
        for page in sorted(site_dir.rglob("*.html"))
        for text in inline_scripts(page.read_text(encoding="utf-8"))
    }
    return sorted(hashes)
