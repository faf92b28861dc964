"""Rule text-agrees."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from rutin.check.trace import Traced
from rutin.load.source_text import SourceText, normalize
from rutin.load.yaml_reader import FieldPath
from rutin.problem import Problem
from rutin.rules.condition_kept import conditions
from rutin.rules.content import RoutineContent
from rutin.rules.modality import item_modality_in
from rutin.rules.quoted import TIME_WORDS, WORD, place, tokens

RULE_ID = "text-agrees"

KINDS = frozenset({"step", "warning", "note", "outcome", "action", "stop", "question",
                   "task-question", "checklist-question"})
# A sentence of the item that says what the routine does not state: its words are about
# the routine, not taken from it.
NOT_STATED = re.compile(
    r"\b(anges|nämns|framgår|står|sägs|beskrivs|definieras)\s+(ej|inte)\b|"
    r"\b(rutinen|källan)\s+(anger|nämner|säger|beskriver|definierar|förklarar)\s+"
    r"(inte|ej|inga|inget|ingen|bara|endast)\b|"
    r"\b(anger|nämner|säger|beskriver|definierar|förklarar)\s+(rutinen|källan)\s+"
    r"(inte|ej|inga|inget|ingen|bara|endast)\b", re.I)
# Where the routine says something: "(rutinen anger detta i stycket om …)".
WHERE = re.compile(r"\b(rutinen|källan)\b[^.]*\b(i|under)\s+(stycket|avsnittet|rubriken)\b",
                   re.I)
_ASIDE = re.compile(r"\([^()]*\)")
# A link's address and a bare address are not the item's words.
_ADDRESS = re.compile(r"\]\([^)]*\)|\bhttps?://\S+")
_TEXT_SENTENCE = re.compile(r"(?<=[.!?:;])\s+")
# Words that make an instruction optional or conditional on staff's time.
WEAKENERS = re.compile(r"\b(vid behov|om möjligt|om det går|i mån av|hinner|hinna|gärna|"
                       r"valfritt|kan|får|bör)\b", re.I)
_STEM = 5  # a condition word and its inflections share their first five letters


def own_fields(data: Any, item: Traced) -> list[tuple[FieldPath, str]]:
    """The item's own words with their fields: not the answers of `when` (they are the
    questions' words, quoted by the questions)."""
    node: Any = data
    for part in item.path:
        node = node[part]
    if isinstance(node, str):  # a decision action written as plain text
        return [(item.path, node)]
    fields: list[tuple[FieldPath, str]] = []

    def add(key: str) -> None:
        value = node.get(key)
        if isinstance(value, str) and value:
            fields.append(((*item.path, key), value))

    if item.kind == "step":
        add("text")
        add("detail")
        fields += [((*item.path, "substeps", i), s)
                   for i, s in enumerate(node.get("substeps") or ()) if isinstance(s, str)]
    elif item.kind == "outcome":
        add("outcome")
    elif item.kind == "stop":
        add("title")
    elif item.kind.endswith("question"):
        add("question")
        add("help")
        fields += [((*item.path, "options", i, "label"), o.get("label", ""))
                   for i, o in enumerate(node.get("options") or ()) if isinstance(o, dict)]
    else:
        add("text")
    return fields


def condition_labels(data: Any, item: Traced) -> str:
    """The item's `when` in words (its questions and accepted answers): an item may
    restate the condition it is shown under ("… har inte skyddade personuppgifter")."""
    holder: Any = data
    for part in item.path[:2]:  # ("steps", i), ("rules", i), ("stops", i)
        holder = holder[part]
    when = holder.get("when") if isinstance(holder, dict) else None
    if not isinstance(when, dict):
        return ""
    questions = data.get("inputs") or data.get("questions") or ()
    by_id = {q.get("id"): q for q in questions if isinstance(q, dict)}
    out = []
    for qid, accepted in when.items():
        question = by_id.get(qid) or {}
        values = [accepted] if isinstance(accepted, str) else list(accepted or ())
        out.append(str(question.get("question", "")))
        out += [str(o.get("label", "")) for o in question.get("options") or ()
                if isinstance(o, dict) and o.get("value") in values]
    return " ".join(out)


