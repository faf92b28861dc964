"""Rule quote-in-source."""

from __future__ import annotations

from collections.abc import Iterator

from ..load import Document, FieldPath
from ..problem import Problem
from ..source import OMISSION
from .content import RoutineContent

RULE_ID = "quote-in-source"


def _quotes(content: RoutineContent) -> Iterator[tuple[Document | None, FieldPath, str]]:
    """(document, field path, quote) for every quote in the folder. Purpose, scope and
    the change history are shown as written in the source: the text is its own quote."""
    for item in content.traced:
        doc = content.document(item.file)
        if item.verbatim:
            yield doc, item.path, item.text
            continue
        for i, quote in enumerate(item.quotes):
            yield doc, (*item.path, "quotes", i), quote
    routine = content.routine
    if routine is None or routine.data is None:
        return
    for n, reading in enumerate(routine.data.get("interpretations") or ()):
        for i, quote in enumerate(reading.get("quotes") or ()):
            yield routine, ("interpretations", n, "quotes", i), quote
    for n, entry in enumerate(routine.data.get("unquoted") or ()):
        yield routine, ("unquoted", n, "text"), entry.get("text", "")


def check(content: RoutineContent) -> Iterator[Problem]:
    """Varje citat (`quotes`, tolkningarnas citat och registret `unquoted`) finns
    ordagrant i rutinens källtext (`source_file` i `routine.yaml`). Radbrytningar,
    sidbrytningar, mellanslag och citattecknens form spelar ingen roll; utelämnad text
    skrivs `…`. När citatet inte finns visas det närmaste stycket i källan med radnummer.

    Syftet (`purpose`), omfattningen (`scope`) och ändringshistoriken (`changelog`)
    visas som de står i källan och prövas på samma sätt. Ett citat får också vara en hel
    rubrik ur källan (t.ex. ett stopp i en uppgift som vilar på ett avsnitt).

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
    for doc, field, quote in _quotes(content):
        if doc is None or source.find(quote) or source.heading_named(quote):
            continue
        message = "citatet finns inte i källan"
        nearest = source.nearest(quote)
        if nearest is not None:
            message += f"; närmast (rad {nearest.line}): ”{nearest.text}”"
            if OMISSION not in quote and len(quote) < len(nearest.text):
                message += " (skriv … där text är utelämnad)"
        yield doc.problem(field, message, RULE_ID)
