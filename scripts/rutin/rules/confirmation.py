"""Rule interpretation-confirmation."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from rutin.problem import Problem
from rutin.rules.content import RoutineContent
from rutin.rules.review_dates import today

RULE_ID = "interpretation-confirmation"


def check(content: RoutineContent) -> Iterator[Problem]:
    """En tolkning med `status: "bekräftad"` visar att rutinägaren har bekräftat den:
    `confirmed_by` är id eller namn för en roll som rutinen anger under `roles` (aldrig en
    persons namn, och aldrig en roll som inte finns i rutinen), `confirmed_on` ligger
    inte i framtiden, och `edits` i `routine.yaml` har en post med samma datum som säger
    vad som bekräftades. I förrådet kräver ändringen dessutom rutinägarens godkännande
    (CODEOWNERS): en bekräftelse som redaktören skriver själv går inte igenom
    granskningen.

    Godkänt: `status: "bekräftad"`, `confirmed_by: "verksamhetschef"`,
    `confirmed_on: "2026-11-20"` och en post i `edits` daterad 2026-11-20
    Fel: `confirmed_by: "Rutinägare"` när rutinen inte har någon sådan roll, ett datum
    efter dagens, eller ingen post i `edits` för datumet
    """
    routine = content.routine
    if routine is None or routine.data is None:
        return
    data = routine.data
    roles = {name for role in data.get("roles") or () for name in
             (role.get("id"), role.get("title")) if isinstance(name, str)}
    edits = {e.get("date") for e in data.get("edits") or () if isinstance(e, dict)}
    for n, reading in enumerate(data.get("interpretations") or ()):
        if reading.get("status") != "bekräftad":
            continue
        by, on = reading.get("confirmed_by"), reading.get("confirmed_on")
        if isinstance(by, str) and by not in roles:
            known = ", ".join(f"”{r.get('id')}”" for r in data.get("roles") or ())
            yield routine.problem(
                ("interpretations", n, "confirmed_by"),
                f"”{by}” är ingen roll i rutinen: skriv id för rollen som bekräftade "
                f"tolkningen, en av {known or 'rollerna under roles'} (en roll, aldrig en "
                "persons namn)", RULE_ID)
        if not isinstance(on, str):
            continue
        try:
            when = datetime.date.fromisoformat(on)
        except ValueError:
            continue  # rule dates reports it
        # The real date too: RUTIN_TODAY pins an earlier day for reproducible review
        # notices, and a confirmation made since then is not in the future.
        if when > max(today(), datetime.date.today()):
            yield routine.problem(("interpretations", n, "confirmed_on"),
                                  f"{on} ligger i framtiden: skriv dagen då rutinägaren "
                                  "bekräftade tolkningen", RULE_ID)
        if on not in edits:
            yield routine.problem(
                ("interpretations", n, "confirmed_on"),
                f"edits saknar en post daterad {on}: skriv där att rutinägaren bekräftade "
                f"tolkningen ”{reading.get('id')}”", RULE_ID)