@lru_cache(maxsize=4096)
def stated(text: str, titles: re.Pattern[str] | None = None) -> str:
    """The item's own claims: without link addresses, without the titles of the routine's
    pages it points to ("se Boka videobesök i Cosmic"), and without its sentences that
    say what the routine does not state."""
    text = _ADDRESS.sub("]", text)
    if titles is not None:
        text = titles.sub(" ", text)
    text = _ASIDE.sub(lambda m: " " if WHERE.search(m.group(0)) else m.group(0), text)
    return " ".join(s for s in _TEXT_SENTENCE.split(text)
                    if not NOT_STATED.search(s) and not WHERE.search(s))


def _basis(source: SourceText, quotes: tuple[str, ...]) -> list[str]:
    """The whole source sentences the quotes lie in, with the headings they stand under
    (a heading scopes its sentences: "Bjuda in kollega" over "ytterligare vårdpersonal");
    a heading quoted whole: as written."""
    out = []
    for quote in quotes:
        placed = place(source, quote)
        if placed is None or not placed.sentences:
            out.append(normalize(quote))
            continue
        out += dict.fromkeys(s.heading for s in placed.sentences)
        out.append(placed.sentence_text)
    return out


def _titles(content: RoutineContent) -> re.Pattern[str] | None:
    """The titles of the routine's checklists, decision aids and tasks (a text names them
    to point at them)."""
    titles = sorted({str((d.data or {}).get("title", "")) for d in
                     (*content.checklists, *content.decisions, *content.tasks)} - {""},
                    key=len, reverse=True)
    if not titles:
        return None
    return re.compile("|".join(re.escape(t) for t in titles), re.I)


def _readings(content: RoutineContent) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Each interpretation's reading and quotes, by id."""
    routine = content.routine
    if routine is None or routine.data is None:
        return {}
    return {str(r.get("id")): (str(r.get("reading", "")), tuple(r.get("quotes") or ()))
            for r in routine.data.get("interpretations") or () if isinstance(r, dict)}


def _show(token: tuple[str, str]) -> str:
    label, name = token
    return f"talet {name}" if label == "tal" else f"”{name}” ({label})"


def item_problems(source: SourceText, item: Traced, fields: list[tuple[FieldPath, str]],
                  readings: dict[str, tuple[str, tuple[str, ...]]],
                  titles: re.Pattern[str] | None = None, page: str = "",
                  condition: str = "") -> Iterator[tuple[FieldPath, str]]:
    """(field, message) for each word of the item's text its quotes do not support."""
    if not fields:
        return
    parts = [*_basis(source, item.quotes), condition]
    for reading_id in item.interpretations:
        reading, quotes = readings.get(reading_id, ("", ()))
        parts += [reading, *_basis(source, quotes)]
    allowed: set[tuple[str, str]] = set()
    for part in parts:  # each part is looked up once (tokens caches)
        allowed |= tokens(part)
    basis = " ".join(parts)
    lower_basis = basis.lower()
    reported: set[tuple[str, str]] = set()
    asks = item.kind == "stop" or item.kind.endswith("question")
    if not asks:
        own_words = [w for _, t in fields for w in WORD.findall(stated(t, titles).lower())
                     if len(w) >= _STEM]
        if own_words and not any(w[:_STEM] in lower_basis for w in own_words):
            yield fields[0][0], ("texten delar inget ord med citatens meningar i källan: "
                                 "citera meningen som texten bygger på")
    for field, text in fields:
        own = stated(text, titles)
        found = set(tokens(own))
        if asks:  # "Vad ska journalföras? Nej, inte …" asks and answers; it tells no one
            found = {t for t in found if t[0] not in ("modalt verb", "negation")}
        for token in sorted(found - allowed - reported):
            reported.add(token)
            yield field, (f"texten har {_show(token)}, som citatens meningar i källan inte "
                          "har: skriv som källan, citera meningen som säger det eller ange "
                          "tolkningen (interpretations)")
        if not item.critical:
            continue
        for written, words in conditions(own):
            if not any(w[:_STEM] in lower_basis for w in words):
                yield field, (f"kritiskt, och texten har villkoret ”{written}”, som "
                              "citatens meningar i källan inte har: behåll källans villkor")
    if not item.critical:
        return
    text = " ".join(stated(t, titles) for _, t in fields).lower()
    if item_modality_in(source, item.quotes) == "ska":
        weak = {m.lower() for m in WEAKENERS.findall(text)} - {
            m.lower() for m in WEAKENERS.findall(basis)}
        if weak:
            said = ", ".join(f"”{w}”" for w in sorted(weak))
            yield fields[0][0], (f"kritiskt, och källan säger ett måste, men texten gör det "
                                 f"valfritt med {said}: behåll källans styrka")
    for quote in item.quotes:
        for word in dict.fromkeys(w.lower() for w in TIME_WORDS.findall(normalize(quote))):
            if word not in text and word not in page:
                yield fields[0][0], (f"kritiskt, och citatet säger ”{word}”, men texten "
                                     "har inte med det: behåll källans tidsord")


