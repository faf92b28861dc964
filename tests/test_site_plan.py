"""The core owns the site's shape (rutin.site_plan); MkDocs is an adapter.

The plan lists every generated page with its components, the navigation puts the owner's
and the IT pages in corners of their own, links can be written for either kind of
generator, and only the adapter folder imports MkDocs.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rutin.check import content
from rutin.check.validate import check
from rutin.model.records import Library
from rutin.site import page_assets, site_paths
from rutin.site.site_plan import IT_SECTION, OWNER_SECTION, Settings, navigation, site_plan

ROOT = Path(__file__).resolve().parents[1]
HANDWRITTEN = ["index.md", "drift.md", "prestanda.md", "redigera/index.md",
               "tillganglighet.md"]


@pytest.fixture(scope="module")
def library() -> Library:
    report = check(content.content_root(ROOT))
    assert report.library is not None
    return report.library


def test_plan_has_every_page_with_its_components(library: Library) -> None:
    plan = site_plan(library, Settings("https://rutiner.example.se/"))
    routine = library.routines[0]
    expected = {site_paths.routine_page(routine.id), site_paths.review_page(),
                site_paths.trace_page(routine.id), site_paths.questions_page(routine.id),
                site_paths.changes_page(routine.id), site_paths.phrases_page(routine.id)}
    expected |= {site_paths.checklist_page(routine.id, c.id) for c in routine.checklists}
    expected |= {site_paths.decision_page(routine.id, t.id) for t in routine.decisions}
    expected |= {site_paths.task_page(routine.id, t.id) for t in routine.tasks}
    expected |= {site_paths.scenarios_page(routine.id)} if routine.scenarios else set()
    assert routine.tasks, "the routine has task checklists"
    assert {p.src for p in plan.pages} == expected
    for page in plan.pages:
        assert tuple(page_assets.components(page.markdown)) == page.components
    checklist = plan.page(site_paths.checklist_page(routine.id, routine.checklists[0].id))
    assert checklist is not None and "checklist" in checklist.components
    assert "assets/checklist.js" in checklist.scripts
    assert plan.exports[site_paths.export_path(routine.id)].startswith("{")
    assert any("Spårbarhet" in line for line in plan.reports)


def test_navigation_keeps_owner_and_it_pages_out_of_the_staff_path(library: Library) -> None:
    nav = navigation(library, HANDWRITTEN)
    assert nav[0] == "index.md"
    assert nav[-1] == "tillganglighet.md"  # the accessibility statement stays easy to find
    sections = {next(iter(item)): item[next(iter(item))] for item in nav
                if isinstance(item, dict)}
    routine = library.routines[0]
    assert sections[OWNER_SECTION] == [site_paths.review_page(),
                                       site_paths.trace_page(routine.id),
                                       site_paths.questions_page(routine.id),
                                       site_paths.changes_page(routine.id),
                                       *([site_paths.scenarios_page(routine.id)]
                                         if routine.scenarios else [])]
    assert sections[IT_SECTION] == ["drift.md", "prestanda.md"]
    assert "drift.md" not in nav and "prestanda.md" not in nav  # not among staff pages
    assert routine.title in sections


def test_links_for_generators_that_rewrite_them(library: Library) -> None:
    """MkDocs leaves raw HTML alone (links as the browser resolves them); Zensical rewrites
    relative links in raw HTML as relative to the .md file (links to .md sources)."""
    routine = library.routines[0]
    checklist = next(c for c in routine.checklists if c.related)
    src = site_paths.checklist_page(routine.id, checklist.id)
    built = site_plan(library, Settings("https://x.se/")).page(src)
    source = site_plan(library, Settings("https://x.se/", link_style="source")).page(src)
    assert built is not None and source is not None
    related = routine.item(checklist.related[0])
    assert related is not None
    target = (site_paths.decision_page if related.__class__.__name__ == "DecisionTable"
              else site_paths.checklist_page)(routine.id, related.id)
    assert f'href="{site_paths.built_link(src, target, True)}"' in built.markdown
    assert f'href="{site_paths.relative_link(src, target)}"' in source.markdown
    assert ".md" not in " ".join(re.findall(r'href="([^"]+)"', built.markdown))


CORE = ROOT / "scripts" / "rutin"
ADAPTERS = CORE / "adapters"
# What only an adapter may know of MkDocs and Material: their imports, Material's
# template names, its search attribute, its CSS classes, its front-matter keys.
GENERATOR_KNOWLEDGE = {
    "import": re.compile(r"^\s*(?:import|from)\s+(?:mkdocs|material|jinja2)\b", re.M),
    "template": re.compile(r"\bmain\.html\b|\bpartials/|\bbase\.html\b"),
    "search attribute": re.compile(r"data-search-exclude"),
    "md- class": re.compile(r"(?<![\w-])md-[a-z]"),
    "front matter": re.compile(r"[\"'](?:tags|boost|search)[\"']\s*:|render_macros|search:\\n"),
}
# What the project's own stylesheets, scripts and hand-written pages may not know of
# Material either: they say rutin-typeset, rutin-button, rutin-cards, --rutin-theme-*
# (dialect.THEME_NAMES), and the adapter's stylesheet holds what needs Material's frame.
THEME_KNOWLEDGE = {
    "search attribute": GENERATOR_KNOWLEDGE["search attribute"],
    "md- class": GENERATOR_KNOWLEDGE["md- class"],
    "Material colour": re.compile(r"--md-[a-z]"),
    "Material grid": re.compile(r"\bgrid[ .]cards\b"),
    "Material script": re.compile(r"\b(?:document|location|target|viewport|component)\$"
                                  r"|__md_[a-z]"),
}
DOCS = ROOT / "docs"


def _core_files() -> list[Path]:
    return sorted(p for p in CORE.rglob("*") if p.is_file() and p.suffix == ".py"
                  and not p.is_relative_to(ADAPTERS) and "__pycache__" not in p.parts)


def _own_theme_files() -> list[Path]:
    """docs/assets' CSS and JavaScript (not a third party's in vendor/) and docs' pages."""
    return sorted([*(DOCS / "assets").glob("*.css"), *(DOCS / "assets").glob("*.js"),
                   *DOCS.rglob("*.md")])


