"""The Platform24 content is faithful to its only source, the routine document.

The source text lives with its content: ``checklists/platform24/source.txt`` (its header
lines, starting with ``#``, record what was removed from the extracted text and why).
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from rutin.check.validate import check
from rutin.load.layout import kind_of
from rutin.model.records import DecisionTable, Library, Routine, Rule
from support.project import CONTENT, SOURCE, parse_toc

REPO = Path(__file__).resolve().parents[1]
ROUTINE_DIR = CONTENT / "platform24"
SCHEMAS = REPO / "schemas"
URL_RE = re.compile(r"https?://\S+")


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def source_text() -> str:
    """The extracted text without the file's header."""
    lines = SOURCE.read_text(encoding="utf-8").split("\n")
    return "\n".join(line for line in lines if not line.startswith("#"))


@pytest.fixture(scope="module")
def flat_source(source_text: str) -> str:
    """The source with all whitespace runs collapsed (lines wrap mid-sentence)."""
    return _flat(source_text)


@pytest.fixture(scope="module")
def toc(source_text: str) -> list[str]:
    return parse_toc(source_text)


@pytest.fixture(scope="module")
def library() -> Library:
    report = check(CONTENT)
    errors = [p for p in report.problems if getattr(p, "severity", "error") == "error"]
    assert not errors, "\n".join(p.format_text() for p in errors)
    assert report.library is not None
    return report.library


@pytest.fixture(scope="module")
def routine(library: Library) -> Routine:
    return library.routine("platform24")


@pytest.fixture(scope="module")
def raw_docs() -> dict[Path, Any]:
    return {p: yaml.safe_load(p.read_text(encoding="utf-8")) for p in content_files()}


@pytest.fixture(scope="module")
def content_strings(raw_docs: dict[Path, Any]) -> list[str]:
    return [s for doc in raw_docs.values() for s in _strings(doc)]


@pytest.fixture(scope="module")
def flat_content(content_strings: list[str]) -> str:
    return "\n".join(_flat(s) for s in content_strings)


# --------------------------------------------------------------------------- helpers


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def content_files() -> list[Path]:
    return sorted(ROUTINE_DIR.rglob("*.yaml"))


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for k, v in node.items():
            yield str(k)
            yield from _strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from _strings(v)


