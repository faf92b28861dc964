"""Validation: schemas against the metaschema → each file against its schema →
consistency rules per routine folder. Every problem of every file in one run.

Public contract:
    check(root, paths=None, parses=None) -> Report
    Report.problems (sorted by file, line, column), Report.errors,
    Report.library (built from the content; None when there is any error). Each of its
        routines carries what the check proved (`Routine.proof`, model/provenance.py):
        the source text as read, the trace, each quote's match, the coverage and the
        scenario runs. The pages read them: nothing is parsed, read or traced again.
    Report.parses (the clean parses; `parses.after()` for the next check of the same
        content parses only the files changed since: the editor's preview).

Each content file is parsed once per check, the source text read once per routine.

With `paths`, only the problems of those files (or of the files under those folders)
are reported, but each file is still checked against the rest of its routine folder.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from referencing.exceptions import Unresolvable

from rutin.check.schema_messages import RULE_SCHEMA, Translator
from rutin.check.schemas import RULE_SCHEMA_FILE, SchemaSet, default_schemas
from rutin.load.layout import base_of, content_files, kind_of, routine_dir_of, strays
from rutin.load.yaml_reader import (
    RULE_BOUNDARY,
    RULE_COERCION,
    RULE_EXTENSION,
    Document,
    Parses,
    load_file,
)
from rutin.memory import collector_paused
from rutin.model import kinds
from rutin.model.records import Library, Routine
from rutin.problem import Problem
from rutin.rules import REGISTRY, RoutineContent, references_resolve, unique_ids


@dataclass
class Report:
    """The problems found, and the content model when there are no errors.

    The library is built on first use of `library` (rutin check never needs it).
    """

    problems: list[Problem] = field(default_factory=list)
    files: int = 0  # content files checked
    # Source sentences over every routine checked: (quoted, in the unquoted register, all)
    sentences: tuple[int, int, int] = (0, 0, 0)
    _build: Callable[[], Library] | None = field(default=None, repr=False)
    _library: Library | None = field(default=None, repr=False)
    # The clean parses of this check: the next check of the same content (the preview)
    # parses only the files changed since (content.checked).
    parses: Parses = field(default_factory=Parses, repr=False)

    @property
    def library(self) -> Library | None:
        if self._library is None and self._build is not None and not self.errors:
            self._library = self._build()
        return self._library

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def schema_problems(doc: Document, schemas: SchemaSet) -> list[Problem]:
    """The problems of one loaded document against its kind's schema (and its coercions)."""
    if doc.data is None:
        return []
    validator = schemas.validators.get(kind_of(doc.path))
    if validator is None:
        return []  # the broken schema is already reported
    problems: list[Problem] = []
    translator = Translator(doc)
    errored: set[tuple[str | int, ...]] = set()
    if not validator.is_valid(doc.data):
        try:
            errors = list(validator.errors(doc.data))
        except Unresolvable as exc:
            return [Problem(doc.path, 0, 0, "", f"schemat för {validator.kind} hänvisar till "
                            f"något som inte finns ({exc})", RULE_SCHEMA_FILE)]
        for path, message, rule, at_key in translator.problems(errors):
            errored.add(path)
            problems.append(doc.problem(path, message, rule, key=at_key))
        if not errors:  # never a rejected file without a problem, should the two disagree
            for error in validator.core_errors(doc.data):
                problems.append(doc.problem(tuple(error.instance_path),
                                            f"följer inte schemat ({error.message})", RULE_SCHEMA))
    for path, coercion in doc.coercions.items():
        if coercion.kind == "null" or coercion.text in ("true", "false"):
            continue
        if path in translator.explained or path in errored:
            continue
        problems.append(doc.problem(
            path, f"skrevs som {coercion.words} ({coercion.text}); sätt texten inom "
            f"citattecken: \"{coercion.text}\"", RULE_COERCION))
    return problems


def _content(folder: Path, docs: list[Document], valid: set[Path]) -> RoutineContent:
    content = RoutineContent(folder, all_files=[d.path for d in docs])
    found = {kind_of(d.path) for d in docs}
    content.routine_missing = kinds.ROUTINE not in found
    content.phrases_missing = "phrases" not in found
    for doc in docs:
        kind = kinds.kind_of(doc.path)
        if kind.item:
            item_id = (doc.data or {}).get("id")
            content.known_item_ids.add(item_id if isinstance(item_id, str) else doc.path.stem)
        if doc.path not in valid:
            content.failed.add(kind.name)
            continue
        content.by_kind.setdefault(kind.name, []).append(doc)
    return content


def _routine_model(content: RoutineContent) -> Routine | None:
    """The routine's record with what the check proved of it (its source text, trace and
    coverage, each made once): the pages read them from here."""
    model = content.model
    return replace(model, proof=content.proof) if model is not None else None


