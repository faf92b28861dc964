"""Rule quote-required."""

from __future__ import annotations

from collections.abc import Iterator

from rutin.check.trace import KIND_LABEL, REQUIRED
from rutin.problem import Problem
from rutin.rules.content import RoutineContent

RULE_ID = "quote-required"
# What the message calls an item whose label names its page rather than the item.
_SUBJECT = {"term": "begrepp i ordlistan"}


def check(content: RoutineContent) -> Iterator[Problem]:
    """När rutinen har en källtext (`source_file`) bär allt som personalen handlar efter
    sitt citat ur källan i `quotes`: varje steg, varning, upplysning, utfall och åtgärd i
    beslutsstöd, frasmall, avsnitt på översiktssidan och begrepp i ordlistan (`glossary`:
    förklaringen påstår fakta och citerar meningarna den vilar på; det rutinen inte
    förklarar, ”Rutinen förklarar inte vad X är”, behöver inget citat). Ett utfall som
    rutinen inte anger (`not_stated: true`) citerar vad källan säger i närheten.

    Godkänt: ett steg med `quotes: ["Välj kontakttyp Distansbesök - video."]`
    Fel: ett steg utan `quotes`
    """
    if content.source_path is None:
        return
    for item in content.traced:
        if item.kind not in REQUIRED or item.quotes:
            continue
        doc = content.document(item.file)
        if doc is None:
            continue
        subject = _SUBJECT.get(item.kind, KIND_LABEL[item.kind].lower())
        yield doc.problem(item.path, f"{subject} utan citat ur källan: lägg till quotes "
                          "med stycket i källtexten som det vilar på", RULE_ID)
