"""Rule interpretation-confirmation: a confirmed interpretation names a role of the
routine, a date that has come, and an `edits` line of that date."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from support.validation import problems

RULE = "interpretation-confirmation"
TRACED = Path(__file__).resolve().parents[1] / "fixtures" / "valid" / "traced"
OPEN = "    status: obekräftad\n"


def _confirmed(tmp_path: Path, by: str, on: str, edit: str | None) -> list[str]:
    folder = tmp_path / "traced"
    shutil.copytree(TRACED, folder)
    routine = folder / "routine.yaml"
    text = routine.read_text(encoding="utf-8")
    assert OPEN in text
    text = text.replace(OPEN, f'    status: bekräftad\n    confirmed_by: "{by}"\n'
                              f'    confirmed_on: "{on}"\n')
    if edit is not None:
        text = text.replace("changelog:\n", f'edits:\n  - date: "{edit}"\n'
                                             "    text: Tolkningen bekräftades.\nchangelog:\n")
    routine.write_text(text, encoding="utf-8")
    return [f"{p.field}: {p.message}" for p in problems(folder, RULE)]


@pytest.mark.parametrize("by", ["vardpersonal", "Vårdpersonal"])  # the role's id or title
def test_a_role_of_the_routine_a_past_date_and_an_edit(tmp_path: Path, by: str) -> None:
    assert _confirmed(tmp_path, by, "2026-05-04", "2026-05-04") == []


def test_a_person_or_an_unknown_role_is_refused(tmp_path: Path) -> None:
    assert _confirmed(tmp_path, "Anna Andersson", "2026-05-04", "2026-05-04") == [
        "interpretations[0].confirmed_by: ”Anna Andersson” är ingen roll i rutinen: skriv "
        "id för rollen som bekräftade tolkningen, en av ”vardpersonal” (en roll, aldrig en "
        "persons namn)"]


def test_a_date_in_the_future_is_refused(tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUTIN_TODAY", "2026-06-15")
    found = _confirmed(tmp_path, "vardpersonal", "2999-01-01", "2999-01-01")
    assert found == ["interpretations[0].confirmed_on: 2999-01-01 ligger i framtiden: skriv "
                     "dagen då rutinägaren bekräftade tolkningen"]


def test_a_confirmation_since_the_pinned_day_is_not_in_the_future(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """RUTIN_TODAY pins an earlier day for review notices; the real date counts too."""
    import datetime

    monkeypatch.setenv("RUTIN_TODAY", "2000-01-01")
    today = datetime.date.today().isoformat()
    assert _confirmed(tmp_path, "vardpersonal", today, today) == []


def test_a_confirmation_needs_an_edit_of_its_date(tmp_path: Path) -> None:
    assert _confirmed(tmp_path, "vardpersonal", "2026-05-04", "2026-05-03") == [
        "interpretations[0].confirmed_on: edits saknar en post daterad 2026-05-04: skriv där "
        "att rutinägaren bekräftade tolkningen ”tolkning-telefon”"]
