"""The hand-written pages (docs/) checked like content: `rutin check` and every build.

    problems(docs_dir, library)   every problem of docs/, each with file:line:col

A page is read only as a regular file inside docs/ (rule file-boundary, as for content),
at most MAX_PAGE_BYTES, as UTF-8 (docs-page); its front matter is read like a content
file (yaml-depth, yaml-syntax …); every line is held to the rule visible-text; every
`{{ … }}` must be a call of a macro that works with the content (docs-macro); every
link goes to an address (https, http, mailto) or a page that exists (docs-link).
Files beside the pages (docs/assets/) are held to the boundary too: a link out of the
repository would otherwise be published.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterator
from pathlib import Path

from rutin.check.rule_doc import RuleDoc
from rutin.load.layout import boundary_problem
from rutin.load.yaml_reader import MAX_BYTES, RULE_BOUNDARY, RULE_EMPTY, load_bytes
from rutin.model.records import Library
from rutin.pages import macros
from rutin.problem import Problem
from rutin.rules.visible_text import _ANY, character_problems, mixed_script
from rutin.rules.visible_text import RULE_ID as RULE_VISIBLE
from rutin.site import site_paths

RULE_PAGE = "docs-page"
RULE_LINK = "docs-link"
MAX_PAGE_BYTES = MAX_BYTES

RULES: tuple[RuleDoc, ...] = (
    RuleDoc(RULE_PAGE, f"""
        En handskriven sida (under `docs/`) sparas som UTF-8 och är högst
        {MAX_PAGE_BYTES // 1024} KiB. Sidhuvudet mellan raderna `---` överst läses som en
        innehållsfil i YAML, med samma regler (inga ankare, taggar eller för djup
        nästling).

        Godkänt: `docs/index.md` sparad som UTF-8, med `title: Vad ska du göra?` i sidhuvudet
        Fel: en sida sparad som Windows-1252, eller på flera MiB
        """),
    RuleDoc(RULE_LINK, """
        En länk på en handskriven sida går till en adress som börjar med `https://`,
        `http://` eller `mailto:`, eller till en sida som finns: en annan sida under
        `docs/` eller en sida som byggs ur innehållet (checklistor, uppgifter,
        beslutsstöd, rutinens sidor). En länk med `javascript:`, `data:` eller `file:`,
        eller ut ur `docs/`, är fel.

        Godkänt: `[Drift](drift.md)` eller `[Tolk](platform24/bjuda-in-tolk.md)`
        Fel: `[Tolk](platform24/finns-inte.md)` eller `[fil](file:///G:/Rutiner/a.pdf)`
        """),
)

_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*\n", re.DOTALL)
_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,}).*?(?:^[ ]{0,3}\1[`~]*[ \t]*$|\Z)",
                    re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1", re.DOTALL)
_INLINE = re.compile(r"\]\(\s*<?([^)\s>]*)")
_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?(\S+?)>?(?:[ \t]|$)", re.MULTILINE)
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^>\s]*)>")
_HREF = re.compile(r"""\b(?:href|src)\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})


def _blank(match: re.Match[str]) -> str:
    """Code keeps its offsets (positions stay right) but none of its text is a link."""
    return re.sub(r"[^\n]", " ", match.group(0))


def generated_pages(library: Library | None) -> set[str] | None:
    """The page sources the site plan makes from the content (None: unknown)."""
    if library is None:
        return None
    found = {site_paths.review_page()}
    for routine in library.routines:
        found |= {site_paths.routine_page(routine.id), site_paths.phrases_page(routine.id),
                  site_paths.trace_page(routine.id), site_paths.questions_page(routine.id)}
        found |= {site_paths.checklist_page(routine.id, c.id) for c in routine.checklists}
        found |= {site_paths.task_page(routine.id, t.id) for t in routine.tasks}
        found |= {site_paths.decision_page(routine.id, d.id) for d in routine.decisions}
    return found


def _link_problem(target: str, src: str, pages: set[str], generated: set[str] | None
                  ) -> str | None:
    scheme = _SCHEME.match(target)
    if scheme is not None:
        if scheme.group(1).lower() in _ALLOWED_SCHEMES:
            return None
        return (f"länken \"{scheme.group(1).lower()}:…\" är inte tillåten; en länk går till "
                "https://, http://, mailto: eller en sida på webbplatsen")
    if target.startswith("//"):
        return "en länk utan https: eller http: före // är inte tillåten"
    path = target.split("#", 1)[0].split("?", 1)[0]
    if not path.endswith(".md"):
        return None  # an anchor, a folder or a file: MkDocs validates them in the build
    if path.startswith("/"):
        return f"länken \"{path}\" ska vara relativ till sidan, inte börja med /"
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(src), path))
    if resolved.startswith("../") or resolved == "..":
        return f"länken \"{path}\" går ut ur docs/; länka bara till webbplatsens sidor"
    if resolved in pages or (generated is not None and resolved in generated):
        return None
    if generated is None and "/" in resolved:
        return None  # a generated page, unknown while the content has errors
    return (f"länken går till {resolved}, som inte finns (varken under docs/ eller byggd ur "
            "innehållet)")


