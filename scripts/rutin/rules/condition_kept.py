"""Rule condition-kept."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..problem import Problem
from ..source import normalize
from .content import RoutineContent

RULE_ID = "condition-kept"

# A condition: "om", "när", "vid", "tills", "i de fall", "annars" and the words after
# it up to the next comma or full stop.
_CONDITION = re.compile(
    r"\b(om|när|vid|tills|i de fall som|i de fall|annars)\s+([^,.;:!?\"]{3,80})", re.I)
# The same words where they are not a condition (what something is about, a question,
# when a message is sent).
_NOT_CONDITION = re.compile(
    r"\b(om (det känns|uppdraget|att|något hänt)|vid (bokningen|inlogg|kontakt via))\b", re.I)
_STOP = frozenset(
    "att som och eller den det de dem en ett inte har hen man så för med till från på av "
    "ska skall kan får är var alla sina sitt sin hans hennes deras denna detta dessa "
    "redan bara också även".split()
)
_WORD = re.compile(r"[\wåäöÅÄÖ-]+")
KINDS = frozenset({"step", "action", "outcome", "warning"})


def conditions(quote: str) -> list[tuple[str, list[str]]]:
    """(condition as written, its content words) for each condition in a quote."""
    found = []
    text = normalize(quote)
    for match in _CONDITION.finditer(text):
        if _NOT_CONDITION.match(text, match.start()):
            continue
        words = [w.lower() for w in _WORD.findall(match.group(2))[:6]]
        content = [w for w in words if len(w) >= 3 and w not in _STOP]
        if content:
            found.append((f"{match.group(1)} {match.group(2).strip()}", content))
    return found


def _kept(words: list[str], text: str) -> bool:
    """True when a content word of the condition (or its stem) is in the item's text."""
    return any(w[:5] in text for w in words)


def check(content: RoutineContent) -> Iterator[Problem]:
    """Ett villkor i citatet (”om …”, ”när …”, ”vid …”, ”tills …”, ”i de fall …”,
    ”annars …”) syns i steget: i texten, i `detail`, i delstegen eller i `when`. Det
    räcker att ett av villkorets ord (eller dess stam) finns med. Undantag, där orden inte
    är villkor: ”om det känns”, ”om uppdraget”, ”om att”, ”om något hänt”, ”vid
    bokningen”, ”vid inlogg”, ”vid kontakt via”.

    Godkänt: `text: "Om ingen kontakt går att få till stånd och risken bedöms som låg …"`
    med citatet ”Om ingen kontakt med patienten går att få till stånd, men …”
    Fel: samma citat med `text: "Avsluta kontakten utan ytterligare åtgärd."`
    """
    if content.source_path is None:
        return
    for item in content.traced:
        if item.kind not in KINDS or not item.quotes:
            continue
        doc = content.document(item.file)
        if doc is None:
            continue
        text = item.text.lower()
        for quote in item.quotes:
            for written, words in conditions(quote):
                if not _kept(words, text):
                    yield doc.problem(
                        item.path, f"villkoret ”{written}” i citatet syns inte i texten, "
                        "detail eller when", RULE_ID)
