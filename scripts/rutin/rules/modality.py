"""Rule modality."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

from ..problem import Problem
from ..trace import Traced
from .condition_kept import CONDITION
from .content import RoutineContent

RULE_ID = "modality"

Modality = Literal["ska", "bör", "kan", "neutral"]

_STRONG = re.compile(r"\b(ska|skall|måste|krävs|kräver|behöver|viktigt|alltid|endast)\b", re.I)
_RECOMMEND = re.compile(r"\b(bör|rekommenderas|gärna)\b", re.I)
_MAY = re.compile(r"\b(kan|får|möjligt|går att)\b", re.I)
_SENTENCES = re.compile(r"(?<=[.!?:])\s+")
# Words in an item's own text that show a recommendation or a possibility.
SHOWS: dict[Modality, re.Pattern[str]] = {
    "bör": re.compile(r"\b(bör|rekommenderas|rekommendation\w*|gärna)\b", re.I),
    "kan": re.compile(r"\b(bör|rekommenderas|gärna|kan|får|går att|möjligt|vid behov|"
                      r"om det är aktuellt|valfritt)\b", re.I),
}
KINDS = frozenset({"step", "action", "outcome", "warning"})
# A condition clause that ends at a comma ("Om ingen kontakt … går att få till stånd,").
_CONDITION_BEFORE_COMMA = re.compile(CONDITION.pattern + r"(?=,)", re.I)


def sentence_modality(sentence: str) -> Modality:
    """The sentence's main clause decides: "Om ingen kontakt går att få …, så avslutas
    kontakten" is not a "kan" (the condition is condition-kept's business)."""
    sentence = _CONDITION_BEFORE_COMMA.sub(" ", sentence)
    if _STRONG.search(sentence):
        return "ska"
    if _RECOMMEND.search(sentence):
        return "bör"
    if _MAY.search(sentence):
        return "kan"
    return "neutral"


def item_modality(quotes: tuple[str, ...]) -> Modality:
    """The strongest modality among the quoted sentences: an item rests on "bör" or
    "kan" only when none of its quoted sentences says more (a must, or an instruction)."""
    found = {sentence_modality(s) for q in quotes for s in _SENTENCES.split(q) if s.strip()}
    if not found or found & {"ska", "neutral"}:
        return "ska"
    return "bör" if "bör" in found else "kan"


def _problems(item: Traced) -> Iterator[tuple[str, tuple[str | int, ...]]]:
    modality = item_modality(item.quotes)
    if modality == "ska":
        return
    if item.critical and item.kind in ("step", "outcome"):
        yield (f"kan inte vara kritiskt (critical) när citaten bara säger ”{modality}”: "
               "ta bort critical eller citera det som gör steget till ett måste"), ("critical",)
    if not SHOWS[modality].search(item.text):
        words = "bör, rekommenderas eller gärna" if modality == "bör" else \
            "kan, får, går att, vid behov eller bör"
        yield (f"citaten säger ”{modality}”, men texten läses som ett måste: skriv ut det "
               f"({words})"), ("text",)


def check(content: RoutineContent) -> Iterator[Problem]:
    """Ett steg, en varning, ett utfall eller en åtgärd som bara vilar på ”bör”,
    ”rekommenderas”, ”gärna” eller ”kan” i källan får inte läsas som ett måste: texten
    visar det (”bör”, ”rekommenderas”, ”kan”, ”vid behov” …), och steget eller utfallet
    får inte vara kritiskt (`critical`) på det citatet ensamt. Ett citat som också har en
    mening med ”ska”, ”måste”, ”krävs” eller en uppmaning (”Välj …”) räknas som ett måste.

    Godkänt: `text: "Skapa gärna patienten manuellt i Clinic24 (rekommenderas) …"` med
    citatet ”… rekommenderas därför att man manuellt skapar patienten i Clinic24 …”
    Fel: samma citat med `text: "Skapa patienten manuellt i Clinic24."` och
    `critical: true`
    """
    for item, doc in content.quoted(KINDS):
        for message, tail in _problems(item):
            field = (*item.path, *tail)
            if item.kind == "outcome" and tail == ("text",):
                field = (*item.path, "outcome")
            if item.kind == "outcome" and tail == ("critical",):
                field = (*item.path, "critical")
            yield doc.problem(field, message, RULE_ID)
