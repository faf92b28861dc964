"""`rutin source update <rutin> <fil> [--dry-run] [--json]` and
`rutin source review <rutin> [fil …]`: a new version of the routine comes in.

update reads the owner's published document (PDF, DOCX or extracted UTF-8 text) the way
source.txt is read (source_import.py), compares it sentence by sentence with the current
source (source_compare.py), lists the quotes that rest on a changed or removed sentence
(source_review.py) and, without --dry-run, replaces source.txt and keeps the new version
in source-history/. Exit 0 when the document was read, 1 with a positioned message when
it cannot be read, 2 for a usage error.

review stamps the suspect quotes of the latest revision as reviewed (all, or those in
the files named), once each rests on the new text.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from rutin.check.content import content_root, shown
from rutin.check.schemas import default_schemas
from rutin.check.source_compare import Comparison, compare, marked
from rutin.check.source_review import (
    Revision,
    Suspect,
    latest_revision,
    load_entries,
    relative,
    save_reviews,
    suspects,
)
from rutin.check.validate import check_folder
from rutin.load.layout import content_files
from rutin.load.source_identity import (
    CHECKSUM_LABEL,
    DOCUMENT_LABEL,
    HEADER_END,
    IMPORTED_LABEL,
    checksum,
    header_text,
    history_dir,
    identity,
    next_version_path,
    split,
    versions,
)
from rutin.load.source_import import DocumentError, Imported, read_document, removed_lines
from rutin.load.source_text import SourceText, read_source
from rutin.load.yaml_reader import format_path, load_file
from rutin.problem import printable
from rutin.project import Project
from rutin.rules.content import RoutineContent
from rutin.rules.source_review import content_quotes

UPDATE_HELP = ("Läs in en ny version av rutinens dokument (PDF, DOCX eller utdragen text), "
               "visa vilka meningar som ändrats och vilka citat som måste granskas, och "
               "ersätt källtexten (source.txt).")
REVIEW_HELP = ("Markera citat som vilar på ändrade meningar som granskade, när innehållet "
               "har uppdaterats efter den nya versionen.")


class _Usage(Exception):
    """A usage error (exit 2), in Swedish."""


class _SwedishFormatter(argparse.HelpFormatter):
    def add_usage(self, usage: str | None, actions: Any, groups: Any,
                  prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "användning: " if prefix is None else prefix)



def _not_a_file(path: Path, wanted: str) -> str:
    """Why `path` cannot be read: missing, or a folder or special file (then what to give:
    `wanted`)."""
    if not path.exists():
        return "filen finns inte"
    kind = "en mapp" if path.is_dir() else "ingen vanlig fil"
    return f"det här är {kind}; ange {wanted}"

def _swedish(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """argparse's own words (usage, headings, -h) in Swedish."""
    parser.formatter_class = _SwedishFormatter
    parser._positionals.title = "argument"
    parser._optionals.title = "flaggor"
    for action in parser._actions:
        if "-h" in action.option_strings:
            action.help = "visa den här hjälpen och avsluta"
    return parser


def add_arguments(parser: argparse.ArgumentParser) -> None:
    _swedish(parser)
    sub = parser.add_subparsers(dest="action", metavar="ÅTGÄRD", parser_class=type(parser),
                                title="åtgärder")
    update = sub.add_parser(
        "update", help=UPDATE_HELP, description=UPDATE_HELP,
        epilog="Utan --dry-run ersätts source.txt och versionen sparas i source-history/. "
               "Därefter visar `rutin check` varje citat som måste granskas. Avslutas med "
               "0 när dokumentet kunde läsas, 1 när det inte kan läsas, 2 vid fel i "
               "kommandot.")
    _swedish(update)
    update.add_argument("routine", metavar="RUTIN", help="rutinens id (t.ex. platform24)")
    update.add_argument("file", type=Path, metavar="FIL",
                        help="det publicerade dokumentet: .pdf, .docx eller UTF-8-text")
    update.add_argument("--dry-run", action="store_true",
                        help="visa bara ändringarna; ändra inga filer")
    update.add_argument("--json", action="store_true",
                        help="skriv ändringsrapporten som ett JSON-objekt")
    review = sub.add_parser("review", help=REVIEW_HELP, description=REVIEW_HELP)
    _swedish(review)
    review.add_argument("routine", metavar="RUTIN", help="rutinens id (t.ex. platform24)")
    review.add_argument("files", nargs="*", type=Path, metavar="FIL",
                        help="granska bara citaten i de här filerna (standard: alla)")


