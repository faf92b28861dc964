"""Rule decision-size: a decision table small enough to be proven complete.

Every combination of answers is tried (rule decision-table, the questions page, the
wizard in the browser), so the number of combinations is the product of the number of
options per question: 30 yes/no questions would be a billion. The limits are checked
before anything is enumerated."""

from __future__ import annotations

from collections.abc import Iterator
from math import prod

from rutin.load.yaml_reader import Document
from rutin.model.records import DecisionTable
from rutin.problem import Problem
from rutin.rules.content import RoutineContent

RULE_ID = "decision-size"
MAX_QUESTIONS = 10
MAX_OPTIONS = 10
MAX_COMBINATIONS = 1000
MAX_RULES = 60
MAX_EXAMPLES = 120


def size_problems(doc: Document, table: DecisionTable) -> list[Problem]:
    """The limits `table` exceeds, each at the first item over the limit."""
    found: list[Problem] = []
    if len(table.inputs) > MAX_QUESTIONS:
        found.append(doc.problem(("inputs", MAX_QUESTIONS), (
            f"beslutstabellen har {len(table.inputs)} frågor (högst {MAX_QUESTIONS}); dela "
            "upp den i flera beslutsstöd"), RULE_ID))
    for i, question in enumerate(table.inputs):
        if len(question.options) > MAX_OPTIONS:
            found.append(doc.problem(("inputs", i, "options", MAX_OPTIONS), (
                f"frågan \"{question.id}\" har {len(question.options)} svar (högst "
                f"{MAX_OPTIONS}); slå ihop svar som leder till samma utfall"), RULE_ID))
    if len(table.rules) > MAX_RULES:
        found.append(doc.problem(("rules", MAX_RULES), (
            f"beslutstabellen har {len(table.rules)} regler (högst {MAX_RULES}); dela upp "
            "den i flera beslutsstöd"), RULE_ID))
    if len(table.examples) > MAX_EXAMPLES:
        found.append(doc.problem(("examples", MAX_EXAMPLES), (
            f"beslutstabellen har {len(table.examples)} exempel (högst {MAX_EXAMPLES})"),
            RULE_ID))
    if not found:
        count = prod(len(q.options) for q in table.inputs)
        if count > MAX_COMBINATIONS:
            found.append(doc.problem(("inputs",), (
                f"frågornas svar ger {count} kombinationer (högst {MAX_COMBINATIONS}); "
                "varje kombination prövas, så dela upp tabellen eller minska antalet svar"),
                RULE_ID))
    return found


def check(content: RoutineContent) -> Iterator[Problem]:
    """Varje kombination av svar i en beslutstabell prövas (se decision-table), så
    tabellen får inte bli för stor: högst {MAX_QUESTIONS} frågor, högst {MAX_OPTIONS} svar
    per fråga, högst {MAX_COMBINATIONS} kombinationer av svar (antalet svar på varje fråga
    multiplicerat), högst {MAX_RULES} regler och högst {MAX_EXAMPLES} exempel. En större
    tabell prövas inte och byggs inte; dela upp den i flera beslutsstöd.

    Godkänt: tre frågor med två, tre och två svar (12 kombinationer)
    Fel: 30 ja/nej-frågor (över en miljard kombinationer)
    """
    for doc in content.decisions:
        table = content.tables.get(doc.path)
        if table is not None:
            yield from size_problems(doc, table)


# The documentation names the limits from the constants above, so the two cannot differ.
check.__doc__ = (check.__doc__ or "").format(
    MAX_QUESTIONS=MAX_QUESTIONS, MAX_OPTIONS=MAX_OPTIONS, MAX_COMBINATIONS=MAX_COMBINATIONS,
    MAX_RULES=MAX_RULES, MAX_EXAMPLES=MAX_EXAMPLES)
