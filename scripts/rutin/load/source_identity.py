"""The identity of a routine's source text, and the history of its versions.

`source.txt` changes only through the owner's published document (`rutin source update`).
Its header (the `#` lines at the top) then carries where the text came from:

    # Dokument: <file name>, sha256 <hash of the published file>, version <date>.
    # Inläst: <date> med rutin source update.
    # Kontrollsumma (sha256 av texten under huvudet): <hash of the body>.

and every version as written is kept in `source-history/NNN.txt` beside it (the last one
is the current source). `rutin check` (rule source-identity) compares: a body whose
checksum differs from its header, or a source.txt that differs from the last version in
the history, was edited by hand.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

HISTORY_DIR = "source-history"
REVIEWS_FILE = "source-reviews.json"
DOCUMENT_LABEL = "Dokument:"
IMPORTED_LABEL = "Inläst:"
CHECKSUM_LABEL = "Kontrollsumma (sha256 av texten under huvudet):"
HEADER_END = "Rader som börjar med # är detta huvud och hör inte till källtexten."

_HASH = re.compile(r"\b[0-9a-f]{64}\b")
_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
_VERSION = re.compile(r"version (\d{4}-\d{2}-\d{2})")
_NUMBERED = re.compile(r"^(\d+)\.txt$")


@dataclass(frozen=True)
class Identity:
    """What a source text's header says about it (empty strings where it says nothing)."""

    checksum: str  # sha256 of the body, as recorded
    document: str  # the Dokument: line, as written
    document_sha256: str
    version: str  # the document's version date
    imported: str  # the date it was read in

    @property
    def short(self) -> str:
        return self.checksum[:12]


def split(text: str) -> tuple[list[str], str]:
    """(header lines without `#`, body) of a source text; the body is every byte after
    the header, as `read_source` reads it."""
    lines = text.split("\n")
    header: list[str] = []
    first = 0
    while first < len(lines) and lines[first].startswith("#"):
        header.append(lines[first][1:].strip())
        first += 1
    return header, "\n".join(lines[first:])


def checksum(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def identity(header: list[str]) -> Identity:
    recorded = document = document_sha = version = imported = ""
    for line in header:
        if line.startswith(CHECKSUM_LABEL):
            found = _HASH.search(line)
            recorded = found.group(0) if found else "?"
        elif line.startswith(DOCUMENT_LABEL):
            document = line.removeprefix(DOCUMENT_LABEL).strip()
            found = _HASH.search(line)
            document_sha = found.group(0) if found else ""
            match = _VERSION.search(line)
            version = match.group(1) if match else ""
        elif line.startswith(IMPORTED_LABEL):
            match = _DATE.search(line)
            imported = match.group(0) if match else ""
    return Identity(recorded, document, document_sha, version, imported)


def read_identity(path: Path) -> Identity:
    return identity(split(path.read_text(encoding="utf-8"))[0])


def history_dir(source: Path) -> Path:
    return source.parent / HISTORY_DIR


def refused_versions(source: Path) -> list[tuple[Path, str]]:
    """The numbered files in source-history/ that are never read, with why (Swedish): a
    link out of the routine's folder, no regular file, or far bigger than a source (its
    text would be published on the page of the source's changes)."""
    from rutin.load.layout import boundary_problem
    from rutin.load.source_text import MAX_SOURCE_BYTES

    folder = history_dir(source)
    if not folder.is_dir():
        return []
    refused = []
    for path in sorted(folder.iterdir()):
        if not _NUMBERED.match(path.name):
            continue
        why = boundary_problem(path, source.parent)
        if why is None and path.stat().st_size > MAX_SOURCE_BYTES:
            why = (f"versionen är för stor ({path.stat().st_size // 1024} KiB, högst "
                   f"{MAX_SOURCE_BYTES // 1024} KiB); den läses inte")
        if why is not None:
            refused.append((path, why))
    return refused


def versions(source: Path) -> list[Path]:
    """The kept versions of a source text, oldest first (the last is the current one);
    never one that `refused_versions` names."""
    folder = history_dir(source)
    if not folder.is_dir():
        return []
    refused = {path for path, _why in refused_versions(source)}
    numbered = [(int(m.group(1)), p) for p in folder.iterdir()
                if (m := _NUMBERED.match(p.name)) and p.is_file() and p not in refused]
    return [p for _, p in sorted(numbered)]


def next_version_path(source: Path) -> Path:
    kept = versions(source)
    number = int(_NUMBERED.match(kept[-1].name).group(1)) + 1 if kept else 1  # type: ignore[union-attr]
    return history_dir(source) / f"{number:03d}.txt"


def header_text(lines: list[str]) -> str:
    return "".join(f"# {line}\n" for line in lines)