def _sources(node: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every (field path, value) of a key named exactly ``source``."""
    if isinstance(node, dict):
        for k, v in node.items():
            here = f"{path}.{k}" if path else str(k)
            if k == "source" and isinstance(v, str):
                yield here, v
            else:
                yield from _sources(v, here)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _sources(v, f"{path}[{i}]")


def covered_headings(r: Routine) -> set[str]:
    """Headings that at least one content item names as its source."""
    covered: set[str] = set()
    # Routine-level mapping: the title, Syfte and the change history are routine fields.
    covered.add(r.title)
    if r.purpose:
        covered.add("Syfte")
    if r.changelog:
        covered.add("Uppdaterat från föregående version")
    for s in r.sections:
        covered.add(s.source)
    for ref in r.references:
        covered.add(ref.source)
    for t in r.glossary:
        covered.add(t.source)
    for c in r.checklists:
        covered.add(c.source)
        covered.update(s.source for s in c.steps if s.source)
        covered.update(n.source for n in (*c.notes, *c.warnings) if n.source)
    for d in r.decisions:
        covered.add(d.source)
        covered.update(rule.source for rule in d.rules if rule.source)
        covered.update(n.source for n in d.notes if n.source)
    if r.phrases:
        covered.update(p.source for p in r.phrases.phrases)
    return covered


# --------------------------------------------------------------------------- (0) files


def test_content_files_exist() -> None:
    kinds = [kind_of(p) for p in content_files()]
    assert kinds.count("routine") == 1
    assert kinds.count("phrases") == 1
    assert kinds.count("checklist") >= 20
    assert kinds.count("decision") >= 6


@pytest.mark.parametrize(
    "path", content_files(), ids=lambda p: p.relative_to(ROUTINE_DIR).as_posix()
)
def test_file_matches_its_schema(path: Path) -> None:
    """Every file: schema comment first, strict YAML habits, valid against its JSON schema."""
    text = path.read_text(encoding="utf-8")
    kind = kind_of(path)
    prefix = "../../../schemas" if kind in ("decision", "task", "scenario") else "../../schemas"
    assert text.splitlines()[0] == f"# yaml-language-server: $schema={prefix}/{kind}.schema.json"
    assert "\t" not in text, "tabbar är inte tillåtna"
    for event in yaml.parse(text):
        assert not isinstance(event, yaml.AliasEvent), "alias är inte tillåtna"
        assert getattr(event, "anchor", None) is None, "ankare är inte tillåtna"
        assert getattr(event, "tag", None) in (None, "!"), "egna taggar är inte tillåtna"

    common = json.loads((SCHEMAS / "common.schema.json").read_text(encoding="utf-8"))
    registry: Registry = Registry().with_resource(
        "common.schema.json", Resource.from_contents(common)
    )
    schema = json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))
    data = yaml.safe_load(text)
    errors = sorted(
        Draft202012Validator(schema, registry=registry).iter_errors(data),
        key=lambda e: list(e.absolute_path),
    )
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)
    if kind in ("checklist", "decision", "scenario"):
        assert data["id"] == path.stem, "id ska vara samma som filnamnet"


def test_ids_are_unique_across_the_routine(raw_docs: dict[Path, Any]) -> None:
    ids: list[str] = []
    for path, doc in raw_docs.items():
        kind = kind_of(path)
        if kind == "routine":
            for key in ("sections", "references", "glossary", "functions", "roles", "groups"):
                ids += [item["id"] for item in doc.get(key, [])]
        elif kind == "phrases":
            ids += [p["id"] for p in doc["phrases"]]
        elif kind == "checklist":
            ids.append(doc["id"])
            ids += [s["id"] for s in doc["steps"]]
        elif kind == "task":
            ids.append(doc["id"])
            ids += [p["id"] for p in doc["stops"]]
        elif kind == "decision":  # scenarios: named by their files, in a folder of their own
            ids.append(doc["id"])
            ids += [r["id"] for r in doc["rules"]]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates, f"id som används mer än en gång: {duplicates}"


def test_cross_references_resolve(routine: Routine) -> None:
    items = {c.id for c in routine.checklists} | {d.id for d in routine.decisions}
    refs = {r.id for r in routine.references}
    functions = {f.id for f in routine.functions}
    roles = {r.id for r in routine.roles}
    phrases = {p.id for p in routine.phrases.phrases} if routine.phrases else set()
    grouped = [i for g in routine.groups for i in g.items]
    assert sorted(grouped) == sorted(items), "varje checklista och beslutsstöd i exakt en grupp"
    assert len(grouped) == len(set(grouped))
    problems: list[str] = []
    for c in routine.checklists:
        problems += [f"{c.id}: funktion {f}" for f in c.functions if f not in functions]
        problems += [f"{c.id}: roll {r}" for r in c.roles if r not in roles]
        problems += [f"{c.id}: related {r}" for r in c.related if r not in items]
        problems += [f"{c.id}: referens {r}" for r in c.references if r not in refs]
        questions = {q.id: {o.value for o in q.options} for q in c.questions}
        for s in c.steps:
            if s.phrase and s.phrase not in phrases:
                problems.append(f"{c.id}.{s.id}: fras {s.phrase}")
            for q, values in s.when.items():
                if q not in questions or not set(values) <= questions[q]:
                    problems.append(f"{c.id}.{s.id}: villkor {q}={values}")
    for d in routine.decisions:
        problems += [f"{d.id}: funktion {f}" for f in d.functions if f not in functions]
        problems += [f"{d.id}: related {r}" for r in d.related if r not in items]
        problems += [f"{d.id}: referens {r}" for r in d.references if r not in refs]
    for s in routine.sections:
        problems += [f"{s.id}: referens {r}" for r in s.references if r not in refs]
    assert not problems, problems
    used_roles = {r for c in routine.checklists for r in c.roles}
    assert roles == used_roles, f"roller som ingen checklista använder: {roles - used_roles}"


# --------------------------------------------------------------------------- (1) headings


def test_source_headings_equal_the_toc(routine: Routine, toc: list[str]) -> None:
    assert len(toc) > 1
    assert list(routine.source_headings) == toc


def test_every_heading_is_covered(routine: Routine, toc: list[str]) -> None:
    uncovered = [h for h in toc if h not in covered_headings(routine)]
    assert not uncovered, f"rubriker som inget innehåll kommer från: {uncovered}"


def test_every_source_value_is_a_toc_heading(raw_docs: dict[Path, Any], toc: list[str]) -> None:
    wrong = [
        f"{path.relative_to(REPO)}: {field} = {value!r}"
        for path, doc in raw_docs.items()
        for field, value in _sources(doc)
        if value not in toc
    ]
    assert not wrong, "source som inte är en rubrik i innehållsförteckningen:\n" + "\n".join(wrong)


# --------------------------------------------------------------------------- (2) links


def test_every_source_url_is_in_the_content(source_text: str, content_strings: list[str]) -> None:
    urls = sorted(set(URL_RE.findall(source_text)))
    assert urls
    blob = "\n".join(content_strings)
    missing = [u for u in urls if u not in blob]
    assert not missing, f"adresser ur källan som saknas i innehållet: {missing}"


def test_every_content_url_comes_from_the_source(
    source_text: str, content_strings: list[str]
) -> None:
    source_urls = set(URL_RE.findall(source_text))
    found = {u.rstrip(").,”") for s in content_strings for u in URL_RE.findall(s)}
    invented = sorted(found - source_urls)
    assert not invented, f"adresser som inte står i källan: {invented}"


def test_what_privacy_removed_is_recorded_and_not_published() -> None:
    """A link to a file on somebody's own PC (the first version's extract had one) is
    never in the repository's copy; what was left out is recorded in the header, an
    entry per line under its heading (tests/test_source_update.py reads a version with
    such a link in)."""
    text = SOURCE.read_text(encoding="utf-8")
    header = [line[1:].strip() for line in text.split("\n") if line.startswith("#")]
    assert "file:" not in text
    for i, line in enumerate(header):
        if line.startswith("Borttaget"):
            assert i + 1 < len(header) and header[i + 1].endswith("."), header[i:i + 2]


def test_no_file_urls_anywhere() -> None:
    offenders = [
        p.relative_to(REPO).as_posix()
        for p in sorted(CONTENT.rglob("*"))
        if p.is_file() and re.search(rb"(?<![\w])file:", p.read_bytes())
    ]
    docs = REPO / "docs"
    if docs.is_dir():
        for p in sorted(docs.rglob("*")):
            if not p.is_file():
                continue
            data = p.read_bytes()
            # Scripts may legitimately test location.protocol === "file:" (opened from disk);
            # no page or text may contain a file address or the author's local path.
            text_like = p.suffix.lower() in {".md", ".yml", ".yaml", ".json", ".html", ".txt"}
            if (text_like and b"file:" in data) or b"file:///" in data or b"C:/Users" in data:
                offenders.append(p.relative_to(REPO).as_posix())
    assert not offenders, f"file:-adresser får inte publiceras: {offenders}"


def test_loggkontroll_reference_has_location_not_url(routine: Routine) -> None:
    ref = next(r for r in routine.references if r.title.startswith("Loggkontroll"))
    assert ref.url is None
    assert ref.location and "regionhalland.se" in ref.location


def test_references_without_url_say_where(routine: Routine) -> None:
    for ref in routine.references:
        assert ref.url or ref.location, ref.id


# --------------------------------------------------------------------------- (3) facts

# (text in the source, text in the content); whitespace is collapsed on both sides.
FACTS: list[tuple[str, str]] = [
    ("1 är högst, 5 är lägst", "1 är högst, 5 är lägst"),
    ("Besöket skall ske inom 2 dagar", "inom 2 dagar"),
    ("Filerna raderas automatiskt efter två timmar", "raderas automatiskt efter två timmar"),
    ("finns kvar i 2 timmar", "finns kvar i 2 timmar"),
    ("förnamn: ”tolk” och efternamn: ”digital”", "förnamn: ”tolk” och efternamn: ”digital”"),
    ("OBS FEL PATIENT", "”OBS FEL PATIENT”"),
    ("ingen ytterligare dokumentation ska ske i Cosmic", "ytterligare dokumentation ska ske"),
    ("i:\\mellanlagring", "i:\\mellanlagring"),
    ("Frikortet trumfar", "Frikortet trumfar"),
    ("Distansbesök - skriftlig", "Distansbesök - skriftlig"),
    ("Distansbesök - video", "Distansbesök - video"),
    ("Mall: Besöksanteckning", "Besöksanteckning"),
    ("Anamnes - Aktuellt", "Anamnes - Aktuellt"),
    ("”Avsluta skift”", "”Avsluta skift”"),
    ("”Inga patienter hittade”", "”Inga patienter hittade”"),
    ("fliken Sjukvårdspersonal", "fliken Sjukvårdspersonal"),
    ("sökorsak: Anhörigsamtal", "sökorsak: Anhörigsamtal"),
    ("INTE är konfigurerad för webbtidbok", "INTE är konfigurerad för webbtidbok"),
    ("anhörigs personnummer (ej på patientens)", "anhörigs personnummer (ej på patientens)"),
    ("Kundavtal: Primärvård", "Kundavtal: Primärvård"),
    ("Använd frasmall “Stängning”", "Stängning"),
    ("lägg på 1 dag", "lägg på 1 dag"),
    ("filtrera fram alla ärenden genom dagens datum", "alla ärenden genom dagens datum"),
    ("omhändertas kommande vardag", "omhändertas då kommande vardag"),
    ("till 1177 via telefon eller 112 utifrån allvarlighetsgrad",) * 2,
    ("kontaktas beredskapsjour för överlämning av ärendet", "beredskapsjour för överlämning"),
    ("I akuta situationer ring 112 för överlämning av ärendet", "ring 112 för överlämning"),
    ("om det känns tillräckligt tryggt att fortsätta vården online",) * 2,
    ("Detta kräver invånarens samtycke", "samtycke"),
    ("Be inte patienten att söka på nytt", "Be inte patienten att söka på nytt"),
    ("den som systemet först får tillbaka efter att PU-tjänsten skapat patienten",) * 2,
]


def test_key_facts_the_source_still_says_are_in_the_content(
        flat_source: str, flat_content: str) -> None:
    """A key fact, where the source says it, is in the content as the source says it. A new
    version of the routine may change a fact (two hours become four): that fact no longer
    holds here, and the quotes that rested on it are suspect until reviewed. Most facts
    must still hold, so the list never checks nothing."""
    held = [(s, c) for s, c in FACTS if _flat(s) in flat_source]
    assert len(held) >= len(FACTS) // 2, f"bara {len(held)} av {len(FACTS)} står kvar i källan"
    missing = [c for _s, c in held if _flat(c) not in flat_content]
    assert not missing, f"saknas i innehållet: {missing}"


def test_kallelsevideo_is_verbatim(source_text: str, routine: Routine) -> None:
    m = re.search(r"¤kallelsevideo\s*”(.+?)”", source_text, re.S)
    assert m, "¤kallelsevideo finns inte i källan"
    assert routine.phrases is not None
    phrase = next(p for p in routine.phrases.phrases if p.id == "kallelsevideo")
    assert phrase.title == "¤kallelsevideo"
    assert phrase.system == "Cosmic"
    assert phrase.text == _flat(m.group(1))
    using = [s.id for c in routine.checklists for s in c.steps if s.phrase == "kallelsevideo"]
    assert using, "inget steg använder ¤kallelsevideo"


def test_stangning_text_is_not_invented(routine: Routine) -> None:
    assert routine.phrases is not None
    phrase = next(p for p in routine.phrases.phrases if p.id == "stangning")
    assert phrase.text is None
    assert phrase.location and "Texten anges ej i rutinen" in phrase.location


def test_changelog_is_verbatim(source_text: str, routine: Routine) -> None:
    # The history runs from its heading to the table of contents (tab-indented lines).
    after = source_text.split("Uppdaterat från föregående version", 1)[1]
    section = _flat(after.split("\n\t", 1)[0])
    entries = re.findall(r"(\d{4}-\d{2}-\d{2}) (.+?)(?= \d{4}-\d{2}-\d{2} | file:|$)", section)
    assert entries
    assert [(c.date, c.text) for c in routine.changelog] == [(d, t.strip()) for d, t in entries]


def test_purpose_and_scope_are_verbatim(flat_source: str, routine: Routine) -> None:
    assert _flat(routine.purpose) in flat_source
    assert _flat(routine.scope) in flat_source
    assert routine.owner is None and routine.approved_by is None
    assert routine.valid_from is None and routine.review_by is None and routine.version is None


def test_arrival_registration_fields_in_source_order(flat_source: str, routine: Routine) -> None:
    fields = [
        "vårdkontakt och efterregistrering (kassan)",
        "Distansbesök - skriftlig",
        "vårdande enhet",
        "rätt vårdtjänst",
        "Kund kommer med automatik",
        "Kundavtal: Primärvård",
        "vårdpersonal som har chattat med patient",
        "legitimationssätt",
        "besökstyp",
        "patientavgift",
        "avgiftsreducering",
        "frikort",
        "betalsätt Faktura om patient ska betala",
        "Klicka på Spara",
    ]
    checklist = next(c for c in routine.checklists if c.id == "ankomstregistrering-chatt")
    texts = [s.text for s in checklist.steps]
    assert len(texts) == len(fields)
    for text, field in zip(texts, fields, strict=True):
        assert field in text, (field, text)
    positions = [flat_source.index(f) for f in fields[1:]]
    assert positions == sorted(positions), "fälten står i en annan ordning i källan"


def test_corrections_quote_the_source(flat_source: str, routine: Routine) -> None:
    """Each correction's original text (or each part of it, split on ' / ') is in the source."""
    assert routine.corrections
    for c in routine.corrections:
        parts = c.original.split(" / ")
        assert any(_flat(p) in flat_source for p in parts), c.original
        assert c.reason


