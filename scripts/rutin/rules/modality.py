"""Rule modality."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

from rutin.check.trace import Traced
from rutin.load.source_text import SourceText, normalize
from rutin.problem import Problem
from rutin.rules.condition_kept import CONDITION
from rutin.rules.content import RoutineContent
from rutin.rules.quoted import per_quote, place

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


RANK: dict[Modality, int] = {"kan": 1, "bör": 2, "ska": 3, "neutral": 3}
# A "kan" or "får" in a subordinate clause ("… formulärinnehåll som kan sammanfattas",
# "Förklara … att vi inte kan handlägga ärendet") says what is possible, not what the
# sentence asks of staff: it does not weaken the sentence.
_WEAK_IN_CLAUSE = re.compile(r"\b(att|som|där|vilket|eftersom)\b[^,.;:]*?\b(kan|får)\b",
                             re.I)


def _main_clause(sentence: str) -> str:
    return _WEAK_IN_CLAUSE.sub(lambda m: m.group(0)[: -len(m.group(2))], sentence)


def quote_modality(source: SourceText, quote: str) -> Modality | None:
    """What a quote supports, judged on the whole source sentence(s) it lies in: a
    fragment of a "bör" sentence is a "bör" however it is cut. A fragment that carries a
    weaker word of its own ("… och kan då …" in a "ska" sentence) is that weaker word,
    and an aside in parentheses is read on its own.
    None for a quote that is not in the running text (a heading, or not found)."""
    return per_quote(source, "modality", quote, _quote_modality)


def _quote_modality(source: SourceText, quote: str) -> Modality | None:
    placed = place(source, quote)
    if placed is None:
        return None
    best: Modality | None = None
    for sentence in placed.sentences:
        found = sentence_modality(_main_clause(sentence.text))
        piece = " ".join(source.reading[max(a, sentence.start):min(b, sentence.end)]
                         for a, b in placed.spans if a < sentence.end and b > sentence.start)
        own = sentence_modality(_main_clause(piece))
        if piece.strip().startswith("(") and piece.strip().rstrip(".").endswith(")"):
            found = own  # an aside in parentheses says its own thing
        elif own != "neutral" and RANK[own] < RANK[found]:
            found = own
        if best is None or RANK[found] > RANK[best]:
            best = found
    return best


def item_modality_in(source: SourceText | None, quotes: tuple[str, ...]) -> Modality:
    """The strongest modality that all the quotes' sentences support: the weakest modal
    word among them decides. A sentence without one (a description, an instruction) is
    an instruction when it stands alone, but it does not lift a "bör" or a "kan" of the
    other quotes to a must."""
    if source is None:
        return item_modality(quotes)
    found = [m for q in quotes if (m := quote_modality(source, q)) is not None]
    said = [m for m in found if m != "neutral"]
    return min(said, key=RANK.__getitem__) if said else "ska"


def _read_by_owner(quotes: tuple[str, ...], readings: tuple[str, ...]) -> tuple[str, ...]:
    """The quotes less those an interpretation of the item reads (its quotes overlap):
    the reading, which the routine owner confirms, says what the words oblige to (e.g.
    "får … göras så långt som möjligt" read as an obligation, not a permission)."""
    if not readings:
        return quotes
    read = [normalize(r) for r in readings]
    return tuple(q for q in quotes
                 if not any(r in normalize(q) or normalize(q) in r for r in read))


def _problems(item: Traced, source: SourceText | None,
              readings: tuple[str, ...] = ()) -> Iterator[tuple[str, tuple[str | int, ...]]]:
    modality = item_modality_in(source, _read_by_owner(item.quotes, readings))
    if modality == "ska":
        return
    if item.critical and item.kind in ("step", "outcome"):
        yield (f"kan inte vara kritiskt (critical) när citaten bara säger ”{modality}”: "
               "ta bort critical (ett citat till gör det inte till ett måste)"), ("critical",)
    if not SHOWS[modality].search(item.text):
        words = "bör, rekommenderas eller gärna" if modality == "bör" else \
            "kan, får, går att eller vid behov"
        yield (f"citaten säger ”{modality}”, men texten läses som ett måste: skriv ut det "
               f"({words})"), ("text",)


def check(content: RoutineContent) -> Iterator[Problem]:
    """Ett steg, en varning, ett utfall eller en åtgärd som bara vilar på ”bör”,
    ”rekommenderas”, ”gärna” eller ”kan” i källan får inte läsas som ett måste: texten
    visar det (”bör”, ”rekommenderas”, ”kan”, ”vid behov” …), och steget eller utfallet
    får inte vara kritiskt (`critical`). Det är hela meningen i källan som citatet står i
    som avgör, inte den bit som citeras: en bit utan ”bör” ur en mening med ”bör” är
    fortfarande en rekommendation. En mening med ”ska”, ”måste”, ”krävs” eller en
    uppmaning (”Välj …”) är ett måste; en bit med ett eget svagare ord (”… och kan då …”)
    är det svagare. Med flera citat gäller det som alla citatens meningar stöder: ett
    citat till ur en ska-mening gör inte en rekommendation till ett måste. En mening som
    en av punktens tolkningar (`interpretations`) citerar läses som tolkningen säger
    (rutinägaren bekräftar den) och räknas inte här.

    Godkänt: `text: "Skapa gärna patienten manuellt i Clinic24 (rekommenderas) …"` med
    citatet ”… rekommenderas därför att man manuellt skapar patienten i Clinic24 …”
    Fel: samma citat med `text: "Skapa patienten manuellt i Clinic24."` och
    `critical: true`
    Fel: `text: "Bjud in tolken via e-post."` med citatet ”tolken bjudas in via e-post”
    ur meningen ”Vid behov av tolk bör tolken bjudas in via e-post.”
    """
    routine = content.routine.data if content.routine is not None else None
    reading_quotes = {r["id"]: tuple(r.get("quotes") or ())
                      for r in (routine or {}).get("interpretations") or ()}
    for item, doc in content.quoted(KINDS):
        readings = tuple(q for i in item.interpretations for q in reading_quotes.get(i, ()))
        for message, tail in _problems(item, content.source, readings):
            field = (*item.path, *tail)
            if item.kind == "outcome" and tail == ("text",):
                field = (*item.path, "outcome")
            if item.kind == "outcome" and tail == ("critical",):
                field = (*item.path, "critical")
            yield doc.problem(field, message, RULE_ID)
