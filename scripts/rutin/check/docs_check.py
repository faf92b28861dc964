"""The hand-written pages (docs/) checked like content: `rutin check` and every build.

    problems(docs_dir, library)   every problem of docs/, each with file:line:col

A page is read only as a regular file inside docs/ (rule file-boundary, as for content),
at most MAX_PAGE_BYTES, as UTF-8 (docs-page); its front matter is read like a content
file (yaml-depth, yaml-syntax …); every line is held to the rule visible-text; every
`{{ … }}` must be a call of a macro that works with the content (docs-macro); every
link goes to an address (https, http, mailto) or a page that exists (docs-link).
A page is Markdown only (docs-html): no HTML element and no attribute list (`{: … }`),
whose attributes (`onclick`, `href`) MkDocs writes into the page as they stand; its front
matter holds only the settings a page uses, as plain text (MkDocs' theme writes the
title and description into the HTML unescaped). Files beside the pages (docs/assets/)
are held to the boundary too: a link out of the repository would otherwise be
published; a file a browser opens as a page (.html, .svg …) is refused: its scripts
would run on the site and the build would allow them in the Content-Security-Policy.
"""

from __future__ import annotations

import bisect
import html
import os
import posixpath
import re
from collections.abc import Iterator
from pathlib import Path

from rutin.check.rule_doc import RuleDoc
from rutin.load.layout import boundary_problem, is_editor_artefact
from rutin.load.yaml_reader import MAX_BYTES, RULE_BOUNDARY, RULE_EMPTY, load_bytes
from rutin.model.records import Library
from rutin.pages import macros
from rutin.problem import Problem
from rutin.rules.visible_text import _ANY, character_problems, decomposed, mixed_script
from rutin.rules.visible_text import RULE_ID as RULE_VISIBLE
from rutin.site import site_paths

RULE_PAGE = "docs-page"
RULE_LINK = "docs-link"
RULE_HTML = "docs-html"
MAX_PAGE_BYTES = MAX_BYTES

# The settings a page's front matter may hold (the theme reads more, and writes some of
# them into the page as they stand: a page is no template).
FRONT_MATTER_KEYS = ("title", "description", "hide", "search")
FRONT_MATTER_KEYS_SHOWN = ", ".join(f"`{key}`" for key in FRONT_MATTER_KEYS)
# Files a browser opens as a document that can run scripts (and whose inline scripts the
# build would allow in the Content-Security-Policy).
_DOCUMENT_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml", ".svg", ".svgz",
                                ".xml", ".xsl", ".xslt", ".mht", ".mhtml"})
_MARKUP_IN_TEXT = re.compile(r'[<>"]')

