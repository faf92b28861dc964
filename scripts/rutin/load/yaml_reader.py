"""Strict YAML loading: plain data plus the source position of every node.

Fast path: libyaml (`yaml.CSafeLoader`) composes the node tree in C; we build the data
from it with one small recursive function instead of PyYAML's generic constructor. The
tree is then dropped and the file's bytes kept: `Document.position` composes the tree
again only for a file that has a problem (most files never need a position).

Strict, because PyYAML is permissive in ways that silently corrupt content:

* duplicate keys (PyYAML keeps the last one) are reported with the line of the first;
* unquoted values that YAML 1.1 (or 1.2: `1e3`) would turn into another type (`yes`,
  `off`, `2025-12-02`, `12:30`) stay the string they were written as, and are recorded
  in `Document.coercions`; the validator reports them where the schema expects text.
  Only the spellings `true`/`false` become booleans, and an empty value becomes None;
* non-UTF-8 bytes, a BOM, tabs in indentation, anchors/aliases, explicit tags, empty
  files, files over 1 MiB and a top level that is not a mapping are refused. (Only the bare
  non-specific tag `! ` is let through: it just marks a value as text, like quotes.)
"""

from __future__ import annotations

import codecs
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from rutin.check.rule_doc import RuleDoc
from rutin.load.layout import boundary_problem
from rutin.problem import Problem, Severity

MAX_BYTES = 1024 * 1024
# Content is a few levels deep (a decision table's actions: 6). Deeper nesting is a
# mistake or an attack: 100,000 levels crash libyaml, a few hundred exhaust Python's stack.
MAX_DEPTH = 30
# libyaml composes a node tree recursively in C and crashes the process somewhere between
# 20,000 and 40,000 levels. A level needs a bracket, a line break or a "- " / "? "
# indicator, so a file with fewer of those than this cannot come near; a file with more
# (rare) has its depth measured event by event before it is composed.
_SAFE_NESTING = 5000

FieldPath = tuple[str | int, ...]

_TAG = "tag:yaml.org,2002:"
STR, MAP, SEQ = _TAG + "str", _TAG + "map", _TAG + "seq"
BOOL, NULL = _TAG + "bool", _TAG + "null"

# What YAML 1.1 would have turned an unquoted value into, in words an editor knows.
COERCION_WORDS: dict[str, str] = {
    "bool": "ja/nej-värde",
    "int": "tal",
    "float": "tal",
    "timestamp": "datum",
    "null": "tomt värde",
    "value": "specialvärde",
    "merge": "specialvärde",
}

# Cheap pre-filter for anchors, aliases and explicit tags: an alias needs an anchor (&),
# and a tag is "!" followed by a tag character (prose has "Obs! " or "Obs!)"). Only files
# that match are checked event by event. Unknown tags are also caught while building.
_MAYBE_TAG = re.compile(rb"![^\s\"'),.!?]")
_TAB_INDENT = re.compile(rb"^[ ]*\t", re.MULTILINE)

# Numbers that YAML 1.1 (PyYAML) keeps as text but YAML 1.2 tools read as numbers.
_NUMBER_START = frozenset("0123456789+-.")
_YAML12_NUMBER = re.compile(
    r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$|0o[0-7]+$|[-+]?\.(?:inf|Inf|INF)$"
)

RULE_SYNTAX = "yaml-syntax"
RULE_DUPLICATE = "yaml-duplicate-key"
RULE_COERCION = "yaml-coercion"
RULE_ENCODING = "yaml-encoding"
RULE_TAB = "yaml-tab"
RULE_ANCHOR = "yaml-anchor"
RULE_TAG = "yaml-tag"
RULE_EMPTY = "yaml-empty"
RULE_SIZE = "yaml-size"
RULE_TOP_LEVEL = "yaml-top-level"
RULE_DEPTH = "yaml-depth"
RULE_EXTENSION = "yaml-extension"
RULE_BOUNDARY = "file-boundary"

