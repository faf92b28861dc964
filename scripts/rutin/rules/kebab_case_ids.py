"""Rule kebab-case-ids."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from rutin.model import kinds
from rutin.problem import Problem
from rutin.rules.content import RoutineContent

RULE_ID = "kebab-case-ids"
PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"
_KEBAB = re.compile(PATTERN)
_SWEDISH = str.maketrans({"å": "a", "ä": "a", "ö": "o", "Å": "a", "Ä": "a", "Ö": "o"})


def suggestion(value: str) -> str:
    """A kebab-case spelling of `value`: å/ä → a, ö → o, other characters → bindestreck."""
    ascii_text = unicodedata.normalize("NFKD", value.translate(_SWEDISH))
    ascii_text = ascii_text.encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def message_for(value: str) -> str | None:
    """The Swedish message for an id that is not kebab-case ASCII, or None when it is."""
    if _KEBAB.match(value):
        return None
    fixed = suggestion(value)
    hint = f", t.ex. \"{fixed}\"" if fixed and fixed != value else ", t.ex. \"boka-videobesok\""
    if not value.isascii():
        return (f"id får bara innehålla a–z, siffror och bindestreck, inte å, ä, ö eller "
                f"andra tecken utanför ASCII{hint}")
    return f"ska vara kebab-case: små bokstäver a–z, siffror och bindestreck{hint}"


def check(content: RoutineContent) -> Iterator[Problem]:
    """Alla id skrivs i kebab-case med bara ASCII: små bokstäver a–z, siffror och
    bindestreck, till exempel `boka-videobesok`. Bokstäverna å, ä och ö är inte tillåtna
    (skriv a, a och o), eftersom id blir en del av sidornas adresser och länkar.
    Regeln gäller också filnamnen: en checklista heter `<id>.yaml`.

    Godkänt: `id: valj-kontakttyp` i filen `boka-besok.yaml`
    Fel: `id: välj-kontakttyp`, `id: Valj_Kontakttyp` eller filen `Boka besök.yaml`
    """
    for path in content.all_files:
        if kinds.kind_of(path).single:  # routine.yaml, phrases.yaml: fixed names
            continue
        message = message_for(path.stem)
        if message:
            yield Problem(path, 0, 0, "", f"filnamnet \"{path.name}\": {message}", RULE_ID)