RULES: tuple[RuleDoc, ...] = (
    RuleDoc(RULE_PAGE, f"""
        En handskriven sida (under `docs/`) sparas som UTF-8 och är högst
        {MAX_PAGE_BYTES // 1024} KiB. Sidhuvudet mellan raderna `---` överst läses som en
        innehållsfil i YAML, med samma regler (inga ankare, taggar eller för djup
        nästling).

        Sidhuvudet har bara inställningarna {FRONT_MATTER_KEYS_SHOWN}, och texterna i det
        (rubrik, beskrivning) är vanlig text utan `<`, `>` och `"`: temat skriver dem i
        sidans HTML som de står. Under `docs/` ligger bara sidor i Markdown och filerna
        de använder; en fil som webbläsaren öppnar som en sida (`.html`, `.svg` …) kan
        köra skript på webbplatsen och är fel.

        Godkänt: `docs/index.md` sparad som UTF-8, med `title: Vad ska du göra?` i sidhuvudet
        Fel: en sida sparad som Windows-1252, eller på flera MiB, eller
        `description: '"><script>…'` i sidhuvudet, eller filen `docs/sida.html`
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
    RuleDoc(RULE_HTML, """
        En handskriven sida skrivs i Markdown, utan HTML: ett HTML-element (`<script>`,
        `<img>`, `<a href=…>`, `<meta>`, `<iframe>` …) skulle hamna på webbplatsen som det
        står, med sina skript och länkar. Inte heller en attributlista (`{: … }` efter en
        rubrik eller ett stycke) med annat än `#id` och `.klass`: den skriver sina
        attribut (`onclick`, `href`) rakt in i sidan. En kommentar (`<!-- … -->`) går bra,
        och kod inom backticks visas som kod. Ett `<` i löptext skrivs `&lt;`.

        Godkänt: `## Ny version av rutinen {: #ny-version }` eller `` `<rutin>` ``
        Fel: `<img src=x onerror=…>` eller `Stycke {: onclick="…" }`
        """),
)



# A page's front matter exactly as MkDocs finds it (mkdocs.utils.meta.YAML_RE: closed by
# `---` or `...`), matched where the page starts (after a byte-order mark, which MkDocs
# drops). Without it MkDocs reads `key: value` lines at the top as settings
# (MultiMarkdown style, _MMD_META): they are never shown.
_FRONT = re.compile(r"-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_MMD_META = re.compile(r"[ ]{0,3}([A-Za-z0-9_-]+):")
# Code, blanked before links and markup are looked for. Only what Markdown surely reads
# as code: a fence at the start of a line closed by the same fence at the start of a
# line (an unclosed, indented or longer one leaves HTML in it raw), a code span on one
# line, not opened by an escaped backtick. When in doubt the text is checked.
_FENCE_OPEN = re.compile(r"(`{3,}(?=[^`]*$)|~{3,})")
_FENCE_CLOSE = re.compile(r"(`{3,}|~{3,})[ \t]*$")
_CODE_SPAN = re.compile(r"(?<![`\\])(`+)(?!`)[^\n]+?(?<!`)\1(?!`)")
_INLINE = re.compile(r"\]\(\s*<?([^)\s>]*)")
_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*\n?[ \t]*<?(\S+?)>?(?:[ \t]|$)",
                        re.MULTILINE)
# No "<" inside: each try stops at the next one (a page of "<a:" was quadratic).
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^<>\s]*)>")
_EMAIL_AUTOLINK = re.compile(r"<[^\s<>@]+@[^\s<>]+>")
_HREF = re.compile(r"""\b(?:href|src)\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
# What a browser drops from an address before it reads the scheme.
_URL_IGNORED = re.compile(r"[\t\n\r]")
# Raw HTML as Markdown passes it on: an element, a closing tag, a declaration or a
# processing instruction (a comment, `<!--`, is allowed; what follows it is checked).
_TAG = re.compile(r"<(?:/?[A-Za-z][A-Za-z0-9:-]*|!(?!--)|\?)")
# An attribute list (attr_list: `{: #id .class key=value }`); only #id and .class pass.
_ATTR_LIST = re.compile(r"\{:?([^{}\n]*)\}")
_ATTR_TOKEN = re.compile(r"""[^\s=]+(?:=(?:"[^"]*"|'[^']*'|\S*))?""")
_ATTR_SAFE = re.compile(r"[#.][A-Za-z0-9_-]+")


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
    # As the browser reads it: `java&#115;cript:` and `javascript&colon;` are javascript:.
    target = _URL_IGNORED.sub("", html.unescape(target)).lstrip("\x00 ")
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


def _fences(lines: list[str]) -> Iterator[tuple[int, int]]:
    """(first, last) line of every closed fence; an unclosed one is text. In one pass:
    the lines that close each fence, looked up by the fence (a page of unclosed fences
    was quadratic as a regular expression)."""
    closers: dict[str, list[int]] = {}
    for number, line in enumerate(lines):
        close = _FENCE_CLOSE.fullmatch(line)
        if close is not None:
            closers.setdefault(close.group(1), []).append(number)
    number = 0
    while number < len(lines):
        opened = _FENCE_OPEN.match(lines[number])
        same = closers.get(opened.group(1), []) if opened is not None else []
        k = bisect.bisect_right(same, number)
        if k == len(same):
            number += 1  # no fence, or never closed: text
            continue
        yield number, same[k]
        number = same[k] + 1


def _without_code(text: str) -> str:
    """The page with its code blanked (offsets kept): closed fences, then code spans."""
    lines = text.split("\n")
    for first, last in _fences(lines):
        for number in range(first, last + 1):
            lines[number] = " " * len(lines[number])
    return _CODE_SPAN.sub(_blank, "\n".join(lines))


def _links(text: str) -> Iterator[tuple[int, str]]:
    """(offset, target) of every link outside code (`text`: code blanked)."""
    for pattern in (_INLINE, _REFERENCE, _AUTOLINK, _HREF):
        for match in pattern.finditer(text):
            yield match.start(1), match.group(1)


def _markup(text: str) -> Iterator[tuple[int, str]]:
    """(offset, message) of every HTML element and attribute list outside code (`text`:
    code blanked)."""
    for match in _TAG.finditer(text):
        start = match.start()
        if _AUTOLINK.match(text, start) or _EMAIL_AUTOLINK.match(text, start):
            continue  # a link in <…>: held to the link rule
        yield start, (f"HTML ({match.group(0)}…) är inte tillåtet på en handskriven sida: "
                      "det hamnar på webbplatsen som det står, med sina skript och länkar. "
                      "Skriv sidan i Markdown eller med sidornas makron; ett < i löptext "
                      "skrivs &lt;")
    if "{" in text:  # a macro call, or template code: the rule docs-macro (blanked)
        parts, last = [], 0
        for found in macros.scan(text):
            start = found.offset if isinstance(found, macros.MacroProblem) else found.start
            parts += [text[last:start], re.sub(r"[^\n]", " ", text[start:found.end])]
            last = found.end
        text = "".join([*parts, text[last:]])
    for match in _ATTR_LIST.finditer(text):
        for token in _ATTR_TOKEN.finditer(match.group(1)):
            if not _ATTR_SAFE.fullmatch(token.group(0)):
                yield match.start(1) + token.start(), (
                    f"attributet \"{token.group(0)}\" i {{ … }} är inte tillåtet: MkDocs "
                    "skriver det rakt in i sidans HTML. En attributlista har bara #id och "
                    ".klass; skriv en klammer i löptext som &#123;")


def _front_matter(path: Path, text: str) -> list[Problem]:
    """The problems of a page's front matter, found as MkDocs finds it."""
    start = 1 if text.startswith("\ufeff") else 0
    front = _FRONT.match(text, start)
    if front is None:
        meta = _MMD_META.match(text, start)
        if meta is None:
            return []
        return [Problem(path, 1, 1 + start + meta.start(1) - start, "", (
            f"sidan börjar med \"{meta.group(1)}:\", som MkDocs läser som en inställning i "
            "sidhuvudet och inte visar; börja sidan med en rubrik (# …) eller skriv "
            "sidhuvudet mellan två rader ---"), RULE_PAGE)]
    doc = load_bytes(path, front.group(1).encode("utf-8"))

    def moved(p: Problem) -> Problem:
        return Problem(p.file, p.line + 1 if p.line else 1, max(p.column, 1), p.field,
                       p.message, p.rule)

    found = [moved(p) for p in doc.problems if p.rule != RULE_EMPTY]
    if doc.data is None:
        return found
    for key in doc.data:
        if key not in FRONT_MATTER_KEYS:
            found.append(moved(doc.problem((key,), (
                f"inställningen \"{key}\" är inte tillåten i en sidas sidhuvud; bara "
                f"{', '.join(FRONT_MATTER_KEYS)}"), RULE_PAGE, key=True)))
    for field_path, value in doc.strings:
        markup = _MARKUP_IN_TEXT.search(value)
        if markup is not None and field_path and field_path[0] in FRONT_MATTER_KEYS:
            found.append(moved(doc.problem(field_path, (
                f"tecknet {markup.group(0)} är inte tillåtet i sidhuvudet: temat skriver "
                "texten i sidans HTML som den står. Skriv ” i stället för \" och ta bort "
                "< och >"), RULE_PAGE)))
    return found


def page_problems(path: Path, src: str, text: str, library: Library | None,
                  pages: set[str], *, run_macros: bool = True) -> list[Problem]:
    """The problems of one page's text (its file already read inside docs/)."""
    found: list[Problem] = []
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # as MkDocs reads the page

    # Where each line starts: a page with many problems finds each position in log time
    # (macros.position counts lines from the start: a page of 500,000 took minutes).
    starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def at(offset: int, message: str, rule: str) -> None:
        line = bisect.bisect_right(starts, offset)
        found.append(Problem(path, line, offset - starts[line - 1] + 1, "", message, rule))

    found += _front_matter(path, text)
    front = _FRONT.match(text, 1 if text.startswith("\ufeff") else 0)
    body_start = front.end() if front is not None else 0
    offset = 0
    for line in text.split("\n"):
        invisible = _ANY.search(line)
        if invisible is not None:
            for message in character_problems(line):
                at(offset + invisible.start(), message, RULE_VISIBLE)
        mixed = mixed_script(line) if not line.isascii() else None
        if mixed is not None:
            at(offset + mixed[0], mixed[1], RULE_VISIBLE)
        composed = decomposed(line)
        if composed is not None:
            at(offset + composed[0], composed[1], RULE_VISIBLE)
        offset += len(line) + 1
    generated = generated_pages(library)
    body = re.sub(r"[^\n]", " ", text[:body_start]) + _without_code(text[body_start:])
    for start, target in _links(body):
        refused = _link_problem(target, src, pages, generated)
        if refused is not None:
            at(start, refused, RULE_LINK)
    for start, message in _markup(body):
        at(start, message, RULE_HTML)
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


def is_utf8_name(path: Path | str) -> bool:
    """False when the path holds bytes that are not UTF-8 (os.fsdecode's surrogates)."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def files(docs_dir: Path) -> tuple[list[Path], list[Problem]]:
    """Every file under docs/ that may be read, and the problems of those that may not
    (links out of docs/, special files, linked folders). Editors' lock and backup files
    (layout.is_editor_artefact) are neither: they are left out, and the build leaves
    them out too."""
    readable: list[Path] = []
    found: list[Problem] = []
    for folder, dirs, names in os.walk(docs_dir):
        for name in sorted(dirs):
            if os.path.islink(os.path.join(folder, name)):
                found.append(Problem(Path(folder) / name, 0, 0, "", (
                    "mappen är en symbolisk länk; den läses inte. Lägg filerna som vanliga "
                    "filer i förrådet"), RULE_BOUNDARY))
        for name in sorted(names):
            if is_editor_artefact(name):  # an editor's lock or backup file: never published
                continue
            path = Path(folder) / name
            refused = boundary_problem(path, docs_dir)
            if refused is not None:
                found.append(Problem(path, 0, 0, "", refused, RULE_BOUNDARY))
            elif not is_utf8_name(path):
                found.append(Problem(path, 0, 0, "", (
                    "filnamnet är inte UTF-8 (tecken från en annan teckenkodning); det kan "
                    "inte bli en adress på webbplatsen. Byt namn på filen"), RULE_PAGE))
            elif path.suffix.lower() in _DOCUMENT_SUFFIXES:
                found.append(Problem(path, 0, 0, "", (
                    f"en fil som webbläsaren öppnar som en sida ({path.suffix}) får inte ligga "
                    "under docs/: dess skript skulle köras på webbplatsen. Skriv sidan i "
                    "Markdown (.md)"), RULE_PAGE))
            else:
                readable.append(path)
    return sorted(readable), found


def problems(docs_dir: Path, library: Library | None, *, only: list[Path] | None = None,
             run_macros: bool = True) -> list[Problem]:
    """Every problem of the hand-written pages in `docs_dir` (or of the files `only`)."""
    readable, found = files(docs_dir)
    pages = {p.relative_to(docs_dir).as_posix() for p in readable if p.suffix == ".md"}
    wanted = None if only is None else {os.path.abspath(p) for p in only}
    generated = generated_pages(library) or set()
    for path in readable:
        if path.suffix != ".md" or (wanted is not None and os.path.abspath(path) not in wanted):
            continue
        if path.relative_to(docs_dir).as_posix() in generated:  # the build stops on it
            found.append(Problem(path, 0, 0, "", (
                "sidan har samma adress som en sida som byggs ur innehållet (en rutin med "
                "det namnet); byt namn på filen eller id:t i innehållet"), RULE_PAGE))
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
