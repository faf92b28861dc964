"""Rule task-gates."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from rutin.load.yaml_reader import Document
from rutin.problem import Problem
from rutin.rules.content import RoutineContent

RULE_ID = "task-gates"


def _accepted(value: Any) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def decision_keys(data: dict[str, Any], decisions: set[str]) -> set[str]:
    """The keys of a task's stop conditions that name a decision table rather than one of
    the task's own questions (rule task-refs leaves them to this rule)."""
    asked = {q["id"] for q in data.get("questions") or ()}
    return {key for stop in data.get("stops") or ()
            for key in stop.get("when") or {} if key in decisions and key not in asked}


def _task_problems(doc: Document, rules_of: dict[str, list[str]]) -> Iterator[Problem]:
    data = doc.data or {}
    gated = decision_keys(data, set(rules_of))
    earlier: set[str] = set()
    for p, stop in enumerate(data.get("stops") or ()):
        items = set(stop.get("items") or ())
        for key, value in (stop.get("when") or {}).items():
            if key not in gated:
                continue
            where = ("stops", p, "when", key)
            if key in items:
                yield doc.problem(where, f"stoppet kan inte gälla bara för ett utfall av "
                                  f"beslutsstödet ”{key}”, som står i samma stopp; flytta "
                                  "villkoret till ett senare stopp", RULE_ID, key=True)
                continue
            if key not in earlier:
                later = any(key in (q.get("items") or ())
                            for q in (data.get("stops") or ())[p + 1:])
                place = "kommer först i ett senare stopp" if later else "finns inte i uppgiften"
                yield doc.problem(where, f"beslutsstödet ”{key}” {place}; ett stopp kan bara "
                                  "gälla för utfallet av ett beslutsstöd i ett tidigare stopp",
                                  RULE_ID, key=True)
                continue
            for i, rule_id in enumerate(_accepted(value)):
                if rule_id in rules_of[key]:
                    continue
                near = difflib.get_close_matches(rule_id, rules_of[key], n=1)
                hint = f"; menade du ”{near[0]}”?" if near else ""
                at = where if isinstance(value, str) else (*where, i)
                yield doc.problem(at, f"”{rule_id}” är ingen regel i beslutsstödet ”{key}”"
                                  f"{hint}", RULE_ID)
        earlier.update(items)


def check(content: RoutineContent) -> Iterator[Problem]:
    """Ett stopp i en uppgift kan gälla bara för vissa utfall av ett beslutsstöd: i
    stoppets `when` står beslutsstödets id med regelns id (eller en lista av regler) som
    värde. Beslutsstödet ska finnas i ett tidigare stopp i samma uppgift, och reglerna i
    beslutsstödet. Så länge beslutsstödet inte har gett något utfall döljer villkoret
    ingenting, som en obesvarad fråga.

    Godkänt: `when: {chatt-registrering: "registrering-ankomstregistrera-chatt"}` på ett
    stopp efter stoppet med beslutsstödet ”chatt-registrering”
    Fel: beslutsstödet i samma eller ett senare stopp, eller en regel som inte finns
    (`when: {chatt-registrering: "ankomstregistrera"}`)
    """
    rules_of: dict[str, list[str]] = {}
    for doc in content.decisions:
        data = doc.data or {}
        if isinstance(data.get("id"), str):
            rules_of[data["id"]] = [r["id"] for r in data.get("rules") or ()]
    for doc in sorted(content.tasks, key=lambda d: d.path):
        yield from _task_problems(doc, rules_of)
