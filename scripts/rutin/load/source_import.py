"""Read the owner's published document (PDF, DOCX or extracted text) into the lines of a
new `source.txt`, the way the current one was made, so `source.read_source` reads it
into the same sentences:

* PDF (pypdf): each page's text line by line, then the page's link addresses (one a
  line); the document's bookmarks (a Word export makes them from its headings) become the
  tab-indented table of contents at the end, which tells headings from text.
* DOCX (python-docx): each paragraph, wrapped so that a line break never ends a sentence
  by itself; list paragraphs get a bullet; heading styles give the table of contents;
  each paragraph's link addresses follow it.
* Text (UTF-8): as written (a `#` header is replaced by the new one).

Without bookmarks or heading styles, a line equal to a heading of the current source is
taken as that heading. Links to local files (`file:`) and personal paths
(`C:\\Users\\<namn>\\…`, `/home/<namn>/…`) never reach the text: a link line is left
out and a path in a sentence loses the personal part; each is recorded for the header.
"""

from __future__ import annotations

import logging
import re
import textwrap
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from rutin.load.source_identity import file_sha256
from rutin.load.source_text import _ADDRESS, FOOTER_LINES, normalize

DocumentKind = Literal["pdf", "docx", "text"]

# A personal folder in a path: the part after it names a person's own files.
_PERSONAL = re.compile(
    r"(?i)(?P<lead>\b[a-z]:[\\/]+(?:users|documents and settings)[\\/]+|"
    r"(?<![\w.])/(?:home|users)/)(?P<name>[^\\/\s]+)"
)
_FILE_URI = re.compile(r"(?i)\bfile:\S*")
# A link written as an address line (source.py's "address"): web addresses only; mailto:
# and the like are not part of the text.
_WEB = re.compile(r"^https?://\S+$")
_UPDATED_HEADING = "Uppdaterat från föregående version"
_DATE_LINE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})\b")
_WIDTH = 95  # wrapped lines of the text (source.py treats lines under 75 as short)
_SHORT = 75