def test_glossary_variants_do_not_leak_into_content(
    routine: Routine, raw_docs: dict[Path, Any]
) -> None:
    """Spellings listed as variants appear only in corrections, the glossary, keywords
    (staff may search with them) and quotations of the source (inside ”…”, `quotes`
    and the register of unquoted sentences, which keep the source's spelling)."""
    variants = {v for t in routine.glossary for v in t.variants}
    skip = {"corrections", "glossary", "keywords", "quotes", "unquoted"}
    leaks: list[str] = []
    for path, doc in raw_docs.items():
        for s in _strings(_without(doc, skip)):
            for v in variants:
                if re.search(rf"(?<![\w.”]){re.escape(v)}(?![\w”])", s):
                    leaks.append(f"{path.name}: {v!r} i {s[:60]!r}")
    assert not leaks, leaks


def _without(node: Any, keys: set[str]) -> Any:
    if isinstance(node, dict):
        return {k: _without(v, keys) for k, v in node.items() if k not in keys}
    if isinstance(node, list):
        return [_without(v, keys) for v in node]
    return node


# --------------------------------------------------------------------------- (4) decisions


def _combinations(table: DecisionTable) -> Iterator[dict[str, str]]:
    ids = [q.id for q in table.inputs]
    for values in itertools.product(*[[o.value for o in q.options] for q in table.inputs]):
        yield dict(zip(ids, values, strict=True))


