"""Rule stop-size."""

from __future__ import annotations

from collections.abc import Iterator

from rutin.problem import Problem
from rutin.rules.content import RoutineContent

RULE_ID = "stop-size"
MOST_ITEMS = 9  # checklist practice: a handful of items per stop (about 5-9)


def check(content: RoutineContent) -> Iterator[Problem]:
    """Ett stopp i en uppgift har högst 9 punkter, som i god checklistpraxis (WHO,
    flyget): fler blir inte lästa under stress. Behövs fler, skriv varför i `reason`.

    Godkänt: ett stopp med 7 punkter, eller 12 punkter och
    `reason: "Kassans fält fylls i i den ordning de står i formuläret."`
    Fel: ett stopp med 10 punkter utan `reason`
    """
    for doc in sorted(content.tasks, key=lambda d: d.path):
        for p, stop in enumerate((doc.data or {}).get("stops") or ()):
            items = stop.get("items") or ()
            if len(items) > MOST_ITEMS and not stop.get("reason"):
                yield doc.problem(("stops", p, "items"), f"stoppet har {len(items)} "
                                  f"punkter, fler än {MOST_ITEMS}: dela upp det, eller skriv "
                                  "varför i reason", RULE_ID)