class DocumentError(Exception):
    """The document cannot be read; `line` and `column` position it (1-based, 0 unknown)."""

    def __init__(self, message: str, line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass
class Imported:
    """A document read into source lines (no header)."""

    name: str
    kind: DocumentKind
    sha256: str
    lines: list[str]
    removed: list[str] = field(default_factory=list)  # what privacy left out, in Swedish
    version: str = ""  # the newest date under "Uppdaterat från föregående version"
    notes: list[str] = field(default_factory=list)  # warnings about the reading

    @property
    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def kind_of_document(path: Path) -> DocumentKind:
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return "pdf"
    if suffix == ".docx":
        return "docx"
    return "text"


def read_document(path: Path, known_headings: Iterable[str] = ()) -> Imported:
    """Read `path` (by its ending: .pdf, .docx, anything else UTF-8 text)."""
    kind = kind_of_document(path)
    try:
        digest = file_sha256(path)
    except OSError as exc:
        raise DocumentError(f"filen kan inte läsas ({exc.strerror or exc})") from exc
    known = [h for h in known_headings if h]
    if kind == "pdf":
        lines, removed, toc, notes = _read_pdf(path)
    elif kind == "docx":
        lines, removed, toc, notes = _read_docx(path)
    else:
        lines, removed, toc, notes = _read_text(path)
    # One form for each letter (NFC): a PDF or DOCX may give ”ä” as ”a” + U+0308, which
    # looks the same but matches no quote (the content and the current source have ”ä”).
    lines = [unicodedata.normalize("NFC", line) for line in lines]
    toc = [unicodedata.normalize("NFC", title) for title in toc]
    lines, bullets = _symbol_bullets(lines)
    if bullets:
        notes.append(f"{bullets} listpunkter i ett symboltypsnitt (tecken för privat bruk, "
                     "som Words U+F0B7) lästes som •")
    if not toc and not _has_toc(lines):
        toc = [h for h in dict.fromkeys(known) if h in {line.strip() for line in lines}]
        if toc:
            notes.append("dokumentet anger inga rubriker (bokmärken eller rubrikformat); "
                         "rader som är rubriker i nuvarande källtext räknas som rubriker")
        else:
            notes.append("dokumentet anger inga rubriker: all text läses som löptext")
    while lines and not lines[-1].strip():
        lines.pop()
    if toc:
        lines += ["", *(f"\t{title}" for title in toc)]
    if not any(line.strip() for line in lines):
        raise DocumentError("dokumentet innehåller ingen text (är det en inskannad bild?)")
    return Imported(path.name, kind, digest, lines, removed, _version(lines), notes)


def _has_toc(lines: list[str]) -> bool:
    last = next((line for line in reversed(lines) if line.strip()), "")
    return last.startswith("\t")


def _version(lines: list[str]) -> str:
    """The newest date listed under the heading "Uppdaterat från föregående version"."""
    dates: list[str] = []
    after = False
    for line in lines:
        if line.startswith("\t"):
            break
        if line.strip() == _UPDATED_HEADING:
            after = True
        elif after and (m := _DATE_LINE.match(line)):
            dates.append(m.group(1))
    return max(dates, default="")


# --- privacy -------------------------------------------------------------------------

def _local_link(address: str) -> bool:
    return address.lower().startswith("file:") or bool(_PERSONAL.search(address))


def _redact(text: str, where: str, removed: list[str]) -> str:
    """A sentence without personal paths or file addresses (each recorded)."""
    def personal(match: re.Match[str]) -> str:
        removed.append(f"{where}: en personlig sökväg i texten; mappnamnet är ersatt med …")
        return f"{match.group('lead')}…"

    def file_uri(match: re.Match[str]) -> str:
        removed.append(f"{where}: en länk till en lokal fil i texten; den är ersatt med …")
        return "…"

    return _PERSONAL.sub(personal, _FILE_URI.sub(file_uri, text))


def _describe_link(address: str) -> str:
    """A local link as the header may record it: the file's name, no folder."""
    name = re.split(r"[\\/]", address.rstrip("\\/"))[-1]
    from urllib.parse import unquote

    return unquote(name)[:80]


# --- text ----------------------------------------------------------------------------

# A list bullet drawn from a symbol font (Word's Symbol and Wingdings bullets come out of
# a PDF as private-use characters, U+F0B7 most often): at the start of a line, before a
# space, it is the list's bullet, as the source's own "•". Elsewhere a private-use
# character is left for the check to name (rules/visible_text.py).
_SYMBOL_BULLET = re.compile(r"^(\s*)[\ue000-\uf8ff](?=\s)")


def _symbol_bullets(lines: list[str]) -> tuple[list[str], int]:
    """The lines with a symbol-font bullet at their start read as "•"; how many."""
    out, count = [], 0
    for line in lines:
        new, n = _SYMBOL_BULLET.subn(r"\1•", line)
        out.append(new)
        count += n
    return out, count


def _read_text(path: Path) -> tuple[list[str], list[str], list[str], list[str]]:
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before.rsplit(b"\n", 1)[-1].decode("utf-8", "replace")) + 1
        raise DocumentError("texten är inte UTF-8 (spara den som UTF-8, eller ge PDF- eller "
                            "DOCX-filen)", line, column) from exc
    if "\x00" in text:
        raise DocumentError("filen är ingen text (den innehåller nollbyte); ge PDF- eller "
                            "DOCX-filen", 1, 1)
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first = 0
    while first < len(raw) and raw[first].startswith("#"):
        first += 1  # an old header: the new one replaces it
    lines: list[str] = []
    removed: list[str] = []
    for number, raw_line in enumerate(raw[first:], start=first + 1):
        stripped = raw_line.strip()
        if _ADDRESS.match(stripped) and _local_link(stripped):
            removed.append(f"rad {number}: en länk till en lokal fil "
                           f"({_describe_link(stripped)})")
            continue
        lines.append(_redact(raw_line.rstrip(), f"rad {number}", removed))
    return lines, removed, [], []


# --- PDF -----------------------------------------------------------------------------

def _outline_titles(outline: Any, depth: int = 0) -> Iterator[str]:
    for entry in outline:
        if isinstance(entry, list):
            yield from _outline_titles(entry, depth + 1)
        else:
            title = normalize(str(getattr(entry, "title", "") or ""))
            if title:
                yield title


def _page_links(page: Any) -> list[str]:
    found = []
    for annotation in page.get("/Annots") or ():
        obj = annotation.get_object()
        if obj.get("/Subtype") != "/Link":
            continue
        action = obj.get("/A")
        action = action.get_object() if action is not None else {}
        uri = action.get("/URI")
        if uri is not None:
            found.append(str(uri).strip())
        elif action.get("/S") == "/Launch":
            target = action.get("/F")
            target = target.get_object() if target is not None else ""
            if isinstance(target, dict):
                target = target.get("/F", "")
            found.append(f"file:{target}")
    return found


