"""The one generator of synthetic content for every benchmark: a region of routines,
each with many checklists.

Every routine folder looks like a real one (checklists/platform24/): routine.yaml with
functions, roles, groups, references and a glossary; `per_routine` checklists of 8–12
steps with a warning, notes, keywords, a question whose answer some steps depend on,
phrase references, related items and references; two decision tables (UNIQUE and
FIRST, complete, with examples), a phrase library and tasks (tasks/: every step in
a stop, four checklists a task, one decision aid inside a stop, as staff work). The
texts vary with the indices (deterministic: the same arguments always give the same
files), so pages and the search index are not artificially repetitive. Written with
yaml.safe_dump, which quotes every string that YAML 1.1 would read as something else
(the strict loader refuses those).

The site benchmark builds regions of several routines; the validation benchmark checks
one routine with many checklists (`generate_region(folder, 1, count)`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

VERBS = [
    "Kontrollera", "Öppna", "Välj", "Registrera", "Dokumentera", "Bekräfta", "Skicka",
    "Boka", "Informera", "Avsluta", "Sök fram", "Granska",
]
OBJECTS = [
    "patientens identitet med BankID", "vårdkontakten i Cosmic", "kontakttypen Distansbesök",
    "kallelsen via 1177", "journalanteckningen", "tolkbokningen", "samtycket från vårdnadshavaren",
    "ärendet i Platform24", "remissen till specialistvården", "telefonnumret i folkbokföringen",
    "läkemedelslistan", "provsvaren i journalen", "uppföljningen om två veckor",
    "vårdgarantins tidsgräns", "egenvårdsråden",
]
TOPICS = [
    ("videobesök", ["videobesöket", "video", "distansbesök"]),
    ("chatt", ["chatten", "meddelande", "triagering"]),
    ("tolk", ["tolken", "tolkförmedling", "språk"]),
    ("provtagning", ["prover", "provsvar", "labb"]),
    ("läkemedel", ["recept", "förnyelse", "läkemedelslista"]),
    ("remiss", ["remissen", "specialistvård", "konsultation"]),
    ("barn", ["vårdnadshavare", "ombud", "barnhälsovård"]),
    ("vaccination", ["vaccin", "dos", "biverkan"]),
    ("sårvård", ["förband", "omläggning", "sår"]),
    ("egenvård", ["råd", "1177", "hemmet"]),
]
HEADINGS = ["Syfte", "Bokning", "Genomförande", "Dokumentation", "Uppföljning", "Avvikelser"]


def _yaml(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def routine_id(r: int) -> str:
    return f"rutin-{r + 1:02d}"


def checklist_id(c: int) -> str:
    return f"uppgift-{c + 1:02d}"


def _topic(r: int, c: int) -> tuple[str, list[str]]:
    return TOPICS[(r * 7 + c) % len(TOPICS)]


def _step(r: int, c: int, n: int, steps: int) -> dict[str, Any]:
    verb = VERBS[(r + c + n) % len(VERBS)]
    obj = OBJECTS[(r * 3 + c * 5 + n) % len(OBJECTS)]
    step: dict[str, Any] = {
        "id": f"u{c + 1}-steg-{n + 1}",
        "text": f"{verb} **{obj}** innan du går vidare (steg {n + 1} av {steps}).",
    }
    if n % 3 == 0:
        step["detail"] = (
            f"Bakgrund: {obj} ska stämma med det patienten uppger. Saknas uppgiften, "
            "fråga patienten och notera svaret i journalen enligt *Dokumentation*."
        )
    if n % 4 == 1:
        step["substeps"] = [
            "Öppna fliken *Översikt* i Cosmic.",
            f"Sök fram patienten med personnummer och välj {obj}.",
        ]
    if n == 0:
        step["critical"] = True
    if n == 2:
        step["phrase"] = "kallelse" if c % 2 == 0 else "stangning"
    if n in (4, 5):
        step["when"] = {"tolk-behovs": "ja" if n == 4 else "nej"}
    return step


def checklist(r: int, c: int, per_routine: int) -> dict[str, Any]:
    topic, words = _topic(r, c)
    steps = 8 + (r + c) % 5  # 8–12 steps
    related = sorted({checklist_id((c + 1) % per_routine), checklist_id((c + 3) % per_routine)})
    related = [i for i in related if i != checklist_id(c)]
    data: dict[str, Any] = {
        "id": checklist_id(c),
        "title": f"{topic.capitalize()}: uppgift {c + 1} i rutin {r + 1}",
        "summary": (
            f"När en patient behöver hjälp med {topic} och vårdpersonalen ska genomföra "
            f"uppgift {c + 1} steg för steg, från bokning till dokumentation."
        ),
        "kind": "read-do" if c % 3 else "do-confirm",
        "functions": ["videobesok" if c % 2 else "chatt"],
        "roles": ["vardpersonal", "lakare"] if c % 4 == 0 else ["vardpersonal"],
        "source": HEADINGS[c % len(HEADINGS)],
        "keywords": [topic, *words, f"uppgift {c + 1}"],
        "changed": f"2026-{1 + c % 12:02d}-{1 + r % 28:02d}",
        "questions": [
            {
                "id": "tolk-behovs",
                "question": "Behövs tolk vid kontakten?",
                "options": [{"value": "ja", "label": "Ja"}, {"value": "nej", "label": "Nej"}],
            }
        ],
        "warnings": [
            {"text": f"Kontrollera alltid patientens identitet innan du hanterar {topic}."}
        ],
        "notes": [
            {"text": f"Mer om {topic} finns på [1177](https://www.1177.se).", "source": "Syfte"},
            {"text": "Fritext i kallelsen går över till den digitala kallelsen."},
        ],
        "steps": [_step(r, c, n, steps) for n in range(steps)],
        "related": [*related, "beslut-prioritet"],
        "references": ["manual"],
    }
    return data


def decision(decision_index: int) -> dict[str, Any]:
    def yes_no() -> list[dict[str, str]]:  # a new list each time: no YAML anchors
        return [{"value": "ja", "label": "Ja"}, {"value": "nej", "label": "Nej"}]

    if decision_index == 0:
        return {
            "id": "beslut-prioritet",
            "title": "Vem tar ärendet?",
            "summary": "Vem som blir patientens kontaktperson när ärendet kommer in.",
            "hit_policy": "UNIQUE",
            "functions": ["chatt"],
            "source": "Genomförande",
            "keywords": ["prioritet", "kontaktperson", "ansvar"],
            "inputs": [
                {"id": "akut", "question": "Är besvären akuta?", "options": yes_no()},
                {"id": "lakare-behovs", "question": "Behövs en läkare?", "options": yes_no()},
            ],
            "rules": [
                {"id": "akut-ja", "when": {"akut": "ja"},
                 "then": {"outcome": "Hänvisa till 112 eller akutmottagningen.",
                          "actions": ["Dokumentera hänvisningen."], "critical": True}},
                {"id": "regel-lakare", "when": {"akut": "nej", "lakare-behovs": "ja"},
                 "then": {"outcome": "Läkaren blir kontaktperson."}},
                {"id": "sjukskoterska", "when": {"akut": "nej", "lakare-behovs": "nej"},
                 "then": {"outcome": "Sjuksköterskan blir kontaktperson.",
                          "actions": ["Boka uppföljning vid behov."]}},
            ],
            "examples": [
                {"given": {"akut": "ja", "lakare-behovs": "nej"}, "expect": "akut-ja"},
                {"given": {"akut": "nej", "lakare-behovs": "ja"}, "expect": "regel-lakare"},
                {"given": {"akut": "nej", "lakare-behovs": "nej"}, "expect": "sjukskoterska"},
            ],
        }
    return {
        "id": "beslut-kanal",
        "title": "Video eller chatt?",
        "summary": "Vilken kontaktväg som passar patienten.",
        "hit_policy": "FIRST",
        "functions": ["videobesok"],
        "source": "Bokning",
        "inputs": [
            {"id": "kamera", "question": "Har patienten kamera?", "options": yes_no()},
            {"id": "bankid", "question": "Har patienten BankID?", "options": yes_no()},
        ],
        "rules": [
            {"id": "utan-bankid", "when": {"bankid": "nej"},
             "then": {"outcome": "Boka ett besök på mottagningen."}},
            {"id": "regel-video", "when": {"kamera": "ja"},
             "then": {"outcome": "Boka videobesök."}},
            {"id": "regel-chatt", "when": {"kamera": "nej"},
             "then": {"outcome": "Fortsätt i chatten."}},
        ],
        "examples": [
            {"given": {"kamera": "ja", "bankid": "nej"}, "expect": "utan-bankid"},
            {"given": {"kamera": "ja", "bankid": "ja"}, "expect": "regel-video"},
            {"given": {"kamera": "nej", "bankid": "ja"}, "expect": "regel-chatt"},
        ],
    }


def phrases() -> dict[str, Any]:
    return {
        "id": "frasmallar",
        "title": "Frasmallar",
        "summary": "Frasmallar som rutinen använder.",
        "phrases": [
            {"id": "kallelse", "title": "¤kallelse", "system": "Cosmic",
             "use": "I fritextrutan vid bokning.",
             "text": "Logga in på 1177 och välj din mottagning för att ansluta till besöket. "
                     "Anslut dig cirka 10 minuter innan din bokade tid.",
             "source": "Bokning"},
            {"id": "stangning", "title": "Stängning", "system": "Platform24",
             "location": "Frasbiblioteket i Platform24.", "source": "Avvikelser"},
        ],
    }


CHECKLISTS_PER_TASK = 4
STOP_SIZE = 6  # steps per stop; a checklist's steps fill one or two stops


def tasks_in(per_routine: int) -> int:
    return -(-per_routine // CHECKLISTS_PER_TASK)


def task(r: int, t: int, per_routine: int) -> dict[str, Any]:
    """Task `t` of routine `r`: the steps of four checklists in stops of at most six (so
    every step is in a task, as task-coverage asks); the first task also has the decision
    aid inside its first stop (a task page's heaviest shape)."""
    stops: list[dict[str, Any]] = []
    first = t * CHECKLISTS_PER_TASK
    for c in range(first, min(first + CHECKLISTS_PER_TASK, per_routine)):
        steps = 8 + (r + c) % 5  # as checklist() makes them
        ids = [f"u{c + 1}-steg-{n + 1}" for n in range(steps)]
        for part, start in enumerate(range(0, steps, STOP_SIZE)):
            items = ids[start:start + STOP_SIZE]
            if t == 0 and not stops:
                items.append("beslut-prioritet")
            stops.append({"id": f"u{c + 1}-stopp-{part + 1}",
                          "title": f"{_topic(r, c)[0].capitalize()}: uppgift {c + 1}, "
                                   f"del {part + 1}",
                          "items": items})
    topic = TOPICS[(r + t) % len(TOPICS)][0]
    return {
        "id": f"arbete-{t + 1}",
        "title": f"Arbete {t + 1} i rutin {r + 1}: {topic}",
        "summary": f"Hela arbetet med {topic}, stopp för stopp.",
        "kind": "read-do",
        "roles": ["vardpersonal"],
        "keywords": [topic, "arbete"],
        "stops": stops,
    }


def routine(r: int, per_routine: int) -> dict[str, Any]:
    ids = [checklist_id(c) for c in range(per_routine)]
    half = (len(ids) + 1) // 2
    return {
        "id": routine_id(r),
        "title": f"Rutin {r + 1}: {TOPICS[r % len(TOPICS)][0]} i primärvården",
        "purpose": "Beskriva ett enhetligt arbetssätt för digitala kontakter och besök.",
        "scope": "Alla verksamheter använder inte samtliga funktioner.",
        "keywords": [TOPICS[r % len(TOPICS)][0], "rutin", "primärvård"],
        "source_headings": HEADINGS,
        "changelog": [
            {"date": "2026-06-12", "text": "Nya checklistor för **video**."},
            {"date": "2026-01-15", "text": "Första versionen."},
        ],
        "references": [
            {"id": "manual", "title": "Manual för Cosmic", "url": "https://example.org/manual",
             "source": "Syfte"},
        ],
        "glossary": [
            {"id": "distansbesok", "term": "Distansbesök",
             "meaning": "Ett vårdbesök där patient och personal inte möts fysiskt.",
             "source": "Syfte"},
        ],
        "functions": [{"id": "videobesok", "title": "Videobesök"},
                      {"id": "chatt", "title": "Chatt"}],
        "roles": [{"id": "vardpersonal", "title": "Vårdpersonal"},
                  {"id": "lakare", "title": "Läkare"}],
        "groups": [
            {"id": "fore", "title": "Före kontakten", "items": ids[:half]},
            {"id": "under", "title": "Under och efter kontakten", "items": ids[half:]},
            {"id": "beslut", "title": "Beslutsstöd", "items": ["beslut-prioritet", "beslut-kanal"]},
        ],
    }


def generate_region(root: Path, routines: int, per_routine: int) -> int:
    """Write `routines` routine folders of `per_routine` checklists below `root`;
    return the number of checklists written."""
    for r in range(routines):
        folder = root / routine_id(r)
        (folder / "decisions").mkdir(parents=True, exist_ok=True)
        (folder / "routine.yaml").write_text(_yaml(routine(r, per_routine)), encoding="utf-8")
        (folder / "phrases.yaml").write_text(_yaml(phrases()), encoding="utf-8")
        for d in range(2):
            data = decision(d)
            path = folder / "decisions" / f"{data['id']}.yaml"
            path.write_text(_yaml(data), encoding="utf-8")
        for c in range(per_routine):
            path = folder / f"{checklist_id(c)}.yaml"
            path.write_text(_yaml(checklist(r, c, per_routine)), encoding="utf-8")
        (folder / "tasks").mkdir(exist_ok=True)
        for t in range(tasks_in(per_routine)):
            data = task(r, t, per_routine)
            path = folder / "tasks" / f"{data['id']}.yaml"
            path.write_text(_yaml(data), encoding="utf-8")
    return routines * per_routine