# The editor documentation of the ids above, in the editor guide (rulebook.py). Written
# here, next to the ids, so a new id without documentation is seen in review (and fails
# tests/test_rulebook.py).
RULES: tuple[RuleDoc, ...] = (
    RuleDoc(RULE_SYNTAX, """
        Filen måste gå att läsa som YAML. De vanligaste orsakerna är text med ett kolon
        följt av mellanslag utan citattecken, ett citattecken som saknar sin avslutning
        och ett indrag som inte stämmer. Meddelandet säger vad som är fel och var. En fil får
        bara innehålla ett dokument (ingen andra rad med `---`), och en fil som inte kan
        läsas alls får också det här felet.

        Godkänt: `text: "Obs: ring patienten."`
        Fel: `text: Obs: ring patienten.` (kolon följt av mellanslag, utan citattecken)
        """),
    RuleDoc(RULE_DUPLICATE, """
        Samma fält får bara stå en gång i samma avsnitt. Annars skulle det sista värdet
        tyst gälla och det första försvinna utan att någon märker det. Felet pekar på den
        andra förekomsten och säger på vilken rad den första står.

        Godkänt: `title: Boka besök` en gång i filen
        Fel: `title: Boka besök` och längre ner `title: Boka videobesök` i samma avsnitt
        """),
    RuleDoc(RULE_COERCION, """
        Text som YAML skulle läsa som något annat än text ska stå inom citattecken:
        ja/nej-värden (`yes`, `no`, `on`, `off`), datum (`2026-06-12`), tider (`12:30`)
        och tal (`1177`, `1e3`). Olika program läser sådana värden olika, så texten
        kunde ändras utan att någon märker det. Ett fält som är ja eller nej (till
        exempel `critical`) skrivs `true` eller `false`.

        Godkänt: `title: "1177"`, `changed: "2026-06-12"` och `critical: true`
        Fel: `title: 1177`, `changed: 2026-06-12` eller `critical: yes`
        """),
    RuleDoc(RULE_ENCODING, """
        Filen sparas som UTF-8 utan BOM (byte order mark). Med en annan teckenkodning
        blir å, ä och ö fel tecken, och en BOM i början syns inte men stör andra program.
        VS Code sparar som UTF-8 utan BOM om inget annat är inställt.

        Godkänt: filen sparad som UTF-8
        Fel: filen sparad som Windows-1252 (Latin-1) eller som ”UTF-8 med BOM”
        """),
    RuleDoc(RULE_TAB, """
        Indraget görs med mellanslag, två per nivå. YAML tillåter inte tabbar i
        indraget, och en tabb ser ut som mellanslag i de flesta program.

        Godkänt: ett steg indraget med två mellanslag före `- id:`
        Fel: samma rad indragen med en tabb
        """),
    RuleDoc(RULE_ANCHOR, """
        Ankare (`&namn`) och alias (`*namn`) är inte tillåtna: skriv ut värdet på varje
        ställe. Med ett alias ändras flera ställen när ett ändras, och den som läser filen
        ser inte vad som står var.

        Godkänt: samma text utskriven i båda stegen
        Fel: `text: &kallelse "Skicka kallelsen."` och i ett annat steg `text: *kallelse`
        """),
    RuleDoc(RULE_TAG, """
        Taggar (`!namn`, `!!python/…`) är inte tillåtna: skriv värdet utan tagg. En tagg
        kan få ett program att läsa värdet som något annat än text, eller till och med
        köra det.

        Godkänt: `text: "Se manualen."`
        Fel: `text: !markdown "Se manualen."`
        """),
    RuleDoc(RULE_EMPTY, """
        Filen får inte vara tom eller bara innehålla kommentarer. En tom fil är nästan
        alltid ett misstag, till exempel en fil som inte sparades.

        Godkänt: en checklista med sina fält (`id`, `title`, `summary`, `steps` …)
        Fel: en fil utan innehåll, eller med bara rader som börjar med `#`
        """),
    RuleDoc(RULE_SIZE, f"""
        En fil får vara högst {MAX_BYTES // 1024} KiB. Så mycket text går inte att
        granska som en checklista; dela upp innehållet i flera filer.

        Godkänt: en checklista på några KiB
        Fel: en fil på 2 MiB, till exempel med ett helt dokument inklistrat
        """),
    RuleDoc(RULE_TOP_LEVEL, """
        Filen består av fält (nyckel: värde) på översta nivån, som `id:`, `title:` och
        `steps:`. En fil som är en lista eller ett enskilt värde kan inte vara en
        checklista, ett beslutsstöd, en rutin eller ett frasbibliotek.

        Godkänt: en fil som börjar med `id: boka-besok` följt av de andra fälten
        Fel: en fil som börjar med `- id: boka-besok` (en lista)
        """),
    RuleDoc(RULE_DEPTH, f"""
        Innehållet får vara högst {MAX_DEPTH} nivåer djupt (listor och fält i varandra).
        En checklista är som mest några nivåer djup; en djupare fil är ett misstag och
        kan få verktyget att stanna. Meddelandet pekar på den första för djupa nivån.

        Godkänt: ett steg med underpunkter (`steps`, ett steg, `substeps`)
        Fel: hundratals hakparenteser i varandra, `[[[[[…]]]]]`
        """),
    RuleDoc(RULE_EXTENSION, """
        Innehållsfiler heter `.yaml`. En fil som slutar på `.yml` skulle inte läsas alls,
        och ändringen i den syntes aldrig på webbplatsen; byt namn på filen.

        Godkänt: `bjuda-in-tolk.yaml`
        Fel: `bjuda-in-tolk.yml`
        """),
    RuleDoc(RULE_BOUNDARY, """
        Innehåll, källtext, handskrivna sidor och deras filer läses bara inifrån
        förrådet, och bara som vanliga filer. En symbolisk länk som pekar ut ur förrådet
        (till exempel till `/etc/passwd`) eller en specialfil (en namngiven rörledning,
        en enhet) läses inte: annars kunde vad som helst på datorn hamna på webbplatsen
        eller i ett felmeddelande. Kopiera in filen i stället.

        Godkänt: `source.txt` som en vanlig fil i rutinens mapp
        Fel: `source.txt` som en länk till en fil utanför förrådet
        """),
)


