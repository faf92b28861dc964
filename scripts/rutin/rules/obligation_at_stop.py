"""Rule obligation-at-stop."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from rutin.load.source_text import SourceText, normalize
from rutin.problem import Problem
from rutin.rules.content import RoutineContent

RULE_ID = "obligation-at-stop"

# An obligation or a prohibition, judged on the whole source sentence.
OBLIGATION = re.compile(r"\b(ska|skall|måste)\b|\bfår\s+(inte|ej|aldrig)\b", re.I)


def _sentences(source: SourceText, quotes: Iterable[str]) -> set[int]:
    """Numbers of the source sentences the quotes lie in."""
    found: set[int] = set()
    for quote in quotes:
        for match in source.find(quote):
            for start, end in match.spans:
                found.update(s.number for s in source.sentences_in(start, end))
    return found


def _quotes(entry: dict[str, Any]) -> list[str]:
    return list(entry.get("quotes") or ())


def _decision_quotes(table: dict[str, Any]) -> Iterator[str]:
    for rule in table.get("rules") or ():
        then = rule.get("then") or {}
        yield from _quotes(then)
        for action in then.get("actions") or ():
            yield from _quotes(action)


def check(content: RoutineContent) -> Iterator[Problem]:
    """En skyldighet når arbetet: varje mening i källan med ”ska”, ”skall”, ”måste” eller
    ”får inte” som en uppgifts avsnitt använder (ett steg, en varning eller en upplysning
    i en checklista som uppgiften tar steg ur) står som ett steg eller en varning vid ett
    stopp i uppgiften – eller i ett beslutsstöd i uppgiften – eller är registrerad under
    uppgiftens `not_at_stops` med ett skäl. En upplysning (”Bra att veta”) får informera,
    men aldrig vara ensam om att bära en skyldighet: den hamnar längst ned, långt från
    stoppet där handlingen görs. En varning med `attached_to` räknas vid de steg den hör
    till.

    Godkänt: meningen ”Besöket skall ske inom 2 dagar.” citeras av ett steg i ett stopp,
    eller står under `not_at_stops` med `reason: "Gäller bokningen, som är en egen uppgift."`
    Fel: meningen citeras bara av en upplysning (`notes`) i en checklista som uppgiften
    tar steg ur
    """
    source = content.source
    if source is None or not content.tasks:
        return
    checklists: dict[str, dict[str, Any]] = {}
    home_of: dict[str, str] = {}
    for doc in content.checklists:
        data = doc.data or {}
        checklists[data.get("id", "")] = data
        for step in data.get("steps") or ():
            home_of[step["id"]] = data.get("id", "")
    tables = {(d.data or {}).get("id", ""): d.data or {} for d in content.decisions}
    attached: list[tuple[dict[str, Any], set[str]]] = []
    for data in checklists.values():
        for entry in (*(data.get("warnings") or ()), *(data.get("notes") or ())):
            target = entry.get("attached_to") or {}
            if target:
                attached.append((entry, set(target.get("steps") or ())))
    cache: dict[tuple[str, ...], set[int]] = {}

    def sentences(quotes: list[str]) -> set[int]:
        key = tuple(quotes)
        if key not in cache:
            cache[key] = _sentences(source, quotes)
        return cache[key]

    for doc in sorted(content.tasks, key=lambda d: d.path):
        data = doc.data or {}
        items = [i for p in data.get("stops") or () for i in p.get("items") or ()]
        homes = {home_of[i] for i in items if i in home_of}
        carried: set[int] = set()
        for item in items:
            if item in tables:
                carried |= sentences(list(_decision_quotes(tables[item])))
                continue
            home = checklists.get(home_of.get(item, ""))
            step = next((s for s in (home or {}).get("steps") or () if s["id"] == item), None)
            if step is not None:
                carried |= sentences(_quotes(step))
        for home_id in homes:
            for warning in checklists[home_id].get("warnings") or ():
                carried |= sentences(_quotes(warning))
        for entry, steps in attached:
            if steps & set(items):
                carried |= sentences(_quotes(entry))
        set_aside: set[int] = set()
        for n, entry in enumerate(data.get("not_at_stops") or ()):
            found = sentences([entry.get("quote", "")])
            if not found:
                yield doc.problem(("not_at_stops", n, "quote"), "meningen finns inte "
                                  "ordagrant i källan; skriv den som den står där", RULE_ID)
            set_aside |= found
        reported: set[int] = set()
        for home_id in sorted(homes):
            home = checklists[home_id]
            for key in ("steps", "warnings", "notes"):
                for entry in home.get(key) or ():
                    for number in sorted(sentences(_quotes(entry))):
                        sentence = source.sentences[number - 1]
                        if (number in carried or number in set_aside or number in reported
                                or not OBLIGATION.search(sentence.text)):
                            continue
                        reported.add(number)
                        yield doc.problem(("stops",), (
                            f"meningen ”{normalize(sentence.text)}” (rad {sentence.line}) "
                            f"säger ”ska”/”måste” och används av avsnittet ”{home_id}”, men står "
                            "inte som ett steg eller en varning vid något stopp i uppgiften: "
                            "ta med steget, gör upplysningen till en varning (eller fäst den "
                            "vid handlingen med attached_to), eller skriv meningen under "
                            "not_at_stops med ett skäl"), RULE_ID)
