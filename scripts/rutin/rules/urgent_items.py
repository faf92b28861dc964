"""Rule urgent-items."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator

from rutin.load.yaml_reader import Document, FieldPath
from rutin.problem import Problem
from rutin.rules.content import RoutineContent

RULE_ID = "urgent-items"


def _missing(doc: Document, path: FieldPath, value: str, where: str,
             known: Iterable[str]) -> Problem:
    close = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
    hint = f" (menade du \"{close[0]}\"?)" if close else ""
    return doc.problem(path, f"\"{value}\" finns inte {where}{hint}", RULE_ID)


def check(content: RoutineContent) -> Iterator[Problem]:
    """Remsan med det brådskande (`urgent` i routine.yaml) visar texten hos stegen och
    varningarna den nämner, så texten skrivs bara en gång. Därför måste varje id i
    `items` vara ett steg eller en varning med `id` i någon av rutinens checklistor,
    `page` en checklista, uppgift eller ett beslutsstöd och varje id i `tasks` en uppgift.

    Godkänt: `items: [suicid-varning-112]` när en varning i en checklista har
    `id: suicid-varning-112`
    Fel: `items: [suicid-varning-113]` när ingen varning eller inget steg heter så, eller
    `tasks: [suicidal-patient]` (en checklista, ingen uppgift)
    """
    if content.routine is None or content.routine.data is None:
        return
    urgent = content.routine.data.get("urgent")
    if not isinstance(urgent, dict):
        return
    texts: set[str] = set()
    for doc in content.checklists:
        data = doc.data or {}
        texts |= {s["id"] for s in data.get("steps") or () if isinstance(s.get("id"), str)}
        texts |= {w["id"] for w in data.get("warnings") or () if isinstance(w.get("id"), str)}
    tasks = {(d.data or {}).get("id") for d in content.tasks} - {None}
    pages = content.known_item_ids | {str(t) for t in tasks}
    routine = content.routine
    # A file that failed may hold what is named (reported there): one message per mistake.
    checklists_complete = content.complete("checklist")
    tasks_complete = content.complete("task")
    for index, item in enumerate(urgent.get("items") or ()):
        if item not in texts and checklists_complete:
            yield _missing(routine, ("urgent", "items", index), item,
                           "bland rutinens steg och varningar med id", texts)
    page = urgent.get("page")
    if isinstance(page, str) and page not in pages and tasks_complete:
        yield _missing(routine, ("urgent", "page"), page,
                       "bland rutinens checklistor, uppgifter och beslutsstöd", pages)
    for index, task in enumerate(urgent.get("tasks") or ()):
        if task not in tasks and tasks_complete:
            yield _missing(routine, ("urgent", "tasks", index), task,
                           "bland rutinens uppgifter", {str(t) for t in tasks})
