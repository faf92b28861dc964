"""Helpers for validation tests: a copy of the minimal valid routine, edited per test."""

from __future__ import annotations

import shutil
from pathlib import Path

from rutin.check.validate import check
from rutin.problem import Problem

MINIMAL = Path(__file__).resolve().parents[1] / "fixtures" / "valid" / "minimal"
CHECKLIST = "boka-besok.yaml"
ROUTINE = "routine.yaml"
PHRASES = "phrases.yaml"
DECISION = "decisions/val-av-besok.yaml"


def routine_copy(tmp_path: Path, edits: dict[str, tuple[str, str]] | None = None,
                 **replace_files: str) -> Path:
    """Copy valid/minimal into tmp_path/minimal; apply (old, new) edits per file."""
    folder = tmp_path / "minimal"
    shutil.copytree(MINIMAL, folder)
    for name, (old, new) in (edits or {}).items():
        path = folder / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    for name, text in replace_files.items():
        (folder / name.replace("__", "/")).write_text(text, encoding="utf-8")
    return folder


def problems(folder: Path, rule: str | None = None) -> list[Problem]:
    found = check(folder.parent, [folder]).problems
    return [p for p in found if rule is None or p.rule == rule]


def messages(folder: Path, rule: str | None = None) -> list[str]:
    """`<file name>:<line>:<col>: <field>: <message>` per problem (of one rule)."""
    return [
        f"{p.file.name}:{p.line}:{p.column}: {p.field}: {p.message}"
        for p in problems(folder, rule)
    ]
