"""Rule quote-form."""

from __future__ import annotations

from collections.abc import Iterator

from rutin.check.trace import REQUIRED, Traced
from rutin.load.source_text import OMISSION, SourceText
from rutin.problem import Problem
from rutin.rules.content import RoutineContent
from rutin.rules.quote_in_source import HEADING_KINDS
from rutin.rules.quoted import (
    MIN_PART_WORDS,
    MIN_WORDS,
    NEGATION,
    cut_in_clause,
    omission_removes,
    place,
    whole_sentences,
    words,
)

RULE_ID = "quote-form"


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _word_at(text: str, index: int) -> str:
    """The whole word of `text` around `index`."""
    start, end = index, index
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return text[start:end]


def cut_word(source: SourceText, quote: str) -> tuple[str, str] | None:
    """("börjar"/"slutar", the word) when every occurrence of the quote starts or ends a
    part inside a word of the source (”bemannad” out of ”obemannad”, ”12” out of
    ”112”); None when one occurrence keeps whole words."""
    text = source.reading
    first: tuple[str, str] | None = None
    for match in source.find(quote):
        cut = None
        for start, end in match.spans:
            if 0 < start < len(text) and text[start - 1].isalnum() and text[start].isalnum():
                cut = cut or ("börjar", _word_at(text, start))
            if 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
                cut = cut or ("slutar", _word_at(text, end))
        if cut is None:
            return None
        first = first or cut
    return first


def quote_problems(source: SourceText, quote: str, kind: str) -> list[str]:
    """What is wrong with one quote's form (empty when it is whole enough to rest on)."""
    if kind in HEADING_KINDS and source.heading_named(quote) is not None:
        return []  # a whole heading, for a stop or a question (see quote-in-source)
    placed = place(source, quote)
    if placed is None:
        return []  # not in the source: quote-in-source reports it
    found = []
    cut_in_word = cut_word(source, quote)
    if cut_in_word is not None:
        found.append(f"citatet {cut_in_word[0]} mitt i ordet ”{cut_in_word[1]}” i källan: "
                     "citera hela ord, så att inget förled eller ändelse (o-, in-, -lös) "
                     "försvinner")
    count = len(words(quote))
    if count < MIN_WORDS and not whole_sentences(source, placed):
        sentence = placed.sentence_text
        found.append(f"citatet är bara {count} ord och ingen hel mening: citera hela "
                     f"meningen eller minst {MIN_WORDS} ord i följd (meningen: "
                     f"”{_short(sentence)}”)")
    parts = [words(p) for p in quote.split(OMISSION)]
    if len(placed.spans) > 1 and any(len(p) < MIN_PART_WORDS for p in parts if p):
        found.append(f"varje del mellan {OMISSION} ska ha minst {MIN_PART_WORDS} ord: "
                     "citera sammanhängande text")
    removed = omission_removes(source, placed)
    if removed:
        said = ", ".join(f"”{w}”" for w in dict.fromkeys(w.lower() for w in removed))
        found.append(f"utelämningen ({OMISSION}) tar bort {said} ur meningen: en negation, "
                     "ett villkor eller ett modalt verb får inte utelämnas; citera texten "
                     "med dem")
    cut = NEGATION.findall(cut_in_clause(source, placed))
    if cut:
        said = ", ".join(f"”{w}”" for w in dict.fromkeys(w.lower() for w in cut))
        found.append(f"citatet skär bort {said} i samma sats: börja eller sluta citatet "
                     "så att negationen kommer med")
    return found


def _items(content: RoutineContent) -> Iterator[Traced]:
    for item in content.traced:
        if item.kind in REQUIRED and not item.verbatim and item.quotes:
            yield item


def check(content: RoutineContent) -> Iterator[Problem]:
    """Ett citat som ett steg, en varning, en upplysning, ett utfall, en åtgärd, en
    fråga, ett stopp, en frasmall, ett avsnitt eller ett begrepp i ordlistan vilar på är
    hela meningar ur källan, eller minst 4 ord i följd. Fyra ord är den kortaste svenska
    satsen som bär vem eller vad, ett modalt verb och handlingen (”patienten ska
    kontaktas direkt”); ett kortare stycke (”ska”, ”och”, ”via telefon”) säger inte det
    som steget påstår. Vid en
    utelämning (`…`) har varje del minst 2 ord, och det utelämnade får inte innehålla en
    negation (inte, ej, aldrig, utan, ingen …), ett villkor (om, när, vid, tills, i de
    fall, endast …) eller ett modalt verb (ska, måste, bör, får, kan, rekommenderas …);
    en parentes får utelämnas. Citatet får inte heller börja eller sluta så att en
    negation i samma sats skärs bort (”behöver inte | dokumentera samtalet”), och det
    börjar och slutar med hela ord (”bemannad” ur ”obemannad” säger motsatsen). Ett stopp
    eller en fråga får citera en hel rubrik, som i `quote-in-source`.

    Godkänt: `quotes: ["Om patienten uteblir från videobesöket ska patienten direkt
    kontaktas via telefon"]`
    Fel: `quotes: ["ska"]` eller `quotes: ["Platform24 … slut"]`
    Fel: `quotes: ["Personalen behöver … dokumentera samtalet."]` där `…` står för ”inte”
    """
    source = content.source
    if source is None or content.source_path is None:
        return
    documents = {d.path: d for d in content.documents}
    for item in _items(content):
        doc = documents.get(item.file)
        if doc is None:
            continue
        for i, quote in enumerate(item.quotes):
            for message in quote_problems(source, quote, item.kind):
                yield doc.problem((*item.path, "quotes", i), message, RULE_ID)
