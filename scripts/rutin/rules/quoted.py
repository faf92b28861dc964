"""Where a quote lies in the source: the whole sentences around it, and the words it cut.

The quote rules judge an item by the source's sentences, not by the fragment the editor
chose: a fragment of a "bör" sentence is still a recommendation, a fragment after "Om …"
is still conditional. This module places a quote in `SourceText` (found once per source:
`SourceText.find` caches) and names the word classes the rules compare (negations,
conditions, modal verbs, roles, channels, numbers, durations).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeVar

from rutin.load.source_text import Sentence, SourceText, normalize

WORD = re.compile(r"\w+(?:-\w+)*")

# A fragment shorter than this (in words) that is not a whole sentence says too little to
# rest an item on: "ska", "och", "kontaktas via telefon". Four words is the shortest
# Swedish clause that carries who or what, a modal verb and the action ("patienten ska
# kontaktas direkt"); three-word fragments in the content were noun phrases.
MIN_WORDS = 4
# Each part of a quote with an omission (`…`) says something of its own.
MIN_PART_WORDS = 2

NEGATION = re.compile(r"\b(inte|ej|icke|aldrig|utan|ingen|inget|inga|ingenting|varken|"
                      r"utom|förutom)\b", re.I)
CONDITION_WORD = re.compile(r"\b(om|när|vid|såvida|ifall|i de fall|förutsatt|tills|"
                            r"annars|endast|bara)\b", re.I)
MODAL_WORD = re.compile(r"\b(ska|skall|måste|bör|får|kan|kunna|rekommenderas|behöver|"
                        r"krävs|kräver|gärna|möjligt|alltid)\b", re.I)
# Where a clause ends inside a sentence: a cut-away negation past one of these belongs to
# another clause.
_CLAUSE_END = re.compile(r"[,;:()]|\s[-–]\s")


@dataclass(frozen=True)
class Placed:
    """One quote as it lies in the source (its first occurrence)."""

    quote: str
    spans: tuple[tuple[int, int], ...]  # reading-text spans of the quote's parts
    sentences: tuple[Sentence, ...]  # the whole text sentences the parts lie in

    @property
    def sentence_text(self) -> str:
        return " ".join(s.text for s in self.sentences)


T = TypeVar("T")

# What the rules work out per quote, for the last source read (SourceText is not
# hashable, and a check reads one source at a time): {cache name: {quote: value}}.
_memo: tuple[SourceText, dict[str, dict[str, Any]]] | None = None


def memo(source: SourceText, name: str) -> dict[str, Any]:
    """A cache of per-quote results that lives as long as this source is the current one."""
    global _memo
    if _memo is None or _memo[0] is not source:
        _memo = (source, {})
    return _memo[1].setdefault(name, {})


def per_quote(source: SourceText, name: str, quote: str,
              work: Callable[[SourceText, str], T]) -> T:
    """`work(source, quote)`, worked out once per quote while this source is current."""
    cache = memo(source, name)
    if quote not in cache:
        cache[quote] = work(source, quote)
    result: T = cache[quote]
    return result


def place(source: SourceText, quote: str) -> Placed | None:
    """The quote's first occurrence with its sentences; None when it is not in the running
    text (not found, or a heading: quote-in-source decides about those)."""
    return per_quote(source, "place", quote, _place)


def _place(source: SourceText, quote: str) -> Placed | None:
    found = source.find(quote)
    if not found:
        return None
    spans = found[0].spans
    sentences: list[Sentence] = []
    for a, b in spans:
        for s in source.sentences_in(a, b):
            if s not in sentences:
                sentences.append(s)
    return Placed(quote, spans, tuple(sentences))


def words(text: str) -> list[str]:
    return WORD.findall(text)


def whole_sentences(source: SourceText, placed: Placed) -> bool:
    """True when the quote (without omissions) starts where a sentence starts and ends
    where one ends: only punctuation is left out at either end."""
    if len(placed.spans) != 1 or not placed.sentences:
        return False
    start, end = placed.spans[0]
    first, last = placed.sentences[0], placed.sentences[-1]
    return (not WORD.search(source.reading[first.start:max(start, first.start)])
            and not WORD.search(source.reading[min(end, last.end):last.end]))


def omitted(source: SourceText, placed: Placed) -> list[str]:
    """The source text each `…` of the quote leaves out."""
    return [source.reading[a_end:b_start]
            for (_, a_end), (b_start, _) in zip(placed.spans, placed.spans[1:], strict=False)]


def cut_in_clause(source: SourceText, placed: Placed) -> str:
    """The words the quote cuts away at its ends inside the clause it starts or ends in:
    "Personalen behöver inte | dokumentera samtalet" cuts "behöver inte"."""
    if not placed.sentences:
        return ""
    start, end = placed.spans[0][0], placed.spans[-1][1]
    first, last = placed.sentences[0], placed.sentences[-1]
    before = source.reading[first.start:max(start, first.start)]
    after = source.reading[min(end, last.end):last.end]
    # Only what lies in the same clause as the quote's first and last word.
    before = _CLAUSE_END.split(before)[-1] if before else ""
    after = _CLAUSE_END.split(after)[0] if after else ""
    return f"{before} {after}".strip()


# --- Word classes an item's text must share with its quotes' sentences -----------------

# Each class: its name (what a message shows) and the pattern that finds it in lowercase
# text. Swedish inflection is covered by the patterns (a stem and any ending), compounds
# by a stem at the start of the word.
ROLES: dict[str, re.Pattern[str]] = {name: re.compile(pattern) for name, pattern in {
    "sjuksköterska": r"\b\w*sjukskötersk\w*",
    "psykolog": r"\bpsykolog\w*",
    "läkare": r"\bläkar\w*",
    "vårdpersonal": r"\b\w*personal\w*",
    "tolk": r"\btolk(?:en|ar|arna|arnas|ens|tjänst\w*)?\b",
    "vårdnadshavare": r"\bvårdnadshavar\w*",
    "kurator": r"\bkurator\w*",
    "ombud": r"\bombud\w*",
    "gäst": r"\bgäst\w*",
    "kollega": r"\bkolleg\w*",
    "anhörig": r"\banhörig\w*",
    "beredskapsjour": r"\b\w*jour(?:en|er|erna)?\b",
    "verksamhetschef": r"\b\w*chef(?:en|er|erna|ens)?\b",
    "kontaktperson": r"\bkontaktperson\w*",
    "barn": r"\bbarn(?:et|ets|en|ens)?\b",
    "patient": r"\b(?:patient(?:en|ens|er|erna|ernas)?|invånar(?:e|en|ens|na|nas))\b",
}.items()}
CHANNELS: dict[str, re.Pattern[str]] = {name: re.compile(pattern) for name, pattern in {
    "e-post": r"\b(?:e-?post\w*|mejl\w*|e-?mail\w*)",
    "sms": r"\bsms\w*",
    "telefon": r"\b(?:telefon\w*|ring(?:a|er|as|de|des|t|ts)?\b)",
    "chatt": r"\bchatt\w*",
    "video": r"\bvideo\w*",
    "brev": r"\b\w*brev(?:et|en|s)?\b",
    "1177": r"\b1177\b",
    "Cosmic": r"\bcosmic\b",
    "Clinic24": r"\bclinic(?:24)?\b",
    "Platform24": r"\bplatform(?:24)?\b",
}.items()}
DURATIONS: dict[str, re.Pattern[str]] = {name: re.compile(pattern) for name, pattern in {
    "minut": r"\bminut\w*",
    "timme": r"\btim(?:me|men|mar|marna)\b",
    "dag": r"\b(?:dag|dagar|dagen|dagarna|dagens|dygn\w*|vardag\w*)\b",
    "vecka": r"\bveck(?:a|an|or|orna)\b",
    "månad": r"\bmånad\w*",
    "år": r"\bår(?:et|en)?\b",
}.items()}
NEGATIONS: dict[str, re.Pattern[str]] = {name: re.compile(pattern) for name, pattern in {
    # "Nej" is the answer of a question an item's condition names.
    "inte": r"\b(?:inte|ej|icke|nej|ingen|inget|inga|ingenting)\b",
    "aldrig": r"\baldrig\b",
    "utan": r"\butan\b",
}.items()}
MODALS: dict[str, re.Pattern[str]] = {name: re.compile(pattern) for name, pattern in {
    "ska": r"\b(?:ska|skall|måste|krävs|kräver|behöver)\b",
    "bör": r"\b(?:bör|rekommenderas|rekommendera\w*|gärna)\b",
    "kan": r"\b(?:kan|kunna|möjligt)\b",
    "får": r"\bfår\b",
}.items()}
# Words that set a time limit or say "at once": a critical item keeps them.
TIME_WORDS = re.compile(r"\b(direkt|omedelbart|genast|snarast|skyndsamt|inom|innan|"
                        r"samma dag|i tid)\b", re.I)
_NUMBER = re.compile(r"\b\d+(?:[.,:]\d+)*\b")
NUMBER_WORDS = {"två": "2", "tre": "3", "fyra": "4", "fem": "5", "sex": "6", "sju": "7",
                "åtta": "8", "nio": "9", "tio": "10", "elva": "11", "tolv": "12",
                "femton": "15", "tjugo": "20", "trettio": "30"}
_NUMBER_WORD = re.compile(r"\b(" + "|".join(NUMBER_WORDS) + r")\b")

CLASSES: tuple[tuple[str, dict[str, re.Pattern[str]]], ...] = (
    ("roll", ROLES), ("kanal eller system", CHANNELS), ("tidsenhet", DURATIONS),
    ("negation", NEGATIONS), ("modalt verb", MODALS),
)


def numbers(text: str) -> set[str]:
    """The numbers in a text, digits or words ("två" is 2)."""
    lower = text.lower()
    found = {n.replace(",", ".") for n in _NUMBER.findall(lower)}
    found |= {NUMBER_WORDS[w] for w in _NUMBER_WORD.findall(lower)}
    return found


_NAMES: list[tuple[str, str, re.Pattern[str]]] = [
    (label, name, pattern) for label, table in CLASSES for name, pattern in table.items()]


# Any class at all: most words belong to none and are looked at once.
_ANY = re.compile("|".join(f"(?:{pattern.pattern})" for _, _, pattern in _NAMES))


@lru_cache(maxsize=16384)
def _word_classes(word: str) -> frozenset[tuple[str, str]]:
    """The classes one lowercase word belongs to (words repeat: looked up once)."""
    if not _ANY.search(word):
        return frozenset()
    return frozenset((label, name) for label, name, pattern in _NAMES if pattern.search(word))


@lru_cache(maxsize=8192)
def tokens(text: str) -> frozenset[tuple[str, str]]:
    """(class, name) for every role, channel, duration, negation and modal verb in a text,
    and ("tal", n) for every number."""
    lower = normalize(text).lower()
    found: set[tuple[str, str]] = set()
    for word in set(WORD.findall(lower)):
        found |= _word_classes(word)
    return frozenset(found | {("tal", n) for n in numbers(lower)})


_PARENTHESIS = re.compile(r"\([^()]*\)")


def omission_removes(source: SourceText, placed: Placed) -> list[str]:
    """The negations, conditions and modal verbs an omission (`…`) leaves out. An aside
    in parentheses does not govern the sentence and may be left out with what it says."""
    found: list[str] = []
    for gap in omitted(source, placed):
        gap = _PARENTHESIS.sub(" ", gap)
        for pattern in (NEGATION, CONDITION_WORD, MODAL_WORD):
            found += [m.group(0) for m in pattern.finditer(gap)]
    return found
