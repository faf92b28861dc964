"""A content copy with a stop gated on an earlier inline decision aid's outcome, for
tests of the mechanism while the project's own content may have none (rutin.tasks Gate).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from rutin.check.content import content_root
from rutin.model.records import Routine
from support.project import ROOT


@dataclass(frozen=True)
class GatedCopy:
    root: Path       # the content root of the copy
    task: str
    stop: str        # the gated stop
    table: str       # the decision aid it is gated on
    rules: tuple[str, ...]


def gated_stops(routine: Routine) -> list[tuple[str, str, str]]:
    """(task id, stop id, table id) for every stop gated on a decision aid."""
    tables = {t.id for t in routine.decisions}
    found = []
    for task in routine.tasks:
        earlier: set[str] = set()
        for point in task.stops:
            found += [(task.id, point.id, k) for k in point.when if k in tables & earlier]
            earlier.update(point.items)
    return found


def make_gated_copy(tmp: Path, routine: Routine) -> GatedCopy:
    """Copy the content and gate the first later stop with steps after a task's inline
    decision aid on that aid's first rule."""
    tables = {t.id: t for t in routine.decisions}
    for task in routine.tasks:
        for i, point in enumerate(task.stops):
            aids = [tables[x] for x in point.items if x in tables]
            later = [p for p in task.stops[i + 1:]
                     if any(x not in tables for x in p.items)]
            if not aids or not later:
                continue
            table, target = aids[0], later[0]
            rules = (table.rules[0].id,)
            root = tmp / "checklists"
            shutil.copytree(content_root(ROOT), root)
            # The copy tests the gate, not the scenarios (a new gate is a branch to cover).
            for folder in root.glob("*/scenarios"):
                shutil.rmtree(folder)
            assert task.file is not None
            path = root / routine.id / "tasks" / task.file.name
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            stop = next(p for p in data["stops"] if p["id"] == target.id)
            stop["when"] = {**(stop.get("when") or {}), table.id: list(rules)}
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False,
                                           width=1000), encoding="utf-8")
            return GatedCopy(root, task.id, target.id, table.id, rules)
    raise AssertionError("no task has an inline decision aid with a later stop of steps")
