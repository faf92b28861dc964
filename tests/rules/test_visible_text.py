from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pytest

from rutin.rules.visible_text import character_problems, image_problem, mixed_script_problem
from support.validation import CHECKLIST, DECISION, messages, routine_copy

RULE = "visible-text"


@pytest.mark.parametrize("text", [
    "Välj kontakttyp *Distansbesök - video*.", "Inom 2\u00a0dagar – ring 1177 …",
    "Rad ett\nrad två\n\nstycke två", "Kolumn\tkolumn", "“citat” och ‘citat’ • punkt",
    "Ärende: ÅÄÖ åäö é ü ß ø æ", "Se [manualen](https://example.org/a).",
    "Obs! [manualen](https://example.org/a)", "Obs![viktigt] utan definition",
    "\\![inte en bild](https://example.org/a)",
    "Barn < 13 år & vuxna > 18 år", "",
])
def test_allowed(text: str) -> None:
    assert character_problems(text) == []
    assert image_problem(text) is None


@pytest.mark.parametrize(("text", "found"), [
    ("Dosen är \u202e01\u202c mg.", "styrtecken för textriktning U+202E "
     "(höger-till-vänster-åsidosättning) efter \"Dosen är \" (det första av 2)"),
    ("a\u2066b", "styrtecken för textriktning U+2066 (vänster-till-höger-isolering)"),
    ("a\u200fb", "styrtecken för textriktning U+200F (höger-till-vänster-markering)"),
    ("a\u061cb", "styrtecken för textriktning U+061C (arabisk bokstavsmarkering)"),
    ("Distans\u200bbesök", "osynligt tecken U+200B (nollbreddsmellanslag) efter \"Distans\""),
    ("\u200dx", "osynligt tecken U+200D (nollbredds sammanfogare) i början av texten"),
    ("video\u00adbesök", "osynligt tecken U+00AD (mjukt bindestreck)"),
    ("slut\ufeff", "osynligt tecken U+FEFF (BOM, nollbredds hårt mellanslag)"),
    ("a\u2060b", "osynligt tecken U+2060 (ordsammanfogare)"),
    ("a\u3164b", "osynligt tecken U+3164 (koreanskt utfyllnadstecken)"),
    ("tagg\U000e0041", "osynligt tecken U+E0041 (osynligt formattecken)"),
    ("Rad\u2028två", "radbrytningstecken U+2028 (radavgränsare) efter \"Rad\""),
    ("Stycke\u2029två", "radbrytningstecken U+2029 (styckeavgränsare)"),
    ("Rad\x85två", "radbrytningstecken U+0085 (nästa rad, NEL)"),
    ("Ring\x1b[2J", "kontrolltecken U+001B (escape) efter \"Ring\""),
    ("a\rb", "kontrolltecken U+000D (vagnretur)"),
    ("a\x00b", "kontrolltecken U+0000 (nolltecken)"),
    ("a\x7fb", "kontrolltecken U+007F (delete)"),
    ("a\x9bb", "kontrolltecken U+009B (styrkod)"),
    ("Punkt\uf0b7 ett", "tecken för privat bruk U+F0B7 (punkt ur typsnittet Symbol) efter "
     "\"Punkt\""),
    ("a\ue000b", "tecken för privat bruk U+E000 (utan bestämt utseende)"),
    ("a\uf8ffb", "tecken för privat bruk U+F8FF (utan bestämt utseende)"),
    ("a\U000f0000b", "tecken för privat bruk U+F0000 (utan bestämt utseende)"),
    ("a\U0010fffdb", "tecken för privat bruk U+10FFFD (utan bestämt utseende)"),
])
def test_refused_character(text: str, found: str) -> None:
    [message] = character_problems(text)
    assert message.startswith(found), message
    assert "är inte tillåtet" in message


def test_one_problem_per_class() -> None:
    found = character_problems("a\u200bb\u200bc\u202ed\u2028e\x07f\u00ad")
    assert [m.split(" U+")[0] for m in found] == [
        "styrtecken för textriktning", "osynligt tecken", "radbrytningstecken",
        "kontrolltecken"]
    assert "U+200B (nollbreddsmellanslag) efter \"a\" (det första av 3)" in found[1]


def test_context_is_visible_and_short() -> None:
    """The text before the character leaves out other invisible characters and line
    breaks, and is cut at a word when long."""
    found = character_problems("Välj\u200e kontakttyp\nDistansbesök\u2028nu\u2060 och\u200b")
    assert found[1].startswith(
        'osynligt tecken U+2060 (ordsammanfogare) efter "…Distansbesök nu" (det första av 2) '
        "är inte tillåtet"), found


