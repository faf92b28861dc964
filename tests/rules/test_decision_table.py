from __future__ import annotations

from pathlib import Path

from support.validation import DECISION, messages, routine_copy

RULE = "decision-table"


def test_valid_table(tmp_path: Path) -> None:
    assert messages(routine_copy(tmp_path), RULE) == []


def test_gap(tmp_path: Path) -> None:
    folder = routine_copy(tmp_path, {DECISION: ("    when: {akut: [nej]}",
                                                "    when: {akut: [ja]}")})
    assert messages(folder, RULE)[0] == (
        "val-av-besok.yaml:14:3: rules: ingen regel gäller när akut = nej; lägg till en regel "
        "så att varje kombination av svar har ett utfall")


def test_unique_overlap(tmp_path: Path) -> None:
    folder = routine_copy(tmp_path, {DECISION: ("hit_policy: FIRST", "hit_policy: UNIQUE")})
    assert messages(folder, RULE) == []
    folder = routine_copy(tmp_path / "b", {DECISION: ("hit_policy: FIRST\n", "hit_policy: "
                                                      "UNIQUE\n")})
    text = (folder / DECISION).read_text(encoding="utf-8")
    (folder / DECISION).write_text(text.replace("when: {akut: [nej]}", "when: {akut: [nej, ja]}"),
                                   encoding="utf-8")
    assert messages(folder, RULE) == [
        'val-av-besok.yaml:20:11: rules[1].when: reglerna "fysiskt" och "distans" gäller '
        "samtidigt när akut = ja; i en UNIQUE-tabell får bara en regel gälla",
        'val-av-besok.yaml:26:13: examples[0].expect: exemplet ger inget entydigt utfall, inte '
        '"fysiskt"',
    ]


def test_rule_without_example(tmp_path: Path) -> None:
    folder = routine_copy(tmp_path, {DECISION: ("  - given: {akut: nej}\n    expect: distans\n",
                                                "")})
    assert messages(folder, RULE) == [
        'val-av-besok.yaml:19:9: rules[1].id: regeln "distans" saknar exempel; lägg till ett '
        "under examples"]


def test_tables_with_unresolved_references_are_not_analysed(tmp_path: Path) -> None:
    folder = routine_copy(tmp_path, {DECISION: ("    when: {akut: ja}", "    when: {akut: x}")})
    assert messages(folder, RULE) == []
