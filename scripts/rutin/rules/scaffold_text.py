"""Rule scaffold-text: no text of `rutin new`'s templates is published.

A new file from `rutin new` holds placeholder texts ("Nytt scenario", "Beskriv
situationen …") that are valid YAML and pass every other rule: left standing, they would
reach the site. The placeholders are read from the templates themselves (every quoted
text there without a `{field}` the scaffold fills in) and from the kinds' placeholder
titles, so a template changed is a rule changed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rutin.model import kinds
from rutin.problem import Problem
from rutin.rules.content import RoutineContent

RULE_ID = "scaffold-text"

# A quoted YAML text in a template: "…" with no format field in it.
_QUOTED = re.compile(r'"((?:[^"\\{}]|\\.)*)"')


def placeholders() -> frozenset[str]:
    """Every placeholder text of the registered kinds' scaffolds (titles and sentences,
    not ids or paths)."""
    found = {k.placeholder for k in kinds.all_kinds() if k.placeholder}
    for kind in kinds.all_kinds():
        template = kind.scaffold_text()
        if template is None:
            continue
        for line in template.splitlines():
            if line.lstrip().startswith("#"):
                continue
            for text in _QUOTED.findall(line):
                if " " in text.strip():  # a sentence; a one-word value may be a real answer
                    found.add(text.strip())
    return frozenset(found)


def check(content: RoutineContent) -> Iterator[Problem]:
    """En text som `rutin new` skrev som platshållare ska bytas mot en egen: filen är
    giltig medan du skriver (kontrollen varnar vid varje platshållare som står kvar), men
    `rutin build --publish` (`make publish`) bygger inte så länge någon står kvar.
    Platshållarna är mallens exempeltexter, till exempel rubriken ”Nytt scenario” eller
    ”Beskriv situationen med vanliga ord: vem patienten är och vad som händer.” Skriv i
    stället text ur rutindokumentet.

    Godkänt: `title: "Chattärende – en vårdnadshavare söker för sitt barn"`
    Fel: `title: "Nytt scenario"` kvar i en fil som `rutin new scenario` skapade
    """
    known = placeholders()
    for doc in [*content.documents, *content.scenarios]:
        for path, text in content.texts(doc):
            if text.strip() in known:
                yield doc.problem(path, f"”{text.strip()}” är mallens platshållare från "
                                        "`rutin new`: skriv en egen text (webbplatsen "
                                        "publiceras inte med den)", RULE_ID,
                                  severity="warning")
