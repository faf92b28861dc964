"""The routine's source text (`source.txt` beside its content): read, split into
sentences, and find quotes in it.

The text was pulled out of a formatted document, so it is read the way a person reads
the page, not line by line:

* lines starting with `#` at the top are the file's header (what was removed and why);
* bare addresses and the page footer ("OBS! Utskriven version …") interrupt sentences
  where a page ended: they are set aside, and the sentence runs on across them;
* headings (the lines the table of contents at the end lists) and the table of contents
  itself stand alone;
* everything else is one running text, cut into sentences at `. ! ?`, at bullets
  (`•`, `·`) and where a short line ends a list item.

Quotes are compared after `normalize`: runs of spaces and line breaks become one space,
typographic quote marks become plain ones, bullets are dropped. An omission inside a
quote is written `…`; the parts must then appear in order, close to each other.
"""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Literal

from rutin.load.layout import boundary_problem

SOURCE_FILE = "source.txt"
# A routine document's text is tens of KiB; quotes are looked up in it many times, so a
# far bigger file (a whole manual pasted in) would make every check slow.
MAX_SOURCE_BYTES = 2 * 1024 * 1024

SentenceKind = Literal["text", "heading", "toc", "address", "footer"]

# Kinds that are never quoted, with the reason the traceability page shows.
SET_ASIDE: dict[SentenceKind, str] = {
    "heading": "Rubrik: innehållet som hör till rubriken anger den i sitt fält source.",
    "toc": "Innehållsförteckning.",
    "address": "Länkadress: finns under Referenser där rutinen anger vad den hör till.",
    "footer": "Sidfot i det utskrivna dokumentet.",
}

FOOTER_LINES = (
    "OBS! Utskriven version kan vara inaktuell.",
    'Senaste versionen hittar du via intranätet under "styrande dokument" eller '
    "vårdgivarwebben.",
)

_QUOTE_MARKS = str.maketrans({"”": '"', "“": '"', "„": '"', "″": '"', "’": "'", "‘": "'",
                              "\u00a0": " ", "\u00ad": None, "•": " ", "·": " "})
_SPACE = re.compile(r"\s+")
_ADDRESS = re.compile(r"^\s*(https?|file):\S+\s*$")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9\"])")
_WORD = re.compile(r"\w")
OMISSION = "…"
# The share of a quote's characters a sentence must have, in order, to be shown as the
# nearest passage; below it the source says nothing like the quote.
CLOSE_ENOUGH = 0.75
# The parts of a quote with an omission must lie this close together (one passage).
MAX_GAP = 700
# A wrapped line runs to the margin; a shorter line that ends without punctuation
# ends a list item (e.g. the reference list), so the next capitalised line starts anew.
_WRAPPED = 75


def normalize(text: str) -> str:
    """A quote or source passage as compared: one space for any whitespace, plain quote
    marks, no bullets."""
    return _SPACE.sub(" ", text.translate(_QUOTE_MARKS)).strip()


@dataclass(frozen=True)
class Sentence:
    """One unit of the source: a sentence of the running text, or a line set aside."""

    number: int  # 1-based, in reading order; stable only while the source is unchanged
    line: int  # 1-based line in source.txt where it starts
    text: str  # normalized
    kind: SentenceKind
    heading: str  # the heading it stands under ("" before the first)
    start: int = -1  # offset in SourceText.reading (text sentences only)
    end: int = -1

    @property
    def anchor(self) -> str:
        return f"mening-{self.number}"


@dataclass(frozen=True)
class Match:
    """Where a quote was found: the reading-text spans of its parts."""

    spans: tuple[tuple[int, int], ...]

    @property
    def start(self) -> int:
        return self.spans[0][0]


