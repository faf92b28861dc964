"""Rule interpretation-refs."""

from __future__ import annotations

from collections.abc import Iterator

from rutin.problem import Problem
from rutin.rules.content import RoutineContent

RULE_ID = "interpretation-refs"


def check(content: RoutineContent) -> Iterator[Problem]:
    """Varje id i `interpretations` (på steg, varningar, upplysningar, utfall, åtgärder,
    frågor, ordlistan, uppgifter och deras stopp) finns bland tolkningarna i
    `routine.yaml`, och varje tolkning där används någonstans (annars varnas det: en
    tolkning som inget bygger på ska bort).

    Godkänt: `interpretations: ["tolkning-forhojd-suicidrisk"]` och tolkningen finns
    Fel: `interpretations: ["tolkning-som-inte-finns"]`
    """
    routine = content.routine
    if routine is None or routine.data is None:
        return
    known = {i.get("id") for i in routine.data.get("interpretations") or ()}
    used: set[str] = set()
    for doc in content.documents:
        for path, text in content.texts(doc):
            own_list = doc is routine and path[0] == "interpretations"  # the readings
            if len(path) >= 2 and path[-2] == "interpretations" and not own_list:
                used.add(text)
                if text not in known:
                    yield doc.problem(path, f"tolkningen ”{text}” finns inte bland "
                                      "interpretations i routine.yaml", RULE_ID)
    for n, reading in enumerate(routine.data.get("interpretations") or ()):
        if reading.get("id") not in used and content.complete():
            yield routine.problem(("interpretations", n, "id"),
                                  f"tolkningen ”{reading.get('id')}” används inte av något "
                                  "innehåll", RULE_ID, severity="warning")