def _read_pdf(path: Path) -> tuple[list[str], list[str], list[str], list[str]]:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise DocumentError("pypdf saknas: installera projektets beroenden") from exc
    # pypdf logs what it repairs in a damaged file; the editor gets one message instead.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            raise DocumentError("PDF-filen är krypterad eller lösenordsskyddad: be "
                                "rutinägaren om en fil utan lösenord")
        pages = list(reader.pages)
        toc = list(dict.fromkeys(_outline_titles(reader.outline)))
    except DocumentError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise DocumentError(f"filen kan inte läsas som PDF ({exc})") from exc
    footers = [normalize(f) for f in FOOTER_LINES]
    lines: list[str] = []
    removed: list[str] = []
    for number, page in enumerate(pages, start=1):
        where = f"sidan {number}"
        try:
            text = page.extract_text() or ""
            links = _page_links(page)
        except Exception as exc:  # pypdf raises many kinds on a damaged page
            raise DocumentError(f"texten på sidan {number} kan inte läsas ({exc})") from exc
        for line in text.split("\n"):
            stripped = line.strip()
            if not stripped:
                continue
            if normalize(stripped) in footers:
                lines.append(stripped)
                continue
            if _ADDRESS.match(stripped) and _local_link(stripped):
                removed.append(f"{where}: en länk till en lokal fil "
                               f"({_describe_link(stripped)})")
                continue
            lines.append(_redact(stripped, where, removed))
        for address in links:
            if _local_link(address):
                removed.append(f"{where}: en länk till en lokal fil ({_describe_link(address)})")
            elif _WEB.match(address):
                lines.append(address)
    return lines, removed, toc, []


# --- DOCX ----------------------------------------------------------------------------

def wrap(text: str) -> list[str]:
    """A paragraph as lines that source.py reads back as the same paragraph: a line is
    broken only before a word that cannot start a new item (not capitalised, no digit,
    bullet or quote mark), and a last line that runs to the margin without ending a
    sentence is made short (it then ends the paragraph)."""
    words = text.split()
    lines: list[list[str]] = [[]]
    for word in words:
        current = lines[-1]
        width = sum(len(w) + 1 for w in current)
        if current and width + len(word) > _WIDTH and _continues(word):
            lines.append([word])
        else:
            current.append(word)
    last = lines[-1]
    if " ".join(last) and len(" ".join(last)) >= _SHORT and " ".join(last)[-1] not in ".!?:":
        for cut in range(len(last) - 1, 0, -1):
            head, tail = last[:cut], last[cut:]
            if _continues(tail[0]) and len(" ".join(tail)) < _SHORT \
                    and len(" ".join(head)) >= _SHORT:
                lines[-1:] = [head, tail]
                break
    return [" ".join(line) for line in lines if line]


def _continues(word: str) -> bool:
    first = word[:1]
    return bool(first) and not (first.isupper() or first.isdigit() or first in "•·\"”“'")


def _read_docx(path: Path) -> tuple[list[str], list[str], list[str], list[str]]:
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise DocumentError("python-docx saknas: installera projektets beroenden") from exc
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, ValueError, KeyError, OSError) as exc:
        raise DocumentError(f"filen kan inte läsas som DOCX ({exc})") from exc
    except Exception as exc:  # a damaged package (zip, XML) fails in many ways
        raise DocumentError(f"filen kan inte läsas som DOCX ({type(exc).__name__})") from exc
    lines: list[str] = []
    removed: list[str] = []
    toc: list[str] = []
    for number, paragraph in enumerate(_docx_paragraphs(document), start=1):
        where = f"stycke {number}"
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        if style.lower().startswith(("toc", "innehåll")):
            continue  # the document's own table of contents
        text = _redact(paragraph.text, where, removed)
        heading = style.lower().startswith(("heading", "rubrik", "title"))
        for part in text.split("\n"):
            if not part.strip():
                continue
            if heading:
                toc.append(normalize(part))
                lines.append(normalize(part))
                continue
            numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
            prefix = "• " if numbered and part.strip()[:1] not in "•·" else ""
            lines += wrap(prefix + part.strip())
        for link in getattr(paragraph, "hyperlinks", ()):
            address = (getattr(link, "address", "") or "").strip()
            if not address:
                continue
            if _local_link(address):
                removed.append(f"{where}: en länk till en lokal fil ({_describe_link(address)})")
            elif _WEB.match(address):
                lines.append(address)
    return lines, removed, list(dict.fromkeys(toc)), []


def _docx_paragraphs(document: Any) -> Iterator[Any]:
    """The body's paragraphs in reading order, tables' cells included."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            yield block
        elif isinstance(block, Table):
            for row in block.rows:
                for cell in row.cells:
                    yield from cell.paragraphs


def removed_lines(removed: list[str]) -> list[str]:
    """The header lines recording what privacy left out (none: nothing to say)."""
    if not removed:
        return []
    out = ["Borttaget ur utdraget (får aldrig publiceras):"]
    out += [f"  {entry}." for entry in dict.fromkeys(removed)]
    return out


def wrap_header(text: str) -> list[str]:
    return textwrap.wrap(text, 88)