@dataclass
class SourceText:
    path: Path
    header: list[str]
    sentences: list[Sentence]
    reading: str  # the running text, normalized; "\n" where a heading breaks it
    _line_starts: list[int] = field(default_factory=list)  # reading offset -> line
    _lines: list[int] = field(default_factory=list)
    # Each quote is looked up by several rules and on several pages: found once.
    _found: dict[str, list[Match]] = field(default_factory=dict, repr=False, compare=False)
    text: str = field(default="", repr=False, compare=False)  # the file as read (once)

    def line_at(self, offset: int) -> int:
        i = bisect.bisect_right(self._line_starts, offset) - 1
        return self._lines[max(i, 0)] if self._lines else 0

    @cached_property
    def text_sentences(self) -> list[Sentence]:
        return [s for s in self.sentences if s.kind == "text"]

    @cached_property
    def headings(self) -> list[str]:
        return [s.text for s in self.sentences if s.kind == "toc"]

    def find(self, quote: str) -> list[Match]:
        """Every place the quote occurs (a repeated passage occurs more than once)."""
        found = self._found.get(quote)
        if found is None:
            found = self._found[quote] = self._search(quote)
        return list(found)

    def _search(self, quote: str) -> list[Match]:
        parts = [normalize(p) for p in quote.split(OMISSION)]
        parts = [p for p in parts if p]
        if not parts:
            return []
        found: list[Match] = []
        first = parts[0]
        pos = self.reading.find(first)
        while pos >= 0:
            spans = [(pos, pos + len(first))]
            for part in parts[1:]:
                nxt = self.reading.find(part, spans[-1][1])
                if nxt < 0 or nxt - spans[-1][1] > MAX_GAP:
                    break
                spans.append((nxt, nxt + len(part)))
            if len(spans) == len(parts):
                found.append(Match(tuple(spans)))
            pos = self.reading.find(first, pos + 1)
        return found

    def heading_named(self, quote: str) -> Sentence | None:
        """The heading the quote names in full (a task's stop may rest on a heading: the
        section it groups). Headings are not part of the running text `find` searches."""
        return self._headings_by_text.get(normalize(quote))

    @cached_property
    def _headings_by_text(self) -> dict[str, Sentence]:
        found: dict[str, Sentence] = {}
        for sentence in self.sentences:
            if sentence.kind == "heading":
                found.setdefault(sentence.text, sentence)
        return found

    def nearest(self, quote: str) -> Sentence | None:
        """The sentence most like the quote (for "närmast: …" in an error)."""
        wanted = normalize(quote.replace(OMISSION, " "))
        best: tuple[float, Sentence] | None = None
        for sentence in self.text_sentences:
            matcher = difflib.SequenceMatcher(None, sentence.text, wanted, autojunk=False)
            if matcher.real_quick_ratio() < (best[0] if best else 0.0):
                continue
            score = matcher.ratio()
            if best is None or score > best[0]:
                best = (score, sentence)
        return best[1] if best else None

    @staticmethod
    def is_close(quote: str, sentence: Sentence) -> bool:
        """True when most of the quote's characters are the sentence's, in order: a
        misspelt or reworded quote, not a statement the source does not make."""
        wanted = normalize(quote.replace(OMISSION, " "))
        matcher = difflib.SequenceMatcher(None, sentence.text, wanted, autojunk=False)
        same = sum(block.size for block in matcher.get_matching_blocks())
        return bool(wanted) and same / len(wanted) >= CLOSE_ENOUGH

    def sentences_in(self, start: int, end: int) -> list[Sentence]:
        """The text sentences that overlap reading[start:end]."""
        # Text sentences are in reading order and do not overlap: bisect to the first and
        # past the last, so a lookup costs the sentences it returns, not the source's
        # (a slice from the first to the end of a source of 450,000 tiny sentences, once
        # per quote, made `rutin check` take minutes).
        first = bisect.bisect_right(self._sentence_ends, start)
        last = bisect.bisect_left(self._sentence_starts, end, lo=first)
        return self.text_sentences[first:last]

    @cached_property
    def _sentence_ends(self) -> list[int]:
        return [s.end for s in self.text_sentences]

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.text_sentences]


def _toc(lines: list[str]) -> set[int]:
    """Indexes of the table of contents: the tab-indented lines at the end."""
    found: set[int] = set()
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        if line.startswith("\t") and line.strip():
            found.add(i)
        elif line.strip() and found:
            break
    return found