def test_only_the_adapters_name_mkdocs_or_material() -> None:
    """The core (scripts/rutin outside adapters/) neither imports MkDocs, Material or
    their template engine, nor names Material's templates, its search attribute, its
    `md-` classes or its front-matter keys: it says `searchable=False`, `boost`,
    NOT_SEARCHED and BUTTON_CLASS, which the adapter translates."""
    found = [f"{p.relative_to(ROOT)}: {what} {m.group(0)!r}" for p in _core_files()
             for what, pattern in GENERATOR_KNOWLEDGE.items()
             for m in [pattern.search(p.read_text(encoding="utf-8"))] if m]
    assert not found, "\n".join(found)
    imports = GENERATOR_KNOWLEDGE["import"]
    adapters = [p for p in ADAPTERS.rglob("*.py") if imports.search(p.read_text("utf-8"))]
    assert adapters, "the search found no adapter either: the pattern is wrong"
    for what in ("md- class", "Material grid"):
        pattern = {**GENERATOR_KNOWLEDGE, **THEME_KNOWLEDGE}[what]
        assert not [p for p in _core_files() if pattern.search(p.read_text("utf-8"))], what


def test_the_own_assets_and_pages_name_no_material_part() -> None:
    """docs/assets/ and docs/*.md name the theme's parts in neutral words, which the
    adapter translates (dialect.assets, dialect.markup); what needs Material's page frame
    or its scripts is in the adapter's folder."""
    files = _own_theme_files()
    assert any(p.suffix == ".css" for p in files) and any(p.suffix == ".js" for p in files)
    found = [f"{p.relative_to(ROOT)}:{p.read_text('utf-8')[:m.start()].count(chr(10)) + 1}: "
             f"{what} {m.group(0)!r}"
             for p in files for what, pattern in THEME_KNOWLEDGE.items()
             for m in pattern.finditer(p.read_text(encoding="utf-8"))]
    assert not found, "\n".join(found)
    # The adapter does name them: the patterns find what they are meant to find.
    theme = ADAPTERS / "mkdocs_material" / "overrides" / "assets"
    text = "\n".join(p.read_text("utf-8") for p in theme.rglob("rutin-*"))
    assert all(THEME_KNOWLEDGE[w].search(text) for w in ("md- class", "Material colour"))


def test_the_adapter_translates_every_neutral_theme_name() -> None:
    from rutin.adapters.mkdocs_material import dialect

    css = (".rutin-typeset .rutin-table-scroll, .rutin-typeset-x { color: "
           "var(--rutin-theme-fg-light); border-color: var(--rutin-theme-fg-lighter); }")
    assert dialect.assets(css) == (".md-typeset .md-typeset__scrollwrap, .rutin-typeset-x "
                                   "{ color: var(--md-default-fg-color--light); border-color: "
                                   "var(--md-default-fg-color--lighter); }")
    assert dialect.assets('{ class: "rutin-reset rutin-button" }') == (
        '{ class: "rutin-reset md-button" }')
    used = "\n".join(p.read_text("utf-8") for p in _own_theme_files() if p.suffix != ".md")
    for neutral, theirs in dialect.THEME_NAMES.items():
        assert re.search(rf"(?<![\w-]){re.escape(neutral)}(?![\w-])", used), neutral
        assert not THEME_KNOWLEDGE["md- class"].search(neutral), neutral
        assert THEME_KNOWLEDGE["md- class"].search(theirs) or "--md-" in theirs


