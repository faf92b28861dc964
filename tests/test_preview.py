"""The editor's preview (`make serve`): a saved change shows in the page, and a mistake
shows its Swedish message in the page being previewed – over the last content without
errors – instead of stopping the preview. Fixed, the page is clean again."""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from rutin.check.content import CONTENT_ROOT_ENV, content_root
from support.project import ROOT
from tools.bench.preview import _fetch, _wait_for, start_serve, stop_serve

pytestmark = pytest.mark.slow

CHECKLIST = "platform24/avsluta-arbetspass"


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    content = tmp_path / "checklists"
    shutil.copytree(content_root(ROOT), content)
    server, port = start_serve(content)
    try:
        url = f"http://127.0.0.1:{port}/{CHECKLIST}/"
        _wait_for(url, "rutin-checklist", timeout=120)
        yield url, content / f"{CHECKLIST}.yaml"
    finally:
        stop_serve(server)


def test_a_mistake_shows_in_the_previewed_page(preview: tuple[str, Path]) -> None:
    url, path = preview
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace("Välj logga ut från huvudmenyn.",
                                     "Välj logga ut från huvudmenyn (ny text)."), "utf-8")
    _wait_for(url, "(ny text)")
    path.write_text(original.replace('kind: "do-confirm"',
                                     'kind: "do-confirm"\nkind: "read-do"'), "utf-8")
    _wait_for(url, "rutin-build-error")
    page = _fetch(url)
    assert "Innehållet har fel" in page
    assert "nyckeln &quot;kind&quot; finns redan" in page  # the editor's message, escaped
    assert "yaml-duplicate-key" in page
    assert "(ny text)" in page  # the last content without errors is still shown
    start = url.removesuffix(f"{CHECKLIST}/")
    assert "yaml-duplicate-key" in _fetch(start)  # every page, not only the one saved
    path.write_text(original, encoding="utf-8")
    _wait_for(url, "Välj logga ut från huvudmenyn.</label>")
    assert "rutin-build-error" not in _fetch(url)
    assert "rutin-build-error" not in _fetch(start)
    # The commonest mistake, a YAML syntax error (here a quote left open), shows too: the
    # owner's pages are built from the last content without errors (its proof) meanwhile.
    path.write_text(original.replace('kind: "do-confirm"', 'kind: "do-confirm'), "utf-8")
    _wait_for(url, "rutin-build-error")
    page = _fetch(url)
    assert "YAML-syntaxfel" in page and "yaml-syntax" in page
    assert "yaml-syntax" in _fetch(start + "platform24/sparbarhet/")
    path.write_text(original, encoding="utf-8")
    _wait_until_clean(url)
    assert "rutin-build-error" not in _fetch(start)


def _wait_until_clean(url: str, timeout: float = 30.0) -> None:
    """Until the page shows no content errors (fixed: the banner goes)."""
    deadline = time.monotonic() + timeout
    while "rutin-build-error" in _fetch(url):
        assert time.monotonic() < deadline, f"{url} visar fortfarande felen"
        time.sleep(0.05)


def test_the_preview_starts_on_content_with_a_mistake(tmp_path: Path) -> None:
    """`make serve` on content that has never been without errors: the pages say so and
    list the problems instead of the server stopping; fixed, the content appears."""
    from rutin.pages.macros import NOT_YET

    content = tmp_path / "checklists"
    shutil.copytree(content_root(ROOT), content)
    path = content / f"{CHECKLIST}.yaml"
    original = path.read_text(encoding="utf-8")
    path.write_text(original + "x: [\n", encoding="utf-8")
    server, port = start_serve(content)
    try:
        start = f"http://127.0.0.1:{port}/"
        _wait_for(start, "rutin-build-error", timeout=120)
        page = _fetch(start)
        assert "yaml-syntax" in page
        assert NOT_YET.strip("*()") in page  # the start page's tasks, not there yet
        path.write_text(original, encoding="utf-8")
        _wait_until_clean(start, timeout=60)
        _wait_for(f"{start}{CHECKLIST}/", "rutin-checklist")
    finally:
        stop_serve(server)


