from __future__ import annotations

from pathlib import Path

from support.validation import CHECKLIST, ROUTINE, messages, routine_copy

RULE = "dates"


def test_valid_dates(tmp_path: Path) -> None:
    assert messages(routine_copy(tmp_path), RULE) == []


def test_not_a_calendar_date(tmp_path: Path) -> None:
    folder = routine_copy(tmp_path, {CHECKLIST: ("source: Boka besök\nquestions",
                                                 'source: Boka besök\nchanged: "2026-13-01"\n'
                                                 "questions")})
    assert messages(folder, RULE) == [
        'boka-besok.yaml:8:10: changed: "2026-13-01" är inget datum som finns i kalendern '
        "(ÅÅÅÅ-MM-DD)"]


def test_review_by_must_be_after_valid_from(tmp_path: Path) -> None:
    folder = routine_copy(tmp_path, {ROUTINE: ('review_by: "2027-01-01"',
                                               'review_by: "2026-01-01"')})
    assert messages(folder, RULE) == [
        "routine.yaml:7:12: review_by: review_by (2026-01-01) ska ligga efter valid_from "
        "(2026-01-01)"]


def test_changelog_newest_first(tmp_path: Path) -> None:
    folder = routine_copy(tmp_path, {ROUTINE: ('  - date: "2026-01-01"',
                                               '  - date: "2026-07-01"')})
    assert messages(folder, RULE) == [
        "routine.yaml:14:11: changelog[1].date: ändringshistoriken ska stå med nyast först: "
        "2026-07-01 står efter 2026-06-12"]
