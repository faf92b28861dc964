"""TEMPORARY minimal pipeline (to be replaced by the strict loader + validator).

Public contract other modules rely on:
    check(root: Path) -> Report   # Report.library is None when there are error problems
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .layout import content_files, kind_of, routine_dir_of
from .model import Checklist, DecisionTable, Library, PhraseLibrary, Routine
from .problem import Problem


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    library: Library | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def check(root: Path) -> Report:
    by_routine: dict[Path, dict[str, list[tuple[Path, dict]]]] = {}
    for path in content_files(root):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        by_routine.setdefault(routine_dir_of(path), {}).setdefault(kind_of(path), []).append((path, data))
    routines = []
    for _folder, docs in sorted(by_routine.items()):
        rpath, rdata = docs["routine"][0]
        base = Routine.from_dict(rdata, rpath)
        checklists = tuple(Checklist.from_dict(d, p) for p, d in docs.get("checklist", []))
        decisions = tuple(DecisionTable.from_dict(d, p) for p, d in docs.get("decision", []))
        phrases = next((PhraseLibrary.from_dict(d, p) for p, d in docs.get("phrases", [])), None)
        from dataclasses import replace
        routines.append(replace(base, checklists=checklists, decisions=decisions, phrases=phrases))
    return Report(problems=[], library=Library(tuple(routines)))
