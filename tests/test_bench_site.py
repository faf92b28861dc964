"""The site benchmark runs end to end at a tiny scale (the targets need the full region:
`make bench ARGS=site`; no timing is asserted here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rutin.check.validate import check
from tools.bench import benchmarks, site
from tools.bench._generate import generate_region


def test_generated_region_is_valid(tmp_path: Path) -> None:
    assert generate_region(tmp_path, 2, 3) == 6
    report = check(tmp_path)
    assert [p.format_text() for p in report.problems] == []
    assert report.library is not None
    assert [len(r.checklists) for r in report.library.routines] == [3, 3]
    assert all(len(r.decisions) == 2 for r in report.library.routines)
    # Every step is in a task (no task-coverage warning above), one decision aid inside.
    assert all(len(r.tasks) == 1 for r in report.library.routines)
    steps = [len(c.steps) for r in report.library.routines for c in r.checklists]
    assert min(steps) >= 8 and max(steps) <= 12


def test_site_benchmark_is_registered() -> None:
    assert "site" in benchmarks()


@pytest.fixture(scope="module")
def figures(tmp_path_factory: pytest.TempPathFactory, built_site: Path) -> site.Figures:
    """Four small sites built here; the real routine's figures read the run's shared
    build (conftest.built_site: the same `rutin build`), not a build of their own."""
    return site.measure(tmp_path_factory.mktemp("bench-site"), ((1, 2), (2, 2)), repeat=1,
                        real_site=built_site)


@pytest.mark.slow  # the module fixture builds four small sites
def test_measuring_returns_every_figure(figures: site.Figures) -> None:
    small, large = figures.scales
    assert set(large.builds) == {"ours", "plain", "plain-nav"}
    for build in (*large.builds["ours"], *large.builds["plain"], *small.builds["ours"]):
        assert build.seconds > 0 and build.cpu_seconds > 0 and build.peak_rss > 10 * 2**20
    labels = " | ".join(r.label for r in figures.rows)
    for words in ("ren MkDocs (tid)", "sidomeny (processortid)", "Tillväxt",
                  "HTML för en checklista", "Samma sida", "Egen JS + CSS", "Sökindex per sida",
                  "minnestopp"):
        assert words in labels
    assert all(r.measured for r in figures.rows)
    assert len([r for r in figures.rows if r.held is not None]) == 8
    assert "tyngsta sidan i den riktiga rutinen (platform24/" in labels


@pytest.mark.slow  # the module fixture builds four small sites
def test_both_builds_have_the_same_pages(figures: site.Figures) -> None:
    _small, large = figures.scales
    ours = sorted(p.relative_to(large.site("ours")) for p in large.site("ours").rglob("*.html"))
    plain = sorted(p.relative_to(large.site("plain")) for p in large.site("plain").rglob("*.html"))
    assert ours == plain
    assert len(ours) == large.pages + 1  # and 404.html


@pytest.mark.slow  # the module fixture builds four small sites
def test_own_assets_are_found_and_minified(figures: site.Figures) -> None:
    _small, large = figures.scales
    ours = large.site("ours")
    checklist = {a.path for a in site.own_assets(ours, site.sample_page(large, "ours"))}
    base = {"assets/site.css", "assets/site.js", "assets/stylesheets/rutin-theme.css",
            "assets/javascripts/rutin-md-scope.js", "assets/javascripts/rutin-theme.js"}
    assert base | {"assets/checklist.css", "assets/checklist.js"} <= checklist
    assert not {"assets/decision.js", "assets/filter.js"} & checklist  # not on this page
    page, heaviest = site.heaviest_page(ours)
    assert {"assets/decision.js", "assets/decision.css"} <= {a.path for a in heaviest}, page
    assert sum(a.size for a in heaviest) >= sum(
        a.size for a in site.own_assets(ours, site.sample_page(large, "ours")))
    sources = {a.path: a.size for a in site.source_assets()}
    assert base <= set(sources)
    assert all(a.size < sources[a.path] for a in heaviest)  # minified as built


@pytest.mark.slow  # the module fixture builds four small sites
def test_result_page(figures: site.Figures) -> None:
    page = site.result_page(figures, site.source_assets())
    assert page.startswith("---\ntitle: Prestanda\n")
    assert "search:\n  exclude: true\n---\n" in page  # out of the staff search
    assert "| Mått | Uppmätt | Mål | Status |" in page
    assert "Processor" in page and "{{" not in page
