"""The built site (one strict build per session): pages, texts, links, privacy, export."""

from __future__ import annotations

import html
import json
import posixpath
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jsonschema
import pytest

from rutin.adapters.mkdocs_material import search_index as search_shards
from rutin.check import content
from rutin.model import decide
from rutin.pages import staff_pages
from rutin.site import site_paths
from support.pages import URL, html_pages, normal, page_file, parse
from support.project import ROOT, library

pytestmark = pytest.mark.slow

# Namespace identifiers in inline SVG/MathML: names, never fetched.
NAMESPACES = ("http://www.w3.org/",)


@cache
def content_urls() -> frozenset[str]:
    """Every URL editors wrote in the content (reference urls, links in texts)."""
    root = content.content_root(ROOT)
    found: set[str] = set()
    for path in root.rglob("*.yaml"):
        found.update(u.rstrip(".,;:") for u in URL.findall(path.read_text(encoding="utf-8")))
    return frozenset(found)


# --------------------------------------------------------------------------- pages


def test_every_item_has_a_page(built_site: Path) -> None:
    for routine in library().routines:
        expected = [site_paths.routine_page(routine.id)]
        expected += [site_paths.checklist_page(routine.id, c.id) for c in routine.checklists]
        expected += [site_paths.decision_page(routine.id, d.id) for d in routine.decisions]
        if routine.phrases is not None:
            expected.append(site_paths.phrases_page(routine.id))
        missing = [u for u in expected if not page_file(built_site, u).is_file()]
        assert not missing, f"no page for {missing}"


def test_every_step_text_appears_on_its_page(built_site: Path) -> None:
    for routine in library().routines:
        for checklist in routine.checklists:
            page = parse(page_file(built_site, site_paths.checklist_page(routine.id, checklist.id)))
            text = page.plain_text
            for step in checklist.steps:
                assert normal(staff_pages.plain(step.text)) in text, (checklist.id, step.id)
                assert f"tick-{step.id}" in page.ids and f"steg-{step.id}" in page.ids
            for warning in checklist.warnings:
                assert normal(staff_pages.plain(warning.text)) in text, (checklist.id, warning.text)


def test_every_rule_appears_on_its_decision_page(built_site: Path) -> None:
    for routine in library().routines:
        for table in routine.decisions:
            path = page_file(built_site, site_paths.decision_page(routine.id, table.id))
            source = path.read_text(encoding="utf-8")
            page = parse(path)
            for rule in table.rules:
                assert f"regel-{rule.id}" in page.ids
                assert normal(staff_pages.plain(rule.then.outcome)) in page.plain_text
            # The wizard's JSON rides in an attribute (instant navigation re-runs inline
            # scripts as JavaScript, see MARKUP.md); escaped, it cannot open a tag.
            data = re.search(r"data-table='([^']*)'", source)
            assert data, table.id
            assert "<" not in data.group(1)
            raw = html.unescape(data.group(1))
            assert json.loads(raw) == decide.table_json(table)


def test_checkboxes_are_labelled(built_site: Path) -> None:
    for path in html_pages(built_site):
        source = path.read_text(encoding="utf-8")
        for tick in re.findall(r'<input type="checkbox" class="rutin-tick" id="([^"]+)"', source):
            assert f'<label for="{tick}"' in source, (path, tick)


def test_no_template_leftovers(built_site: Path) -> None:
    for path in html_pages(built_site):
        text = path.read_text(encoding="utf-8")
        for marker in ("{{", "{%", "{#", "%}"):
            assert marker not in text, f"{path.relative_to(built_site)}: {marker!r}"


class _LooseMarkdown(HTMLParser):
    """A Markdown list item that came out as text: "- …" right after a block (a list
    item after a fenced code block without a blank line ran on as "- **…**" text)."""

    BLOCKS = frozenset({"blockquote", "details", "div", "ol", "pre", "table", "ul"})
    MARKER = re.compile(r"\s*([-*+]|\d+\.)\s")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.after_block = False
        self.loose: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.after_block = False

    def handle_endtag(self, tag: str) -> None:
        self.after_block = tag in self.BLOCKS

    def handle_data(self, data: str) -> None:
        if self.after_block and self.MARKER.match(data):
            self.loose.append(" ".join(data.split())[:80])
        if data.strip():
            self.after_block = False


def test_no_markdown_runs_on_as_text(built_site: Path) -> None:
    loose = {}
    for path in html_pages(built_site):
        parser = _LooseMarkdown()
        parser.feed(path.read_text(encoding="utf-8"))
        if parser.loose:
            loose[str(path.relative_to(built_site))] = parser.loose
    assert not loose, loose


