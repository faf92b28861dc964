"""Rule terminology."""

from __future__ import annotations

import re
from collections.abc import Iterator

from rutin.problem import Problem
from rutin.rules.content import RoutineContent

RULE_ID = "terminology"

# Fields that quote other spellings on purpose: the corrections list and the glossary
# (which name the variants), search keywords (staff type the variants too), titles of
# external documents, and ids/option values (always lower case).
_EXEMPT: tuple[tuple[str, ...], ...] = (
    ("corrections",),
    ("glossary",),
    ("keywords",),
    ("references", "title"),
)
_MACHINE_KEYS = {"id", "value", "expect", "phrase"}
_QUOTES = "\"”“'’"


def _exempt(path: tuple[str | int, ...]) -> bool:
    names = tuple(p for p in path if isinstance(p, str))
    if "quotes" in names or names[:1] == ("unquoted",):
        return True  # quotes are the source verbatim, misspellings included
    if names and names[-1] in _MACHINE_KEYS:
        return True
    return any(names[: len(e)] == e for e in _EXEMPT)


def _unquoted(pattern: re.Pattern[str], text: str) -> bool:
    """True when the variant occurs outside quotation marks (a quote cites the source)."""
    for match in pattern.finditer(text):
        before = text[match.start() - 1] if match.start() else ""
        after = text[match.end()] if match.end() < len(text) else ""
        if not (before and after and before in _QUOTES and after in _QUOTES):
            return True
    return False


def check(content: RoutineContent) -> Iterator[Problem]:
    """System- och begreppsnamn stavas på ett sätt överallt. Ordlistan i `routine.yaml`
    anger den rätta stavningen (`term`) och kända felstavningar (`variants`), t.ex.
    "Clinic 24" för "Clinic24". En felstavning i en text rapporteras med sin position.
    Undantag: rättelselistan, ordlistan, sökorden (`keywords`), titlar på externa
    dokument, id, citat ur källan (`quotes`, `unquoted`) och en variant som citeras inom
    citattecken (”VidiView”).

    Godkänt: `text: "Välj kontakttyp i Cosmic."` när ordlistan har `term: Cosmic`
    Fel: `text: "Välj kontakttyp i COSMIC."` när ordlistan har `variants: [COSMIC]`
    """
    if content.routine is None:
        return
    glossary = (content.routine.data or {}).get("glossary") or ()
    patterns = [
        (re.compile(rf"(?<![\w.]){re.escape(variant)}(?![\w])"), variant, term["term"])
        for term in glossary
        for variant in term.get("variants") or ()
        if variant != term["term"]
    ]
    if not patterns:
        return
    for doc in content.documents:
        for path, text in content.texts(doc):
            if _exempt(path):
                continue
            for pattern, variant, term in patterns:
                if _unquoted(pattern, text):
                    yield doc.problem(
                        path,
                        f"skriv \"{term}\", inte \"{variant}\" (stavningen i ordlistan)",
                        RULE_ID,
                    )