def check_folder(folder: Path, files: list[Path], schemas: SchemaSet,
                 root: Path | None = None, parses: Parses | None = None,
                 ) -> tuple[list[Problem], RoutineContent]:
    """Every problem of one routine folder, and its content for building the model.
    Files (and the source text) are read only from inside `root` (rule file-boundary;
    by default the folder itself). Each file is parsed once (`parses`: not at all when
    unchanged since the previous check)."""
    base = base_of(folder, root if root is not None else folder)
    real_dirs: dict[str, str] = {}
    docs = [load_file(path, base, real_dirs, parses) for path in files]
    problems: list[Problem] = []
    valid: set[Path] = set()
    for doc in docs:
        problems += doc.problems
        found = schema_problems(doc, schemas)
        problems += found
        if doc.data is not None and not doc.problems and not any(
                p.severity == "error" for p in found):
            valid.add(doc.path)
    content = _content(folder, docs, valid)
    content.boundary = base
    if content.routine_missing:
        problems.append(Problem(folder / "routine.yaml", 0, 0, "",
                                "filen saknas: varje rutinmapp ska ha en routine.yaml",
                                references_resolve.RULE_ID))
    for rule in REGISTRY:
        problems += rule.check(content)
    return problems, content


def _same_routine_ids(contents: list[RoutineContent]) -> list[Problem]:
    """A routine's id names its pages (`<id>/…`): two folders with the same id would
    build their pages over each other (rule unique-ids, across routines)."""
    first: dict[str, Path] = {}
    found = []
    for content in contents:
        doc = content.routine
        routine_id = (doc.data or {}).get("id") if doc is not None else None
        if doc is None or not isinstance(routine_id, str):
            continue
        if routine_id in first:
            found.append(doc.problem(("id",), (
                f"rutinens id \"{routine_id}\" används redan av {first[routine_id]}; "
                "varje rutin har ett eget id (det är adressen till rutinens sidor)"),
                unique_ids.RULE_ID))
        else:
            first[routine_id] = doc.path
    return found


def _expand(paths: list[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        found += content_files(path) if path.is_dir() else [path]
    return found


def _wanted(paths: list[Path]) -> tuple[set[Path], list[Path]]:
    """The files named and the folders named (whose every problem is reported)."""
    files = {p for p in paths if not p.is_dir()}
    dirs = [p for p in paths if p.is_dir()]
    return files, dirs


def _is_wanted(problem: Problem, files: set[Path], dirs: list[Path]) -> bool:
    if problem.file in files or problem.rule == RULE_SCHEMA_FILE:
        return True
    return any(problem.file.is_relative_to(d) for d in dirs)


def check(root: Path, paths: list[Path] | None = None,
          schemas: SchemaSet | None = None, parses: Parses | None = None) -> Report:
    """Validate every content file under `root`, or only report on `paths`. With
    `parses` (the previous check's, `Parses.after`), unchanged files are not parsed."""
    with collector_paused():  # no reference cycles are made (memory.py)
        return _check(root, paths, schemas, parses if parses is not None else Parses())


def _check(root: Path, paths: list[Path] | None, schemas: SchemaSet | None,
           parses: Parses) -> Report:
    schemas = schemas if schemas is not None else default_schemas()
    problems: list[Problem] = list(schemas.problems)
    by_folder: dict[Path, list[Path]] = {}
    for path in content_files(root) if paths is None else _expand(paths):
        by_folder.setdefault(routine_dir_of(path), []).append(path)
    if paths is not None:
        # Load each named file's whole routine folder, to resolve its references.
        for folder, folder_files in by_folder.items():
            for path in content_files(folder):
                if routine_dir_of(path) == folder and path not in folder_files:
                    folder_files.append(path)
    contents: list[RoutineContent] = []
    for top in [root] if paths is None else [p for p in paths if p.is_dir()]:
        for path, message in strays(top):
            rule = RULE_EXTENSION if path.suffix == ".yml" else RULE_BOUNDARY
            problems.append(Problem(path, 0, 0, "", message, rule))
    for folder, folder_files in sorted(by_folder.items()):
        found, content = check_folder(folder, sorted(folder_files), schemas, root, parses)
        problems += found
        contents.append(content)
    if paths is None:  # the content of one site (named paths may be unrelated routines)
        problems += _same_routine_ids(contents)
    coverages = [c.coverage for c in contents if c.coverage is not None]
    sentences = (sum(c.quoted for c in coverages), sum(c.registered for c in coverages),
                 sum(c.total for c in coverages))
    checked = sum(len(f) for f in by_folder.values()) if paths is None else len(_expand(paths))
    if paths is not None:
        files, dirs = _wanted(paths)
        problems = [p for p in problems if _is_wanted(p, files, dirs)]
    problems = sorted(set(problems))

    def build() -> Library:
        routines = (_routine_model(content) for content in contents)
        return Library(tuple(r for r in routines if r is not None))

    return Report(problems, checked, sentences, build, parses=parses)
