"""`rutin check [paths…]`: validate content and print one line per problem.

Text format (default), one line per problem, then a summary on stderr:

    checklists/platform24/x.yaml:12:5: steps[2].text: <meddelande> (rule-id)

Line and column are 1-based (0:0 means the file as a whole). The field path uses the
YAML's own list positions, counted from 0: `steps[2]` is the third step.
`--format github` prints GitHub Actions workflow commands (annotations on the lines in
the merge request's diff), `--format gitlab` a GitLab code-quality report (JSON; shown
on the changed lines of a merge request), `--format json` a JSON array.
Exit codes: 0 clean (warnings allowed unless --strict), 1 problems, 2 usage error.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

from rutin.check import docs_check
from rutin.check.changes import GitError, check_changes
from rutin.check.content import content_root, shown
from rutin.check.validate import Report, check
from rutin.problem import Problem, printable

FORMATS = ("text", "json", "github", "gitlab")
# GitLab's code-quality severities for ours.
_GITLAB_SEVERITY = {"error": "major", "warning": "minor", "notice": "info"}


def needs_project(args: argparse.Namespace) -> bool:
    return not args.paths  # paths named: they are what is checked


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", type=Path, metavar="SÖKVÄG",
                        help="filer eller mappar att kontrollera (standard: checklists/ "
                             "och de handskrivna sidorna i docs/)")
    parser.add_argument("--format", choices=FORMATS, default="text",
                        help="utdataformat: text (standard), json, github (anteckningar i "
                             "GitHub Actions) eller gitlab (kodkvalitetsrapport för GitLab)")
    parser.add_argument("--strict", action="store_true",
                        help="låt även varningar ge felkod 1")
    parser.add_argument("--since", metavar="REVISION",
                        help="kräv en rad i edits för checklistor, beslutsstöd och uppgifter "
                             "som ändrats sedan git-revisionen (t.ex. origin/main)")


def _github(problem: Problem) -> str:
    def escape(text: str) -> str:
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return printable(text)

    def escape_property(text: str) -> str:
        return escape(text).replace(":", "%3A").replace(",", "%2C")

    level = problem.severity
    where = f"{problem.field}: " if problem.field else ""
    return (f"::{level} file={escape_property(str(problem.file))},line={max(problem.line, 1)},"
            f"col={max(problem.column, 1)},title={escape_property(problem.rule)}::"
            f"{escape(where + problem.message)}")


def _json(problems: list[Problem]) -> str:
    return json.dumps(
        [
            {"file": str(p.file), "line": p.line, "column": p.column, "field": p.field,
             "message": p.message, "rule": p.rule, "severity": p.severity}
            for p in problems
        ],
        ensure_ascii=False,
        indent=2,
    )


def _gitlab(problems: list[Problem]) -> str:
    """GitLab's code-quality report: one entry per problem, on its file and line."""
    entries = []
    for p in problems:
        where = f"{p.field}: " if p.field else ""
        fingerprint = hashlib.sha256("\0".join(
            (str(p.file), p.field, p.rule, p.message)).encode("utf-8", "surrogatepass")
                                     ).hexdigest()
        entries.append({
            "description": f"{where}{p.message} ({p.rule})",
            "check_name": p.rule,
            "fingerprint": fingerprint,
            "severity": _GITLAB_SEVERITY[p.severity],
            "location": {"path": str(p.file), "lines": {"begin": max(p.line, 1)}},
        })
    return json.dumps(entries, ensure_ascii=False, indent=2)


def _summary(problems: list[Problem]) -> str:
    files = len({p.file for p in problems})
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = sum(1 for p in problems if p.severity == "warning")
    notices = sum(1 for p in problems if p.severity == "notice")
    parts = [
        f"{errors} problem" if errors else "",
        f"{warnings} varning" + ("ar" if warnings != 1 else "") if warnings else "",
        f"{notices} upplysning" + ("ar" if notices != 1 else "") if notices else "",
    ]
    what = ", ".join(p for p in parts if p)
    return f"{what} i {files} fil{'er' if files != 1 else ''}"


def _success(report: Report, problems: list[Problem]) -> str:
    """The line an editor reads when nothing has to be fixed."""
    files = report.files
    line = f"Inga fel i {files} fil{'er' if files != 1 else ''}"
    quoted, registered, total = report.sentences
    if total:
        line += (f"; {quoted} av {total} meningar i källan citerade, {registered} i "
                 "registret unquoted")
    if problems:
        line += f" ({_summary(problems).rsplit(' i ', 1)[0]})"
    return line


def _docs_dir(page: Path) -> Path:
    """The docs folder a page belongs to (links are resolved from it): the nearest folder
    named docs above it, else its own folder."""
    for parent in page.parents:
        if parent.name == "docs":
            return parent
    return page.parent


def run(args: argparse.Namespace) -> int:
    paths: list[Path] = list(args.paths)
    missing = [p for p in paths if not p.exists()]
    if missing:
        for path in missing:
            print(f"rutin check: sökvägen finns inte: {path}", file=sys.stderr)
        return 2
    # $RUTIN_CONTENT_ROOT, else checklists/ in the project (--project, default: here)
    root = shown(content_root(args.project))
    if not paths and not root.is_dir():
        print(f"rutin check: mappen {root}/ finns inte; kör kommandot i projektets "
              "mapp, ange den med --project MAPP eller ange en sökväg", file=sys.stderr)
        return 2
    # Hand-written pages: docs/ beside the content, or pages (.md) and docs folders named.
    docs_paths = [p for p in paths if p.suffix == ".md" or (p.is_dir() and p.name == "docs")]
    content_paths = [p for p in paths if p not in docs_paths]
    report = check(root, content_paths or None) if content_paths or not paths else None
    problems = list(report.problems) if report is not None else []
    library = report.library if report is not None and not report.errors else None
    if not paths and Path("docs").is_dir():
        problems += docs_check.problems(Path("docs"), library)
    for path in docs_paths:
        docs_dir = path if path.is_dir() else _docs_dir(path)
        if library is None and report is None:
            full = check(root) if root.is_dir() else None
            library = full.library if full is not None and not full.errors else None
        problems += docs_check.problems(docs_dir, library,
                                        only=None if path.is_dir() else [path])
    problems = sorted(set(problems))
    if args.since:
        try:
            problems = sorted([*problems, *check_changes(root, args.since)])
        except GitError as exc:
            print(f"rutin check: --since {args.since}: {exc}", file=sys.stderr)
            return 2
    if args.format == "json":
        print(_json(problems))
    elif args.format == "gitlab":
        print(_gitlab(problems))
    else:
        for problem in problems:
            print(_github(problem) if args.format == "github" else problem.format_text())
    failing = any(p.severity == "error" for p in problems) or (
        args.strict and any(p.severity == "warning" for p in problems)
    )
    if failing:
        print(_summary(problems), file=sys.stderr)
    elif report is not None:
        print(_success(report, problems), file=sys.stderr)
    else:
        notes = f" ({_summary(problems).rsplit(' i ', 1)[0]})" if problems else ""
        print(f"Inga fel på sidorna{notes}", file=sys.stderr)
    return 1 if failing else 0