def _links(text: str) -> Iterator[tuple[int, str]]:
    """(offset, target) of every link outside code."""
    text = _FENCE.sub(_blank, text)
    text = _CODE_SPAN.sub(_blank, text)
    for pattern in (_INLINE, _REFERENCE, _AUTOLINK, _HREF):
        for match in pattern.finditer(text):
            yield match.start(1), match.group(1)


def page_problems(path: Path, src: str, text: str, library: Library | None,
                  pages: set[str], *, run_macros: bool = True) -> list[Problem]:
    """The problems of one page's text (its file already read inside docs/)."""
    found: list[Problem] = []

    def at(offset: int, message: str, rule: str) -> None:
        line, column = macros.position(text, offset)
        found.append(Problem(path, line, column, "", message, rule))

    front = _FRONT.match(text)
    if front is not None and front.group(1):
        doc = load_bytes(path, front.group(1).encode("utf-8"))
        found += [Problem(p.file, p.line + 1 if p.line else 1, max(p.column, 1), p.field,
                          p.message, p.rule) for p in doc.problems if p.rule != RULE_EMPTY]
    offset = 0
    for line in text.split("\n"):
        invisible = _ANY.search(line)
        if invisible is not None:
            for message in character_problems(line):
                at(offset + invisible.start(), message, RULE_VISIBLE)
        mixed = mixed_script(line) if not line.isascii() else None
        if mixed is not None:
            at(offset + mixed[0], mixed[1], RULE_VISIBLE)
        offset += len(line) + 1
    generated = generated_pages(library)
    for start, target in _links(text):
        refused = _link_problem(target, src, pages, generated)
        if refused is not None:
            at(start, refused, RULE_LINK)
    if run_macros and "{" in text:
        page = macros.Page(src, library)
        for call in macros.scan(text):
            if isinstance(call, macros.MacroProblem):
                at(call.offset, call.message, macros.RULE_ID)
                continue
            if library is None and call.name not in macros.CONTENT_FREE:
                continue  # the content has errors (reported): its ids cannot be known
            try:
                macros.run(call, page)
            except macros.MacroError as exc:
                at(call.start, f"{call.name}: {exc}", macros.RULE_ID)
    return found


def files(docs_dir: Path) -> tuple[list[Path], list[Problem]]:
    """Every file under docs/ that may be read, and the problems of those that may not
    (links out of docs/, special files, linked folders)."""
    readable: list[Path] = []
    found: list[Problem] = []
    for folder, dirs, names in os.walk(docs_dir):
        for name in sorted(dirs):
            if os.path.islink(os.path.join(folder, name)):
                found.append(Problem(Path(folder) / name, 0, 0, "", (
                    "mappen är en symbolisk länk; den läses inte. Lägg filerna som vanliga "
                    "filer i förrådet"), RULE_BOUNDARY))
        for name in sorted(names):
            path = Path(folder) / name
            refused = boundary_problem(path, docs_dir)
            if refused is not None:
                found.append(Problem(path, 0, 0, "", refused, RULE_BOUNDARY))
            else:
                readable.append(path)
    return sorted(readable), found


def problems(docs_dir: Path, library: Library | None, *, only: list[Path] | None = None,
             run_macros: bool = True) -> list[Problem]:
    """Every problem of the hand-written pages in `docs_dir` (or of the files `only`)."""
    readable, found = files(docs_dir)
    pages = {p.relative_to(docs_dir).as_posix() for p in readable if p.suffix == ".md"}
    wanted = None if only is None else {os.path.abspath(p) for p in only}
    for path in readable:
        if path.suffix != ".md" or (wanted is not None and os.path.abspath(path) not in wanted):
            continue
        size = path.stat().st_size
        if size > MAX_PAGE_BYTES:
            found.append(Problem(path, 0, 0, "", f"sidan är för stor ({size // 1024} KiB, "
                                 f"högst {MAX_PAGE_BYTES // 1024} KiB); dela upp den",
                                 RULE_PAGE))
            continue
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            found.append(Problem(path, 0, 0, "", f"sidan är inte UTF-8 (byte 0x"
                                 f"{exc.object[exc.start]:02x}); spara den som UTF-8",
                                 RULE_PAGE))
            continue
        except OSError as exc:
            found.append(Problem(path, 0, 0, "", f"sidan kan inte läsas ({exc.strerror})",
                                 RULE_PAGE))
            continue
        src = path.relative_to(docs_dir).as_posix()
        found += page_problems(path, src, text, library, pages, run_macros=run_macros)
    if wanted is not None:
        found = [p for p in found if os.path.abspath(p.file) in wanted
                 or p.rule == RULE_BOUNDARY]
    return sorted(set(found))
