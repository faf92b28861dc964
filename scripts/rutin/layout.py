"""Where content lives and which schema each file follows.

checklists/<routine>/routine.yaml          -> routine
checklists/<routine>/phrases.yaml          -> phrases
checklists/<routine>/decisions/<id>.yaml   -> decision
checklists/<routine>/tasks/<id>.yaml       -> task (a checklist for the work, made of
                                              references to steps and decisions)
checklists/<routine>/scenarios/<id>.yaml   -> scenario (a clinical scenario a task is
                                              tested with, scenarios.py)
checklists/<routine>/<id>.yaml             -> checklist
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

Kind = Literal["routine", "phrases", "decision", "checklist", "task", "scenario"]

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas"
KINDS: tuple[Kind, ...] = ("routine", "phrases", "decision", "checklist", "task", "scenario")
SUBFOLDERS = {"decisions": "decision", "tasks": "task", "scenarios": "scenario"}


def kind_of(path: Path) -> Kind:
    if path.name == "routine.yaml":
        return "routine"
    if path.name == "phrases.yaml":
        return "phrases"
    if path.parent.name == "decisions":
        return "decision"
    if path.parent.name == "tasks":
        return "task"
    if path.parent.name == "scenarios":
        return "scenario"
    return "checklist"


def routine_dir_of(path: Path) -> Path:
    """The routine folder a content file belongs to."""
    return path.parent.parent if path.parent.name in SUBFOLDERS else path.parent


def content_files(root: Path) -> list[Path]:
    """Every content file below root, in a stable order."""
    return sorted(p for p in root.rglob("*.yaml") if p.is_file())


def schema_path(kind: Kind) -> Path:
    return SCHEMA_DIR / f"{kind}.schema.json"
