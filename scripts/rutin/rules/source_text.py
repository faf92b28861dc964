"""Rule source-text: every line of the source text is published (the traceability page
shows it whole, header and set-aside lines included), so the same checks as for YAML
text apply to each line, at its exact line and column."""

from __future__ import annotations

import re
from collections.abc import Iterator

from rutin.load.yaml_reader import RULE_BOUNDARY
from rutin.problem import Problem
from rutin.rules.content import RoutineContent
from rutin.rules.visible_text import _ANY, SUSPECT, character_problems, mixed_script

RULE_ID = "source-text"

# The same local-file check as tests/test_content_faithful.py: a `file:` address points at
# somebody's own computer and must never be published.
_FILE_URL = re.compile(r"(?<![\w])file:", re.IGNORECASE)




def _line_problems(line: str) -> Iterator[tuple[int, str]]:
    """(0-based column, message) for one line of the source."""
    first = _ANY.search(line)
    if first is not None:
        for message in character_problems(line):
            yield first.start(), message
    match = _FILE_URL.search(line)
    if match is not None:
        yield match.start(), ("en lokal filadress (file:) får aldrig publiceras: den pekar "
                              "på en fil på någons egen dator. Ta bort raden och skriv i "
                              "huvudet (raderna som börjar med #) vad som togs bort")
    mixed = mixed_script(line)
    if mixed is not None:
        yield mixed


def check(content: RoutineContent) -> Iterator[Problem]:
    """Källtexten (`source_file`) visas rad för rad på sidan Spårbarhet, huvudet och
    adresserna också. Därför prövas varje rad som texten i YAML-filerna: inga osynliga
    tecken, styrtecken för textriktning, variantväljare, kontrolltecken eller tecken för
    privat bruk (som visas som en ruta eller en annan symbol), inga ord som blandar
    latinska och kyrilliska eller grekiska bokstäver, och ingen lokal filadress
    (`file:`), som pekar på en fil på någons egen dator. Felet anges med rad och kolumn
    i källtexten.

    Källtexten läses bara som en vanlig fil i rutinens mapp (inte som en länk ut ur
    förrådet, se file-boundary) och får vara högst 2 MiB.

    Godkänt: en rad `https://vardgivare.regionhalland.se/…` under stycket den hör till
    Fel: en rad `file:///G:/Rutiner/Loggkontroll.pdf`, eller en rad med ett
    höger-till-vänster-tecken (U+202E)
    """
    path = content.source_path
    if content.routine is None or path is None:
        return
    refused = content.source_refused
    if refused is not None:
        boundary, message = refused
        yield Problem(path, 0, 0, "", message, RULE_BOUNDARY if boundary else RULE_ID)
        return
    if content.source is None:
        return  # missing or not UTF-8: rule quote-in-source says so
    text = content.source.text  # read once, with the sentences
    # The usual case: nothing a line could be refused for in the whole text (one pass
    # each); only then is the text looked at line by line.
    if SUSPECT.search(text) is None and "file:" not in text.lower():
        return
    for number, line in enumerate(text.split("\n"), start=1):
        for column, message in _line_problems(line):
            yield Problem(path, number, column + 1, "", message, RULE_ID)
