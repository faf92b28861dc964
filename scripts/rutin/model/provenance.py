"""The provenance of validated content: each item staff act on with its origin (file,
line, field path), its quotes and interpretations (`Traced`), how the routine's source
is used sentence by sentence (`Coverage`), and, per routine, the proof validation
produced (`Proof`): the source text read once, the trace built once, the coverage
computed once, each scenario run once. The pages and the owner's pages read the proof
(the export reads the same records); nothing parses a content file, reads the source
or traces again after validation.

Plain values, computed by check/trace.py (which re-exports them) during validation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from rutin.load.source_text import SET_ASIDE, Sentence, SourceText
from rutin.load.yaml_reader import FieldPath

if TYPE_CHECKING:  # scenarios.py builds on the records, which carry the proof
    from rutin.model.scenarios import Gap, Result

OwnerKind = Literal["checklist", "decision", "routine", "phrases", "task"]
ItemKind = Literal[
    "step", "warning", "note", "outcome", "action", "phrase", "section", "term", "question",
    "reference", "stop", "task-question", "checklist-question",
]

KIND_LABEL: dict[str, str] = {
    "step": "Steg",
    "warning": "Varning",
    "note": "Bra att veta",
    "outcome": "Utfall",
    "action": "Åtgärd",
    "phrase": "Frasmall",
    "section": "Avsnitt",
    "term": "Ordlista",
    "question": "Fråga i beslutsstöd",
    "reference": "Referens",
    "stop": "Stopp i uppgift",
    "task-question": "Fråga i uppgift",
    "checklist-question": "Fråga i checklista",
}


@dataclass(frozen=True)
class Traced:
    """One item and the passages it rests on."""

    file: Path
    path: FieldPath  # the item in its file, e.g. ("steps", 2)
    kind: ItemKind
    owner_kind: OwnerKind
    owner_id: str
    owner_title: str
    anchor: str  # the item's id on its page
    text: str  # what the reader sees (text, detail, substeps, condition)
    quotes: tuple[str, ...]
    interpretations: tuple[str, ...] = ()
    critical: bool = False
    not_stated: bool = False
    verbatim: bool = False  # the text is shown as written in the source: its own quote
    line: int = 0  # where the item starts in its file (1-based; 0 when unknown)

    @property
    def label(self) -> str:
        return f"{KIND_LABEL[self.kind]}: {_short(self.text)}"


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"




@dataclass
class SentenceUse:
    """How one source sentence is used: the items quoting it, or why none does."""

    sentence: Sentence
    users: list[Traced] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)  # from the unquoted register
    missing: str = ""  # words of the sentence no quote covers ("" when all are covered)
    # The words the items' quotes alone leave uncovered (the register set aside): a
    # register entry whose sentences have none is not true (rule source-coverage).
    missing_by_items: str = ""

    @property
    def covered(self) -> bool:
        return self.sentence.kind != "text" or not self.missing

    @property
    def reason(self) -> str:
        if self.sentence.kind != "text":
            return SET_ASIDE[self.sentence.kind]
        return " ".join(self.reasons)


@dataclass
class Coverage:
    uses: list[SentenceUse]

    @property
    def text_uses(self) -> list[SentenceUse]:
        return [u for u in self.uses if u.sentence.kind == "text"]

    @property
    def quoted(self) -> int:
        """Text sentences that some item quotes (wholly or in part)."""
        return sum(1 for u in self.text_uses if u.users)

    @property
    def registered(self) -> int:
        return sum(1 for u in self.text_uses if not u.users and u.reasons)

    @property
    def total(self) -> int:
        return len(self.text_uses)

    @property
    def uncovered(self) -> list[SentenceUse]:
        return [u for u in self.text_uses if not u.covered]

    def summary(self) -> str:
        return (f"{self.quoted} av {self.total} meningar i källan citeras, {self.registered} "
                f"står i registret över ej citerade meningar, {len(self.uncovered)} saknas")


@dataclass(frozen=True)
class QuotePlace:
    """Where a quote rests in the source: the heading it names in full, or the first
    sentence of its first match (its number and line are the sentence's)."""

    sentence: Sentence
    heading: bool = False  # the quote names a whole heading (a task's stop may)

    @property
    def number(self) -> int:
        return self.sentence.number

    @property
    def line(self) -> int:
        return self.sentence.line


def place(source: SourceText | None, quote: str) -> QuotePlace | None:
    """Where a quote rests in the source (SourceText caches each quote's matches)."""
    if source is None:
        return None
    named = source.heading_named(quote)
    if named is not None:
        return QuotePlace(named, heading=True)
    matches = source.find(quote)
    if not matches:
        return None
    sentences = source.sentences_in(matches[0].start, matches[0].spans[-1][1])
    return QuotePlace(sentences[0]) if sentences else None


@dataclass(frozen=True)
class Proof:
    """What validation proved of one routine, carried on its record (`Routine.proof`).

    `source` is the routine's source text as validation read it (None without one),
    `items` every traced item in trace order, `coverage` the source's coverage (None
    without a source), `scenarios` each clinical scenario's run and `scenario_gaps`
    what no scenario reaches (rules scenario and scenario-coverage; the Scenarier page).
    Each quote is looked up once (SourceText caches its matches)."""

    source: SourceText | None
    items: tuple[Traced, ...] = ()
    coverage: Coverage | None = None
    scenarios: tuple[Result, ...] = ()
    scenario_gaps: tuple[Gap, ...] = ()

    def place(self, quote: str) -> QuotePlace | None:
        """The quote resolved to its sentence (number and line), None when the source
        does not hold it (or there is no source)."""
        return place(self.source, quote)

    def places(self, item: Traced) -> tuple[tuple[str, QuotePlace | None], ...]:
        """An item's quotes, each with where it rests in the source."""
        return tuple((quote, self.place(quote)) for quote in item.quotes)