def test_the_preview_polls_every_tenth_of_a_second(tmp_path: Path) -> None:
    """MkDocs has no setting for its polling interval; the adapter sets watchdog's
    `_timeout` on the observer and its emitters. An upgrade that renames it fails here
    instead of silently doubling the editor's wait."""
    from mkdocs.livereload import LiveReloadServer

    from rutin.adapters.mkdocs_material.theme import poll_often

    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        server.watch(str(tmp_path))
        pollers = [server.observer, *server.observer.emitters]
        assert len(pollers) == 2 and all(p._timeout == 0.5 for p in pollers)
        assert poll_often(server) is server
        assert [p._timeout for p in pollers] == [0.1, 0.1]
    finally:
        server.server_close()


def _pages(site: Path) -> dict[str, int]:
    return {str(p.relative_to(site)): p.stat().st_mtime_ns for p in site.rglob("index.html")}


def _search_entries(site: Path) -> list[tuple[str, str]]:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return [(doc["location"], doc["title"]) for doc in index["docs"]]


def _search_pages(site: Path) -> set[str]:
    return {location.split("#")[0] for location, _ in _search_entries(site)}


def test_a_save_builds_again_only_the_pages_it_changed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    """`make serve` builds dirty (adapters/mkdocs_material/preview.py): a changed step rebuilds its
    checklist and the pages that show it, not the others; the search index keeps every
    page; a changed title (the navigation on every page) rebuilds every page."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    content = tmp_path / "checklists"
    shutil.copytree(content_root(ROOT), content)
    monkeypatch.setenv(CONTENT_ROOT_ENV, str(content))
    site = tmp_path / "site"

    def preview_build() -> dict[str, int]:
        config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site))
        build(config, serve_url="http://127.0.0.1:8000/", dirty=True)
        return _pages(site)

    plugins = load_config(str(ROOT / "mkdocs.yml")).plugins
    plugins.on_startup(command="serve", dirty=True)
    request.addfinalizer(lambda: plugins.on_startup(command="build", dirty=False))
    first = preview_build()
    searchable, entries = _search_pages(site), _search_entries(site)
    assert "platform24/avsluta-arbetspass/" in searchable and len(searchable) > 20
    path = content / f"{CHECKLIST}.yaml"
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace("Välj logga ut från huvudmenyn.",
                                     "Välj logga ut från huvudmenyn (ny text)."), "utf-8")
    second = preview_build()
    rebuilt = {page for page, when in second.items() if first[page] != when}
    assert {f"{CHECKLIST}/index.html", "platform24/dagens-slut-i-chatten/index.html"} <= rebuilt
    page = (site / CHECKLIST / "index.html").read_text(encoding="utf-8")
    assert "(ny text)" in page
    assert "Boka videobesök i Cosmic" in page  # the next page's title, though not built
    # Untouched: another checklist, and the editor guide (its macros read no content).
    assert not rebuilt & {"platform24/bjuda-in-kollega/index.html",
                          "platform24/boka-videobesok-i-cosmic/index.html", "redigera/index.html"}
    assert len(rebuilt) < len(second) / 3
    assert _search_pages(site) == searchable
    # Several pages were built again: each keeps its entries once, none is left over.
    assert sorted(_search_entries(site)) == sorted(entries)
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "(ny text)" in index and "Bjuda in kollega" in index

    # A new title, and every text that names the page by it (rule text-agrees reads a
    # page's title in a text as a reference to it), as the editor would change them.
    for path in (content / "platform24").rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        if "Boka videobesök i Cosmic" in text:
            path.write_text(text.replace("Boka videobesök i Cosmic",
                                         "Boka videobesök (nytt namn)"), "utf-8")
    third = preview_build()
    assert [page for page in second if third[page] == second[page]] == []
    page = (site / CHECKLIST / "index.html").read_text(encoding="utf-8")
    assert "Boka videobesök (nytt namn)" in page


def test_materials_own_one_page_search_merge_is_off_in_the_preview() -> None:
    """Material merges a dirty build's index with the previous one assuming one page was
    built, which left stale entries when several hand-written pages were; the preview
    merges itself (complete_search) and drops Material's copy before each build."""
    from mkdocs.config import load_config

    from rutin.adapters.mkdocs_material.preview import DirtyPreview

    config = load_config(str(ROOT / "mkdocs.yml"))
    plugin = config.plugins["material/search"]
    plugin.search_index_prev = object()
    preview = DirtyPreview()
    preview.start(serving=True, dirty=False)
    preview.own_the_search_merge(config)
    assert plugin.search_index_prev is not None  # a plain `mkdocs serve` is left alone
    preview.start(serving=True, dirty=True)
    try:
        preview.own_the_search_merge(config)
        assert plugin.search_index_prev is None
    finally:
        preview.start(serving=False, dirty=False)


