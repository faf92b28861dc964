"""What a consistency rule sees: one routine folder's documents that passed their schema."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from rutin.check import trace
from rutin.load.source_text import SourceText, read_source, source_problem
from rutin.load.yaml_reader import Document, FieldPath
from rutin.model import kinds
from rutin.model.provenance import Proof
from rutin.model.records import DecisionTable, Routine
from rutin.model.safeguards import with_composed_versions
from rutin.problem import Problem


@dataclass
class RoutineContent:
    """One routine folder.

    Only documents that loaded and passed their schema are listed (their data has the
    schema's shape). `known_item_ids` also holds the ids (or file names) of checklists and
    decisions that failed, so a reference to a broken file is not reported twice.
    `routine` is None when routine.yaml is missing or invalid; `routine_missing` tells
    which. `phrases_missing` is True when the folder has no phrases.yaml at all.
    `failed` holds the kinds of the files that failed to load or pass their schema: a
    rule that reports something as missing across files (a sentence nobody quotes, a
    step no task takes, an unknown id) keeps quiet about what such a file may hold, so
    the editor reads one message for one mistake.
    """

    folder: Path
    # The valid documents by kind (model/kinds.py), in file order.
    by_kind: dict[str, list[Document]] = field(default_factory=dict)
    known_item_ids: set[str] = field(default_factory=set)
    routine_missing: bool = False
    phrases_missing: bool = True
    all_files: list[Path] = field(default_factory=list)
    failed: set[str] = field(default_factory=set)

    def complete(self, *kinds: str) -> bool:
        """True when no file of these kinds (any kind when none named) failed."""
        return not (self.failed & set(kinds)) if kinds else not self.failed
    boundary: Path | None = None  # files are read only from inside it (file-boundary)

    def of_kind(self, kind: str) -> list[Document]:
        return self.by_kind.get(kind, [])

    def _one(self, kind: str) -> Document | None:
        found = self.of_kind(kind)
        return found[0] if found else None

    @property
    def routine(self) -> Document | None:
        return self._one(kinds.ROUTINE)

    @property
    def phrases(self) -> Document | None:
        return self._one("phrases")

    @property
    def checklists(self) -> list[Document]:
        return self.of_kind("checklist")

    @property
    def decisions(self) -> list[Document]:
        return self.of_kind("decision")

    @property
    def tasks(self) -> list[Document]:
        return self.of_kind("task")

    @property
    def scenarios(self) -> list[Document]:  # not in `documents`
        return self.of_kind("scenario")

    @cached_property
    def _records(self) -> dict[Path, Any]:
        return {}

    def record(self, kind: kinds.ContentKind, doc: Document) -> Any:
        """A valid document's record, built once (the rules and the model share it)."""
        found = self._records.get(doc.path)
        if found is None:
            found = self._records[doc.path] = kind.record.from_dict(doc.data or {}, doc.path)
        return found

    @cached_property
    def tables(self) -> dict[Path, DecisionTable]:
        decision = kinds.get("decision")
        return {d.path: self.record(decision, d) for d in self.decisions}

    @property
    def documents(self) -> list[Document]:
        """Every valid document, routine.yaml first, then in file order."""
        docs = [self.routine] if self.routine is not None else []
        docs += sorted(self.checklists + self.decisions + self.tasks, key=lambda d: d.path)
        if self.phrases is not None:
            docs.append(self.phrases)
        return docs

    @cached_property
    def model(self) -> Routine | None:
        """The routine as typed records, built from the valid documents (complete only
        when every file of the folder is valid: see `complete`)."""
        if self.routine is None or self.routine.data is None:
            return None
        base = Routine.from_dict(self.routine.data, self.routine.path)
        built: dict[str, Any] = {}
        more: list[tuple[str, tuple[Any, ...]]] = []
        for kind in kinds.all_kinds():
            if kind.name == kinds.ROUTINE:
                continue
            docs = sorted(self.of_kind(kind.name), key=lambda d: d.path)
            found = tuple(self.record(kind, d) for d in docs)
            if kind.field is None:
                more.append((kind.name, found))
            elif kind.single:
                built[kind.field] = found[0] if found else None
            else:
                built[kind.field] = found
        return with_composed_versions(replace(base, **built, more=tuple(more)))

    @cached_property
    def scenario_results(self) -> list[Any]:
        """Each scenario run on the model (scenarios.Result), when the folder is complete
        (a scenario of a half-loaded routine would fail for the wrong reason)."""
        from rutin.model.scenarios import run

        model = self.model
        if model is None or not self.complete():
            return []
        return [run(model, scenario, self.source) for scenario in model.scenarios]

    @property
    def source_path(self) -> Path | None:
        """The routine's source text, when routine.yaml names one (`source_file`)."""
        name = (self.routine.data or {}).get("source_file") if self.routine else None
        return self.folder / name if isinstance(name, str) else None

    @cached_property
    def source(self) -> SourceText | None:
        """The source text, read once per check; None when not named or unreadable
        (rule quote-in-source reports why)."""
        path = self.source_path
        if path is None or self.source_refused is not None:
            return None
        try:
            return read_source(path)
        except (OSError, UnicodeDecodeError):
            return None

    @cached_property
    def source_refused(self) -> tuple[bool, str] | None:
        """Why the source text is not read: (True, message) for a link out of the
        repository or a special file, (False, message) when it is too big."""
        path = self.source_path
        if path is None:
            return None
        try:
            return source_problem(path, self.boundary or self.folder)
        except OSError as exc:
            return False, f"källtexten kan inte läsas ({exc.strerror or exc})"

    @cached_property
    def traced(self) -> list[trace.Traced]:
        """Every item staff act on, with its origin and quotes (see trace.py): traced
        once per check, for the rules and (on the routine's proof) for the pages. The
        walker of each kind comes from the registry (model/kinds.py)."""
        documents: list[tuple[trace.Walker, Document]] = []
        for kind in kinds.all_kinds():
            walk = kind.hook("trace")
            if walk is not None:
                documents += [(walk, doc) for doc in
                              sorted(self.of_kind(kind.name), key=lambda d: d.path)]
        return trace.trace_routine(documents)

    @cached_property
    def coverage(self) -> trace.Coverage | None:
        """The source's coverage by the items and the register `unquoted` (computed
        once: rule source-coverage reports on it, the owner pages show it); None
        without a routine or a readable source."""
        routine, source = self.routine, self.source
        if routine is None or routine.data is None or source is None:
            return None
        return trace.coverage(source, self.traced, self.register)

    @property
    def register(self) -> list[tuple[str, str]]:
        """The register `unquoted` of routine.yaml: (text, reason)."""
        data = self.routine.data if self.routine is not None else None
        return [(u.get("text", ""), u.get("reason", ""))
                for u in (data or {}).get("unquoted") or ()]

    @cached_property
    def scenario_gaps(self) -> list[Any]:
        """What no scenario reaches (scenarios.Gap), when the folder is complete."""
        from rutin.model.scenarios import coverage

        model = self.model
        if model is None or not self.complete() or not model.scenarios:
            return []
        return coverage(model, self.scenario_results)

    @property
    def proof(self) -> Proof:
        """What this check proved of the routine, for its record (model/provenance.py)."""
        return Proof(self.source, tuple(self.traced), self.coverage,
                     tuple(self.scenario_results), tuple(self.scenario_gaps))

    def document(self, path: Path) -> Document | None:
        # Not via `documents`: that sorts, and the quote rules ask once per quoted item.
        return next((d for kind in kinds.all_kinds() if kind.name != "scenario"
                     for d in self.of_kind(kind.name) if d.path == path), None)

    def quoted(self, kinds: frozenset[str]) -> Iterator[tuple[trace.Traced, Document]]:
        """The items of these kinds that carry quotes, with their documents, when the
        routine has a source text (the rules that read quotes start here)."""
        if self.source_path is None:
            return
        for item in self.traced:
            if item.kind in kinds and item.quotes:
                doc = self.document(item.file)
                if doc is not None:
                    yield item, doc

    @staticmethod
    def texts(doc: Document) -> list[tuple[FieldPath, str]]:
        """Every string value in a document with its field path (recorded by the loader)."""
        return doc.strings


def items(data: dict[str, Any], key: str) -> list[tuple[int, dict[str, Any]]]:
    """(index, item) for a list of mappings under `key`, empty when absent."""
    return list(enumerate(data.get(key) or ()))


def problem(doc: Document, path: FieldPath, message: str, rule: str, *,
            key: bool = False) -> Problem:
    return doc.problem(path, message, rule, key=key)