def _matches(rule: Rule, answers: dict[str, str]) -> bool:
    return all(answers.get(q) in values for q, values in rule.when.items())


def _tables(routine: Routine) -> list[DecisionTable]:
    return sorted(routine.decisions, key=lambda d: d.id)


def test_expected_decision_tables(routine: Routine) -> None:
    assert {d.id for d in routine.decisions} == {
        "suicidrisk-atgard",
        "primar-kontaktperson",
        "skyddade-personuppgifter",
        "chatt-registrering",
        "formular-dokumentation",
        "chatt-efter-stangning",
    }


def test_decision_tables_local_brute_force(routine: Routine) -> None:
    """Independent of rutin.decide: complete, no UNIQUE overlap, no dead rule, examples pass."""
    problems: list[str] = []
    for table in _tables(routine):
        inputs = {q.id: {o.value for o in q.options} for q in table.inputs}
        for rule in table.rules:
            for q, values in rule.when.items():
                if q not in inputs or not set(values) <= inputs[q]:
                    problems.append(f"{table.id}/{rule.id}: okänt villkor {q}={values}")
        fired: set[str] = set()
        for answers in _combinations(table):
            hits = [r.id for r in table.rules if _matches(r, answers)]
            if not hits:
                problems.append(f"{table.id}: lucka {answers}")
                continue
            if table.hit_policy == "UNIQUE" and len(hits) > 1:
                problems.append(f"{table.id}: överlapp {answers} → {hits}")
            fired.add(hits[0])
        dead = [r.id for r in table.rules if r.id not in fired]
        problems += [f"{table.id}: död regel {r}" for r in dead]
        rule_ids = {r.id for r in table.rules}
        for ex in table.examples:
            if set(ex.given) != set(inputs):
                problems.append(f"{table.id}: exemplet {ex.given} svarar inte på alla frågor")
            hit = next((r.id for r in table.rules if _matches(r, ex.given)), None)
            if hit != ex.expect:
                problems.append(f"{table.id}: exemplet {ex.given} gav {hit}, väntat {ex.expect}")
        untested = rule_ids - {ex.expect for ex in table.examples}
        problems += [f"{table.id}: regel utan exempel {r}" for r in sorted(untested)]
    assert not problems, "\n".join(problems)


