"""Every bad input in tests/fixtures/invalid/ gives exactly its expected lines.

A case is `<case>.expected` plus either `<case>.yaml` (one checklist file, checked alone)
or `<case>/` (a routine folder). See tests/fixtures/README.md.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from rutin.cli import main

REPO = Path(__file__).resolve().parents[1]
INVALID = Path("tests/fixtures/invalid")
VALID = Path("tests/fixtures/valid")


def _target(expected: Path) -> Path:
    single = expected.with_suffix(".yaml")
    return single if (REPO / single).exists() else expected.with_suffix("")


CASES = sorted(p.relative_to(REPO) for p in (REPO / INVALID).glob("*.expected"))


def test_enough_cases() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize("expected", CASES, ids=lambda p: p.stem)
def test_invalid_case(expected: Path, capsys: pytest.CaptureFixture[str],
                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    code = main(["check", str(_target(expected))])
    out, err = capsys.readouterr()
    assert out == (REPO / expected).read_text(encoding="utf-8")
    assert code == 1
    assert err.strip().endswith(("1 fil", "filer"))


@pytest.mark.parametrize("folder", sorted(p.name for p in (REPO / VALID).iterdir()
                                          if p.is_dir()))
def test_valid_routine_is_clean(folder: str, capsys: pytest.CaptureFixture[str],
                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    code = main(["check", str(VALID / folder)])
    out, err = capsys.readouterr()
    assert (code, out) == (0, "")
    assert err.startswith("Inga fel i ") and err.count("\n") == 1  # one line on success


def test_console_script_matches() -> None:
    """The installed `rutin` program prints the same lines as the in-process run."""
    program = Path(sys.executable).with_name("rutin")
    case = INVALID / "duplicate-key.expected"
    done = subprocess.run([str(program), "check", str(_target(case))], cwd=REPO,
                          capture_output=True, text=True, check=False)
    assert done.stdout == (REPO / case).read_text(encoding="utf-8")
    assert done.returncode == 1
    assert done.stderr == "1 problem i 1 fil\n"


def test_all_cases_in_one_run(capsys: pytest.CaptureFixture[str],
                              monkeypatch: pytest.MonkeyPatch) -> None:
    """All problems of all files in one run, sorted by file, line and column."""
    monkeypatch.chdir(REPO)
    targets = [str(_target(case)) for case in CASES]
    assert main(["check", *targets]) == 1
    out = capsys.readouterr().out
    expected = "".join((REPO / case).read_text(encoding="utf-8") for case in CASES)
    assert sorted(out.splitlines()) == sorted(expected.splitlines())


@pytest.mark.parametrize("fmt", ["json", "github"])
def test_other_formats(fmt: str, capsys: pytest.CaptureFixture[str],
                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    assert main(["check", "--format", fmt, str(INVALID / "wrong-kind.yaml")]) == 1
    out = capsys.readouterr().out
    if fmt == "json":
        import json

        [problem] = json.loads(out)
        assert problem == {
            "file": "tests/fixtures/invalid/wrong-kind.yaml", "line": 4, "column": 7,
            "field": "kind", "rule": "schema", "severity": "error",
            "message": "ska vara ett av: read-do, do-confirm, inte \"read_do\" "
                       "(menade du \"read-do\"?)",
        }
    else:
        assert out == ("::error file=tests/fixtures/invalid/wrong-kind.yaml,line=4,col=7,"
                       "title=schema::kind: ska vara ett av: read-do, do-confirm, inte "
                       "\"read_do\" (menade du \"read-do\"?)\n")


@pytest.mark.parametrize("argv", [["check", "finns-inte.yaml"], ["check", "--format", "xml"],
                                  ["check", "--okand-flagga"]])
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str],
                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    try:
        code = main(argv)
    except SystemExit as exc:
        code = int(exc.code or 0)
    assert code == 2
    assert capsys.readouterr().out == ""


def test_success_line_counts_files_and_quoted_sentences(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from rutin.check.validate import check

    monkeypatch.chdir(REPO)
    report = check(VALID / "traced")
    quoted, registered, total = report.sentences
    assert total and quoted + registered == total
    assert main(["check", str(VALID / "traced")]) == 0
    assert capsys.readouterr().err == (
        f"Inga fel i {report.files} filer; {quoted} av {total} meningar i källan citerade, "
        f"{registered} i registret unquoted\n")


def test_strict_failure_on_a_warning_is_no_success(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("RUTIN_TODAY", "2027-06-15")  # the fixture's review date has passed
    assert main(["check", "--strict", str(VALID / "minimal")]) == 1
    err = capsys.readouterr().err
    assert "Inga fel" not in err and err.endswith("1 varning i 1 fil\n")
