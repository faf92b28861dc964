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


def test_only_the_adapters_import_mkdocs() -> None:
    pattern = re.compile(r"^\s*(import mkdocs|from mkdocs)\b", re.M)
    found = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "scripts").rglob("*.py")
                   if pattern.search(p.read_text(encoding="utf-8")))
    assert found and all(p.startswith("scripts/rutin/adapters/") for p in found), found


def test_the_mkdocs_hook_is_thin() -> None:
    """About a hundred lines: it maps the plan onto MkDocs' events and keeps the preview
    going (MkDocs' own business – offline variant, minifying, sidebar, speed – is in
    mkdocs_site.py). Neither decides a page, a link or an asset."""
    hook = ROOT / "scripts" / "rutin" / "adapters" / "mkdocs_hook.py"
    text = hook.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 100
    text += (hook.parent / "mkdocs_site.py").read_text(encoding="utf-8")
    for decision in ("render.", "site_paths.", "owner_pages", "page_assets.components("):
        assert decision not in text.replace("page_assets.components(html)", ""), decision
