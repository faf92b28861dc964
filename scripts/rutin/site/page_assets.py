"""Which of the project's component assets a page loads, decided from its HTML.

Every page loads docs/assets/site.css and site.js (mkdocs.yml): the base, printing
included. A component's CSS and JavaScript travel only with the pages whose markup
uses it (target: own CSS + JS per page, `make bench ARGS=site`). Decided from the rendered
HTML, so a hand-written page that shows a component through a macro gets it too.

A component's styles of well under a kilobyte compressed are in site.css instead of a
file of their own (tables; traceability and phrases, which are no component): each file
costs a page gzip's fixed part and a dictionary that starts cold, more than such rules
cost inside the base (the heaviest page, a task, uses them all anyway).
"""

from __future__ import annotations

import re
from collections.abc import Collection

import rcssmin
import rjsmin

# component → the markup that needs it: class names (scripts/rutin/MARKUP.md) or "<tag"
COMPONENTS: dict[str, frozenset[str]] = {
    "tables": frozenset({"<table"}),
    "questions": frozenset({"rutin-question", "rutin-wizard", "rutin-function-filter"}),
    "checklist": frozenset({"rutin-checklist"}),
    "decision": frozenset({"rutin-decision", "rutin-decision-table"}),
    "filter": frozenset({"rutin-function-filter"}),
    "lists": frozenset({"rutin-items", "rutin-tasks", "rutin-roles"}),
    "roles": frozenset({"rutin-roles"}),
    "news": frozenset({"rutin-news"}),
    "owner": frozenset({"rutin-trace", "rutin-interpretation-entry", "rutin-sign-off"}),
}
# component → its files under docs/assets/, in load order
FILES: dict[str, tuple[str, ...]] = {
    "tables": (),  # its styles are in site.css (above)
    "questions": ("questions.css",),
    "checklist": ("checklist.css", "checklist.js"),
    "decision": ("decision.css", "decision.js"),
    "filter": ("filter.js",),
    "lists": ("lists.css",),
    "roles": ("roles.js",),
    "news": ("news.js",),
    "owner": ("owner.css",),
}
ASSETS_DIR = "assets"

_CLASS = re.compile(r'\bclass="([^"]*)"')
_TAG = re.compile(r"<(table)\b")


def components(html: str) -> list[str]:
    """The components the page's markup uses, in load order."""
    markers = {n for value in _CLASS.findall(html) for n in value.split()}
    markers |= {f"<{tag}" for tag in _TAG.findall(html)}
    return [c for c, needs in COMPONENTS.items() if markers & needs]


def files(found: list[str], suffix: str) -> list[str]:
    """The assets (site-relative paths) of the components that end with `suffix`."""
    return [f"{ASSETS_DIR}/{n}" for c in found for n in FILES[c] if n.endswith(suffix)]


def is_own(path: str, theme_dirs: Collection[str] = ()) -> bool:
    """A site path of the project's own CSS or JavaScript: docs/assets/*.css|js, and the
    rutin-* files in the theme's folders `theme_dirs` (an adapter's theme overrides, e.g.
    its search worker's scripts); not assets/vendor/ (a third party's file) nor the
    theme's own bundles."""
    folder, name = path.rsplit("/", 1) if "/" in path else ("", path)
    if not name.endswith((".css", ".js")):
        return False
    return folder == ASSETS_DIR or (folder in theme_dirs and name.startswith("rutin-"))


def minify(text: str, path: str) -> str:
    """Our own CSS or JavaScript without comments and indentation (pages load these files,
    so they count towards each page's size). rcssmin and rjsmin only remove what cannot
    change the meaning; the sources stay readable."""
    small: str = rcssmin.cssmin(text) if path.endswith(".css") else rjsmin.jsmin(text)
    return small
