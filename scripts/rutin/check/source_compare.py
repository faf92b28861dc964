"""Two versions of a source text, sentence by sentence: which sentences changed (old →
new, with the changed words), which were removed, which were added.

The sentences are those `source.read_source` reads (text sentences and headings), so
wrapped lines, page breaks, footers, link lines and spacing are no change. Unchanged
sentences align as the longest common sequence; between two aligned runs, an old and a
new sentence that are alike (at least half their words in common, in order) pair as a
change, the rest are removed and added.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Literal

from rutin.load.source_text import Sentence, SourceText

ChangeKind = Literal["changed", "removed", "added"]
COMPARED = ("text", "heading")
_ALIKE = 0.5


@dataclass(frozen=True)
class Change:
    kind: ChangeKind
    old: Sentence | None
    new: Sentence | None


@dataclass
class Comparison:
    changes: list[Change] = field(default_factory=list)
    unchanged: int = 0

    def of(self, kind: ChangeKind) -> list[Change]:
        return [c for c in self.changes if c.kind == kind]

    @property
    def by_old(self) -> dict[int, Change]:
        """The changed or removed old sentences, by number in the old source."""
        return {c.old.number: c for c in self.changes if c.old is not None}

    @property
    def by_new(self) -> dict[int, Change]:
        """The changed or added new sentences, by number in the new source."""
        return {c.new.number: c for c in self.changes if c.new is not None}

    @property
    def empty(self) -> bool:
        return not self.changes


def _units(source: SourceText) -> list[Sentence]:
    return [s for s in source.sentences if s.kind in COMPARED]


def _alike(a: Sentence, b: Sentence) -> float:
    if a.kind != b.kind:
        return 0.0
    return difflib.SequenceMatcher(None, a.text.split(), b.text.split(),
                                   autojunk=False).ratio()


def _pair(old: list[Sentence], new: list[Sentence]) -> list[Change]:
    """Align a block of differing sentences: the order-keeping pairing with the most
    likeness (only pairs alike enough), the rest removed and added."""
    m, n = len(old), len(new)
    score = [[0.0] * (n + 1) for _ in range(m + 1)]
    for i in range(m - 1, -1, -1):
        for j in range(n - 1, -1, -1):
            best = max(score[i + 1][j], score[i][j + 1])
            likeness = _alike(old[i], new[j])
            if likeness >= _ALIKE:
                best = max(best, likeness + score[i + 1][j + 1])
            score[i][j] = best
    changes: list[Change] = []
    i = j = 0
    while i < m and j < n:
        likeness = _alike(old[i], new[j])
        if likeness >= _ALIKE and score[i][j] == likeness + score[i + 1][j + 1]:
            changes.append(Change("changed", old[i], new[j]))
            i, j = i + 1, j + 1
        elif score[i][j] == score[i + 1][j]:
            changes.append(Change("removed", old[i], None))
            i += 1
        else:
            changes.append(Change("added", None, new[j]))
            j += 1
    changes += [Change("removed", s, None) for s in old[i:]]
    changes += [Change("added", None, s) for s in new[j:]]
    return changes


def compare(old: SourceText, new: SourceText) -> Comparison:
    a, b = _units(old), _units(new)
    matcher = difflib.SequenceMatcher(None, [(s.kind, s.text) for s in a],
                                      [(s.kind, s.text) for s in b], autojunk=False)
    result = Comparison()
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            result.unchanged += i2 - i1
        else:
            result.changes += _pair(a[i1:i2], b[j1:j2])
    return result


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """The words of old → new as (mark, text): "" unchanged, "-" removed, "+" added."""
    a, b = old.split(), new.split()
    out: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.append(("", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("-", " ".join(a[i1:i2])))
        if j2 > j1:
            out.append(("+", " ".join(b[j1:j2])))
    return out


def marked(old: str, new: str) -> str:
    """old → new in one line, changed words marked as in `git diff --word-diff`:
    [-borttaget-]{+tillagt+}."""
    parts = []
    for mark, text in word_diff(old, new):
        parts.append(f"[-{text}-]" if mark == "-" else f"{{+{text}+}}" if mark == "+" else text)
    return " ".join(parts)