def test_markdown_run_on_as_text_is_found() -> None:
    parser = _LooseMarkdown()
    parser.feed("<li><p>Så här:</p><div><pre>kod</pre></div>\n- <strong>Nästa</strong> punkt"
                "<ul><li>- inte efter ett block</li></ul><p>1. Rubrik</p></li>")
    assert parser.loose == ["-"]


def test_no_mermaid_diagram(built_site: Path) -> None:
    # mkdocs.yml excludes Material's Mermaid (unpkg) from the privacy guard because no
    # page has a diagram; a diagram would make the browser fetch it.
    for path in html_pages(built_site):
        assert 'class="mermaid"' not in path.read_text(encoding="utf-8"), path


# --------------------------------------------------------------------------- links


def _target(site: Path, page: Path, url: str) -> tuple[Path, str] | None:
    parts = urlsplit(url)
    if parts.scheme or url.startswith("//"):
        return None
    if not parts.path:
        return page, parts.fragment
    base = posixpath.dirname(page.relative_to(site).as_posix())
    if parts.path.startswith("/"):  # 404.html links from the site root (site_url's path)
        base, path = "", parts.path.lstrip("/") or "."
    else:
        path = parts.path
    rel = posixpath.normpath(posixpath.join(base, unquote(path)))
    target = site / rel
    if parts.path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, parts.fragment


def test_internal_links_and_anchors_resolve(built_site: Path) -> None:
    ids: dict[Path, set[str]] = {}
    broken = []
    for path in html_pages(built_site):
        page = parse(path)
        ids[path] = page.ids
        for tag, url, attrs in page.links:
            if tag == "a" and attrs.get("data-pdf"):
                continue  # PDFs are written afterwards by `rutin pdf` (tested there)
            found = _target(built_site, path, url)
            if found is None:
                continue
            target, fragment = found
            if not target.exists():
                broken.append(f"{path.relative_to(built_site)}: {url}")
                continue
            if fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = parse(target).ids
                if fragment not in ids[target]:
                    broken.append(f"{path.relative_to(built_site)}: {url} (anchor)")
    assert not broken, "\n".join(broken)


# --------------------------------------------------------------------------- privacy


def _allowed(url: str, site_url: str) -> bool:
    return (
        url.startswith(NAMESPACES)
        or url.rstrip(".,;:") in content_urls()
        or url.startswith(site_url.rstrip("/"))
    )


def test_no_outside_urls_in_html(built_site: Path) -> None:
    site_url = _site_url(built_site)
    bad = []
    for path in html_pages(built_site):
        page = parse(path)
        urls = [u for _t, u, _a in page.links if URL.match(u)] + page.prose_urls
        bad += [f"{path.relative_to(built_site)}: {u}" for u in urls if not _allowed(u, site_url)]
        source = path.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", source):
            for u in URL.findall(tag):
                if not u.startswith(site_url.rstrip("/")) and not u.startswith(NAMESPACES):
                    bad.append(f"{path.relative_to(built_site)}: asset {u}")
    assert not bad, "\n".join(sorted(set(bad)))


# Third-party files keep URLs in licence headers and docstrings (never fetched: the
# browser test records every request). Any other host there fails the test, so a
# newly introduced CDN, font or analytics address is caught.
VENDOR_HOSTS = {
    "www.w3.org", "github.com", "api.github.com", "fontawesome.com", "clipboardjs.com",
    "bit.ly", "developer.mozilla.org", "www.mozilla.org", "people.mozilla.org",
    "snowball.tartarus.org", "tartarus.org", "code.google.com", "en.wikipedia.org",
    "wiki.ecmascript.org", "wiki.commonjs.org", "underscorejs.org", "narwhaljs.org",
    "msdn.microsoft.com", "lunrjs.com", "docs.python.org", "chasen.org",
}
# Material's bundle names two scripts on unpkg that it loads only when needed: Mermaid
# for a page with a diagram (see test_no_mermaid_diagram) and a ResizeObserver polyfill
# for browsers without ResizeObserver (every supported browser has it). The browser
# test records every request, so either one being fetched fails there.
VENDOR_URLS = {
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js",
    "https://unpkg.com/resize-observer-polyfill",
}


