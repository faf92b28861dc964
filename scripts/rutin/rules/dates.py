"""Rule dates."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from rutin.load.yaml_reader import Document, FieldPath
from rutin.problem import Problem
from rutin.rules.content import RoutineContent

RULE_ID = "dates"


def _date(doc: Document, path: FieldPath, value: Any,
          problems: list[Problem]) -> datetime.date | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        problems.append(doc.problem(path, f"\"{value}\" är inget datum som finns i "
                                    "kalendern (ÅÅÅÅ-MM-DD)", RULE_ID))
        return None


def check(content: RoutineContent) -> Iterator[Problem]:
    """Datum skrivs ÅÅÅÅ-MM-DD inom citattecken och måste finnas i kalendern
    (inte `"2026-02-30"`). `review_by` (granskas senast) ska ligga efter `valid_from`
    (gäller från). Ändringshistoriken (`changelog`) står med den nyaste ändringen först.

    Godkänt: `valid_from: "2026-01-01"` och `review_by: "2027-01-01"`
    Fel: `valid_from: "2026-02-30"`, eller `review_by: "2025-12-31"` med
    `valid_from: "2026-01-01"`
    """
    for doc in content.documents:
        problems: list[Problem] = []
        data = doc.data or {}
        _date(doc, ("changed",), data.get("changed"), problems)
        if doc is content.routine:
            valid_from = _date(doc, ("valid_from",), data.get("valid_from"), problems)
            review_by = _date(doc, ("review_by",), data.get("review_by"), problems)
            if valid_from and review_by and review_by <= valid_from:
                problems.append(doc.problem(
                    ("review_by",), f"review_by ({review_by}) ska ligga efter valid_from "
                    f"({valid_from})", RULE_ID))
            previous: datetime.date | None = None
            for index, change in enumerate(data.get("changelog") or ()):
                date = _date(doc, ("changelog", index, "date"), change.get("date"), problems)
                if date and previous and date > previous:
                    problems.append(doc.problem(
                        ("changelog", index, "date"), f"ändringshistoriken ska stå med "
                        f"nyast först: {date} står efter {previous}", RULE_ID))
                previous = date or previous
        yield from problems