def _decide() -> Any:
    import rutin.model.decide as decide

    return decide


def test_decision_tables_with_rutin_decide(routine: Routine) -> None:
    decide = _decide()
    problems: list[str] = []
    for table in _tables(routine):
        analysis = decide.analyse(table)
        problems += [f"{table.id}: lucka {g}" for g in analysis.gaps]
        problems += [f"{table.id}: överlapp {a} → {ids}" for a, ids in analysis.overlaps]
        problems += [f"{table.id}: död regel {r}" for r in analysis.dead_rules]
        problems += [f"{table.id}: exempel {ex} gav {got}" for ex, got in analysis.failing_examples]
        for ex in table.examples:
            rule = decide.evaluate(table, ex.given)
            if rule is None or rule.id != ex.expect:
                problems.append(f"{table.id}: evaluate({ex.given}) → {rule and rule.id}")
        untested = {r.id for r in table.rules} - {ex.expect for ex in table.examples}
        problems += [f"{table.id}: regel utan exempel {r}" for r in sorted(untested)]
    assert not problems, "\n".join(problems)


def test_a_higher_suicide_risk_never_gets_less(routine: Routine) -> None:
    """Every decision input whose options are ordered risk levels: for every other
    answer, each action at a level is also given at every higher level (a clinical
    review found the highest risk given less than a moderate one)."""
    import itertools

    from rutin.model.decide import evaluate

    for table in routine.decisions:
        for risk in (q for q in table.inputs if q.id.endswith("-risk")):
            others = [q for q in table.inputs if q is not risk]
            for combo in itertools.product(*[[o.value for o in q.options] for q in others]):
                given = dict(zip([q.id for q in others], combo, strict=True))
                levels = [o.value for o in risk.options]
                for lower, higher in itertools.pairwise(levels[1:]):
                    low = evaluate(table, {**given, risk.id: lower})
                    high = evaluate(table, {**given, risk.id: higher})
                    if low is None or high is None:
                        continue
                    missing = {a.text for a in low.then.actions} - {
                        a.text for a in high.then.actions}
                    assert not missing, (table.id, given, lower, higher, missing)


