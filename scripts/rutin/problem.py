"""The one problem type every stage reports (after yamllint's LintProblem)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

# What a terminal would act on or hide when printed: control characters (an escape code
# from a content file could rewrite the screen), line breaks inside one problem line,
# and the bidirectional controls that reorder what follows them; and the lone surrogates
# that stand for bytes that are not UTF-8 in a file name (os.fsdecode), which a UTF-8
# terminal cannot be sent at all.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029"
                          "\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def printable(text: str) -> str:
    """`text` with every control character written as an escape: `\\x1b`, `\\u202e`."""
    if _UNPRINTABLE.search(text) is None:
        return text
    return _UNPRINTABLE.sub(
        lambda m: f"\\x{ord(m.group(0)):02x}" if ord(m.group(0)) < 0x100
        else f"\\u{ord(m.group(0)):04x}", text)


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
        return printable(f"{self.file}:{self.line}:{self.column}: {where}{prefix}{self.message} "
                         f"({self.rule})")
