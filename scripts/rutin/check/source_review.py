"""Suspect quotes and their review stamps after a new version of the routine.

The latest revision is the step from the second-last to the last version kept in
`source-history/` (source_identity.py). A quote is *suspect* when it rests on a sentence
that this revision changed or removed: found in the old text on such a sentence, or in
the new text on the new wording of a changed one. Nothing else is suspect.

A suspect quote stays an error in `rutin check` until an editor has updated the item and
marked it reviewed (`rutin source review`), which writes a stamp to
`source-reviews.json` in the routine folder (Doorstop's `reviewed:`). The stamp is a
sha256 over the revision, the file, the quote's field, the quote and the new sentences it
rests on: copied to another quote, another file or the next revision it no longer fits,
and any later change of the quote (or of the sentence) voids it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from rutin.check.source_compare import Change, Comparison, compare
from rutin.load.source_identity import REVIEWS_FILE, identity, split, versions
from rutin.load.source_text import Sentence, SourceText, normalize, read_source
from rutin.load.yaml_reader import FieldPath, format_path


@dataclass(frozen=True)
class Revision:
    """The latest step in a source's history."""

    old: SourceText
    new: SourceText
    comparison: Comparison
    id: str  # the new version's checksum, short
    imported: str  # the date it was read in
    version: str  # the document's own version date


_cache: dict[tuple[Any, ...], Revision | None] = {}


def latest_revision(source_path: Path) -> Revision | None:
    """The latest revision of the source beside `source_path`, or None with fewer than
    two versions kept (or when they cannot be read)."""
    kept = versions(source_path)
    if len(kept) < 2:
        return None
    old_path, new_path = kept[-2], kept[-1]
    try:
        key = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size)
                    for p in (old_path, new_path))
        if key in _cache:
            return _cache[key]
        old, new = read_source(old_path), read_source(new_path)
        header = split(new.text)[0]  # the file as read once
    except (OSError, UnicodeDecodeError):
        return None
    found = identity(header)
    revision = Revision(old, new, compare(old, new), found.short or new_path.stem,
                        found.imported, found.version)
    _cache.clear()
    _cache[key] = revision
    return revision


def rests_on(source: SourceText, quote: str) -> list[Sentence]:
    """The sentences (or the heading) of `source` that a quote rests on."""
    heading = source.heading_named(quote)
    if heading is not None:
        return [heading]
    found: dict[int, Sentence] = {}
    for match in source.find(quote):
        for a, b in match.spans:
            for sentence in source.sentences_in(a, b):
                found[sentence.number] = sentence
    return list(found.values())


class Located(Protocol):
    """Where a quote is written: a loaded Document, or anything with its path."""

    @property
    def path(self) -> Path: ...


@dataclass(frozen=True)
class Suspect:
    doc: Any  # the Document (or Located) the quote is written in
    field: FieldPath
    quote: str
    reason: str  # "changed" or "removed"
    changes: tuple[Change, ...]  # the changed or removed sentences it rests on
    new_sentences: tuple[str, ...]  # what it rests on in the new text ("" when not found)
    stamp: str  # the stamp a review of it writes (empty: cannot be reviewed yet)

    @property
    def field_text(self) -> str:
        return format_path(self.field)


def relative(doc_path: Path, folder: Path) -> str:
    try:
        return doc_path.resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:
        return doc_path.as_posix()


def stamp(revision: str, file: str, field: str, quote: str, sentences: tuple[str, ...]) -> str:
    payload = json.dumps([revision, file, field, normalize(quote), *sentences],
                         ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:20]


def suspects(quotes: Iterable[tuple[Located, FieldPath, str]], folder: Path,
             revision: Revision) -> list[Suspect]:
    """Every quote resting on a sentence the revision changed or removed."""
    by_old, by_new = revision.comparison.by_old, revision.comparison.by_new
    found: list[Suspect] = []
    for doc, field, quote in quotes:
        old_hits = [by_old[s.number] for s in rests_on(revision.old, quote)
                    if s.number in by_old]
        new_rest = rests_on(revision.new, quote)
        new_hits = [by_new[s.number] for s in new_rest
                    if s.number in by_new and by_new[s.number].kind == "changed"]
        changes = tuple(dict.fromkeys([*old_hits, *new_hits]))
        if not changes:
            continue
        reason = "changed" if any(c.kind == "changed" for c in changes) else "removed"
        sentences = tuple(s.text for s in new_rest)
        mark = stamp(revision.id, relative(doc.path, folder), format_path(field), quote,
                     sentences) if sentences else ""
        found.append(Suspect(doc, field, quote, reason, changes, sentences, mark))
    return found


def reviews_path(folder: Path) -> Path:
    return folder / REVIEWS_FILE


def load_reviews(folder: Path) -> dict[tuple[str, str], str]:
    """(file, field) → stamp, from source-reviews.json (empty when missing or unreadable:
    then every suspect quote stays suspect)."""
    try:
        data = json.loads(reviews_path(folder).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):  # RecursionError: nested too deep
        return {}
    found: dict[tuple[str, str], str] = {}
    for entry in data.get("reviewed", ()) if isinstance(data, dict) else ():
        if isinstance(entry, dict):
            found[(str(entry.get("file")), str(entry.get("field")))] = str(entry.get("stamp"))
    return found


def reviewed(suspect: Suspect, reviews: dict[tuple[str, str], str], folder: Path) -> bool:
    key = (relative(suspect.doc.path, folder), suspect.field_text)
    return bool(suspect.stamp) and reviews.get(key) == suspect.stamp


def save_reviews(folder: Path, revision: Revision, entries: list[dict[str, str]]) -> None:
    """Write the stamps of this revision (earlier revisions' stamps are dropped)."""
    path = reviews_path(folder)
    data = {
        "about": "Granskningsstämplar: skrivs av rutin source review, ändra inte för hand.",
        "revision": revision.id,
        "reviewed": sorted(entries, key=lambda e: (e["file"], e["field"])),
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def load_entries(folder: Path, revision: Revision) -> list[dict[str, str]]:
    try:
        data = json.loads(reviews_path(folder).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(data, dict) or data.get("revision") != revision.id:
        return []
    return [e for e in data.get("reviewed", ()) if isinstance(e, dict)]
