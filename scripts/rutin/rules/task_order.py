"""Rule task-order."""

from __future__ import annotations

from collections.abc import Iterator

from rutin.problem import Problem
from rutin.rules.content import RoutineContent

RULE_ID = "task-order"


def check(content: RoutineContent) -> Iterator[Problem]:
    """Där rutinen ger en ordning behåller uppgiften den: steg ur samma checklista står i
    uppgiften i samma ordning som i checklistan. Ett steg som flyttas före ett steg som
    kommer före det i checklistan kräver en tolkning på sitt stopp (`interpretations`),
    som säger varför – så att rutinägaren ser och kan bekräfta den nya ordningen.

    Godkänt: ”tolk-via-e-post” före ”tolk-namn” (samma ordning som i checklistan), eller
    en annan ordning med `interpretations: ["tolkning-…"]` på stoppet
    Fel: ”tolk-namn” i ett tidigare stopp än ”tolk-via-e-post” utan tolkning
    """
    rank: dict[str, tuple[str, int]] = {}
    for doc in content.checklists:
        data = doc.data or {}
        for n, step in enumerate(data.get("steps") or ()):
            rank[step["id"]] = (str(data.get("id")), n)
    for doc in sorted(content.tasks, key=lambda d: d.path):
        latest: dict[str, tuple[int, str]] = {}  # home -> (highest rank so far, step id)
        for p, stop in enumerate((doc.data or {}).get("stops") or ()):
            explained = bool(stop.get("interpretations"))
            for i, item in enumerate(stop.get("items") or ()):
                if item not in rank:
                    continue
                home, n = rank[item]
                before = latest.get(home)
                if before is not None and n < before[0] and not explained:
                    yield doc.problem(
                        ("stops", p, "items", i),
                        f"”{item}” kommer före ”{before[1]}” i checklistan ”{home}” men efter "
                        "det i uppgiften; behåll rutinens ordning, eller skriv varför som en "
                        "tolkning på stoppet (interpretations)", RULE_ID)
                if before is None or n > before[0]:
                    latest[home] = (n, item)
