"""What a consistency rule sees: one routine folder's documents that passed their schema."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..load import Document, FieldPath
from ..model import DecisionTable
from ..problem import Problem


@dataclass
class RoutineContent:
    """One routine folder.

    Only documents that loaded and passed their schema are listed (their data has the
    schema's shape). `known_item_ids` also holds the ids (or file names) of checklists and
    decisions that failed, so a reference to a broken file is not reported twice.
    `routine` is None when routine.yaml is missing or invalid; `routine_missing` tells
    which. `phrases_missing` is True when the folder has no phrases.yaml at all.
    """

    folder: Path
    routine: Document | None = None
    checklists: list[Document] = field(default_factory=list)
    decisions: list[Document] = field(default_factory=list)
    phrases: Document | None = None
    tables: dict[Path, DecisionTable] = field(default_factory=dict)
    known_item_ids: set[str] = field(default_factory=set)
    routine_missing: bool = False
    phrases_missing: bool = True
    all_files: list[Path] = field(default_factory=list)

    @property
    def documents(self) -> list[Document]:
        """Every valid document, routine.yaml first, then in file order."""
        docs = [self.routine] if self.routine is not None else []
        docs += sorted(self.checklists + self.decisions, key=lambda d: d.path)
        if self.phrases is not None:
            docs.append(self.phrases)
        return docs

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
