from __future__ import annotations

from pathlib import Path

import pytest

from rutin.cli import main
from support.validation import ROUTINE, problems, routine_copy

RULE = "review-dates"  # the minimal routine is to be reviewed by 2027-01-01


def _found(folder: Path) -> list[tuple[str, str]]:
    return [(p.severity, p.format_text().split(": ", 1)[1]) for p in problems(folder, RULE)]


def test_far_from_review_date_is_quiet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUTIN_TODAY", "2026-06-15")
    assert _found(routine_copy(tmp_path)) == []


def test_within_30_days_is_a_notice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUTIN_TODAY", "2026-12-10")
    assert _found(routine_copy(tmp_path)) == [
        ("notice", "review_by: upplysning: rutinen ska granskas senast 2027-01-01 (om 22 dagar) "
                   "(review-dates)")]


def test_passed_review_date_is_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RUTIN_TODAY", "2027-01-11")
    assert _found(routine_copy(tmp_path)) == [
        ("warning", "review_by: varning: granskningsdatumet 2027-01-01 har passerat "
                    "(10 dagar sedan); granska rutinen och sätt ett nytt datum (review-dates)")]


def test_no_review_date_no_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUTIN_TODAY", "2099-01-01")
    folder = routine_copy(tmp_path, {ROUTINE: ('review_by: "2027-01-01"\n', "")})
    assert _found(folder) == []


@pytest.mark.parametrize(("today", "strict", "code"), [
    ("2026-12-10", True, 0),   # a notice never fails
    ("2027-01-11", False, 0),  # a passed date warns ...
    ("2027-01-11", True, 1),   # ... and fails under --strict
])
def test_exit_codes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                    capsys: pytest.CaptureFixture[str], today: str, strict: bool,
                    code: int) -> None:
    monkeypatch.setenv("RUTIN_TODAY", today)
    folder = routine_copy(tmp_path)
    args = ["check", str(folder), *(["--strict"] if strict else [])]
    assert main(args) == code
    assert "review-dates" in capsys.readouterr().out