def test_the_plugin_is_thin() -> None:
    """The plugin maps the plan onto MkDocs' events and keeps the preview going (MkDocs'
    own business – offline variant, minifying, sidebar, speed – is in theme.py). Neither
    decides a page, a link or an asset; no module holds the build's state."""
    plugin = ADAPTERS / "mkdocs_material" / "plugin.py"
    text = plugin.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 225  # one line per event duty it hands on
    text += (plugin.parent / "theme.py").read_text(encoding="utf-8")
    for decision in ("render.", "site_paths.", "owner_pages", "page_assets.components("):
        assert decision not in text.replace("page_assets.components(html)", ""), decision
    state = re.compile(r"^_?[a-z_]+\s*(?::[^=\n]+)?=\s*(?:\[\]|\{\}|set\(\)|dict\(|Preview\(|"
                       r"DirtyPreview\()", re.M)
    for module in sorted((ADAPTERS / "mkdocs_material").glob("*.py")):
        assert not state.search(module.read_text(encoding="utf-8")), module.name


def test_the_plugin_is_registered_and_used() -> None:
    from importlib.metadata import entry_points

    from rutin.adapters.mkdocs_material.plugin import RutinPlugin

    found = [e for e in entry_points(group="mkdocs.plugins") if e.name == "rutin"]
    assert found and found[0].load() is RutinPlugin
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\n  - rutin\n" in config and "\nhooks:" not in config


def test_pages_carry_typed_metadata(library: Library) -> None:
    """What the search does with a page is typed metadata on the planned page: the
    owner's pages are out of the staff search, a checklist is found by its keywords."""
    plan = site_plan(library, Settings("https://rutiner.example.se/"))
    routine = library.routines[0]
    trace = plan.page(site_paths.trace_page(routine.id))
    assert trace is not None and trace.meta.searchable is False
    checklist = routine.checklists[0]
    page = plan.page(site_paths.checklist_page(routine.id, checklist.id))
    assert page is not None and page.meta.searchable and page.meta.boost > 1
    assert page.meta.keywords == tuple(checklist.keywords)
    assert page.meta.title == checklist.title


def test_material_dialect_translates_the_metadata_and_markup() -> None:
    from rutin.adapters.mkdocs_material import dialect
    from rutin.pages.page_parts import BUTTON_CLASS, CARDS_CLASS, NOT_SEARCHED, PageMeta

    assert dialect.meta(PageMeta("T", "D", ("a",), 2)) == {"tags": ["a"],
                                                          "search": {"boost": 2}}
    assert dialect.meta(PageMeta("T", "D", searchable=False))["search"] == {"exclude": True}
    html = (f'<div class="x" {NOT_SEARCHED}><button class="a {BUTTON_CLASS}">'
            f"{NOT_SEARCHED} {BUTTON_CLASS}</button></div>")
    assert dialect.markup(html) == ('<div class="x" data-search-exclude><button class="a '
                                    f'md-button">{NOT_SEARCHED} {BUTTON_CLASS}</button></div>')
    cards = f'<div class="{CARDS_CLASS} rutin-tasks" markdown>{CARDS_CLASS}</div>'
    assert dialect.markup(cards) == (f'<div class="{CARDS_CLASS} grid cards rutin-tasks" '
                                     f"markdown>{CARDS_CLASS}</div>")


def test_the_plan_carries_the_print_manifest(library: Library) -> None:
    """Which pages print, their kinds, titles and order: each routine's tasks first, then
    its checklists and decision tables in the overview's order – every one once."""
    from rutin.printing import print_parts

    plan = site_plan(library, Settings("https://rutiner.example.se/"))
    for routine in library.routines:
        items = [i for i in plan.prints if i.routine == routine.id]
        kinds = [i.kind for i in items]
        assert kinds == sorted(kinds, key=lambda k: k != "task")
        assert [i.id for i in items if i.kind == "task"] == [t.id for t in routine.tasks]
        assert sorted(i.id for i in items if i.kind != "task") == sorted(
            [*(c.id for c in routine.checklists), *(t.id for t in routine.decisions)])
        grouped = [i for g in routine.groups for i in g.items if routine.item(i) is not None]
        listed = [i.id for i in items if i.kind != "task"]
        assert listed[:len(dict.fromkeys(grouped))] == list(dict.fromkeys(grouped))
        for item in items:
            assert plan.page(_src(item)) is not None
    assert print_parts.read_manifest_text(plan.print_manifest()) == list(plan.prints)


def _src(item: object) -> str:
    routine, item_id, kind = (getattr(item, n) for n in ("routine", "id", "kind"))
    return {"task": site_paths.task_page, "checklist": site_paths.checklist_page,
            "decision": site_paths.decision_page}[kind](routine, item_id)
