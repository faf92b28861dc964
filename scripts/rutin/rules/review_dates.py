"""Rule review-dates."""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterator

from rutin.problem import Problem
from rutin.rules.content import RoutineContent

RULE_ID = "review-dates"
SOON_DAYS = 30


def today() -> datetime.date:
    """Today, or RUTIN_TODAY (ÅÅÅÅ-MM-DD) so checks and tests are reproducible."""
    fixed = os.environ.get("RUTIN_TODAY")
    return datetime.date.fromisoformat(fixed) if fixed else datetime.date.today()


def check(content: RoutineContent) -> Iterator[Problem]:
    """Rutinens granskningsdatum (`review_by`) bevakas. Är det mindre än 30 dagar kvar
    visas en upplysning; har datumet passerat blir det en varning, som stoppar
    publiceringen när kontrollen körs med `--strict` (som i CI). Saknas `review_by`
    (rutindokumentet anger inget) kontrolleras ingenting – datumet hittas aldrig på.

    Godkänt: `review_by: "2027-01-01"` (mer än 30 dagar kvar), eller inget `review_by`
    när rutindokumentet inte anger något
    Fel: ett `review_by` som har passerat (en varning, som stoppar publiceringen)
    """
    if content.routine is None:
        return
    raw = (content.routine.data or {}).get("review_by")
    if not isinstance(raw, str):
        return
    try:
        review_by = datetime.date.fromisoformat(raw)
        valid_from = (content.routine.data or {}).get("valid_from")
        if isinstance(valid_from, str) and review_by <= datetime.date.fromisoformat(valid_from):
            return  # the dates rule reports the contradiction; one problem is enough
    except ValueError:
        return  # the dates rule reports it
    days = (review_by - today()).days
    if days < 0:
        yield content.routine.problem(
            ("review_by",),
            f"granskningsdatumet {review_by} har passerat ({-days} dagar sedan); "
            "granska rutinen och sätt ett nytt datum",
            RULE_ID,
            severity="warning",
        )
    elif days <= SOON_DAYS:
        yield content.routine.problem(
            ("review_by",),
            f"rutinen ska granskas senast {review_by} (om {days} dagar)",
            RULE_ID,
            severity="notice",
        )
