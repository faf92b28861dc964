"""Rule task-refs."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from rutin.load.yaml_reader import Document
from rutin.problem import Problem
from rutin.rules.content import RoutineContent
from rutin.rules.task_gates import decision_keys

RULE_ID = "task-refs"


def _steps(content: RoutineContent) -> dict[str, dict[str, Any]]:
    """Step id -> {"step": data, "questions": the home checklist's questions}."""
    found: dict[str, dict[str, Any]] = {}
    for doc in content.checklists:
        data = doc.data or {}
        questions = {q["id"]: q for q in data.get("questions") or ()}
        for step in data.get("steps") or ():
            found[step["id"]] = {"step": step, "questions": questions}
    return found


def _accepted(value: Any) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _task_problems(doc: Document, steps: dict[str, dict[str, Any]], decisions: set[str],
                   complete: bool = True) -> Iterator[Problem]:
    data = doc.data or {}
    asked = {q["id"]: {o["value"] for o in q["options"]} for q in data.get("questions") or ()}
    given: dict[str, str] = data.get("given") or {}
    seen: set[str] = set()
    home_questions: dict[str, set[str]] = {}
    gates = decision_keys(data, decisions)  # conditions on outcomes: rule task-gates
    for p, stop in enumerate(data.get("stops") or ()):
        for qid, value in (stop.get("when") or {}).items():
            if qid in gates:
                continue
            if qid not in asked:
                yield doc.problem(("stops", p, "when", qid), f"frågan ”{qid}” finns "
                                  "inte bland uppgiftens frågor (questions)", RULE_ID, key=True)
                continue
            for v in _accepted(value):
                if v not in asked[qid]:
                    yield doc.problem(("stops", p, "when", qid), f"”{v}” är inget "
                                      f"svar på frågan ”{qid}”", RULE_ID)
        for i, item in enumerate(stop.get("items") or ()):
            where = ("stops", p, "items", i)
            if item in seen:
                yield doc.problem(where, f"”{item}” finns redan i uppgiften; varje steg och "
                                  "beslutsstöd tas med en gång", RULE_ID)
            seen.add(item)
            if item in decisions:
                continue
            if item not in steps and not complete:
                continue  # it may be in the checklist that failed, reported there
            if item not in steps:
                near = difflib.get_close_matches(item, [*steps, *decisions], n=1)
                hint = f"; menade du ”{near[0]}”?" if near else ""
                yield doc.problem(where, f"”{item}” är varken ett steg i en checklista eller "
                                  f"ett beslutsstöd{hint}", RULE_ID)
                continue
            questions = steps[item]["questions"]
            for qid, value in (steps[item]["step"].get("when") or {}).items():
                home_questions[qid] = {o["value"] for o in questions[qid]["options"]} \
                    if qid in questions else set()
                if qid in given and given[qid] not in _accepted(value):
                    yield doc.problem(where, f"steget ”{item}” gäller bara när ”{qid}” är "
                                      f"{' eller '.join(_accepted(value))}, men uppgiften "
                                      f"anger ”{given[qid]}” (given): steget gäller aldrig "
                                      "här", RULE_ID)
                if qid in asked:
                    yield doc.problem(where, f"stegets fråga ”{qid}” har samma id som en av "
                                      "uppgiftens frågor; byt id på uppgiftens fråga", RULE_ID)
    for qid, value in given.items() if complete else ():
        if qid not in home_questions:
            yield doc.problem(("given", qid), f"”{qid}” är ingen fråga som uppgiftens steg "
                              "har villkor på", RULE_ID, key=True)
        elif value not in home_questions[qid]:
            yield doc.problem(("given", qid), f"”{value}” är inget svar på frågan ”{qid}”",
                              RULE_ID)


def check(content: RoutineContent) -> Iterator[Problem]:
    """En uppgift (`tasks/<id>.yaml`) hänvisar bara till det som finns: varje punkt i ett
    stopp är id för ett steg i en checklista eller för ett beslutsstöd, och tas med en
    gång per uppgift; ett stopps `when` frågar
    uppgiftens egna frågor med deras svar (eller ett beslutsstöds utfall, regeln
    task-gates); `given` svarar på en fråga som stegen har
    villkor på, och inget steg i uppgiften får bli ett steg som aldrig gäller.

    Godkänt: `items: ["tolk-via-e-post", "chatt-registrering"]` (ett steg och ett
    beslutsstöd som finns)
    Fel: `items: ["tolk-via-epost"]` (stavfel i id), samma steg två gånger, eller
    `given: {suicid-ar-psykolog-eller-lakare: "ja"}` med steget ”suicid-lamna-over” som
    bara gäller för svaret ”nej”
    """
    steps = _steps(content)
    decisions = {(d.data or {}).get("id") for d in content.decisions}
    for doc in sorted(content.tasks, key=lambda d: d.path):
        yield from _task_problems(doc, steps, {d for d in decisions if isinstance(d, str)},
                                  content.complete("checklist", "decision"))
