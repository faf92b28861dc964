"""One content root for every command: `rutin check`, `rutin new`, `rutin build` (and the
MkDocs adapter, the macros, the tests) find the content the same way."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rutin.check import content
from rutin.cli import main
from rutin.project import NotAProject, Project, open_project
from rutin.site import output_dir

ROOT = Path(__file__).resolve().parents[1]


def test_content_root_is_the_environment_or_checklists(monkeypatch: pytest.MonkeyPatch,
                                                       tmp_path: Path) -> None:
    monkeypatch.delenv(content.CONTENT_ROOT_ENV, raising=False)
    assert content.content_root(ROOT) == ROOT / "checklists"
    monkeypatch.setenv(content.CONTENT_ROOT_ENV, str(tmp_path))
    assert content.content_root(ROOT) == tmp_path


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


# --- the project folder is passed in (rutin --project DIR) ---------------------------

def _project(tmp_path: Path, fixture: str) -> Path:
    """A project of its own: a fixture routine as its whole content."""
    project = tmp_path / "projekt"
    shutil.copytree(ROOT / "tests" / "fixtures" / fixture, project / "checklists" / "rutin")
    return project


@pytest.mark.parametrize("before", [True, False])
def test_check_works_on_the_project_it_is_given(monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path, before: bool,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """`rutin --project DIR check` (or `rutin check --project DIR`) checks DIR's content,
    from any working folder: the project is not where the tool is installed."""
    monkeypatch.delenv(content.CONTENT_ROOT_ENV, raising=False)
    good = _project(tmp_path / "bra", "valid/traced")
    bad = _project(tmp_path / "fel", "invalid/decision-gap")
    elsewhere = tmp_path / "annanstans"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)

    def check(project: Path) -> int:
        args = ["--project", str(project), "check"] if before else [
            "check", "--project", str(project)]
        return main(args)

    assert check(good) == 0
    assert "Inga fel i 5 filer" in capsys.readouterr().err
    assert check(bad) == 1
    out = capsys.readouterr()
    assert str(bad / "checklists" / "rutin") in out.out + out.err  # the copy was checked


@pytest.mark.parametrize("named", [True, False])
def test_a_folder_without_a_project_is_a_usage_error(monkeypatch: pytest.MonkeyPatch,
                                                     tmp_path: Path, named: bool,
                                                     capsys: pytest.CaptureFixture[str]
                                                     ) -> None:
    """Neither checklists/ nor mkdocs.yml: a clear Swedish message, exit 2, no traceback."""
    monkeypatch.delenv(content.CONTENT_ROOT_ENV, raising=False)
    empty = tmp_path / "tom"
    empty.mkdir()
    monkeypatch.chdir(tmp_path if named else empty)
    assert main(["--project", "tom", "check"] if named else ["check"]) == 2
    err = capsys.readouterr().err
    assert f"mappen {empty} är inget rutinprojekt" in err
    assert "checklists/" in err and "mkdocs.yml" in err and "--project" in err
    assert "Traceback" not in err
    if named:
        assert err.startswith("rutin check: --project: ")


def test_a_project_names_its_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(content.CONTENT_ROOT_ENV, raising=False)
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    found = open_project(tmp_path)
    assert found == Project(tmp_path)
    assert (found.checklists, found.docs, found.config_file, found.site) == (
        tmp_path / "checklists", tmp_path / "docs", tmp_path / "mkdocs.yml", tmp_path / "site")
    assert content.content_root(found) == content.content_root(tmp_path) == found.checklists
    with pytest.raises(NotAProject, match="finns inte"):
        open_project(tmp_path / "saknas")


def test_no_module_finds_the_project_from_where_it_is_installed() -> None:
    """Only the tool's own schemas are found beside its source (project.py says why);
    every project path is passed in."""
    package = ROOT / "scripts" / "rutin"
    found = sorted(p.relative_to(package).as_posix() for p in package.rglob("*.py")
                   if "__file__" in p.read_text(encoding="utf-8"))
    assert found == ["model/kinds.py"]


def test_named_files_need_no_project(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    """`rutin check FILE…` names what it checks: it runs in any folder, as before."""
    monkeypatch.delenv(content.CONTENT_ROOT_ENV, raising=False)
    routine = _project(tmp_path, "valid/traced") / "checklists" / "rutin"
    elsewhere = tmp_path / "annanstans"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert main(["check", str(routine)]) == 0
    assert "Inga fel" in capsys.readouterr().err


@pytest.mark.parametrize(("config", "said"), [
    ("", "inställningen 'site_name' saknas men krävs"),
    ("site_name: x\ntheme: {name: materia}\n",
     "inställningen 'theme' godtas inte av MkDocs: Unrecognised theme name: 'materia'"),
])
def test_a_setting_mkdocs_refuses_is_named_in_swedish(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        config: str, said: str) -> None:
    """A broken mkdocs.yml: the file and the setting in Swedish (MkDocs' own reason kept),
    none of MkDocs' English framing, the site left as it was."""
    monkeypatch.delenv(content.CONTENT_ROOT_ENV, raising=False)
    project = _project(tmp_path, "valid/traced")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("förra", encoding="utf-8")
    output_dir.mark(project / "site")  # a site an earlier build wrote
    monkeypatch.chdir(project)
    assert main(["build"]) == 1
    err = capsys.readouterr().err
    assert f"mkdocs.yml: {said}" in err
    assert "Config value" not in err and "Aborted" not in err and "Traceback" not in err
    assert "webbplatsen byggdes inte; site/ är oförändrad" in err
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "förra"
