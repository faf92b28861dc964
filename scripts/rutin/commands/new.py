"""`rutin new checklist|decision|task|scenario <routine>/<id>`: scaffold a valid,
commented file (every kind with a `scaffold` in model/kinds.py). A checklist or
decision table joins a group of routine.yaml; a task (tasks/) starts with one stop
that refers to the routine's first step; a scenario (scenarios/) tests the routine's
first task (or --task) with no answers yet."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rutin.check.content import content_root, shown
from rutin.check.validate import check
from rutin.load.layout import content_files
from rutin.load.source_text import read_source, source_problem
from rutin.load.yaml_reader import Document, load_file
from rutin.model import kinds
from rutin.rules.condition_kept import conditions
from rutin.rules.modality import sentence_modality

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", choices=[k.name for k in kinds.all_kinds() if k.scaffold],
                        help="vad som ska skapas")
    parser.add_argument("target", metavar="RUTIN/ID", help="t.ex. platform24/bjuda-in-tolk")
    parser.add_argument("--title", default=None, help="rubrik (annars en platshållare)")
    parser.add_argument("--group", default=None, metavar="GRUPP",
                        help="id för gruppen i routine.yaml (standard: den första; "
                             "inte för en uppgift)")
    parser.add_argument("--task", default=None, metavar="UPPGIFT",
                        help="för ett scenario: uppgiften som prövas (standard: den första)")
    parser.add_argument("--root", type=Path, default=None,
                        help="innehållsmappen (standard: RUTIN_CONTENT_ROOT eller checklists/)")


def needs_project(args: argparse.Namespace) -> bool:
    return args.root is None  # --root names the content folder itself


def _ids(node: Any) -> Iterator[str]:
    """Every `id` value in a loaded document: the routine's shared id namespace."""
    if isinstance(node, dict):
        if isinstance(node.get("id"), str):
            yield node["id"]
        for value in node.values():
            yield from _ids(value)
    elif isinstance(node, list):
        for value in node:
            yield from _ids(value)


def _add_to_group(routine: Document, group_index: int, item_id: str) -> None:
    """Append item_id to a group's `items` in routine.yaml, keeping the file's own text
    (comments, quoting) and style: block lists get a new line, flow lists `, id`."""
    assert routine.data is not None  # checked by the caller
    items = routine.data["groups"][group_index]["items"]
    lines = routine.path.read_text(encoding="utf-8").splitlines(keepends=True)
    line, column = routine.position(("groups", group_index, "items", len(items) - 1))
    row = lines[line - 1]
    before = row[: column - 1].rstrip()
    if before.endswith("-"):  # block style: "      - item"
        dash = len(before) - 1
        lines.insert(line, " " * dash + f'- "{item_id}"\n')
    else:  # flow style: "items: [a, b]"
        close = row.index("]", column - 1)
        lines[line - 1] = row[:close] + f", {item_id}" + row[close:]
    routine.path.write_text("".join(lines), encoding="utf-8")


def _placeholder_quote(folder: Path, routine: dict[str, Any]) -> str | None:
    """For a routine with a source text: a sentence of it to start the new file's quotes
    with (a plain statement, no condition), so the scaffold is valid; the editor replaces
    it with the passage the step rests on."""
    name = routine.get("source_file")
    if not isinstance(name, str):
        return None
    try:
        if source_problem(folder / name, folder) is not None:
            return None  # a link out of the repository, or too big (rutin check says so)
        source = read_source(folder / name)
    except (OSError, UnicodeDecodeError):
        return None
    for sentence in source.text_sentences:
        if sentence_modality(sentence.text) in ("ska", "neutral") \
                and not conditions(sentence.text):
            return sentence.text
    return None


def _quotes_block(quote: str | None, indent: str) -> str:
    if quote is None:
        return ""
    return (f"{indent}# Citat ur källtexten som innehållet vilar på; byt till rätt stycke.\n"
            f"{indent}quotes:\n{indent}  - {json.dumps(quote, ensure_ascii=False)}\n")


def _first_step(folder: Path) -> str | None:
    """The routine's first step (in file order): where a new task's first stop starts."""
    for path in content_files(folder):
        data = load_file(path, folder).data or {}
        for step in data.get("steps") or ():
            if isinstance(step, dict) and isinstance(step.get("id"), str):
                return str(step["id"])
    return None


