"""Rule source-coverage."""

from __future__ import annotations

from collections.abc import Iterator

from rutin.check.trace import coverage
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
    if routine is None or source is None or routine.data is None:
        return
    register = [(u.get("text", ""), u.get("reason", ""))
                for u in routine.data.get("unquoted") or ()]
    result = coverage(source, content.traced, register)
    content.coverage = result  # for rutin check's line on success
    # A file that failed to load quotes sentences nobody else can see: not reported again.
    for use in result.uncovered if content.complete() else ():
        s = use.sentence
        part = "" if use.missing == s.text else f" (ej citerat: ”{use.missing}”)"
        yield Problem(source.path, s.line, 1, f"mening {s.number}",
                      f"meningen citeras inte och står inte i registret unquoted: "
                      f"”{s.text}”{part}", RULE_ID)
    # A register entry whose sentences the items' quotes already cover is not true.
    by_items = {u.sentence.number: u for u in coverage(source, content.traced, []).uses}
    for n, (text, _reason) in enumerate(register):
        sentences = {s.number for m in source.find(text) for a, b in m.spans
                     for s in source.sentences_in(a, b)}
        if sentences and all(not by_items[k].missing for k in sentences):
            users = ", ".join(sorted({u.owner_title for k in sentences
                                      for u in by_items[k].users}))
            yield routine.problem(("unquoted", n, "text"),
                                  f"meningen står i registret men citeras redan ({users}); "
                                  "ta bort den ur registret", RULE_ID, severity="warning")
