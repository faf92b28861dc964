"""Rule unique-ids."""

from __future__ import annotations

from collections.abc import Iterator

from rutin.load.yaml_reader import Document, FieldPath, format_path
from rutin.problem import Problem
from rutin.rules.content import RoutineContent
from rutin.site import site_paths

RULE_ID = "unique-ids"

# Lists whose items carry an id in the routine's shared namespace, per document top level.
_ID_LISTS = ("steps", "rules", "phrases", "references", "glossary", "sections",
             "functions", "roles", "groups", "stops", "warnings")


def _ids(doc: Document) -> Iterator[FieldPath]:
    data = doc.data or {}
    if isinstance(data.get("id"), str):
        yield ("id",)
    for key in _ID_LISTS:
        for index, item in enumerate(data.get(key) or ()):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                yield (key, index, "id")


def _value(doc: Document, path: FieldPath) -> str:
    data = doc.data or {}
    if len(path) == 1:
        return str(data["id"])
    key, index, _ = path
    return str(data[key][index]["id"])  # type: ignore[index]


def check(content: RoutineContent) -> Iterator[Problem]:
    """Alla id i en rutin delar samma namnrymd och måste vara unika: rutinens,
    checklistornas, beslutsstödens, uppgifternas och frasbibliotekets id, stegen, reglerna,
    frasmallarna, referenserna, ordlistan, avsnitten, funktionerna, rollerna, grupperna,
    uppgifternas stopp och de varningar som har ett id.
    Då kan ett id alltid peka ut precis en sak, också i sidornas adresser.

    En checklista, ett beslutsstöd och en uppgift ska dessutom ha samma id som filnamnet utan
    `.yaml` (checklistan `boka-videobesok` ligger i `boka-videobesok.yaml`).

    En checklista eller uppgift får inte heta som en sida som webbplatsen själv gör i rutinens mapp
    (`index`, `frasmallar`, `sparbarhet`, `fragor-till-rutinagaren`, `scenarier`,
    `beslut`): då
    skulle den ena sidan skriva över den andra. Av samma skäl får rutinen inte heta som en
    mapp som webbplatsen gör överst (`granskning`, `api`, `assets`, `search`, `pdf`), och
    två rutinmappar har aldrig samma rutin-id (id:t är adressen till rutinens sidor).

    Godkänt: stegen `id: valj-kontakttyp` och `id: skicka-kallelse` i samma rutin
    Fel: två steg med `id: valj-kontakttyp`, också i olika checklistor,
    checklistan `id: boka-besoket` i filen `boka-besok.yaml`, eller en checklista
    `id: sparbarhet`
    """
    first: dict[str, tuple[Document, FieldPath]] = {}
    for doc in content.documents:
        for path in _ids(doc):
            value = _value(doc, path)
            if value in first:
                first_doc, first_path = first[value]
                first_line, _ = first_doc.position(first_path)
                where = format_path(first_path)
                place = "" if first_doc.path == doc.path else f"{first_doc.path.name} "
                yield doc.problem(
                    path, f"id \"{value}\" används redan ({place}rad {first_line}, {where}); "
                    "varje id måste vara unikt i rutinen", RULE_ID)
            else:
                first[value] = (doc, path)
    routine = content.routine
    routine_id = (routine.data or {}).get("id") if routine is not None else None
    if routine is not None and routine_id in site_paths.RESERVED_ROUTINE_NAMES:
        yield routine.problem(("id",), f"id \"{routine_id}\" är namnet på en mapp som "
                              "webbplatsen gör själv överst, och rutinens sidor skulle "
                              "hamna där (en sida skriver över en annan); välj ett annat id "
                              "för rutinen", RULE_ID)
    for doc in content.checklists + content.tasks:
        item_id = (doc.data or {}).get("id")
        if item_id in site_paths.RESERVED_PAGE_NAMES:
            yield doc.problem(("id",), f"id \"{item_id}\" är namnet på en sida som webbplatsen "
                              "gör själv i rutinens mapp; välj ett annat id", RULE_ID)
    for doc in content.checklists + content.decisions + content.tasks:
        item_id = (doc.data or {}).get("id")
        if isinstance(item_id, str) and item_id != doc.path.stem:
            yield doc.problem(("id",), f"id \"{item_id}\" ska vara samma som filnamnet utan "
                              f".yaml (\"{doc.path.stem}\"); byt namn på filen eller ändra id",
                              RULE_ID)