@dataclass(frozen=True)
class Coercion:
    """An unquoted value YAML 1.1 would not have read as text."""

    kind: str  # bool, int, float, timestamp, null, value, merge
    text: str  # as written

    @property
    def words(self) -> str:
        return COERCION_WORDS.get(self.kind, "annan typ")


@dataclass
class Document:
    """One loaded file: its data (None when unusable), its problems, its node tree."""

    path: Path
    data: dict[str, Any] | None = None
    problems: list[Problem] = field(default_factory=list)
    coercions: dict[FieldPath, Coercion] = field(default_factory=dict)
    strings: list[tuple[FieldPath, str]] = field(default_factory=list)  # every text value
    # The line each mapping starts on, and each top-level field's (the origin of the
    # items traced in it: trace.py), recorded while loading: no second parse for them.
    lines: dict[FieldPath, int] = field(default_factory=dict)
    raw: bytes | None = None  # the file's bytes when they parse; positions come from them
    _root: Node | None = field(default=None, repr=False)

    @property
    def root(self) -> Node | None:
        """The node tree, composed again on first use: most files never need a position,
        and keeping every tree alive would cost memory and garbage-collector time."""
        if self._root is None and self.raw is not None:
            loader = _Loader(self.raw)
            try:
                self._root = loader.get_single_node()
            except yaml.YAMLError:  # pragma: no cover - it parsed the first time
                self.raw = None
            finally:
                loader.dispose()
        return self._root

    def position(self, field_path: FieldPath, *, key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the node at `field_path`.

        With `key=True` and a mapping key as the last element, the key's own position.
        When the node does not exist (a missing required field), the nearest existing
        ancestor. (1, 1) when there is no node tree at all.
        """
        node = self.root
        if node is None:
            return (1, 1)
        found: Node = node
        last = len(field_path) - 1
        for depth, part in enumerate(field_path):
            child: Node | None = None
            if isinstance(found, MappingNode) and isinstance(part, str):
                for k, v in found.value:
                    if isinstance(k, ScalarNode) and k.value == part:
                        child = k if (key and depth == last) or _lone_key(k, v) else v
                        break
            elif (isinstance(found, SequenceNode) and isinstance(part, int)
                  and 0 <= part < len(found.value)):
                child = found.value[part]
            if child is None:
                break
            found = child
        mark = found.start_mark
        return (mark.line + 1, mark.column + 1)

    def problem(self, field_path: FieldPath, message: str, rule: str, *, key: bool = False,
                severity: Severity = "error") -> Problem:
        line, column = self.position(field_path, key=key)
        return Problem(self.path, line, column, format_path(field_path), message, rule,
                       severity)


def _lone_key(key: Node, value: Node) -> bool:
    """True for a key written without a value on its line (`? kind` with no `:`): YAML
    puts its empty value where the next line starts, so the key shows where it is."""
    return (isinstance(value, ScalarNode) and value.value == "" and not value.style
            and value.start_mark.line != key.end_mark.line)


def format_path(field_path: Iterable[str | int]) -> str:
    """`("steps", 2, "text")` → `steps[2].text` (indexes 0-based, as in the YAML list)."""
    out = ""
    for part in field_path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


class _Loader(yaml.CSafeLoader):
    """libyaml with a leaner tag resolver (same YAML 1.1 results, no path resolvers)."""

    _implicit: dict[str | None, list[tuple[str, re.Pattern[str]]]] = (
        yaml.CSafeLoader.yaml_implicit_resolvers)

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is ScalarNode:
            if implicit[0]:
                for tag, regexp in self._implicit.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return STR
        return SEQ if kind is SequenceNode else MAP


class _Builder:
    """Turns a libyaml node tree into plain data, recording duplicates and coercions."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.strings = doc.strings
        self.too_deep = False

    def build(self, node: Node, path: FieldPath) -> Any:
        if isinstance(node, ScalarNode):
            return self.scalar(node, path)
        if len(path) >= MAX_DEPTH:  # a collection one level too deep
            if not self.too_deep:
                self.too_deep = True
                self.doc.problems.append(_depth_problem(self.doc.path, node.start_mark))
            return None
        if isinstance(node, MappingNode):
            return self.mapping(node, path)
        if isinstance(node, SequenceNode):
            self.check_tag(node, SEQ, path)
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        return None  # pragma: no cover - libyaml produces only these three

    def scalar(self, node: ScalarNode, path: FieldPath) -> Any:
        tag = node.tag
        value: str = node.value
        if tag == STR:
            if (node.style == "" and value[:1] in _NUMBER_START
                    and _YAML12_NUMBER.match(value)):
                self.doc.coercions[path] = Coercion("float", value)
            self.strings.append((path, value))
            return value
        if node.style not in ("", None):
            self.check_tag(node, STR, path)
            return value
        kind = tag.rsplit(":", 1)[-1] if tag.startswith(_TAG) else ""
        if kind not in COERCION_WORDS:
            self.check_tag(node, STR, path)
            return value
        self.doc.coercions[path] = Coercion(kind, value)
        if kind == "bool" and value in ("true", "false"):
            return value == "true"
        if kind == "null":
            return None
        self.strings.append((path, value))
        return value

    def mapping(self, node: MappingNode, path: FieldPath) -> dict[str, Any]:
        self.check_tag(node, MAP, path)
        out: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        lines = self.doc.lines
        lines[path] = node.start_mark.line + 1
        top = not path
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):  # at the key, not its mapping
                self.doc.problems.append(Problem(
                    self.doc.path, key_node.start_mark.line + 1,
                    key_node.start_mark.column + 1, format_path(path),
                    "en nyckel måste vara ett namn, inte en lista eller mappning",
                    RULE_SYNTAX))
                continue
            key = key_node.value
            if key in first_line:
                line, column = key_node.start_mark.line + 1, key_node.start_mark.column + 1
                self.doc.problems.append(Problem(
                    self.doc.path, line, column, format_path((*path, key)),
                    f"nyckeln \"{key}\" finns redan på rad {first_line[key]}; "
                    "ta bort eller slå ihop den ena",
                    RULE_DUPLICATE))
                continue
            first_line[key] = key_node.start_mark.line + 1
            if top:
                lines[(key,)] = first_line[key]
            out[key] = self.build(value_node, (*path, key))
        return out

    def check_tag(self, node: Node, expected: str, path: FieldPath) -> None:
        if node.tag != expected:
            line, column = node.start_mark.line + 1, node.start_mark.column + 1
            self.doc.problems.append(Problem(
                self.doc.path, line, column, format_path(path),
                f"taggen \"{node.tag}\" är inte tillåten; skriv värdet utan tagg",
                RULE_TAG))


