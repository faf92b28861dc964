"""Rule same-question."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rutin.load.yaml_reader import Document
from rutin.problem import Problem
from rutin.rules.content import RoutineContent

RULE_ID = "same-question"


def _options(question: dict[str, Any]) -> list[str]:
    return [o["value"] for o in question.get("options") or ()]


def check(content: RoutineContent) -> Iterator[Problem]:
    """En checklistas eller uppgifts fråga med `same_as` är samma fråga som en fråga i ett
    beslutsstöd: står båda på samma sida besvarar ett svar båda. Därför måste
    `decision` vara ett beslutsstöd i rutinen och `input` en av dess frågor, och varje
    svar här motsvara precis ett svar där (`options`, svar här: svar där; utan `options`
    ska svaren ha samma id). Ett beslutsstöds egna frågor har ingen `same_as`.

    Godkänt: `same_as: {decision: primar-kontaktperson, input: primar-specifik-viktig}`
    när båda frågorna har svaren `ja` och `nej`
    Fel: `same_as: {decision: formular-dokumentation, input: formular-innehall}` när
    svaren heter `alternativ-1` här och `kraver-journalforing` där (ange `options`)
    """
    inputs: dict[str, dict[str, dict[str, Any]]] = {}
    for doc in content.decisions:
        data = doc.data or {}
        inputs[str(data.get("id"))] = {q["id"]: q for q in data.get("inputs") or ()}
        for index, question in enumerate(data.get("inputs") or ()):
            if "same_as" in question:
                yield doc.problem(("inputs", index, "same_as"), "ett beslutsstöds fråga kan "
                                  "inte ha same_as; sätt den på checklistans fråga", RULE_ID)
    for doc in content.checklists + content.tasks:
        yield from _questions(doc, inputs)


def _questions(doc: Document, inputs: dict[str, dict[str, dict[str, Any]]]
               ) -> Iterator[Problem]:
    for index, question in enumerate((doc.data or {}).get("questions") or ()):
        same = question.get("same_as")
        if not isinstance(same, dict):
            continue
        at = ("questions", index, "same_as")
        table = inputs.get(same["decision"])
        if table is None:
            yield doc.problem((*at, "decision"), f"beslutsstödet ”{same['decision']}” finns "
                              "inte i rutinen", RULE_ID)
            continue
        other = table.get(same["input"])
        if other is None:
            yield doc.problem((*at, "input"), f"”{same['input']}” finns inte bland "
                              f"beslutsstödets frågor (inputs): {', '.join(table)}", RULE_ID)
            continue
        mine, theirs = _options(question), _options(other)
        mapping = same.get("options") or {v: v for v in mine}
        where = (*at, "options") if "options" in same else at
        if sorted(mapping) != sorted(mine) or sorted(mapping.values()) != sorted(theirs):
            pairs = ", ".join(f"{k}: {v}" for k, v in mapping.items())
            yield doc.problem(where, "varje svar här ska motsvara ett eget svar i "
                              f"beslutsstödet: här {', '.join(mine)}, där "
                              f"{', '.join(theirs)}, options {pairs}", RULE_ID)
