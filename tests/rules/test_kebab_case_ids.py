from __future__ import annotations

from pathlib import Path

import pytest

from rutin.rules.kebab_case_ids import message_for, suggestion
from support.validation import CHECKLIST, messages, routine_copy

RULE = "kebab-case-ids"


@pytest.mark.parametrize(("value", "fixed"), [
    ("Välj tid", "valj-tid"), ("Boka_Besök", "boka-besok"), ("åäö-ÅÄÖ", "aao-aao"),
    ("--x--", "x"), ("café", "cafe"),
])
def test_suggestion(value: str, fixed: str) -> None:
    assert suggestion(value) == fixed


def test_messages() -> None:
    assert message_for("boka-videobesok") is None
    assert message_for("a1-b2") is None
    assert message_for("Boka") == ('ska vara kebab-case: små bokstäver a–z, siffror och '
                                   'bindestreck, t.ex. "boka"')
    message = message_for("välj")
    assert message is not None and "å, ä, ö" in message and '"valj"' in message


def test_id_with_swedish_letter(tmp_path: Path) -> None:
    folder = routine_copy(tmp_path, {CHECKLIST: ("  - id: skicka-kallelse",
                                                 "  - id: skicka-kallelse-när")})
    assert messages(folder, RULE) == [
        "boka-besok.yaml:18:9: steps[1].id: id får bara innehålla a–z, siffror och "
        "bindestreck, inte å, ä, ö eller andra tecken utanför ASCII, t.ex. "
        '"skicka-kallelse-nar"']


def test_condition_key_is_checked(tmp_path: Path) -> None:
    folder = routine_copy(tmp_path, {CHECKLIST: ("when: {tolk: ja}", "when: {Tolk: ja}")})
    assert messages(folder, RULE) == [
        'boka-besok.yaml:23:12: steps[2].when.Tolk: nyckeln "Tolk": ska vara kebab-case: små '
        'bokstäver a–z, siffror och bindestreck, t.ex. "tolk"']


def test_file_name(tmp_path: Path) -> None:
    folder = routine_copy(tmp_path)
    (folder / CHECKLIST).rename(folder / "Boka_besok.yaml")
    assert messages(folder, RULE) == [
        'Boka_besok.yaml:0:0: : filnamnet "Boka_besok.yaml": ska vara kebab-case: små '
        'bokstäver a–z, siffror och bindestreck, t.ex. "boka-besok"']