def _task(folder: Path, wanted: str | None) -> dict[str, Any] | None:
    """A task of the routine (the first, or the one named) for a new scenario."""
    for path in content_files(folder / kinds.get("task").folder):
        data = load_file(path).data
        if isinstance(data, dict) and (wanted is None or data.get("id") == wanted):
            return data
    return None


def _template(kind: kinds.ContentKind) -> str:
    """The kind's scaffold (ContentKind.scaffold_text; only kinds with one are offered)."""
    return kind.scaffold_text() or ""


def _fail(message: str) -> int:
    print(f"rutin new: {message}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    if args.root is None:
        args.root = shown(content_root(args.project))
    routine_id, _, item_id = args.target.partition("/")
    if not item_id or not ID_PATTERN.match(item_id):
        return _fail(
            f"\"{args.target}\" ska skrivas RUTIN/ID där id är kebab-case "
            "(små bokstäver a–z utan å, ä, ö, siffror och bindestreck), "
            "t.ex. platform24/bjuda-in-tolk."
        )
    folder = args.root / routine_id
    routine_file = folder / "routine.yaml"
    if not routine_file.is_file():
        return _fail(f"rutinen \"{routine_id}\" finns inte (saknar {routine_file}).")
    routine = load_file(routine_file, folder)
    if (routine.problems or not isinstance(routine.data, dict)
            or check(args.root, [routine_file]).errors):
        return _fail(f"{routine_file} har fel; rätta dem först (kör: rutin check).")
    taken = {i for f in content_files(folder) for i in _ids(load_file(f, folder).data)}
    if item_id in taken:
        return _fail(
            f"id \"{item_id}\" används redan i rutinen \"{routine_id}\". Välj ett annat id."
        )
    kind = kinds.get(args.kind)  # its folder, scaffold and place (model/kinds.py)
    template = _template(kind)
    target = folder / kind.folder / f"{item_id}.yaml"
    if target.exists():
        return _fail(f"filen {target} finns redan.")
    data = routine.data
    groups = [g["id"] for g in data["groups"]]
    group = args.group or groups[0]
    if kind.grouped and group not in groups:
        known = ", ".join(groups)
        return _fail(f"gruppen \"{group}\" finns inte i {routine_file} (finns: {known}).")
    # What the scaffold needs follows from its placeholders: a step to refer to ({step}),
    # a task to test ({task}, {stop}).
    step = _first_step(folder) if "{step}" in template else None
    if "{step}" in template and step is None:
        return _fail(f"rutinen \"{routine_id}\" har inga steg än; en uppgift hänvisar till "
                     "steg i checklistorna. Skapa en checklista först (rutin new checklist).")
    needs_task = "{task}" in template or "{stop}" in template
    task = _task(folder, args.task) if needs_task else None
    if needs_task and (not task or not task.get("stops")):
        which = f"uppgiften \"{args.task}\"" if args.task else "någon uppgift"
        return _fail(f"rutinen \"{routine_id}\" har inte {which}; ett scenario prövar en "
                     "uppgift i tasks/ (rutin new task).")
    quote = _placeholder_quote(folder, data)
    text = template.format(
        id=item_id,
        title=(args.title or kind.placeholder).replace('"', "'"),
        function=data["functions"][0]["id"],
        role=(task or {}).get("roles", [data["roles"][0]["id"]])[0],
        task=(task or {}).get("id"),
        stop=((task or {}).get("stops") or [{}])[0].get("id"),
        source=data["source_headings"][0],
        step=step,
        step_quotes=_quotes_block(quote, "    "),
        stop_quotes=_quotes_block(quote, "    "),
        outcome_quotes=_quotes_block(quote, "      "),
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    if not kind.grouped:  # tasks and scenarios are listed on their own
        where = f"Skapade {target}."
    else:
        _add_to_group(routine, groups.index(group), item_id)
        where = (f"Skapade {target} och lade till \"{item_id}\" i gruppen \"{group}\" i "
                 f"{routine_file}.")
    report = check(args.root, [target, routine_file])
    for problem in report.problems:
        print(problem.format_text(), file=sys.stderr)
    print(f"{where} Fyll i fälten med text ur rutindokumentet.")
    return 1 if report.errors else 0