def test_no_outside_urls_in_css_and_js(built_site: Path) -> None:
    ours = {p.name for p in (ROOT / "docs" / "assets").glob("*.*")}
    bad = []
    for path in sorted([*built_site.rglob("*.css"), *built_site.rglob("*.js")]):
        if path.name == "search_index.js" or path.parent.parent.name == "search":
            continue  # the search index and its pieces: content text (checked as HTML)
        text = path.read_text(encoding="utf-8", errors="replace")
        own = path.parent == built_site / "assets" and path.name in ours
        for url in URL.findall(text):
            host = urlsplit(url).hostname or ""
            if url.startswith(NAMESPACES):
                continue
            if own or (host not in VENDOR_HOSTS and url not in VENDOR_URLS):
                if "${" in url:  # a template literal in minified code, not an address
                    continue
                bad.append(f"{path.relative_to(built_site)}: {url}")
    assert not bad, "\n".join(sorted(set(bad)))


def _site_url(site: Path) -> str:
    canonical = re.search(
        r'<link rel="canonical" href="([^"]+)"', (site / "index.html").read_text("utf-8")
    )
    assert canonical
    return canonical.group(1)


# --------------------------------------------------------------------------- search, export


def test_tags_are_in_the_search_index(built_site: Path) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    assert index["config"]["lang"] == ["sv"]
    assert index["config"]["fields"]["tags"]["boost"] >= 1000
    # The documents are in the pieces a query loads (adapters/mkdocs_material/search_index.py).
    by_location = {d["location"]: d for d in search_shards.documents(built_site)}
    for routine in library().routines:
        for item in (*routine.checklists, *routine.decisions):
            if not item.keywords:
                continue
            src = (
                site_paths.checklist_page(routine.id, item.id)
                if item in routine.checklists
                else site_paths.decision_page(routine.id, item.id)
            )
            doc = by_location[site_paths.page_url(src)]
            # The keywords, then any title the site's own pages give it (a start page
            # card's text, search_help.other_names).
            assert doc.get("tags", [])[:len(item.keywords)] == list(item.keywords), item.id


def test_api_export_validates_against_its_schema(built_site: Path) -> None:
    schema = json.loads((ROOT / "schemas" / "export.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    for routine in library().routines:
        data = json.loads((built_site / site_paths.export_path(routine.id)).read_text("utf-8"))
        jsonschema.Draft202012Validator(schema).validate(data)
        exported = data["routine"]
        assert [c["id"] for c in exported["checklists"]] == [c.id for c in routine.checklists]
        assert [d["id"] for d in exported["decisions"]] == [d.id for d in routine.decisions]
        steps = {s["id"] for c in exported["checklists"] for s in c["steps"]}
        assert steps == {s.id for c in routine.checklists for s in c.steps}
        assert "file:" not in json.dumps(data)


def test_api_export_lists_every_task_and_its_stops_resolve(built_site: Path) -> None:
    """Each task with its address and version, each stop's items found among the
    exported steps and decision tables, and the addresses are pages of the site."""
    for routine in library().routines:
        data = json.loads((built_site / site_paths.export_path(routine.id)).read_text("utf-8"))
        exported = data["routine"]
        assert [t["id"] for t in exported["tasks"]] == [t.id for t in routine.tasks]
        steps = {s["id"] for c in exported["checklists"] for s in c["steps"]}
        decisions = {d["id"] for d in exported["decisions"]}
        site_url = exported["url"].removesuffix(site_paths.page_url(
            site_paths.routine_page(routine.id)))
        problems = []
        for task, model in zip(exported["tasks"], routine.tasks, strict=True):
            assert (task["title"], task["summary"], task["kind"], task["version"]) == (
                model.title, model.summary, model.kind, model.version)
            assert task["roles"] == list(model.roles)
            page = site_paths.page_url(site_paths.task_page(routine.id, model.id))
            assert task["url"] == site_url + page
            html_text = (built_site / page / "index.html").read_text("utf-8")
            assert [p["id"] for p in task["stops"]] == [p.id for p in model.stops]
            for stop, point in zip(task["stops"], model.stops, strict=True):
                assert (stop["title"], stop["items"]) == (point.title, list(point.items))
                assert stop["when"] == {q: list(v) for q, v in point.when.items()}
                assert stop["url"] == f"{task['url']}#{stop['id']}"
                assert f'id="{stop["id"]}"' in html_text, f"{task['id']}: no #{stop['id']}"
                problems += [f"{task['id']}/{stop['id']}: {i} is no exported step or decision"
                             for i in stop["items"] if i not in steps | decisions]
        assert not problems, "\n".join(problems)
