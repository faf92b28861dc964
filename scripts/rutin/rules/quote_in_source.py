"""Rule quote-in-source."""

from __future__ import annotations

from collections.abc import Iterator

from rutin.load.source_text import OMISSION
from rutin.load.yaml_reader import Document, FieldPath
from rutin.problem import Problem
from rutin.rules.content import RoutineContent

RULE_ID = "quote-in-source"
# A quote the source has nothing like: what the editor does instead of rewording it.
NOTHING_LIKE_IT = ("ingen mening i källan säger detta: ett nytt sakförhållande kräver en ny "
                   "version av rutinen (se ”Önskemål som källan inte stöder” i "
                   "redaktörsguiden; skriv önskemålet i `requests` i routine.yaml)")


# What a whole heading of the source may be the quote for: a task's stop that groups the
# section, or a question that asks which section applies. A step, warning or outcome
# rests on a sentence.
HEADING_KINDS = frozenset({"stop", "task-question", "checklist-question", "question"})


def _quotes(content: RoutineContent) -> Iterator[tuple[Document | None, FieldPath, str, bool]]:
    """(document, field path, quote, may it be a heading) for every quote in the folder.
    Purpose, scope and the change history are shown as written in the source: the text
    is its own quote."""
    for item in content.traced:
        doc = content.document(item.file)
        if item.verbatim:
            yield doc, item.path, item.text, False
            continue
        for i, quote in enumerate(item.quotes):
            yield doc, (*item.path, "quotes", i), quote, item.kind in HEADING_KINDS
    routine = content.routine
    if routine is None or routine.data is None:
        return
    for n, reading in enumerate(routine.data.get("interpretations") or ()):
        for i, quote in enumerate(reading.get("quotes") or ()):
            yield routine, ("interpretations", n, "quotes", i), quote, False
    for n, entry in enumerate(routine.data.get("unquoted") or ()):
        yield routine, ("unquoted", n, "text"), entry.get("text", ""), False


def check(content: RoutineContent) -> Iterator[Problem]:
    """Varje citat (`quotes`, tolkningarnas citat och registret `unquoted`) finns
    ordagrant i rutinens källtext (`source_file` i `routine.yaml`). Radbrytningar,
    sidbrytningar, mellanslag och citattecknens form spelar ingen roll; utelämnad text
    skrivs `…`. När citatet inte finns visas det närmaste stycket i källan med radnummer.

    Syftet (`purpose`), omfattningen (`scope`) och ändringshistoriken (`changelog`)
    visas som de står i källan och prövas på samma sätt. Ett stopp i en uppgift eller en
    fråga får också citera en hel rubrik ur källan (avsnittet det gäller); ett steg, en
    varning eller ett utfall citerar meningen.

    Godkänt: `quotes: ["Besöket skall ske inom 2 dagar."]`
    Fel: `quotes: ["Besöket ska ske inom 2 dagar."]` (källan skriver "skall")
    """
    routine = content.routine
    path = content.source_path
    if routine is None or path is None:
        return
    source = content.source
    if source is None:
        yield routine.problem(("source_file",), f"källtexten {path.name} finns inte eller "
                              "kan inte läsas som UTF-8 i rutinens mapp", RULE_ID)
        return
    for doc, field, quote, heading_allowed in _quotes(content):
        if doc is None or source.find(quote):
            continue
        if source.heading_named(quote) is not None:
            if not heading_allowed:
                yield doc.problem(field, "citatet är en rubrik i källan; citera meningen som "
                                  "innehållet vilar på (en rubrik räcker bara för ett stopp "
                                  "eller en fråga)", RULE_ID)
            continue
        message = "citatet finns inte i källan"
        nearest = source.nearest(quote)
        if nearest is not None and source.is_close(quote, nearest):
            message += f"; närmast (rad {nearest.line}): ”{nearest.text}”"
            if OMISSION not in quote and len(quote) < len(nearest.text):
                message += " (skriv … där text är utelämnad)"
        else:
            message += f"; {NOTHING_LIKE_IT}"
        yield doc.problem(field, message, RULE_ID)