def _routine_folder(project: Project, routine_id: str) -> tuple[Path, dict[str, Any]]:
    root = shown(content_root(project))
    if not root.is_dir():
        raise _Usage(f"mappen {root}/ finns inte; kör kommandot i projektets mapp eller "
                     "ange den med --project MAPP")
    found = []
    for path in sorted(root.rglob("routine.yaml")):
        data = load_file(path).data
        if not isinstance(data, dict):
            continue
        found.append(str(data.get("id", path.parent.name)))
        if routine_id in (data.get("id"), path.parent.name):
            return path.parent, data
    known = ", ".join(found) or "inga"
    raise _Usage(f"rutinen ”{routine_id}” finns inte under {root}/ (rutiner: {known})")


def _content(folder: Path) -> RoutineContent:
    _problems, content = check_folder(folder, content_files(folder), default_schemas())
    return content


def _header(data: dict[str, Any], doc: Imported, body: str, previous: str) -> list[str]:
    title = data.get("title", data.get("id", ""))
    version = doc.version or "okänd"
    lines = [
        f"Källtext: ”{title}”, läst ur rutinägarens publicerade dokument med "
        "rutin source update.",
        "Texten är innehållets enda källa och ändras bara genom en ny version av dokumentet.",
        "Sidfötter och länkadresser står där sidan (PDF) eller stycket (DOCX) slutade;",
        "de läses inte som meningar. Innehållsförteckningen sist anger rubrikerna.",
        f"{DOCUMENT_LABEL} {doc.name}, sha256 {doc.sha256}, version {version}.",
        f"{IMPORTED_LABEL} {date.today().isoformat()} med rutin source update "
        f"(föregående version: {previous or 'ingen'}).",
        *removed_lines(doc.removed),
        f"{CHECKSUM_LABEL} {checksum(body)}",
        HEADER_END,
    ]
    return lines


def _read_new(text: str) -> SourceText:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "source.txt"
        path.write_text(text, encoding="utf-8")
        return read_source(path)


@dataclass(frozen=True)
class Expectation:
    """A scenario's expectation that quotes the source (must_show, must_not_show,
    question_reads) and no longer stands verbatim in the new version: the scenario fails
    until it quotes the new text."""

    doc: Any  # the scenario's Document
    field: tuple[Any, ...]
    text: str


_QUOTING = ("must_show", "must_not_show")


def _lost_expectations(content: RoutineContent, old: SourceText,
                       new: SourceText) -> list[Expectation]:
    found = []
    for doc in content.scenarios:
        for path, text in content.texts(doc):
            quoting = (len(path) == 4 and path[0] == "expect" and path[2] in _QUOTING) or (
                len(path) == 3 and path[0] == "question_reads")
            if quoting and old.find(text) and not new.find(text):
                found.append(Expectation(doc, tuple(path), text))
    return sorted(found, key=lambda e: (e.doc.path, e.doc.position(e.field)))


def _expectation_json(e: Expectation) -> dict[str, Any]:
    line, _column = e.doc.position(e.field)
    return {"file": shown(e.doc.path).as_posix(), "line": line, "text": e.text}


def _suspect_json(suspect: Suspect) -> dict[str, Any]:
    line, _column = suspect.doc.position(suspect.field)
    return {"file": shown(suspect.doc.path).as_posix(), "line": line,
            "quote": " ".join(suspect.quote.split()), "reason": suspect.reason}


