"""Rule source-coverage."""

from __future__ import annotations

from collections.abc import Iterator

from rutin.problem import Problem
from rutin.rules.content import RoutineContent

RULE_ID = "source-coverage"


def check(content: RoutineContent) -> Iterator[Problem]:
    """Varje mening i källtexten citeras någonstans, eller står i registret `unquoted`
    i `routine.yaml` med ett skäl. Rubriker, innehållsförteckning, länkadresser och
    sidfötter räknas inte. En mening som bara delvis citeras rapporteras med orden som
    saknas. En mening i registret som ändå citeras rapporteras också (registret ska
    vara sant).

    Godkänt: `unquoted: [{text: "Se ovan", reason: "Hänvisning inom dokumentet."}]`
    Fel: en mening i källan som varken citeras eller står i registret
    """
    routine = content.routine
    source = content.source
    result = content.coverage  # computed once, shown on the owner pages too
    if routine is None or source is None or result is None:
        return
    register = content.register
    # A file that failed to load quotes sentences nobody else can see: not reported again.
    for use in result.uncovered if content.complete() else ():
        s = use.sentence
        part = "" if use.missing == s.text else f" (ej citerat: ”{use.missing}”)"
        yield Problem(source.path, s.line, 1, f"mening {s.number}",
                      f"meningen citeras inte och står inte i registret unquoted: "
                      f"”{s.text}”{part}", RULE_ID)
    # A register entry whose sentences the items' quotes already cover is not true.
    by_number = {u.sentence.number: u for u in result.uses}
    for n, (text, _reason) in enumerate(register):
        sentences = {s.number for m in source.find(text) for a, b in m.spans
                     for s in source.sentences_in(a, b)}
        if sentences and all(not by_number[k].missing_by_items for k in sentences):
            users = ", ".join(sorted({u.owner_title for k in sentences
                                      for u in by_number[k].users}))
            yield routine.problem(("unquoted", n, "text"),
                                  f"meningen står i registret men citeras redan ({users}); "
                                  "ta bort den ur registret", RULE_ID, severity="warning")
