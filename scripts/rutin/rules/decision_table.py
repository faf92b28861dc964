"""Rule decision-table."""

from __future__ import annotations

from collections.abc import Iterator

from rutin.load.yaml_reader import Document
from rutin.model.decide import analyse
from rutin.model.records import DecisionTable
from rutin.problem import Problem
from rutin.rules import decision_size, references_resolve
from rutin.rules.content import RoutineContent

RULE_ID = "decision-table"
_SHOWN = 3  # combinations listed in one message


def _answers(table: DecisionTable, answers: dict[str, str]) -> str:
    return ", ".join(f"{question} = {value}" for question, value in answers.items())


def _rule_index(table: DecisionTable, rule_id: str) -> int:
    return next(i for i, rule in enumerate(table.rules) if rule.id == rule_id)


def table_problems(doc: Document, table: DecisionTable) -> Iterator[Problem]:
    result = analyse(table)
    if result.gaps:
        shown = "; ".join(_answers(table, gap) for gap in result.gaps[:_SHOWN])
        more = f" (och {len(result.gaps) - _SHOWN} kombinationer till)" if (
            len(result.gaps) > _SHOWN) else ""
        yield doc.problem(("rules",), f"ingen regel gäller när {shown}{more}; lägg till en "
                          "regel så att varje kombination av svar har ett utfall", RULE_ID)
    reported: set[tuple[str, ...]] = set()
    for answers, rule_ids in result.overlaps:
        key = tuple(rule_ids)
        if key in reported:
            continue
        reported.add(key)
        names = " och ".join(f"\"{r}\"" for r in rule_ids)
        yield doc.problem(("rules", _rule_index(table, rule_ids[-1]), "when"),
                          f"reglerna {names} gäller samtidigt när {_answers(table, answers)}; "
                          "i en UNIQUE-tabell får bara en regel gälla", RULE_ID)
    for rule_id in result.dead_rules:
        why = ("regler ovanför täcker redan alla dess fall" if table.hit_policy == "FIRST"
               else "inga svar uppfyller villkoret")
        yield doc.problem(("rules", _rule_index(table, rule_id), "id"),
                          f"regeln \"{rule_id}\" kan aldrig gälla: {why}", RULE_ID)
    for example, actual in result.failing_examples:
        index = table.examples.index(example)
        got = f"\"{actual}\"" if actual else "inget entydigt utfall"
        yield doc.problem(("examples", index, "expect"),
                          f"exemplet ger {got}, inte \"{example.expect}\"", RULE_ID)
    reported_silence: set[tuple[str, str]] = set()
    for answers, silent, hidden in result.silence_first:
        if (silent, hidden) in reported_silence:
            continue
        reported_silence.add((silent, hidden))
        yield doc.problem(("rules", _rule_index(table, silent), "then", "not_stated"),
                          f"regeln \"{silent}\" säger att rutinen inte anger något, men går "
                          f"före regeln \"{hidden}\" som vilar på källan när "
                          f"{_answers(table, answers)}; tystnad får aldrig ersätta det "
                          "rutinen anger", RULE_ID)
    for rule_id in result.rules_without_example:
        yield doc.problem(("rules", _rule_index(table, rule_id), "id"),
                          f"regeln \"{rule_id}\" saknar exempel; lägg till ett under "
                          "examples", RULE_ID)


def check(content: RoutineContent) -> Iterator[Problem]:
    """Beslutstabellens frågor har ett begränsat antal svar, så varje kombination av svar
    prövas:

    - varje kombination leder till en regel (inga luckor);
    - i en UNIQUE-tabell gäller aldrig två regler samtidigt;
    - varje regel kan gälla för någon kombination (ingen död regel; i en FIRST-tabell
      kan en regel skymmas helt av reglerna ovanför);
    - varje exempel (`given` → `expect`) ger den regel det förväntar sig;
    - varje regel har minst ett exempel;
    - en regel där rutinen inte anger något (`not_stated: true`) går aldrig före en
      regel som vilar på källan för samma svar (i en FIRST-tabell).

    Tabeller med hänvisningar som inte stämmer (se references-resolve) och för stora
    tabeller (se decision-size) prövas inte.

    Godkänt: frågan `akut` (ja, nej), en regel med `when: {akut: ja}` och en med
    `when: {akut: nej}`, och ett exempel för varje regel
    Fel: samma tabell med bara regeln för `akut: ja` (ingen regel gäller när akut = nej)
    """
    for doc in content.decisions:
        table = content.tables.get(doc.path)
        if (table is None or references_resolve.decision_problems(doc)
                or decision_size.size_problems(doc, table)):
            continue
        yield from table_problems(doc, table)