def _report_json(comparison: Comparison, found: list[Suspect],
                 lost: list[Expectation]) -> str:
    def text(value: str) -> str:
        return " ".join(value.split())

    return json.dumps({
        "changed": [{"old": text(c.old.text), "new": text(c.new.text)}
                    for c in comparison.of("changed") if c.old and c.new],
        "removed": [{"old": text(c.old.text)} for c in comparison.of("removed") if c.old],
        "added": [{"new": text(c.new.text)} for c in comparison.of("added") if c.new],
        "suspect": [_suspect_json(s) for s in found],
        "scenario_expectations": [_expectation_json(e) for e in lost],
    }, ensure_ascii=False, indent=2)


def _report_text(comparison: Comparison, found: list[Suspect], source: Path,
                 lost: list[Expectation]) -> str:
    out: list[str] = []
    changed, removed, added = (comparison.of(k) for k in ("changed", "removed", "added"))
    out.append(f"Ändrade meningar: {len(changed)}, borttagna: {len(removed)}, tillagda: "
               f"{len(added)}, oförändrade: {comparison.unchanged}.")
    if changed:
        out.append("\nÄndrade meningar ([-borttagna ord-] {+nya ord+}):")
        for c in changed:
            assert c.old is not None and c.new is not None
            out.append(f"  {source}:{c.old.line} → rad {c.new.line}:")
            out.append(f"    förut: {c.old.text}")
            out.append(f"    nu:    {c.new.text}")
            out.append(f"    ord:   {marked(c.old.text, c.new.text)}")
    if removed:
        out.append("\nBorttagna meningar:")
        out += [f"  {source}:{c.old.line}: {c.old.text}" for c in removed if c.old]
    if added:
        out.append("\nTillagda meningar (citera dem eller för in dem i registret unquoted):")
        out += [f"  rad {c.new.line}: {c.new.text}" for c in added if c.new]
    if found:
        out.append(f"\nCitat som vilar på ändrade eller borttagna meningar ({len(found)}), "
                   "misstänkta tills de granskats:")
        for s in found:
            line, column = s.doc.position(s.field)
            why = "ändrad" if s.reason == "changed" else "borttagen"
            out.append(f"  {shown(s.doc.path)}:{line}:{column}: {format_path(s.field)}: "
                       f"({why} mening) ”{' '.join(s.quote.split())}”")
    else:
        out.append("\nInget citat vilar på en ändrad eller borttagen mening.")
    if lost:
        out.append(f"\nScenariernas förväntningar med text som inte står kvar i den nya "
                   f"versionen ({len(lost)}); skriv dem efter den nya meningen:")
        for e in lost:
            line, column = e.doc.position(e.field)
            out.append(f"  {shown(e.doc.path)}:{line}:{column}: {format_path(e.field)}: "
                       f"”{' '.join(e.text.split())}”")
    return "\n".join(out)


