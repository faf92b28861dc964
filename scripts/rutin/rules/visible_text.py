"""Rule visible-text: text says what it shows.

No character that is invisible or changes how text is displayed (bidirectional controls,
zero-width and other format characters, line/paragraph separators, control characters)
or that has no defined look (private-use characters), and no Markdown image (content has
no images: an image would be fetched from outside the site). One problem per field and
class, at the field's position; the message names the character, its code point and the
text just before it (the column inside a scalar is not reliable: escapes, quotes and
folded lines move it).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from rutin.problem import Problem
from rutin.rules.content import RoutineContent

RULE_ID = "visible-text"

# Bidirectional controls: the text is displayed in another order than it is written
# ("Trojan Source", CVE-2021-42574).
BIDI_NAMES: dict[str, str] = {
    "\u061c": "arabisk bokstavsmarkering",
    "\u200e": "vänster-till-höger-markering",
    "\u200f": "höger-till-vänster-markering",
    "\u202a": "vänster-till-höger-inbäddning",
    "\u202b": "höger-till-vänster-inbäddning",
    "\u202c": "slut på riktningsformatering",
    "\u202d": "vänster-till-höger-åsidosättning",
    "\u202e": "höger-till-vänster-åsidosättning",
    "\u2066": "vänster-till-höger-isolering",
    "\u2067": "höger-till-vänster-isolering",
    "\u2068": "automatisk riktningsisolering",
    "\u2069": "slut på riktningsisolering",
}

# Invisible characters: every format character (Unicode category Cf) that is not a
# bidirectional control, and the default-ignorable fillers that look like nothing.
# Ranges rather than unicodedata at import: tests/rules/test_visible_text.py proves that
# every Cf, Cc, Zl and Zp character of the running Python's Unicode version is covered.
_INVISIBLE_RANGES = (
    "\u00ad\u034f\u0600-\u0605\u06dd\u070f\u0890-\u0891\u08e2\u115f\u1160\u17b4\u17b5"
    "\u180e\u200b-\u200d\u2060-\u2065\u206a-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e007f"
)
INVISIBLE_NAMES: dict[str, str] = {
    "\u00ad": "mjukt bindestreck",
    "\u034f": "kombinerande grafemsammanfogare",
    "\u115f": "koreanskt utfyllnadstecken",
    "\u1160": "koreanskt utfyllnadstecken",
    "\u3164": "koreanskt utfyllnadstecken",
    "\uffa0": "koreanskt utfyllnadstecken",
    "\u180e": "mongolisk vokalavskiljare",
    "\u200b": "nollbreddsmellanslag",
    "\u200c": "nollbredds icke-sammanfogare",
    "\u200d": "nollbredds sammanfogare",
    "\u2060": "ordsammanfogare",
    "\ufeff": "BOM, nollbredds hårt mellanslag",
}

# Variation selectors: they change how the character before them is drawn (text or emoji
# form), or nothing at all, and a run of them can carry hidden bytes.
VARIATION_NAMES: dict[str, str] = {
    "\ufe0e": "variantväljare för textform",
    "\ufe0f": "variantväljare för emojiform",
}
_VARIATION_RANGES = "\ufe00-\ufe0f\U000e0100-\U000e01ef\u180b-\u180d\u180f"

# Line and paragraph separators: a line break in some programs, nothing in others.
SEPARATOR_NAMES: dict[str, str] = {
    "\u2028": "radavgränsare",
    "\u2029": "styckeavgränsare",
    "\u0085": "nästa rad, NEL",
}

# Control characters (C0, DEL, C1) other than newline and tab (and NEL, above).
CONTROL_NAMES: dict[str, str] = {
    "\x00": "nolltecken",
    "\x07": "ljudsignal",
    "\x08": "backsteg",
    "\x0b": "vertikal tabb",
    "\x0c": "sidmatning",
    "\x0d": "vagnretur",
    "\x1b": "escape",
    "\x7f": "delete",
}


# Private-use characters (U+E000–U+F8FF and planes 15–16): no standard defines how they
# look, so a reader sees an empty box, a question mark or whatever one font put there (a
# bullet from Word's Symbol font comes out of a PDF as U+F0B7).
_PRIVATE_RANGES = "\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd"
PRIVATE_NAMES: dict[str, str] = {
    "\uf0b7": "punkt ur typsnittet Symbol",
}


@dataclass(frozen=True)
class _Class:
    pattern: re.Pattern[str]
    what: str  # the class, e.g. "osynligt tecken"
    names: dict[str, str]
    default_name: str
    why: str  # what it does, and what to do instead


_CLASSES = (
    _Class(re.compile("[" + "".join(BIDI_NAMES) + "]"), "styrtecken för textriktning",
           BIDI_NAMES, "styrtecken",
           "texten visas då i en annan ordning än den är skriven; ta bort det"),
    _Class(re.compile(f"[{_INVISIBLE_RANGES}]"), "osynligt tecken", INVISIBLE_NAMES,
           "osynligt formattecken",
           "det syns inte, men sökning och kopiering ser det; ta bort det"),
    _Class(re.compile(f"[{_VARIATION_RANGES}]"), "variantväljare", VARIATION_NAMES,
           "variantväljare",
           "det syns inte, men kan bära dold information; ta bort det"),
    _Class(re.compile("[\u2028\u2029\u0085]"), "radbrytningstecken", SEPARATOR_NAMES, "radbrytning",
           "olika program visar det olika; använd en vanlig radbrytning eller ett "
           "mellanslag"),
    _Class(re.compile("[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f]"), "kontrolltecken",
           CONTROL_NAMES, "styrkod",
           "det syns inte eller visas som en ruta; ta bort det"),
    _Class(re.compile(f"[{_PRIVATE_RANGES}]"), "tecken för privat bruk", PRIVATE_NAMES,
           "utan bestämt utseende",
           "det har inget bestämt utseende (varje typsnitt ritar det på sitt sätt eller "
           "inte alls) och visas som en ruta, ett frågetecken eller en annan symbol; ta "
           "bort det eller skriv det med vanliga tecken (till exempel • för en punkt)"),
)

# Every character one of the classes reports (for the context shown before a character).
_ANY = re.compile("[" + "".join(c.pattern.pattern[1:-1] for c in _CLASSES) + "]")

# Markdown images. `\![…](…)` is a link after an escaped "!". A label may hold one level
# of brackets and single line breaks.
_LABEL = r"\[((?:[^\[\]\n]|\n(?!\s*\n)|\[[^\[\]\n]*\])*)\]"
_IMAGE = re.compile(r"(?<!\\)!" + _LABEL + r"(?:\(|[ ]?\[)")
_SHORTCUT_IMAGE = re.compile(r"(?<!\\)!" + _LABEL + r"(?![(\[:])")
_DEFINITION = re.compile(r"^[ ]{0,3}\[([^\]\n]+)\]:", re.MULTILINE)

_CONTEXT = 20  # characters shown before an invisible character

# Letters that look like Latin ones (Cyrillic "о", Greek "ο"): in a word with Latin letters
# they make "Cоsmic" look like the system's name while search and the glossary miss it.
_LOOKALIKE_RANGES = "\u0370-\u03ff\u0400-\u052f\u1f00-\u1fff"
_LOOKALIKE_SCRIPTS = re.compile(f"[{_LOOKALIKE_RANGES}]")
# Anything either check looks at, in one character class: most texts have none, and one
# search answers for both.
SUSPECT = re.compile("[" + _ANY.pattern[1:-1] + _LOOKALIKE_RANGES + "]")
_WORD = re.compile(r"\w+")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")
_SCRIPT_WORDS = {"CYRILLIC": "kyrilliska", "GREEK": "grekiska"}
# Cyrillic and Greek letters drawn like Latin ones: a word made only of them ("СОЅМІС")
# looks like a Latin word. (A real Russian or Greek word has letters of its own.)
_LATIN_LOOKING = frozenset(
    "АВСЕНІЈКМОРЅТХУасеіјорѕхуԁԛԝҮүӀӏ"  # Cyrillic
    "ΑΒΕΗΙΚΜΝΟΡΤΥΧΖοικνρτυχ")  # Greek


def _where(text: str, index: int) -> str:
    """Where a character is, in words: after the visible text just before it."""
    before = _ANY.sub(lambda m: " " if m.group(0) in SEPARATOR_NAMES else "", text[:index])
    before = re.sub(r"\s+", " ", before)
    if not before.strip():
        return "i början av texten"
    if len(before) > _CONTEXT:
        before = before[-_CONTEXT:]
        space = before.find(" ", 0, len(before) - 1)
        before = "…" + (before[space + 1:] if space >= 0 else before)
    return f"efter \"{before}\""


def character_problems(text: str) -> list[str]:
    """The Swedish messages for `text`'s invisible or display-changing characters: one
    per class, for the first such character, with a count when there are more."""
    if _ANY.search(text) is None:  # the usual case, in one pass
        return []
    messages = []
    for cls in _CLASSES:
        match = cls.pattern.search(text)
        if match is None:
            continue
        char = match.group(0)
        name = cls.names.get(char, cls.default_name)
        count = len(cls.pattern.findall(text))
        more = f" (det första av {count})" if count > 1 else ""
        messages.append(f"{cls.what} U+{ord(char):04X} ({name}) {_where(text, match.start())}"
                        f"{more} är inte tillåtet: {cls.why}")
    return messages


def mixed_script_problem(text: str) -> str | None:
    """The Swedish message for the first word that mixes Latin letters with Cyrillic or
    Greek ones (a homoglyph: "Cоsmic" with a Cyrillic о), or None."""
    found = mixed_script(text)
    return found[1] if found is not None else None


def mixed_script(text: str) -> tuple[int, str] | None:
    """(offset of the word, message) for the first mixed-script word, or None."""
    if _LOOKALIKE_SCRIPTS.search(text) is None:  # the usual case, in one pass
        return None
    for match in _WORD.finditer(text):
        word = match.group(0)
        other = _LOOKALIKE_SCRIPTS.search(word)
        if other is None:
            continue
        if _LATIN.search(word) is None:
            if len(word) < 2 or not all(c in _LATIN_LOOKING for c in word):
                continue
            shown = word if len(word) <= 30 else word[:30] + "…"
            script = unicodedata.name(other.group(0), "").split(" ")[0]
            return match.start(), (
                f"ordet \"{shown}\" är skrivet med {_SCRIPT_WORDS.get(script, 'andra')} "
                f"bokstäver som ser ut som latinska (U+{ord(other.group(0)):04X}) och är inte "
                "tillåtet: det hittas inte av sökningen eller ordlistan; skriv ordet med "
                "svenska bokstäver")
        char = other.group(0)
        script = unicodedata.name(char, "").split(" ")[0]
        shown = word if len(word) <= 30 else word[:30] + "…"
        letters = _SCRIPT_WORDS.get(script, "andra")
        return match.start(), (
            f"ordet \"{shown}\" blandar latinska och {letters} bokstäver "
            f"(U+{ord(char):04X}) och är inte tillåtet: det ser ut som ett vanligt ord men "
            "hittas inte av sökningen eller ordlistan; skriv ordet med svenska bokstäver")
    return None


def decomposed(text: str) -> tuple[int, str] | None:
    """(offset, message) for the first letter written as a base letter and a combining
    mark (”a” + U+0308 for ”ä”, as text copied from some PDFs or file names comes), or
    None. It looks the same, but neither the search nor a quote's lookup in the source
    (which holds ”ä”) finds it."""
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return None
    for index in range(1, len(text)):
        mark = text[index]
        if unicodedata.combining(mark) and len(
                unicodedata.normalize("NFC", text[index - 1:index + 1])) == 1:
            letter = unicodedata.normalize("NFC", text[index - 1:index + 1])
            return index - 1, (
                f"bokstaven ”{letter}” {_where(text, index - 1)} är skriven som "
                f"”{text[index - 1]}” och ett kombinerande tecken (U+{ord(mark):04X}) och är "
                "inte tillåten: den ser likadan ut men hittas varken av sökningen eller i "
                "källan; skriv bokstaven på nytt")
    return None


def image_problem(text: str) -> str | None:
    """The Swedish message for a Markdown image in `text`, or None."""
    if "![" not in text:
        return None
    match = _IMAGE.search(text)
    if match is None:
        defined = {m.group(1).strip().casefold() for m in _DEFINITION.finditer(text)}
        match = next((m for m in _SHORTCUT_IMAGE.finditer(text)
                      if m.group(1).strip().casefold() in defined), None)
    if match is None:
        return None
    label = re.sub(r"\s+", " ", match.group(1))
    if len(label) > _CONTEXT:
        label = label[:_CONTEXT] + "…"
    return (f"bilden \"![{label}]\" är inte tillåten: texten får inte visa bilder eller "
            "hämta något utanför webbplatsen; skriv en länk i stället: [text](https://adress) "
            "(ett \"!\" direkt före \"[\" gör länken till en bild)")


def check(content: RoutineContent) -> Iterator[Problem]:
    """Texten ska visa det den säger. Därför får den inte innehålla tecken som inte syns
    eller som ändrar hur texten visas:

    - styrtecken för textriktning (till exempel U+202E), som får texten att visas i en
      annan ordning än den är skriven;
    - osynliga tecken: nollbreddsmellanslag (U+200B), mjukt bindestreck (U+00AD), BOM
      (U+FEFF) och andra formattecken;
    - radbrytningstecknen U+2028 och U+2029 (använd en vanlig radbrytning);
    - kontrolltecken (allt under mellanslag utom radbrytning och tabb, och U+007F–U+009F);
    - variantväljare (U+FE00–U+FE0F, U+E0100–U+E01EF) och taggtecken (U+E0000–U+E007F),
      som inte syns men kan bära dold text;
    - tecken för privat bruk (U+E000–U+F8FF, U+F0000–U+10FFFD), som inget typsnitt har
      ett bestämt utseende för: de visas som en ruta eller en annan symbol. En punkt ur
      Word (U+F0B7) skrivs •.

    Ett ord får inte heller blanda latinska bokstäver med kyrilliska eller grekiska som
    ser likadana ut (”Cosmic” skrivet med ett kyrilliskt о): ordet ser rätt ut men hittas varken
    av sökningen eller av ordlistan. Av samma skäl skrivs ”å”, ”ä” och ”ö” som en bokstav,
    inte som ”a” följt av ett kombinerande tecken (U+0308), som text från vissa PDF:er
    och filnamn kommer.

    Sådana tecken följer ofta med när text klistras in från Word, PDF eller en webbsida.
    Meddelandet anger tecknets kod och texten närmast före det.

    Texten får inte heller innehålla bilder i Markdown (`![beskrivning](adress)` eller
    `![beskrivning][ref]`): innehållet har inga bilder, och en bild skulle hämtas från en
    annan webbplats. Skriv en länk i stället. Vill du ha ett utropstecken före en länk,
    skriv ett mellanslag emellan: `Obs! [manualen](https://…)`.

    Godkänt: `text: "Välj kontakttyp Distansbesök - video."`
    Fel: samma text med ett osynligt nollbreddsmellanslag (U+200B) inne i ordet
    ”Distansbesök”, ”Cosmic” skrivet med ett kyrilliskt о, eller `text: "Se ![skärmbild](https://example.org/bild.png)."`
    """
    for doc in content.documents:
        for path, text in content.texts(doc):
            if SUSPECT.search(text) is not None:
                for message in character_problems(text):
                    yield doc.problem(path, message, RULE_ID)
                mixed = mixed_script_problem(text)
                if mixed:
                    yield doc.problem(path, mixed, RULE_ID)
            image = image_problem(text)
            if image:
                yield doc.problem(path, image, RULE_ID)
            composed = decomposed(text)
            if composed is not None:
                yield doc.problem(path, composed[1], RULE_ID)
