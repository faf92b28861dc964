"""Rule references-resolve."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from typing import Any

from rutin.load.yaml_reader import Document, FieldPath
from rutin.problem import Problem
from rutin.rules.content import RoutineContent

RULE_ID = "references-resolve"


def _hint(value: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    return f" (menade du \"{close[0]}\"?)" if close else ""


def _missing(doc: Document, path: FieldPath, value: str, where: str,
             known: Iterable[str], *, key: bool = False) -> Problem:
    return doc.problem(path, f"\"{value}\" finns inte {where}{_hint(value, known)}", RULE_ID,
                       key=key)


def _ids(items: Any) -> list[str]:
    return [item["id"] for item in items or () if isinstance(item, dict) and "id" in item]


def _condition(doc: Document, path: FieldPath, condition: dict[str, Any],
               questions: dict[str, list[str]], where: str) -> Iterator[Problem]:
    """Keys must name a question, values must be that question's options."""
    for name, accepted in condition.items():
        if name not in questions:
            yield _missing(doc, (*path, name), name, where, questions, key=True)
            continue
        values = [accepted] if isinstance(accepted, str) else list(accepted)
        for index, value in enumerate(values):
            if value not in questions[name]:
                at = (*path, name) if isinstance(accepted, str) else (*path, name, index)
                yield _missing(doc, at, value, f"bland svaren på frågan \"{name}\"",
                               questions[name])


def _questions(items: Any) -> dict[str, list[str]]:
    return {q["id"]: [o["value"] for o in q["options"]] for q in items or ()}


def decision_problems(doc: Document) -> list[Problem]:
    """The reference problems inside one decision table (inputs, options, rule ids)."""
    data = doc.data or {}
    inputs = _questions(data.get("inputs"))
    problems: list[Problem] = []
    for index, rule in enumerate(data.get("rules") or ()):
        problems += _condition(doc, ("rules", index, "when"), rule["when"], inputs,
                               "bland tabellens frågor (inputs)")
    rule_ids = _ids(data.get("rules"))
    for index, example in enumerate(data.get("examples") or ()):
        problems += _condition(doc, ("examples", index, "given"), example["given"], inputs,
                               "bland tabellens frågor (inputs)")
        if example["expect"] not in rule_ids:
            problems.append(_missing(doc, ("examples", index, "expect"), example["expect"],
                                     "bland tabellens regler", rule_ids))
    return problems


def _checklist_problems(doc: Document, phrase_ids: list[str] | None,
                        phrases_missing: bool, decision_ids: list[str]) -> Iterator[Problem]:
    data = doc.data or {}
    questions = _questions(data.get("questions"))
    for index, step in enumerate(data.get("steps") or ()):
        if "when" in step:
            yield from _condition(doc, ("steps", index, "when"), step["when"], questions,
                                  "bland checklistans frågor (questions)")
        decision = step.get("decision")
        if decision is not None and decision not in decision_ids:
            yield _missing(doc, ("steps", index, "decision"), decision,
                           "bland rutinens beslutsstöd", decision_ids)
        phrase = step.get("phrase")
        if phrase is None:
            continue
        if phrases_missing:
            yield doc.problem(("steps", index, "phrase"), f"frasmallen \"{phrase}\" kan inte "
                              "hittas: rutinen har ingen phrases.yaml", RULE_ID)
        elif phrase_ids is not None and phrase not in phrase_ids:
            yield _missing(doc, ("steps", index, "phrase"), phrase,
                           "bland frasmallarna i phrases.yaml", phrase_ids)


def _routine_lists(doc: Document, routine: dict[str, Any],
                   sources: list[str]) -> Iterator[Problem]:
    """functions, roles, references and source in any document, against routine.yaml."""
    data = doc.data or {}
    functions = _ids(routine.get("functions"))
    roles = _ids(routine.get("roles"))
    references = _ids(routine.get("references"))
    for key, known, where in (("functions", functions, "bland rutinens funktioner"),
                              ("roles", roles, "bland rutinens roller"),
                              ("references", references, "bland rutinens referenser")):
        if doc.path.name == "routine.yaml" and key != "references":
            continue
        for index, value in enumerate(data.get(key) or ()):
            if isinstance(value, str) and value not in known:
                yield _missing(doc, (key, index), value, f"{where} i routine.yaml", known)
    for r_index, role in enumerate(data.get("roles") or () if doc.path.name == "routine.yaml"
                                   else ()):
        for index, value in enumerate(role.get("includes") or ()):
            if value not in roles:
                yield _missing(doc, ("roles", r_index, "includes", index), value,
                               "bland rutinens roller", roles)
    for s_index, section in enumerate(data.get("sections") or ()):
        for index, value in enumerate(section.get("references") or ()):
            if value not in references:
                yield _missing(doc, ("sections", s_index, "references", index), value,
                               "bland rutinens referenser", references)
    yield from _sources(doc, data, (), sources)