def _lines(body: str) -> list[str]:
    """A body as compared for "nothing changed": trailing spaces and blank lines aside."""
    lines = [line.rstrip() for line in body.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _update(args: argparse.Namespace) -> int:
    folder, data = _routine_folder(args.project, args.routine)
    name = data.get("source_file")
    if not isinstance(name, str):
        raise _Usage(f"{folder / 'routine.yaml'}: rutinen anger ingen källtext (source_file)")
    source_path = folder / name
    try:
        old = read_source(source_path)
        old_text = source_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise _Usage(f"{source_path}: nuvarande källtext kan inte läsas ({exc})") from exc
    if not args.file.is_file():
        wanted = "filen med rutinens nya version (PDF, DOCX eller text)"
        print(f"{args.file}:0:0: {_not_a_file(args.file, wanted)}", file=sys.stderr)
        return 1
    try:
        doc = read_document(args.file, [s.text for s in old.sentences if s.kind == "heading"])
    except DocumentError as exc:
        print(f"{args.file}:{exc.line}:{exc.column}: {exc.message}", file=sys.stderr)
        return 1
    body = doc.text
    old_identity = identity(split(old_text)[0])
    previous = old_identity.short or checksum(split(old_text)[1])[:12]
    text = header_text(_header(data, doc, body, previous)) + body
    new = _read_new(text)
    comparison = compare(old, new)
    content = _content(folder)
    revision = Revision(old, new, comparison, checksum(body)[:12], date.today().isoformat(),
                        doc.version)
    found = sorted(suspects(content_quotes(content), folder, revision),
                   key=lambda s: (s.doc.path, s.doc.position(s.field)))
    lost = _lost_expectations(content, old, new)
    if args.json:
        print(_report_json(comparison, found, lost))
    else:
        # Quotes and expectations come from files: control characters shown as escapes.
        report = _report_text(comparison, found, shown(source_path), lost)
        print("\n".join(printable(line) for line in report.split("\n")))
        for note in doc.notes:
            print(f"Obs: {note}.")
        for entry in doc.removed:
            print(f"Utelämnat (personuppgift eller lokal fil): {entry}.")
    unchanged_text = _lines(split(old_text)[1]) == _lines(body)
    if args.dry_run:
        if not args.json:
            print("\n--dry-run: inga filer ändrades.")
        return 0
    if unchanged_text:
        if not args.json:
            print(f"\nTexten är densamma som i {shown(source_path)}: inget ändrades.")
        return 0
    history = history_dir(source_path)
    history.mkdir(exist_ok=True)
    if not versions(source_path):  # the version read before rutin source update existed
        next_version_path(source_path).write_text(old_text, encoding="utf-8")
    next_version_path(source_path).write_text(text, encoding="utf-8")
    source_path.write_text(text, encoding="utf-8")
    if not args.json:
        print(f"\n{shown(source_path)} är ersatt; versionen är sparad i {shown(history)}/. "
              "Kör `rutin check`: varje citat ovan är ett fel tills innehållet är uppdaterat "
              f"och granskat (`rutin source review {args.routine} <fil>`).")
    return 0


def _review(args: argparse.Namespace) -> int:
    folder, data = _routine_folder(args.project, args.routine)
    name = data.get("source_file")
    if not isinstance(name, str):
        raise _Usage(f"{folder / 'routine.yaml'}: rutinen anger ingen källtext (source_file)")
    revision: Revision | None = latest_revision(folder / name)
    if revision is None:
        print("Ingen ny version av rutinen är inläst: det finns inget att granska.")
        return 0
    wanted = {p.resolve() for p in args.files}
    for path in args.files:
        if not path.is_file():
            raise _Usage(f"{_not_a_file(path, 'en innehållsfil (.yaml)')}: {path}")
    content = _content(folder)
    entries = {(e.get("file"), e.get("field")): e for e in load_entries(folder, revision)}
    failed = 0
    marked_now = 0
    for suspect in suspects(content_quotes(content), folder, revision):
        if wanted and suspect.doc.path.resolve() not in wanted:
            continue
        line, column = suspect.doc.position(suspect.field)
        where = f"{shown(suspect.doc.path)}:{line}:{column}: {suspect.field_text}"
        if not suspect.stamp:
            failed += 1
            print(f"{where}: kan inte markeras som granskat: citatet finns inte i den nya "
                  "källtexten; uppdatera det efter den nya lydelsen eller ta bort det",
                  file=sys.stderr)
            continue
        file = relative(suspect.doc.path, folder)
        entries[(file, suspect.field_text)] = {
            "file": file, "field": suspect.field_text, "quote": " ".join(suspect.quote.split()),
            "stamp": suspect.stamp, "reviewed_on": date.today().isoformat(),
        }
        marked_now += 1
        print(f"{where}: granskat")
    save_reviews(folder, revision, [e for e in entries.values() if isinstance(e, dict)])
    print(f"{marked_now} citat markerade som granskade"
          + (f", {failed} kunde inte markeras" if failed else "") + ".")
    return 1 if failed else 0


def run(args: argparse.Namespace) -> int:
    if args.action is None:
        print("rutin source: ange en åtgärd: update eller review (se rutin source --help)",
              file=sys.stderr)
        return 2
    try:
        return _update(args) if args.action == "update" else _review(args)
    except _Usage as exc:
        print(f"rutin source {args.action}: {exc}", file=sys.stderr)
        return 2
