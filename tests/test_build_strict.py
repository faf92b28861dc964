"""`rutin build`: strict, and atomic (a broken content file never replaces site/)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rutin.site import output_dir
from support.project import run_build

pytestmark = pytest.mark.slow

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "site"


def test_strict_build_passes(built_site: Path) -> None:
    # built_site is `rutin build` = MkDocs with strict=True and link/anchor validation
    # set to warn (mkdocs.yml): any warning would have failed the fixture.
    assert (built_site / "index.html").is_file()
    assert (built_site / "search" / "search_index.json").is_file()
    assert not list(built_site.parent.glob(".site-*")), "temporary build folders left behind"


def test_broken_content_fails_and_leaves_site_untouched(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    broken = content / "platform24" / "bjuda-in-tolk.yaml"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("kind: read-do", "kind: las-och-gor"),
        encoding="utf-8",
    )
    site = tmp_path / "site"
    site.mkdir()
    # A previous build: its page and the mark a build leaves in its folder.
    (site / "index.html").write_text("previous build", encoding="utf-8")
    (site / output_dir.MARKER).write_text(output_dir.MARKER_TEXT, encoding="utf-8")

    result = run_build(site, env={"RUTIN_CONTENT_ROOT": str(content)})

    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert f"{broken}:" in result.stderr  # the validator's file:line:col line
    assert "kind" in result.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "previous build"
    assert sorted(p.name for p in site.iterdir()) == sorted(["index.html", output_dir.MARKER])
    assert not list(tmp_path.glob(".site-*")), "temporary build folders left behind"


def test_failed_macro_fails_the_build(tmp_path: Path) -> None:
    """An unknown id in a hand-written page fails the build (never text on a page)."""
    docs = tmp_path / "docs"
    shutil.copytree(Path(__file__).resolve().parents[1] / "docs", docs)
    (docs / "index.md").write_text('{{ checklist_link("finns-inte") }}\n', encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    root = Path(__file__).resolve().parents[1]
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: docs", f"docs_dir: {docs}")
    for relative in ("scripts/rutin/adapters/mkdocs_material/overrides",):
        text = text.replace(f" {relative}", f" {root}/{relative}")
    text = text.replace("  - checklists\n", f"  - {root}/checklists\n")
    text = text.replace("  - schemas\n", f"  - {root}/schemas\n")
    config.write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    content = {"RUTIN_CONTENT_ROOT": str(root / "checklists")}
    result = run_build(site, "--config-file", str(config), env=content)
    assert result.returncode == 1
    assert "finns-inte" in result.stderr
    assert not site.exists()
