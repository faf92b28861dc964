"""The one problem type every stage reports (after yamllint's LintProblem)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

# error: must be fixed. warning: fails only under --strict (as in CI).
# notice: information that never fails a check (e.g. a review date coming up).
Severity = Literal["error", "warning", "notice"]


@dataclass(frozen=True, order=True)
class Problem:
    """A problem an editor can act on: where, which field, what is wrong, which rule.

    ``line`` and ``column`` are 1-based; 0 means "the file as a whole".
    ``field`` is the path inside the document, e.g. ``steps[2].text`` ("" for the file).
    ``message`` is Swedish and says what was expected and what was found.
    """

    file: Path
    line: int
    column: int
    field: str
    message: str
    rule: str
    severity: Severity = "error"

    def format_text(self) -> str:
        where = f"{self.field}: " if self.field else ""
        prefix = {"warning": "varning: ", "notice": "upplysning: "}.get(self.severity, "")
        return f"{self.file}:{self.line}:{self.column}: {where}{prefix}{self.message} ({self.rule})"
