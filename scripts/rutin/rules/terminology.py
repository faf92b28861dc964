"""Rule terminology."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..problem import Problem
from .content import RoutineContent

RULE_ID = "terminology"

# Fields that quote other texts as they are: the source's own spelling (corrections),
# the variants themselves, and titles of external documents.
_EXEMPT: tuple[tuple[str, ...], ...] = (
    ("corrections", "original"),
    ("glossary", "variants"),
    ("references", "title"),
)


def _exempt(path: tuple[str | int, ...]) -> bool:
    names = tuple(p for p in path if isinstance(p, str))
    return any(names[: len(e)] == e for e in _EXEMPT)


def check(content: RoutineContent) -> Iterator[Problem]:
    """System- och begreppsnamn stavas på ett sätt överallt. Ordlistan i `routine.yaml`
    anger den rätta stavningen (`term`) och kända felstavningar (`variants`), t.ex.
    "Clinic 24" för "Clinic24". En felstavning i en text rapporteras med sin position.
    Undantag: rättelselistans originaltext, själva varianterna och titlar på externa
    dokument, som citeras som de heter.
    """
    if content.routine is None:
        return
    glossary = content.routine.data.get("glossary") or ()
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
                if pattern.search(text):
                    yield doc.problem(
                        path,
                        f"skriv \"{term}\", inte \"{variant}\" (stavningen i ordlistan)",
                        RULE_ID,
                    )
