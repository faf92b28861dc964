"""Rule source-review."""

from __future__ import annotations

from collections.abc import Iterator

from rutin.check.source_review import (
    Suspect,
    latest_revision,
    load_reviews,
    reviewed,
    suspects,
)
from rutin.load.yaml_reader import Document, FieldPath
from rutin.problem import Problem
from rutin.rules.content import RoutineContent
from rutin.rules.quote_in_source import _quotes

RULE_ID = "source-review"


def content_quotes(content: RoutineContent) -> Iterator[tuple[Document, FieldPath, str]]:
    for doc, field, quote, _heading in _quotes(content):
        if doc is not None:
            yield doc, field, quote


def routine_suspects(content: RoutineContent) -> list[Suspect]:
    path = content.source_path
    if path is None:
        return []
    revision = latest_revision(path)
    if revision is None:
        return []
    return suspects(content_quotes(content), content.folder, revision)


def _message(suspect: Suspect, routine_id: str, date: str) -> str:
    parts = []
    for change in suspect.changes:
        if change.kind == "removed" and change.old is not None:
            parts.append(f"meningen ”{change.old.text}” är borttagen")
        elif change.old is not None and change.new is not None:
            parts.append(f"meningen ”{change.old.text}” lyder nu ”{change.new.text}”")
    when = f" i versionen inläst {date}" if date else ""
    what = "; ".join(parts)
    if suspect.reason == "removed":
        todo = ("ta bort eller skriv om innehållet så att det inte längre vilar på den "
                "borttagna meningen")
    elif suspect.stamp:
        todo = ("kontrollera att innehållet säger det den nya lydelsen säger (skriv om det "
                "annars) och markera det som granskat: "
                f"`rutin source review {routine_id} {suspect.doc.path}`")
    else:
        todo = ("uppdatera innehållet och citatet efter den nya lydelsen och markera det "
                f"som granskat: `rutin source review {routine_id} {suspect.doc.path}`")
    return f"citatet vilar på en ändrad mening{when}: {what}. Gör så här: {todo}"


def check(content: RoutineContent) -> Iterator[Problem]:
    """När en ny version av rutinen har lästs in (`rutin source update`) är varje citat
    som vilar på en ändrad eller borttagen mening misstänkt, och inget annat. Det är ett
    fel tills innehållet har uppdaterats och markerats som granskat med `rutin source
    review <rutin> <fil>`, som skriver en granskningsstämpel i `source-reviews.json`.
    Stämpeln gäller bara citatet, fältet och meningen den skrevs för: ändras citatet
    igen, eller kopieras stämpeln till ett annat citat, gäller den inte. En bekräftad
    tolkning vars citat vilar på en ändrad mening ska tillbaka till
    `status: obekräftad` tills rutinägaren bekräftar den igen (med ett senare datum).

    Godkänt: citatet är uppdaterat efter den nya meningen och granskat med
    `rutin source review platform24 checklists/platform24/suicidal-patient.yaml`
    Fel: `quotes: ["Besöket skall ske inom 2 dagar."]` när den nya versionen säger
    "inom 3 dagar" och ingen har granskat steget
    """
    path = content.source_path
    routine = content.routine
    if path is None or routine is None or routine.data is None:
        return
    revision = latest_revision(path)
    if revision is None:
        return
    found = suspects(content_quotes(content), content.folder, revision)
    reviews = load_reviews(content.folder)
    routine_id = routine.data.get("id", content.folder.name)
    for suspect in found:
        if not reviewed(suspect, reviews, content.folder):
            yield suspect.doc.problem(suspect.field, _message(suspect, routine_id,
                                                              revision.imported), RULE_ID)
    # A confirmed reading whose quotes changed is void until the owner confirms it again.
    touched = {s.field[1] for s in found
               if s.doc is routine and s.field[:1] == ("interpretations",)}
    for n, reading in enumerate(routine.data.get("interpretations") or ()):
        if n not in touched or reading.get("status") != "bekräftad":
            continue
        confirmed = str(reading.get("confirmed_on") or "")
        if revision.imported and confirmed >= revision.imported:
            continue
        yield routine.problem(
            ("interpretations", n, "status"),
            "tolkningen bygger på en mening som ändrades i den nya versionen av rutinen: "
            "sätt `status: obekräftad` (och ta bort confirmed_by och confirmed_on) tills "
            "rutinägaren har bekräftat den på nytt", RULE_ID)
