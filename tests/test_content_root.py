"""One content root for every command: `rutin check`, `rutin new`, `rutin build` (and the
MkDocs adapter, the macros, the tests) find the content the same way."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rutin.check import content
from rutin.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_content_root_is_the_environment_or_checklists(monkeypatch: pytest.MonkeyPatch,
                                                       tmp_path: Path) -> None:
    monkeypatch.delenv(content.CONTENT_ROOT_ENV, raising=False)
    assert content.content_root() == ROOT / "checklists"
    monkeypatch.setenv(content.CONTENT_ROOT_ENV, str(tmp_path))
    assert content.content_root() == tmp_path


def test_check_and_new_honour_the_content_root(monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "innehall"
    shutil.copytree(ROOT / "tests" / "fixtures" / "invalid" / "decision-gap", root / "minimal")
    monkeypatch.setenv(content.CONTENT_ROOT_ENV, str(root))
    assert main(["check"]) == 1
    assert "decision-gap" not in capsys.readouterr().out  # it checked the copy
    assert main(["new", "checklist", "minimal/ny-uppgift"]) in (0, 1)
    assert (root / "minimal" / "ny-uppgift.yaml").is_file()


def test_validation_is_cached_until_a_file_changes(tmp_path: Path) -> None:
    root = tmp_path / "innehall"
    shutil.copytree(ROOT / "tests" / "fixtures" / "valid" / "traced", root / "traced")
    first = content.checked(root)
    assert content.checked(root) is first  # the adapter, the macros and the build ask
    source = root / "traced" / "source.txt"
    source.write_text(source.read_text(encoding="utf-8") + "\nEn ny mening.\n",
                      encoding="utf-8")
    again = content.checked(root)
    assert again is not first and again.errors  # the new sentence is not covered