def _sources(doc: Document, value: Any, path: FieldPath,
             sources: list[str]) -> Iterator[Problem]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "source" and isinstance(item, str):
                if item not in sources:
                    yield doc.problem(
                        (*path, key), f"källrubriken \"{item}\" finns inte i routine.yaml "
                        f"(source_headings){_hint(item, sources)}", RULE_ID)
            elif isinstance(item, dict | list):
                yield from _sources(doc, item, (*path, key), sources)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _sources(doc, item, (*path, index), sources)


def _groups(content: RoutineContent, routine: Document) -> Iterator[Problem]:
    data = routine.data or {}
    seen: dict[str, str] = {}
    known = sorted(content.known_item_ids)
    for g_index, group in enumerate(data.get("groups") or ()):
        for index, item in enumerate(group["items"]):
            if item not in content.known_item_ids:
                yield _missing(routine, ("groups", g_index, "items", index), item,
                               "bland rutinens checklistor och beslutsstöd", known)
            elif item in seen:
                yield routine.problem(
                    ("groups", g_index, "items", index),
                    f"\"{item}\" står redan i gruppen \"{seen[item]}\"; varje checklista "
                    "och beslutsstöd ska stå i exakt en grupp", RULE_ID)
            else:
                seen[item] = group["id"]
    for doc in content.checklists + content.decisions:
        item_id = (doc.data or {}).get("id")
        if isinstance(item_id, str) and item_id not in seen:
            yield doc.problem(("id",), f"\"{item_id}\" står inte i någon grupp; lägg till "
                              "id under groups i routine.yaml", RULE_ID)


def check(content: RoutineContent) -> Iterator[Problem]:
    """Varje hänvisning pekar på något som finns i samma rutin:

    - `related` och gruppernas `items` på en checklista eller ett beslutsstöd,
      och varje checklista och beslutsstöd står i exakt en grupp i routine.yaml;
    - ett stegs `phrase` på en frasmall i phrases.yaml, och dess `decision` på ett
      beslutsstöd i rutinen;
    - `references` på en referens i routine.yaml, `functions`, `roles` och en rolls
      `includes` på rutinens funktioner och roller;
    - ett stegs `when` på en av checklistans frågor (`questions`) och dess svar;
    - en regels `when` och ett exempels `given` på tabellens frågor (`inputs`) och
      svar, och exemplets `expect` på en regel i tabellen;
    - varje `source` på en rubrik i rutinens `source_headings`, stavad exakt likadant.

    Varje rutinmapp har en `routine.yaml`, som allt annat i mappen hänvisar till.
    Liknar ett okänt namn ett som finns föreslås det (”menade du …?”).

    Godkänt: `related: [val-av-besok]` när beslutsstödet `val-av-besok` finns i rutinen
    Fel: `related: [val-av-besoket]`, eller `phrase: kallelsen` när frasmallen heter
    `kallelse`
    """
    items = sorted(content.known_item_ids)
    for doc in content.checklists + content.decisions:
        for index, value in enumerate((doc.data or {}).get("related") or ()):
            if value not in content.known_item_ids:
                yield _missing(doc, ("related", index), value,
                               "bland rutinens checklistor och beslutsstöd", items)
    phrase_ids = _ids(content.phrases.data.get("phrases")) if (
        content.phrases is not None and content.phrases.data is not None) else None
    decision_ids = [(d.data or {}).get("id", "") for d in content.decisions]
    if not content.complete("decision"):  # a table that failed may be the one named
        decision_ids += sorted(content.known_item_ids - set(decision_ids))
    for doc in content.checklists:
        yield from _checklist_problems(doc, phrase_ids, content.phrases_missing, decision_ids)
    for doc in content.decisions:
        yield from decision_problems(doc)
    if content.routine is None or content.routine.data is None:
        return
    routine = content.routine.data
    sources = list(routine.get("source_headings") or ())
    for doc in content.documents:
        yield from _routine_lists(doc, routine, sources)
    yield from _groups(content, content.routine)