def test_suicide_table_says_what_the_source_says(routine: Routine) -> None:
    table = next(d for d in routine.decisions if d.id == "suicidrisk-atgard")

    def outcome(situation: str, risk: str, telefon: str = "ingen-kontakt", helg: str = "nej",
                sista: str = "nej") -> str:
        answers = {
            "suicid-situation": situation,
            "suicid-telefon": telefon,
            "suicid-risk": risk,
            "suicid-helg-eller-motsatter": helg,
            "suicid-sista-utvag": sista,
        }
        rule = next(r for r in table.rules if _matches(r, answers))
        return " ".join([rule.then.outcome, *(a.text for a in rule.then.actions)])

    assert "vård online" in outcome("svarar", "ingen-eller-lag")
    assert "inom 2 dagar" in outcome("svarar", "mattlig")
    assert "individuell handläggning" in outcome("svarar", "mattlig", helg="ja")
    assert "beredskapsjour" in outcome("svarar-inte", "mattlig")
    assert "per telefon" in outcome("svarar-inte", "mattlig", telefon="inte-an")
    assert "beredskapsjour" in outcome("vagrar-vard", "hogre-an-mattlig", sista="ja")
    assert "individuell handläggning" in outcome("vagrar-vard", "hogre-an-mattlig")
    assert "112" in outcome("svarar-inte", "mattlig")
    assert "utan ytterligare åtgärd" in outcome("svarar-inte", "ingen-eller-lag")
    assert "Anges ej" in outcome("vagrar-vard", "ingen-eller-lag")
