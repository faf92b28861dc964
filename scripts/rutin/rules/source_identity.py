"""Rule source-identity."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from rutin.load.source_identity import (
    CHECKSUM_LABEL,
    checksum,
    history_dir,
    refused_versions,
    split,
    versions,
)
from rutin.load.yaml_reader import RULE_BOUNDARY
from rutin.problem import Problem
from rutin.rules.content import RoutineContent

RULE_ID = "source-identity"

_HOW = ("Källtexten ändras bara genom rutinägarens dokument: läs in den nya versionen med "
        "`rutin source update {routine} <fil.pdf>` (se Redigera → Ny version av rutinen) "
        "och ångra handändringen (`git checkout -- {path}`)")


def _first_difference(current: list[str], kept: list[str]) -> int:
    """The 1-based line where two texts first differ."""
    for number, (a, b) in enumerate(zip(current, kept, strict=False), start=1):
        if a != b:
            return number
    return min(len(current), len(kept)) + 1


def check(content: RoutineContent) -> Iterator[Problem]:
    """Källtexten är den som `rutin source update` läste in ur rutinägarens dokument.
    Huvudet i `source.txt` anger dokumentet (fil, sha256, version) och en kontrollsumma
    för texten under huvudet, och varje version sparas i `source-history/`. En källtext
    vars text inte stämmer med kontrollsumman, eller som skiljer sig från den senast
    inlästa versionen, har ändrats för hand: en mening som skrivs in i källan för hand
    kan annars citeras som om rutinen sa den.

    Godkänt: `source.txt` som `rutin source update platform24 rutin.pdf` skrev den
    Fel: en mening inskriven för hand i `source.txt`
    """
    path = content.source_path
    routine = content.routine
    if path is None or routine is None or not path.is_file():
        return
    try:  # read once, with the sentences (a source refused as too big is read here)
        text = content.source.text if content.source is not None else path.read_text(
            encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return  # quote-in-source reports an unreadable source
    header, body = split(text)
    for version, why in refused_versions(path):  # never read: not a version at all
        yield Problem(version, 0, 0, "", why, RULE_BOUNDARY)
    kept = versions(path)
    recorded = next((line for line in header if line.startswith(CHECKSUM_LABEL)), None)
    if recorded is None and not kept and not history_dir(path).exists():
        return  # a source from before rutin source update (no identity to compare)
    routine_id = (routine.data or {}).get("id", path.parent.name)
    how = _HOW.format(routine=routine_id, path=path)
    if recorded is None:
        yield Problem(path, 1, 1, "", "källtexten har ändrats för hand: huvudet saknar "
                      f"raden ”{CHECKSUM_LABEL} …”. {how}", RULE_ID)
        return
    if checksum(body) not in recorded:
        lines = text.split("\n")
        line = len(header) + 1
        if kept:
            with contextlib.suppress(OSError, UnicodeDecodeError):
                line = _first_difference(lines, kept[-1].read_text(encoding="utf-8")
                                         .split("\n"))
        yield Problem(path, line, 1, "", "källtexten har ändrats för hand: texten stämmer "
                      f"inte med kontrollsumman i huvudet. {how}", RULE_ID)
        return
    if not kept:
        yield Problem(path, 1, 1, "", "källtextens versioner saknas: mappen "
                      f"{history_dir(path).name}/ ska ha varje inläst version. {how}", RULE_ID)
        return
    for version in kept:
        try:
            version_header, version_body = split(version.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            version_header, version_body = [], "?"
        stamp = next((h for h in version_header if h.startswith(CHECKSUM_LABEL)), "")
        if stamp and checksum(version_body) not in stamp:
            yield Problem(version, len(version_header) + 1, 1, "",
                          "en sparad version av källtexten har ändrats för hand: texten "
                          f"stämmer inte med kontrollsumman i huvudet. {how}", RULE_ID)
    try:
        last = kept[-1].read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        last = ""
    if split(last)[1] != body:  # the header may gain a comment; the text may not change
        line = _first_difference(text.split("\n"), last.split("\n"))
        yield Problem(path, line, 1, "", "källtexten har ändrats för hand: den skiljer sig "
                      f"från den senast inlästa versionen ({kept[-1].parent.name}/"
                      f"{kept[-1].name}). {how}", RULE_ID)
