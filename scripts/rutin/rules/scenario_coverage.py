"""Rule scenario-coverage."""

from __future__ import annotations

from collections.abc import Iterator

from rutin.problem import Problem
from rutin.rules.content import RoutineContent

RULE_ID = "scenario-coverage"


def check(content: RoutineContent) -> Iterator[Problem]:
    """En rutin med scenarier (mappen `scenarios/`) ska vara helt prövad: tillsammans ska
    scenarierna leda till varje regel i varje beslutsstöd som en uppgift använder, pröva
    varje gren av varje villkor i en uppgift (varje svar som ett stopp eller steg kräver,
    och ett annat svar som döljer det) och välja varje svarsalternativ som personalen kan
    välja på uppgiftens sida. Det som inget scenario når står som fel där det är skrivet.

    Godkänt: ett scenario med svaret ”ja” och ett med svaret ”nej” på frågan som styr
    stoppet ”Tolk”
    Fel: bara scenarier där tolken deltar (inget prövar att stoppet döljs)
    """
    model = content.model
    if model is None or not content.complete() or not model.scenarios:
        return
    docs = {d.path: d for d in content.documents}
    for gap in content.scenario_gaps:  # computed once: the Scenarier page shows them
        doc = docs.get(gap.file)
        if doc is not None:
            yield doc.problem(gap.path, gap.message, RULE_ID)