def _file_problem(path: Path, line: int, column: int, message: str, rule: str) -> Problem:
    return Problem(path, line, column, "", message, rule)


def _too_big(path: Path, size: int) -> Problem:
    return _file_problem(path, 0, 0, f"filen är för stor ({size // 1024} KiB, högst "
                         f"{MAX_BYTES // 1024} KiB); dela upp innehållet", RULE_SIZE)


def _depth_problem(path: Path, mark: Any) -> Problem:
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    return _file_problem(path, line, column,
                         f"innehållet är nästlat för djupt (högst {MAX_DEPTH} nivåer av "
                         "listor och fält i varandra); kontrollera indraget och "
                         "hakparenteserna", RULE_DEPTH)


def _check_depth(path: Path, raw: bytes) -> list[Problem]:
    """The first collection nested deeper than MAX_DEPTH, found event by event (libyaml's
    parser keeps its own stack: no recursion, whatever the depth). Only for files that
    could be that deep at all (slow path, rare)."""
    depth = 0
    for event in yaml.parse(raw, Loader=yaml.CSafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                return [_depth_problem(path, event.start_mark)]
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return []


def _line_col(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    column = len(raw[line_start:offset].decode("utf-8", errors="replace")) + 1
    return raw.count(b"\n", 0, offset) + 1, column


def _check_bytes(path: Path, raw: bytes) -> list[Problem]:
    if raw.startswith(codecs.BOM_UTF8):
        return [_file_problem(path, 1, 1, "filen börjar med en BOM (byte order mark); "
                              "spara den som UTF-8 utan BOM", RULE_ENCODING)]
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _line_col(raw, exc.start)
        return [_file_problem(path, line, column,
                              f"ogiltigt tecken (byte 0x{raw[exc.start]:02x}): filen är inte "
                              "UTF-8; spara den som UTF-8", RULE_ENCODING)]
    problems = []
    for match in _TAB_INDENT.finditer(raw):
        line, column = _line_col(raw, match.end() - 1)
        problems.append(_file_problem(path, line, column,
                                      "tabb i indraget; använd mellanslag", RULE_TAB))
    return problems


def _check_node_properties(path: Path, raw: bytes) -> list[Problem]:
    """Anchors, aliases and explicit tags, found event by event (slow path, rare)."""
    problems = []
    for event in yaml.parse(raw, Loader=yaml.CSafeLoader):
        mark = event.start_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        anchor = getattr(event, "anchor", None)
        tag = getattr(event, "tag", None)
        if isinstance(event, yaml.AliasEvent):
            problems.append(_file_problem(
                path, line, column,
                f"alias (*{anchor}) är inte tillåtet; skriv ut värdet på varje ställe",
                RULE_ANCHOR))
        elif anchor is not None:
            problems.append(_file_problem(
                path, line, column,
                f"ankare (&{anchor}) är inte tillåtet; skriv ut värdet på varje ställe",
                RULE_ANCHOR))
        if tag is not None and not isinstance(event, yaml.AliasEvent):
            problems.append(_file_problem(
                path, line, column,
                f"taggen \"{tag}\" är inte tillåten; skriv värdet utan tagg", RULE_TAG))
    return problems


# libyaml's messages (scanner.c, parser.c, composer) in Swedish.
_SYNTAX_SV: dict[str, str] = {
    "found character that cannot start any token":
        "tecknet kan inte inleda ett värde; sätt texten inom citattecken",
    "mapping values are not allowed in this context":
        "kolon följt av mellanslag är inte tillåtet här; sätt texten inom citattecken "
        "eller kontrollera indraget",
    "did not find expected key":
        "hittade inte nästa nyckel; kontrollera indraget",
    "could not find expected ':'":
        "kolon saknas efter nyckeln",
    "found unexpected end of stream":
        "filen tar slut inne i ett värde; ett citattecken saknar sin avslutning",
    "found unknown escape character":
        "okänd escape-sekvens efter \\ inom dubbla citattecken; använd enkla citattecken",
    "did not find expected comment or line break":
        "oväntad text efter värdet; kontrollera citattecken",
    "block sequence entries are not allowed in this context":
        "listpunkt (-) är inte tillåten här; kontrollera indraget",
    "did not find expected '-' indicator":
        "listpunkt (-) saknas; kontrollera indraget",
    "did not find expected ',' or ']'":
        "komma eller ] saknas i listan inom hakparenteser",
    "did not find expected ',' or '}'":
        "komma eller } saknas i mappningen inom klammerparenteser",
    "did not find expected node content":
        "ett värde saknas",
    "did not find expected <document start>":
        "oväntad text; kontrollera indraget",
    "found undefined alias":
        "alias (*) är inte tillåtet; skriv ut värdet på varje ställe",
    "found undefined tag handle":
        "taggar (!) är inte tillåtna; sätt texten inom citattecken",
    "but found another document":
        "filen innehåller flera dokument (---); en fil får bara innehålla ett",
    "control characters are not allowed":
        "filen innehåller ett otillåtet kontrolltecken",
    "found a tab character that violates indentation":
        "tabb i indraget; använd mellanslag",
    "found a tab character where an indentation space is expected":
        "tabb i indraget; använd mellanslag",
    "found unexpected ':'":
        "oväntat kolon; sätt texten inom citattecken",
    "found unexpected document indicator":
        "oväntad dokumentmarkering (--- eller ...) inne i ett värde",
    "did not find expected alphabetic or numeric character":
        "ankare, alias och taggar är inte tillåtna; sätt texten inom citattecken",
    "found duplicate anchor; first occurrence":
        "ankare är inte tillåtna",
    "did not find expected hexdecimal number":
        "ogiltig \\x-, \\u- eller \\U-sekvens inom dubbla citattecken; använd enkla "
        "citattecken",
    "found invalid Unicode character escape code":
        "ogiltig \\u- eller \\U-sekvens inom dubbla citattecken; använd enkla citattecken",
    "found an indentation indicator equal to 0":
        "siffran efter | eller > får inte vara 0",
    "found a block scalar indentation indicator equal to 0":
        "siffran efter | eller > får inte vara 0",
    "did not find expected whitespace or line break":
        "mellanslag eller radbrytning saknas; kontrollera citattecken och indrag",
    "did not find expected directive name":
        "en rad som börjar med % är inte tillåten; sätt texten inom citattecken",
    "found unexpected non-alphabetical character":
        "en rad som börjar med % är inte tillåten; sätt texten inom citattecken",
    "found duplicate %YAML directive":
        "en rad som börjar med % är inte tillåten",
    "found duplicate %TAG directive":
        "en rad som börjar med % är inte tillåten",
    "found incompatible YAML document":
        "en rad som börjar med % är inte tillåten",
    "found unexpected end of stream while scanning":
        "filen tar slut inne i ett värde; ett citattecken saknar sin avslutning",
    "found undefined anchor":
        "alias (*) är inte tillåtet; skriv ut värdet på varje ställe",
    "expected a single document in the stream":
        "filen innehåller flera dokument (---); en fil får bara innehålla ett",
    "incomplete UTF-8 octet sequence":
        "filen är inte UTF-8; spara den som UTF-8",
    "invalid leading UTF-8 octet":
        "filen är inte UTF-8; spara den som UTF-8",
    "invalid trailing UTF-8 octet":
        "filen är inte UTF-8; spara den som UTF-8",
}

# Where no translation fits: Swedish all the same (libyaml's English is not repeated).
_SYNTAX_OTHER = ("filen kan inte läsas som YAML här; kontrollera indraget, citattecknen "
                 "och att varje fält skrivs som namn: värde")


def _syntax_problem(path: Path, raw: bytes, exc: yaml.YAMLError) -> Problem:
    if isinstance(exc, yaml.reader.ReaderError):
        line, column = _line_col(raw, min(max(exc.position, 0), len(raw)))
        return _file_problem(path, line, column, "YAML-syntaxfel: filen innehåller ett "
                             "otillåtet kontrolltecken", RULE_SYNTAX)
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = str(getattr(exc, "problem", None) or exc).strip()
    for english, swedish in _SYNTAX_SV.items():
        if problem.startswith(english) or english in problem:
            message = swedish
            break
    else:
        message = _SYNTAX_OTHER
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    return _file_problem(path, line, column, f"YAML-syntaxfel: {message}", RULE_SYNTAX)


def load_bytes(path: Path, raw: bytes) -> Document:
    """Load content already read from `path` (which is only used in problems)."""
    doc = Document(path)
    if len(raw) > MAX_BYTES:
        doc.problems.append(_too_big(path, len(raw)))
        return doc
    doc.problems.extend(_check_bytes(path, raw))
    if doc.problems:
        return doc
    try:
        if (raw.count(b"\n") + raw.count(b"[") + raw.count(b"{") + raw.count(b"- ")
                + raw.count(b"? ") > _SAFE_NESTING):
            doc.problems.extend(_check_depth(path, raw))
            if doc.problems:
                return doc
        if b"&" in raw or _MAYBE_TAG.search(raw):
            doc.problems.extend(_check_node_properties(path, raw))
            if doc.problems:
                return doc
        loader = _Loader(raw)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        doc.problems.append(_syntax_problem(path, raw, exc))
        return doc
    if root is None:
        doc.problems.append(_file_problem(path, 0, 0, "filen är tom", RULE_EMPTY))
        return doc
    doc.raw, doc._root = raw, root
    if not isinstance(root, MappingNode):
        what = "en lista" if isinstance(root, SequenceNode) else "ett enskilt värde"
        doc.problems.append(_file_problem(
            path, root.start_mark.line + 1, root.start_mark.column + 1,
            f"filen ska bestå av fält (nyckel: värde), men är {what}", RULE_TOP_LEVEL))
        return doc
    builder = _Builder(doc)
    data = builder.mapping(root, ())
    if builder.too_deep:
        doc.raw = None  # positions would walk the whole depth: the problem has its own
    doc._root = None  # dropped: recomposed from doc.raw if a position is needed
    # A duplicate key leaves usable data (the first value is kept), so the schema can
    # still report the file's other mistakes in the same run; rules never see it.
    if all(p.rule == RULE_DUPLICATE for p in doc.problems if p.severity == "error"):
        doc.data = data
    return doc


Stamp = tuple[int, int]  # a file's (time of change in ns, size)


@dataclass
class Parses:
    """The clean parses of one check, by file, with the file's stamp when it was read.

    Given the previous check's parses (`known`), a file whose stamp has not changed is
    not read or parsed again: after a save in the editor's preview, only the saved file
    is. Documents are never changed after loading, so sharing them is safe."""

    known: dict[Path, tuple[Stamp, Document]] = field(default_factory=dict)
    kept: dict[Path, tuple[Stamp, Document]] = field(default_factory=dict)

    def after(self) -> Parses:
        """The parses for the next check of the same content: these are known."""
        return Parses(known=self.kept)


def load_file(path: Path, base: Path | None = None,
              real_dirs: dict[str, str] | None = None,
              parses: Parses | None = None) -> Document:
    """Load one content file strictly; problems are returned, never raised. With `base`,
    a file whose real path lies outside it (a link out) or that is no regular file is
    not read (rule file-boundary). With `parses`, a file unchanged since the previous
    check is taken from it, and a clean parse is kept in it."""
    if base is not None:
        refused = boundary_problem(path, base, real_dirs)
        if refused is not None:
            return Document(path, problems=[_file_problem(path, 0, 0, refused, RULE_BOUNDARY)])
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a pipe would block the read forever
            return Document(path, problems=[_file_problem(
                path, 0, 0, "filen är ingen vanlig fil (en rörledning, enhet eller mapp); "
                "den läses inte", RULE_BOUNDARY)])
        size = info.st_size
        if size > MAX_BYTES:
            return Document(path, problems=[_too_big(path, size)])
        stamp = (info.st_mtime_ns, size)
        if parses is not None:
            known = parses.known.get(path)
            if known is not None and known[0] == stamp:
                parses.kept[path] = known
                return known[1]
        raw = path.read_bytes()
    except OSError as exc:
        return Document(path, problems=[_file_problem(
            path, 0, 0, f"filen kan inte läsas ({exc.strerror or exc})", RULE_SYNTAX)])
    doc = load_bytes(path, raw)
    if parses is not None and not doc.problems:
        parses.kept[path] = (stamp, doc)
    return doc
