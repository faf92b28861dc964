"""Rule safeguard-refs."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from rutin.load.source_text import normalize
from rutin.problem import Problem
from rutin.rules.content import RoutineContent

RULE_ID = "safeguard-refs"


def check(content: RoutineContent) -> Iterator[Problem]:
    """En varning eller upplysning med `attached_to` står vid handlingarna den hör till:
    varje steg-id under `steps` finns i en checklista, och varje stycke under `quoting`
    citeras av minst ett steg (annars skulle skyddet inte stå någonstans).

    Godkänt: en varning i ”suicidal-patient” med `attached_to: {steps:
    ["avsluta-chatt-valj-avsluta"]}`
    Fel: `attached_to: {steps: ["avsluta-chat"]}` (inget sådant steg), eller `quoting:
    ["Välj avsluta videobesök"]` när inget steg citerar stycket
    """
    steps: dict[str, tuple[str, ...]] = {}
    for doc in content.checklists:
        for step in (doc.data or {}).get("steps") or ():
            steps[step["id"]] = tuple(normalize(q) for q in step.get("quotes") or ())
    # A checklist that failed may hold the step or the passage (reported there).
    complete = content.complete("checklist")
    for doc in content.checklists:
        data = doc.data or {}
        for key in ("warnings", "notes"):
            for n, entry in enumerate(data.get(key) or ()):
                attached = entry.get("attached_to") or {}
                for i, step_id in enumerate(attached.get("steps") or ()):
                    if step_id in steps or not complete:
                        continue
                    near = difflib.get_close_matches(step_id, list(steps), n=1)
                    hint = f"; menade du ”{near[0]}”?" if near else ""
                    yield doc.problem((key, n, "attached_to", "steps", i),
                                      f"”{step_id}” är inget steg i en checklista{hint}",
                                      RULE_ID)
                for i, passage in enumerate(attached.get("quoting") or ()):
                    wanted = normalize(passage)
                    if complete and not any(wanted in q for quotes in steps.values()
                                            for q in quotes):
                        yield doc.problem((key, n, "attached_to", "quoting", i),
                                          f"inget steg citerar ”{passage}”: skyddet skulle "
                                          "inte stå vid någon handling; ange stegets id under "
                                          "steps eller ett stycke som ett steg citerar",
                                          RULE_ID)
