"""The same content builds on Zensical, Material for MkDocs' successor (Material reaches
end of life 2027-05-05): `rutin render` writes the site plan as a plain docs tree, the
pinned `zensical` builds it, and in Chromium every page exists, checklists tick and the
decision wizard gives its outcome. What does not carry over yet: docs/drift.md.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from rutin.check import content
from rutin.check.validate import check
from rutin.model import decide
from rutin.model.records import Routine
from rutin.printing.pdf import serve
from rutin.site import site_paths

pytestmark = pytest.mark.slow
SHARED_CONTEXT = True  # conftest: the tests take turns in one tab (support/tabs.py)

ROOT = Path(__file__).resolve().parents[1]
ZENSICAL = Path(sys.executable).with_name("zensical")


def _pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")
            if not p.relative_to(site).as_posix().startswith(("assets/", "search/"))}


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not ZENSICAL.exists():
        message = f"zensical saknas ({ZENSICAL}); make test installerar den"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(reason=message)
    tree = tmp_path_factory.mktemp("zensical") / "tree"
    env = {**os.environ, "RUTIN_SITE_URL": "https://rutiner.example.se/"}
    done = subprocess.run([sys.executable, "-m", "rutin.cli", "render", "--out", str(tree)],
                          cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    built = subprocess.run([str(ZENSICAL), "build", "--clean", "-f",
                            str(tree / "mkdocs.yml")], cwd=tree, capture_output=True,
                           text=True, check=False, timeout=300)
    assert built.returncode == 0, built.stdout + built.stderr
    return tree / "site"


@pytest.fixture(scope="module")
def zensical_server(zensical_site: Path) -> Iterator[str]:
    with serve(zensical_site, {}) as base:
        yield base


def _routine() -> Routine:
    report = check(content.content_root(ROOT))
    assert report.library is not None
    return report.library.routines[0]


def test_every_page_exists_in_both_builds(zensical_site: Path, built_site: Path) -> None:
    ours, theirs = _pages(built_site), _pages(zensical_site)
    assert ours == theirs, (sorted(ours - theirs), sorted(theirs - ours))


def test_links_between_generated_pages_resolve(zensical_site: Path) -> None:
    """Zensical rewrites relative links in raw HTML; the plan's source links survive it."""
    for page in sorted(zensical_site.rglob("*.html")):
        rel = page.relative_to(zensical_site)
        if rel.parts[0] in ("assets", "search"):
            continue
        for href in re.findall(r'href="(\.\.?/[^"#?]*)', page.read_text(encoding="utf-8")):
            target = (page.parent / href).resolve()
            if href.endswith(".pdf"):
                continue  # written by `rutin pdf` after the build
            assert (target / "index.html").exists() or target.exists(), (str(rel), href)


@pytest.mark.browser
def test_checklist_ticks_on_zensical(page: Page, zensical_server: str) -> None:
    routine = _routine()
    checklist = routine.checklists[0]
    page.goto(zensical_server + site_paths.page_url(
        site_paths.checklist_page(routine.id, checklist.id)))
    expect(page.locator(".rutin-checklist[data-rutin-ready]")).to_have_count(1)
    page.locator(".rutin-step-text").first.click()
    expect(page.locator(".rutin-progress")).to_have_text(
        f"1 av {len(checklist.steps)} klara")


@pytest.mark.browser
def test_decision_wizard_gives_its_outcome_on_zensical(page: Page,
                                                       zensical_server: str) -> None:
    routine = _routine()
    table = max(routine.decisions, key=lambda t: len(t.inputs))
    page.goto(zensical_server + site_paths.page_url(
        site_paths.decision_page(routine.id, table.id)))
    answers = next(iter(decide.combinations(table)))
    rule = decide.evaluate(table, answers)
    assert rule is not None
    while (question := decide.next_question(table, {
            q: answers[q] for q in answers if page.locator(
                f"fieldset[data-input='{q}'] input:checked").count()})) is not None:
        label = next(q for q in table.inputs if q.id == question).label_of(answers[question])
        exact = re.compile(rf"^\s*{re.escape(label)}\s*$")
        page.locator(f"form.rutin-wizard fieldset[data-input='{question}'] label").filter(
            has_text=exact).click()
    outcome = page.locator(".rutin-decision .rutin-outcome")
    expect(outcome).to_contain_text(" ".join(rule.then.outcome.split())[:60])


def test_the_tree_needs_no_mkdocs_hook(zensical_site: Path) -> None:
    config = (zensical_site.parent / "mkdocs.yml").read_text(encoding="utf-8")
    assert "hooks:" not in config and "macros" not in config and "- rutin" not in config
    assert "{{" not in (zensical_site.parent / "docs" / "index.md").read_text("utf-8")
    assert shutil.which("zensical") or ZENSICAL.exists()
