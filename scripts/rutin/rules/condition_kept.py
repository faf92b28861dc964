"""Rule condition-kept."""

from __future__ import annotations

import re
from collections.abc import Iterator

from rutin.check.trace import Traced
from rutin.load.source_text import SourceText, normalize
from rutin.problem import Problem
from rutin.rules.content import RoutineContent
from rutin.rules.quoted import place

RULE_ID = "condition-kept"

# A condition: "om", "när", "vid", "tills", "i de fall", "annars" and the words after
# it up to the next comma or full stop.
CONDITION = re.compile(
    r"\b(om|när|vid|tills|i de fall som|i de fall|annars)\s+([^,.;:!?\"]{3,80})", re.I)
# The same words where they are not a condition (what something is about, a question,
# when a message is sent).
_NOT_CONDITION = re.compile(
    r"\b(om (det känns|uppdraget|att|något hänt)|vid (bokningen|inlogg|kontakt via))\b", re.I)
_STOP = frozenset((
    "att", "som", "och", "eller", "den", "det", "de", "dem", "en", "ett", "inte", "har",
    "hen", "man", "så", "för", "med", "till", "från", "på", "av", "ska", "skall", "kan",
    "får", "är", "var", "alla", "sina", "sitt", "sin", "hans", "hennes", "deras", "denna",
    "detta", "dessa", "redan", "bara", "också", "även",
))
_WORD = re.compile(r"[\wåäöÅÄÖ-]+")
KINDS = frozenset({"step", "action", "outcome", "warning", "stop", "task-question",
                   "checklist-question", "question"})


# The main clause after a condition starts with its verb (Swedish word order): the
# condition ends there, or at a comma.
_MAIN_VERB = re.compile(r"\b(ska|skall|så|måste|bör|kan|får|kommer|behöver|är|blir|görs)\b",
                        re.I)


def _clause(marker: str, clause: str) -> str:
    """A conditional clause (om, när, tills, i de fall) ends where the main clause's verb
    follows its own subject and verb: "Om patienten uteblir | ska patienten …". A verb in
    the first two words is the clause's own ("När arbetspasset ska avslutas")."""
    if marker.lower() in ("vid", "annars"):
        return clause
    for verb in _MAIN_VERB.finditer(clause):
        if len(_WORD.findall(clause[: verb.start()])) >= 2:
            return clause[: verb.start()]
    return clause


def conditions(quote: str) -> list[tuple[str, list[str]]]:
    """(condition as written, its own content words) for each condition in a quote.
    Words the rest of the quote repeats ("Om patienten uteblir ska patienten …") do not
    count: the condition is what only the condition says."""
    return [(written, words) for _, written, words in _conditions_at(normalize(quote))]


def _conditions_at(text: str) -> list[tuple[int, str, list[str]]]:
    """(offset, condition as written, its own content words) in a normalized text."""
    found = []
    for match in CONDITION.finditer(text):
        if _NOT_CONDITION.match(text, match.start()):
            continue
        clause = _clause(match.group(1), match.group(2))
        rest = (text[: match.start()] + " " + text[match.start(2) + len(clause):]).lower()
        words = [w.lower() for w in _WORD.findall(clause)[:6]]
        content = [w for w in words if len(w) >= 3 and w not in _STOP]
        own = [w for w in content if w not in _WORD.findall(rest)]
        if content:
            found.append((match.start(), f"{match.group(1)} {clause.strip()}", own or content))
    return found


def _kept(words: list[str], text: str) -> bool:
    """True when a content word of the condition (or its stem) is in the item's text."""
    return any(w[:5] in text for w in words)


_CLAUSE_BREAK = re.compile(r"[,;]")


def quote_conditions(source: SourceText | None, quote: str) -> list[tuple[str, list[str]]]:
    """The conditions that govern a quote, read from the whole source sentence(s) it
    lies in: a fragment after "Om …" is still conditional. A condition that starts after
    the quote, past a comma, opens the next clause ("…, vid behov av X visar gästen …")
    and does not govern the quote. A quote that is not in the running text (a heading)
    is read as written."""
    placed = place(source, quote) if source is not None else None
    if placed is None or not placed.sentences:
        return conditions(quote)
    found = []
    end = placed.spans[-1][1]
    for sentence in placed.sentences:
        for offset, written, words in _conditions_at(sentence.text):
            after = end - sentence.start  # where the quote ends, in this sentence
            if 0 <= after <= offset and _CLAUSE_BREAK.search(sentence.text[after:offset]):
                continue
            found.append((written, words))
    return found


def _owner_texts(content: RoutineContent, item: Traced) -> list[str]:
    doc = content.document(item.file)
    data = (doc.data or {}) if doc is not None else {}
    return [str(data.get("title", "")), str(data.get("summary", ""))]


def check(content: RoutineContent) -> Iterator[Problem]:
    """Ett villkor i meningen som citatet står i (”om …”, ”när …”, ”vid …”, ”tills …”,
    ”i de fall …”, ”annars …”) syns i steget (eller varningen, utfallet, åtgärden, frågan
    eller uppgiftens stopp): i texten, i `detail`, i delstegen, i `when` (i ett
    beslutsstöd: regelns svar; i ett stopp: dess fråga och svar) eller i checklistans eller
    uppgiftens rubrik och sammanfattning, som står på samma sida. Det är hela meningen i
    källan som räknas, inte bara den citerade biten: ett citat av det som följer efter
    ”Om patienten uteblir, …” behåller villkoret. Ett villkor som börjar efter citatet,
    efter ett kommatecken, hör till nästa sats och räknas inte. Det räcker att ett av
    villkorets egna ord (eller dess stam) finns med; ord som resten av meningen upprepar
    räknas inte. Undantag, där orden inte är villkor: ”om det känns”, ”om uppdraget”,
    ”om att”, ”om något hänt”, ”vid bokningen”, ”vid inlogg”, ”vid kontakt via”.

    Godkänt: `text: "Om ingen kontakt går att få till stånd och risken bedöms som låg …"`
    med citatet ”Om ingen kontakt med patienten går att få till stånd, men …”
    Fel: samma citat med `text: "Avsluta kontakten utan ytterligare åtgärd."`
    Fel: `text: "Kontakta patienten via telefon."` med citatet ”ska patienten kontaktas
    via telefon” ur meningen ”Om patienten uteblir ska patienten kontaktas via telefon.”
    """
    for item, doc in content.quoted(KINDS):
        # The checklist's title and summary are on the same page: a condition that
        # opens the whole task ("När arbetspasset ska avslutas") may stand there.
        text = " ".join([item.text, *_owner_texts(content, item)]).lower()
        for quote in item.quotes:
            for written, words in quote_conditions(content.source, quote):
                if not _kept(words, text):
                    yield doc.problem(
                        item.path, f"villkoret ”{written}” i citatets mening i källan syns "
                        "inte i texten, detail, when eller rubriken", RULE_ID)
