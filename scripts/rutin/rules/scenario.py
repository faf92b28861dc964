"""Rule scenario."""

from __future__ import annotations

from collections.abc import Iterator

from rutin.problem import Problem
from rutin.rules.content import RoutineContent

RULE_ID = "scenario"


def check(content: RoutineContent) -> Iterator[Problem]:
    """Varje kliniskt scenario (`scenarios/<id>.yaml`) körs på innehållet, med samma regler
    för vad som visas som webbplatsen: uppgiften, rollen och varje besvarad fråga ska
    finnas, och vid varje stopp under `expect` ska det som står under `shown`,
    `must_show` och `must_not_show` stämma, liksom beslutsstödens utfall under
    `outcomes`. Ett stycke ur källtexten i `must_show` stämmer när något som syns vid
    stoppet (ett steg, en varning, beslutsstödets utfall eller åtgärder) citerar en mening
    som innehåller det. Meddelandet står vid förväntningen som inte stämmer och säger vad
    stoppet visar. Scenariots `id` är filens namn.

    Godkänt: `suicid-stopp-atgard: {must_show: ["Besöket skall ske inom 2 dagar."]}` med
    svaren för måttlig suicidrisk en vardag
    Fel: samma förväntan med svaret ”Ingen eller låg” (stoppet visar då vård online),
    eller `task: "suicidriskbedomnig"` (stavfel)
    """
    for doc in sorted(content.scenarios, key=lambda d: d.path):
        data = doc.data or {}
        if data.get("id") != doc.path.stem:
            yield doc.problem(("id",), f"id ska vara samma som filnamnet: "
                              f"”{doc.path.stem}”", RULE_ID)
    for result in content.scenario_results:
        doc = next(d for d in content.scenarios if d.path == result.scenario.file)
        for failure in result.failures:
            yield doc.problem(failure.path, failure.message, RULE_ID, key=failure.key)
