"""Decision tables: evaluation (FIRST, UNIQUE), determined outcomes, analysis, JSON."""

from __future__ import annotations

from typing import Any

import pytest

from rutin.model.decide import analyse, combinations, determined, evaluate, table_json
from rutin.model.records import DecisionTable


def table(rules: list[dict[str, Any]], examples: list[dict[str, Any]] | None = None,
          hit_policy: str = "FIRST") -> DecisionTable:
    return DecisionTable.from_dict({
        "id": "t", "title": "T", "summary": "S", "hit_policy": hit_policy,
        "functions": ["f"], "source": "S",
        "inputs": [
            {"id": "akut", "question": "Akut?", "options": [
                {"value": "ja", "label": "Ja"}, {"value": "nej", "label": "Nej"}]},
            {"id": "alder", "question": "Ålder?", "options": [
                {"value": "barn", "label": "Barn"}, {"value": "vuxen", "label": "Vuxen"},
                {"value": "aldre", "label": "Äldre"}]},
        ],
        "rules": rules,
        "examples": examples if examples is not None else [
            {"given": {"akut": "ja", "alder": "barn"}, "expect": rules[0]["id"]}],
    })


def rule(rule_id: str, **when: Any) -> dict[str, Any]:
    return {"id": rule_id, "when": when, "then": {"outcome": f"Utfall {rule_id}."}}


COMPLETE = [rule("akut", akut="ja"), rule("barn", alder="barn"), rule("ovrigt", akut="nej")]


def test_first_match_wins() -> None:
    t = table(COMPLETE)
    assert evaluate(t, {"akut": "ja", "alder": "barn"}).id == "akut"  # type: ignore[union-attr]
    assert evaluate(t, {"akut": "nej", "alder": "barn"}).id == "barn"  # type: ignore[union-attr]
    assert evaluate(t, {"akut": "nej", "alder": "vuxen"}).id == "ovrigt"  # type: ignore[union-attr]


def test_list_of_values_and_unnamed_inputs() -> None:
    t = table([rule("a", alder=["barn", "aldre"]), rule("b", akut=["ja", "nej"])])
    assert evaluate(t, {"akut": "ja", "alder": "aldre"}).id == "a"  # type: ignore[union-attr]
    assert evaluate(t, {"akut": "ja", "alder": "vuxen"}).id == "b"  # type: ignore[union-attr]


def test_no_match_is_none() -> None:
    assert evaluate(table([rule("a", akut="ja")]), {"akut": "nej", "alder": "barn"}) is None


def test_unique_overlap_raises() -> None:
    t = table([rule("a", akut="ja"), rule("b", alder="barn")], hit_policy="UNIQUE")
    assert evaluate(t, {"akut": "ja", "alder": "vuxen"}).id == "a"  # type: ignore[union-attr]
    with pytest.raises(ValueError, match="flera regler"):
        evaluate(t, {"akut": "ja", "alder": "barn"})


def test_combinations_cover_every_answer() -> None:
    combos = list(combinations(table(COMPLETE)))
    assert len(combos) == 6
    assert combos[0] == {"akut": "ja", "alder": "barn"}
    assert combos[-1] == {"akut": "nej", "alder": "aldre"}


def test_determined_as_soon_as_open_questions_do_not_matter() -> None:
    t = table(COMPLETE)
    assert determined(t, {"akut": "ja"}).id == "akut"  # type: ignore[union-attr]
    assert determined(t, {"akut": "nej"}) is None  # barn or ovrigt
    assert determined(t, {}) is None
    assert determined(t, {"akut": "nej", "alder": "vuxen"}).id == "ovrigt"  # type: ignore[union-attr]
    assert determined(t, {"akut": "ja", "okand": "x"}).id == "akut"  # type: ignore[union-attr]


def test_determined_is_none_with_a_gap_or_an_overlap() -> None:
    assert determined(table([rule("a", akut="ja")]), {}) is None
    overlap = table([rule("a", akut="ja"), rule("b", akut="ja")], hit_policy="UNIQUE")
    assert determined(overlap, {"akut": "ja"}) is None


def test_analysis_of_a_complete_table_is_ok() -> None:
    examples = [{"given": {"akut": "ja", "alder": "barn"}, "expect": "akut"},
                {"given": {"akut": "nej", "alder": "barn"}, "expect": "barn"},
                {"given": {"akut": "nej", "alder": "vuxen"}, "expect": "ovrigt"}]
    result = analyse(table(COMPLETE, examples))
    assert result.ok, result


def test_analysis_finds_gaps_overlaps_dead_rules_and_examples() -> None:
    t = table(
        [rule("a", akut="ja"), rule("b", akut="ja", alder="barn"), rule("c", alder="vuxen")],
        [{"given": {"akut": "ja", "alder": "barn"}, "expect": "b"},
         {"given": {"akut": "ja"}, "expect": "a"}],
        hit_policy="UNIQUE",
    )
    result = analyse(t)
    assert result.gaps == [{"akut": "nej", "alder": "barn"}, {"akut": "nej", "alder": "aldre"}]
    assert result.overlaps == [({"akut": "ja", "alder": "barn"}, ["a", "b"]),
                               ({"akut": "ja", "alder": "vuxen"}, ["a", "c"])]
    assert result.dead_rules == []
    assert [(e.expect, got) for e, got in result.failing_examples] == [("b", None), ("a", None)]
    assert result.rules_without_example == ["c"]
    assert not result.ok


def test_first_table_dead_rule() -> None:
    t = table([rule("a", akut=["ja", "nej"]), rule("b", akut="nej")])
    result = analyse(t)
    assert result.dead_rules == ["b"]
    assert result.gaps == []


def test_partial_example_passes_when_determined() -> None:
    t = table(COMPLETE, [{"given": {"akut": "ja"}, "expect": "akut"},
                         {"given": {"alder": "barn", "akut": "nej"}, "expect": "barn"},
                         {"given": {"akut": "nej", "alder": "aldre"}, "expect": "ovrigt"}])
    assert analyse(t).ok


def test_table_json_shape() -> None:
    t = table([{**rule("a", akut="ja"), "then": {"outcome": "O", "actions": ["X"],
                                                 "critical": True}}, rule("b", akut=["nej"])])
    assert table_json(t) == {
        "id": "t", "title": "T", "hit_policy": "FIRST",
        "inputs": [
            {"id": "akut", "question": "Akut?", "options": [
                {"value": "ja", "label": "Ja"}, {"value": "nej", "label": "Nej"}]},
            {"id": "alder", "question": "Ålder?", "options": [
                {"value": "barn", "label": "Barn"}, {"value": "vuxen", "label": "Vuxen"},
                {"value": "aldre", "label": "Äldre"}]},
        ],
        "rules": [
            {"id": "a", "when": {"akut": ["ja"]}, "critical": True},
            {"id": "b", "when": {"akut": ["nej"]}, "critical": False},
        ],
    }