def test_a_failed_build_makes_the_next_one_build_every_page() -> None:
    from rutin.adapters.mkdocs_material.preview import DirtyPreview

    preview = DirtyPreview(enabled=True, shape=("x",), markdown={"a.md": "# A"})
    preview.forget()
    assert preview.shape is None and preview.markdown == {}


@pytest.mark.parametrize(("markdown", "reads"), [
    ("{{ role_tasks('platform24') }}", True),
    ('{{ "x" ~ routine_meta("platform24", "title") }}', True),
    ("{{ rule_reference() }}\n{{ field_reference() }}", False),
    ("Ingen makro här.", False),
])
def test_which_hand_written_pages_read_content(markdown: str, reads: bool) -> None:
    from rutin.adapters.mkdocs_material.preview import _reads_content

    assert _reads_content(markdown) is reads


def test_a_long_title_folded_by_yaml_is_read_whole() -> None:
    from rutin.adapters.mkdocs_material.preview import _title
    from rutin.pages.page_parts import front_matter, page

    title = "En mycket lång rubrik " * 6
    assert _title(page(front_matter(title.strip(), [], "Beskrivning.", 1)) + "# Annat\n") == \
        title.strip()
    assert _title("# Bara en rubrik\n") == "Bara en rubrik"


@pytest.mark.parametrize(("name", "old", "new"), [
    ("routine.yaml", 'id: "platform24"\n', ""),  # a required field gone
    (f"{CHECKLIST.split('/')[1]}.yaml", 'kind: "do-confirm"', "kind: 5"),  # a wrong type
    ("tasks/genomfora-videobesok.yaml", "stops:", "stops: 3\nx:"),
    (f"{CHECKLIST.split('/')[1]}.yaml", "", "x: [\n"),  # a YAML syntax error
])
def test_the_preview_survives_a_bad_file_and_shows_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest,
        name: str, old: str, new: str) -> None:
    """Every page, the owner's pages included (they read the last good content's proof),
    is built over the last content without errors, with the problem on top."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    content = tmp_path / "checklists"
    shutil.copytree(content_root(ROOT), content)
    monkeypatch.setenv(CONTENT_ROOT_ENV, str(content))
    site = tmp_path / "site"

    def preview_build() -> None:
        config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site))
        build(config, serve_url="http://127.0.0.1:8000/", dirty=True)

    plugins = load_config(str(ROOT / "mkdocs.yml")).plugins
    plugins.on_startup(command="serve", dirty=True)
    request.addfinalizer(lambda: plugins.on_startup(command="build", dirty=False))
    preview_build()
    path = content / "platform24" / name
    original = path.read_text(encoding="utf-8")
    assert not old or old in original
    path.write_text(original.replace(old, new, 1) if old else original + new, "utf-8")
    preview_build()
    for page in (f"{CHECKLIST}/index.html", "platform24/sparbarhet/index.html",
                 "platform24/fragor-till-rutinagaren/index.html", "index.html"):
        shown = (site / page).read_text(encoding="utf-8")
        assert "rutin-build-error" in shown and name.split("/")[-1] in shown, page