@dataclass
class _Builder:
    """Accumulates the running text and cuts it into sentences."""

    sentences: list[Sentence] = field(default_factory=list)
    reading: list[str] = field(default_factory=list)
    size: int = 0
    line_starts: list[int] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    unit: list[tuple[int, str]] = field(default_factory=list)  # (line, normalized text)
    heading: str = ""
    separator: str = " "  # before the next unit: "\n" after a heading

    def add(self, kind: SentenceKind, line: int, text: str) -> None:
        self.sentences.append(Sentence(len(self.sentences) + 1, line, text, kind, self.heading))

    def flush(self) -> None:
        """End the current unit: cut it into sentences in the running text. Units run on
        with a space (a quote may span them); a heading breaks the text with a newline,
        which no normalized quote contains."""
        if not self.unit:
            return
        if self.size:
            self.reading.append(self.separator)
            self.size += 1
        self.separator = " "
        unit_start = self.size
        joined = ""
        for line, text in self.unit:
            if joined and not (joined.endswith("-") and text[:1].islower()):
                joined += " "
            self.line_starts.append(unit_start + len(joined))
            self.lines.append(line)
            joined += text
        self.reading.append(joined)
        self.size += len(joined)
        starts = [0] + [m.end() for m in _SENTENCE_END.finditer(joined)]
        ends = [m.start() for m in _SENTENCE_END.finditer(joined)] + [len(joined)]
        for a, b in zip(starts, ends, strict=True):
            text = joined[a:b].strip()
            if not _WORD.search(text):
                continue
            offset = unit_start + a
            i = bisect.bisect_right(self.line_starts, offset) - 1
            self.sentences.append(Sentence(
                len(self.sentences) + 1, self.lines[i], text, "text", self.heading,
                offset, offset + len(text),
            ))
        self.unit = []


def source_problem(path: Path, base: Path) -> tuple[bool, str] | None:
    """Why the source text at `path` is not read, or None: (True, message) for a link out
    of `base` or a special file (layout.boundary_problem), (False, message) for a file
    over MAX_SOURCE_BYTES. A missing file is not a problem here (rule quote-in-source
    reports it)."""
    if not path.exists() and not path.is_symlink():
        return None
    refused = boundary_problem(path, base)
    if refused is not None:
        return True, refused
    size = path.stat().st_size
    if size > MAX_SOURCE_BYTES:
        return False, (f"källtexten är för stor ({size // 1024} KiB, högst "
                       f"{MAX_SOURCE_BYTES // 1024} KiB); den läses inte. Den ska bara "
                       "innehålla rutinens eget dokument")
    return None


def read_source(path: Path) -> SourceText:
    """Read source.txt; raises OSError or UnicodeDecodeError (the caller reports them).
    The one read of the file: the rules that look at its text use `SourceText.text`."""
    whole = path.read_text(encoding="utf-8")
    raw = whole.split("\n")
    header: list[str] = []
    first = 0
    while first < len(raw) and raw[first].startswith("#"):
        header.append(raw[first][1:].strip())
        first += 1
    lines = raw[first:]
    toc = _toc(lines)
    headings = {lines[i].strip() for i in toc}
    footers = {normalize(f) for f in FOOTER_LINES}
    b = _Builder()
    previous = ""  # the previous line of running text (raw, stripped)
    for index, raw_line in enumerate(lines):
        number = first + index + 1
        stripped = raw_line.strip()
        if not stripped:
            continue
        text = normalize(stripped)
        if index in toc:
            b.flush()
            b.separator = "\n"
            b.add("toc", number, text)
        elif _ADDRESS.match(stripped):
            b.add("address", number, text)
        elif text in footers:
            b.add("footer", number, text)
        elif stripped in headings:
            b.flush()
            b.separator = "\n"
            b.heading = stripped
            b.add("heading", number, text)
            previous = ""
        else:
            bullet = stripped[0] in "•·"
            capital = stripped[0].isupper() or stripped[0].isdigit()
            ended = not previous or previous[-1] in ".!?:" or len(previous) < _WRAPPED
            if bullet or (capital and ended):
                b.flush()
            if text:
                b.unit.append((number, text))
            previous = stripped
    b.flush()
    return SourceText(path, header, b.sentences, "".join(b.reading), b.line_starts, b.lines,
                      text=whole)


def source_path(routine_file: Path, name: str) -> Path:
    return routine_file.parent / name