def check(content: RoutineContent) -> Iterator[Problem]:
    """Det ett steg, en varning, en upplysning, ett utfall, en åtgärd, en fråga eller ett
    stopp säger med egna ord stämmer med meningarna i källan som dess citat står i (och
    rubriken de står under). Varje tal, tidsenhet (minut, timme, dag, vecka …), negation
    (inte, ej, aldrig, utan, ingen), modalt verb (ska, måste, bör, kan, får), roll
    (sjuksköterska, psykolog, läkare, vårdpersonal, tolk, vårdnadshavare, patient …) och
    kanal eller system (e-post, sms, telefon, chatt, video, brev, 1177, Cosmic, Clinic24
    …) i texten finns i citatens meningar; böjningar räknas som samma ord (”ring” är
    telefon, ”två” är 2). Orden får också komma från tolkningarna som innehållet anger
    (`interpretations`: tolkningens `reading` och citat) och från dess `when` (frågan och
    svaret). Prövas inte: en mening som säger vad rutinen inte anger (”anges ej i
    rutinen”, ”rutinen säger inte …”), ett utfall med `not_stated`, en länks adress,
    namnet på en annan sida i rutinen (”se Boka videobesök i Cosmic”) och de modala verb
    och negationer en fråga ställer (”Vad ska journalföras?”). Ett kritiskt steg, utfall
    eller en varning på ett måste i källan får inte göras valfritt (”kan”, ”vid behov”,
    ”om du hinner”), lägger inte till villkor som källan saknar och behåller citatets
    tidsord (”direkt”, ”omedelbart”, ”inom” …). Ett steg, en varning, en upplysning, ett
    utfall eller en åtgärd delar minst ett ord (eller dess stam) med citatens meningar:
    en hel men orelaterad mening (”Se ovan”) bär inte texten.

    Godkänt: `text: "Om patienten uteblir: kontakta patienten direkt via telefon."` med
    citatet ”Om patienten uteblir från videobesöket ska patienten direkt kontaktas via
    telefon av vårdpersonalen som ska genomföra besöket.”
    Fel: samma citat med `text: "Om patienten uteblir: kontakta patienten via sms."`
    Fel: samma citat med `text: "Du kan kontakta patienten om du hinner."` och
    `critical: true`
    """
    source = content.source
    if source is None:
        return
    readings = _readings(content)
    titles = _titles(content)
    for item, doc in content.quoted(KINDS):
        if item.not_stated or doc.data is None:
            continue
        # A quote not in the source is quote-in-source's error; judged here it would
        # only repeat it (one problem, one message).
        if any(not source.find(q) and source.heading_named(q) is None for q in item.quotes):
            continue
        # The page's title and summary stand over the item ("… innan tjänsten blir
        # obemannad"): a time word there is kept.
        page = f"{doc.data.get('title', '')} {doc.data.get('summary', '')}".lower()
        for field, message in item_problems(source, item, own_fields(doc.data, item),
                                            readings, titles, page,
                                            condition_labels(doc.data, item)):
            yield doc.problem(field, message, RULE_ID)
