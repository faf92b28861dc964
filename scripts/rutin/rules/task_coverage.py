"""Rule task-coverage."""

from __future__ import annotations

from collections.abc import Iterator

from rutin.problem import Problem
from rutin.rules.content import RoutineContent

RULE_ID = "task-coverage"


def check(content: RoutineContent) -> Iterator[Problem]:
    """När en rutin har uppgifter (mappen `tasks/`) ingår varje steg i minst en uppgift,
    så att ingen handling i rutinen faller bort när arbetet delas upp (en varning, så att
    en ny checklista kan skrivas först och tas med i en uppgift sedan; testerna kräver
    att alla steg ingår). Ett steg som
    citerar exakt samma meningar som ett steg i en annan checklista som ingår räknas som
    med: det är samma text, som inte ska finnas två gånger i uppgifterna.

    Samma mening är också en punkt: uppgifterna tar inte med två steg ur olika
    checklistor med samma citat, utan hänvisar till samma steg. (Steg i samma checklista
    som delar en mening i flera handlingar får dela citat.)

    Godkänt: steget ”tolk-namn” står i uppgiften ”genomfora-videobesok”
    Fel: ett nytt steg i en checklista som ingen uppgift tar med, eller uppgiften
    ”dagens-slut-i-chatten” med ”chatt-lagg-pa-en-dag” när ”handlagga-chattarende” har
    ”service-lagg-pa-en-dag” med samma citat
    """
    if not content.tasks:
        return
    quotes_of: dict[str, tuple[str, ...]] = {}
    home: dict[str, tuple[int, int]] = {}
    docs = {}
    for doc in content.checklists:
        for n, step in enumerate((doc.data or {}).get("steps") or ()):
            quotes_of[step["id"]] = tuple(sorted(step.get("quotes") or ()))
            docs[step["id"]] = doc
            home[step["id"]] = (n, 0)
    # (quotes, home checklist) is one passage as written in one place; the same quotes
    # in two checklists is a copy.
    used: dict[tuple[str, ...], str] = {}  # quotes -> the first step id used for them
    for doc in sorted(content.tasks, key=lambda d: d.path):
        task_id = (doc.data or {}).get("id")
        for p, stop in enumerate((doc.data or {}).get("stops") or ()):
            for i, item in enumerate(stop.get("items") or ()):
                quotes = quotes_of.get(item)
                if not quotes:
                    continue
                first = used.setdefault(quotes, item)
                if first != item and docs[first] is not docs[item]:
                    yield doc.problem(("stops", p, "items", i), f"”{item}” citerar "
                                      f"samma meningar som ”{first}”, som redan ingår i en "
                                      f"uppgift; hänvisa till ”{first}” i stället "
                                      f"(uppgiften ”{task_id}”)", RULE_ID)
    taken = {i for d in content.tasks for p in (d.data or {}).get("stops") or ()
             for i in p.get("items") or ()}
    for step_id, quotes in quotes_of.items() if content.complete("task") else ():
        if step_id in taken or (quotes and quotes in used and docs[used[quotes]]
                                is not docs[step_id]):
            continue
        doc = docs[step_id]
        n, _ = home[step_id]
        yield doc.problem(("steps", n, "id"), f"steget ”{step_id}” ingår inte i någon "
                          "uppgift; lägg till det i ett stopp i en uppgift i tasks/", RULE_ID,
                          severity="warning")
