"""Generate a routine folder with many realistic checklists (for the benchmark)."""

from __future__ import annotations

from pathlib import Path

HEADINGS = ["Syfte", "Boka besök i Cosmic", "Videobesök", "Chatt med triagering"]


def _checklist(index: int) -> str:
    steps = "\n".join(
        f"""  - id: c{index}-steg-{n}
    text: Välj kontakttyp **Distansbesök - video** och kontrollera uppgifterna ({n}).
    detail: >-
      Bakgrund till steget: kontrollera att patienten har ett giltigt BankID och att
      telefonnumret i Cosmic stämmer med det patienten uppger vid kontakten.
    substeps:
      - Öppna fliken *Bokning* i Cosmic.
      - Sök fram patienten med personnummer."""
        + ("\n    critical: true" if n == 1 else "")
        + ("\n    when: {tolk: ja}" if n == 3 else "")
        for n in range(1, 9)
    )
    return f"""# Genererad checklista {index} för prestandamätningen.
id: checklista-{index}
title: Boka videobesök nummer {index}
summary: När en patient ska få ett videobesök och behöver en kallelse via 1177.
kind: read-do
functions: [videobesok]
roles: [vardpersonal, lakare]
source: Boka besök i Cosmic
keywords: [videobesök, bokning, kallelse, distansbesök]
changed: "2026-06-12"
questions:
  - id: tolk
    question: Behövs tolk vid besöket?
    options:
      - {{value: ja, label: Ja}}
      - {{value: nej, label: Nej}}
warnings:
  - text: Kontrollera alltid patientens identitet innan besöket startar.
notes:
  - text: Kallelsen går över till digital kallelse på [1177](https://www.1177.se).
    source: Videobesök
steps:
{steps}
references: [manual]
"""


def _routine(count: int) -> str:
    items = "\n".join(f"      - checklista-{i}" for i in range(count))
    headings = "\n".join(f"  - {h}" for h in HEADINGS)
    return f"""id: benchmark
title: Genererad rutin
purpose: Mäta hur snabbt innehållet kontrolleras.
scope: Bara för prestandamätningen.
source_headings:
{headings}
changelog:
  - date: "2026-06-12"
    text: Genererad.
references:
  - id: manual
    title: Manual
    url: https://example.org/manual
    source: Syfte
functions:
  - id: videobesok
    title: Videobesök
roles:
  - id: vardpersonal
    title: Vårdpersonal
  - id: lakare
    title: Läkare
groups:
  - id: alla
    title: Alla checklistor
    items:
{items}
"""


def generate(folder: Path, count: int) -> list[Path]:
    """Write routine.yaml and `count` checklists into `folder`; return the checklists."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "routine.yaml").write_text(_routine(count), encoding="utf-8")
    paths = []
    for index in range(count):
        path = folder / f"checklista-{index}.yaml"
        path.write_text(_checklist(index), encoding="utf-8")
        paths.append(path)
    return paths