@pytest.mark.parametrize(("text", "label"), [
    ("Rutin ![bild](https://example.org/x.png)", "![bild]"),
    ("![](https://example.org/x.png)", "![]"),
    ("Obs![läs](https://example.org/a)", "![läs]"),
    ("Se ![skärmbild][s].\n\n[s]: https://example.org/s.png", "![skärmbild]"),
    ("Se ![skärmbild][].\n\n[skärmbild]: https://example.org/s.png", "![skärmbild]"),
    ("Se ![Skärmbild].\n\n[skärmbild]: https://example.org/s.png", "![Skärmbild]"),
    ("![a [b] c](data:image/png;base64,AAA)", "![a [b] c]"),
    ("![en mycket lång beskrivning av bilden](x.png)", "![en mycket lång beskr…]"),
])
def test_refused_image(text: str, label: str) -> None:
    message = image_problem(text)
    assert message is not None
    assert message.startswith(f'bilden "{label}" är inte tillåten:'), message
    assert "[text](https://adress)" in message


def test_every_format_control_and_private_use_character_is_covered() -> None:
    """Every Cf, Cc, Zl, Zp and Co (private use) character of this Python's Unicode
    version is refused, except newline and tab (the rule lists ranges instead of asking
    unicodedata)."""
    missed = [
        f"U+{cp:04X}" for cp in range(sys.maxunicode + 1)
        if unicodedata.category(chr(cp)) in ("Cf", "Cc", "Zl", "Zp", "Co")
        and chr(cp) not in "\n\t" and not character_problems(f"a{chr(cp)}b")
    ]
    assert not missed, f"Unicode {unicodedata.unidata_version}: {missed}"


def test_in_a_decision_and_a_substep(tmp_path: Path) -> None:
    folder = routine_copy(tmp_path, {
        CHECKLIST: ("    critical: true",
                    "    critical: true\n    substeps:\n      - Klicka på\u00a0knappen.\n"
                    "      - Klicka\u200b här."),
        DECISION: ("      outcome: Boka ett videobesök.",
                   "      outcome: Boka ett videobesök ![ikon](https://example.org/i.png)."),
    })
    assert messages(folder, RULE) == [
        "boka-besok.yaml:20:9: steps[0].substeps[1]: osynligt tecken U+200B "
        "(nollbreddsmellanslag) efter \"Klicka\" är inte tillåtet: det syns inte, men "
        "sökning och kopiering ser det; ta bort det",
        "val-av-besok.yaml:22:16: rules[1].then.outcome: bilden \"![ikon]\" är inte "
        "tillåten: texten får inte visa bilder eller hämta något utanför webbplatsen; "
        "skriv en länk i stället: [text](https://adress) (ett \"!\" direkt före \"[\" gör "
        "länken till en bild)",
    ]



@pytest.mark.parametrize(("text", "found"), [
    ("Välj i C\u043esmic.", "ordet \"C\u043esmic\" blandar latinska och kyrilliska bokstäver "
     "(U+043E)"),
    ("Ring 1177 V\u03bfrdguiden", "ordet \"V\u03bfrdguiden\" blandar latinska och grekiska"),
    ("Öppna \u0421\u041e\u0405\u041c\u0406\u0421.",
     "ordet \"\u0421\u041e\u0405\u041c\u0406\u0421\" är skrivet med kyrilliska bokstäver som "
     "ser ut som latinska (U+0421)"),
])
def test_lookalike_letters_are_refused(text: str, found: str) -> None:
    message = mixed_script_problem(text)
    assert message is not None and message.startswith(found), message


@pytest.mark.parametrize("text", ["Välj kontakttyp i Cosmic.", "Привет мир", "5 µg och 37 °C",
                                  "Ärende: ÅÄÖ åäö é ü ß ø æ"])
def test_ordinary_words_pass_the_lookalike_check(text: str) -> None:
    assert mixed_script_problem(text) is None


@pytest.mark.parametrize("char", ["\ufe0e", "\ufe0f", "\ufe00", "\U000e0100", "\U000e01ef",
                                  "\U000e0041", "\U000e007f"])
def test_variation_selectors_and_tag_characters_are_refused(char: str) -> None:
    [message] = character_problems(f"Skicka{char} kallelsen")
    assert f"U+{ord(char):04X}" in message and "är inte tillåtet" in message
