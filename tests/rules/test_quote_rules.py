"""The quote rules judge a quote by the whole source sentence(s) it lies in: quote-form
(what a quote must be), modality and condition-kept (read from the sentence), and
text-agrees (an item's own words against its quotes' sentences). The fixture cases in
tests/fixtures/invalid/quote-* and drift-* show each gaming shape end to end; these tests
pin the mechanisms and their exceptions on a small source of their own."""

from __future__ import annotations

from pathlib import Path

import pytest

from rutin.check.trace import ItemKind, Traced
from rutin.load.source_text import SourceText, read_source
from rutin.rules.condition_kept import quote_conditions
from rutin.rules.modality import item_modality_in, quote_modality
from rutin.rules.quote_form import quote_problems
from rutin.rules.quoted import numbers, tokens
from rutin.rules.text_agrees import item_problems, stated

SOURCE = """\
# Testkälla.
Boka besök
Om patienten uteblir ska patienten direkt kontaktas via telefon av sjuksköterskan.
Vid behov av tolk bör tolken bjudas in via e-post.
Personalen behöver inte dokumentera samtalet i journalen.
Formulär ska dokumenteras i Cosmic, formulärinnehåll som kan sammanfattas skrivs av.
Suicidstegen ska bedömas (nås ej via webben) samt risk- och skyddsfaktorer.
Gäster loggar inte in med e-legitimation, vid behov visar gästen fotolegitimation.
Den primära kontaktpersonen får notiser om besök.
Besöket skall ske inom 2 dagar.

\tBoka besök
"""


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> SourceText:
    path = tmp_path_factory.mktemp("source") / "source.txt"
    path.write_text(SOURCE, encoding="utf-8")
    return read_source(path)


def _item(text: str, quotes: tuple[str, ...], *, critical: bool = False,
          interpretations: tuple[str, ...] = (), kind: ItemKind = "step") -> Traced:
    return Traced(Path("x.yaml"), ("steps", 0), kind, "checklist", "x", "X", "steg-x", text,
                  quotes, interpretations, critical=critical)


def _drift(source: SourceText, text: str, quotes: tuple[str, ...], *,
           critical: bool = False) -> list[str]:
    item = _item(text, quotes, critical=critical)
    return [m for _, m in item_problems(source, item, [(("steps", 0, "text"), text)], {})]


# --- quote-form ---------------------------------------------------------------------------

def test_whole_sentence_of_any_length_and_a_long_fragment_pass(source: SourceText) -> None:
    assert quote_problems(source, "Besöket skall ske inom 2 dagar.", "step") == []
    assert quote_problems(source, "Besöket skall ske inom 2 dagar", "step") == []
    assert quote_problems(source, "tolken bjudas in via e-post", "step") == []


@pytest.mark.parametrize("quote", ["ska", "via telefon", "Besöket … dagar."])
def test_short_fragments_fail(source: SourceText, quote: str) -> None:
    [first, *_] = quote_problems(source, quote, "step")
    assert "ingen hel mening" in first


def test_a_whole_heading_is_allowed_for_a_stop(source: SourceText) -> None:
    assert quote_problems(source, "Boka besök", "stop") == []


def test_omission_may_not_remove_negation_condition_or_modal(source: SourceText) -> None:
    [message] = quote_problems(source, "Personalen behöver … dokumentera samtalet i journalen.",
                               "note")
    assert "”inte”" in message
    [message] = quote_problems(source, "Om patienten uteblir … kontaktas via telefon", "step")
    assert "”ska”" in message


def test_omitted_parenthesis_is_an_aside(source: SourceText) -> None:
    assert quote_problems(source, "Suicidstegen ska bedömas … samt risk- och skyddsfaktorer.",
                          "step") == []


def test_fragment_may_not_cut_a_negation_in_its_clause(source: SourceText) -> None:
    [message] = quote_problems(source, "dokumentera samtalet i journalen.", "step")
    assert "skär bort ”inte”" in message
    # A negation in another clause (past the comma) is not cut from this one.
    assert quote_problems(source, "vid behov visar gästen fotolegitimation.", "step") == []


# --- modality and conditions on the whole sentence -------------------------------------

def test_fragment_of_a_recommendation_is_a_recommendation(source: SourceText) -> None:
    assert quote_modality(source, "tolken bjudas in via e-post") == "bör"


def test_weak_word_in_a_subordinate_clause_does_not_weaken(source: SourceText) -> None:
    assert quote_modality(source, "Formulär ska dokumenteras i Cosmic") == "ska"
    assert quote_modality(source, "formulärinnehåll som kan sammanfattas skrivs av.") == "ska"
    assert quote_modality(source, "Den primära kontaktpersonen får notiser om besök.") == "kan"
    # An aside in parentheses is read on its own, not with the sentence's modal verb.
    assert quote_modality(source, "(nås ej via webben)") == "neutral"


def test_a_second_quote_cannot_upgrade(source: SourceText) -> None:
    bor = "Vid behov av tolk bör tolken bjudas in via e-post."
    must = "Besöket skall ske inom 2 dagar."
    assert item_modality_in(source, (bor, must)) == "bör"
    assert item_modality_in(source, (must,)) == "ska"
    # A sentence without a modal word (a description) does not lift a "bör" either.
    assert item_modality_in(source, (bor, "Gäster loggar inte in med e-legitimation")) == "bör"


def test_condition_is_read_from_the_whole_sentence(source: SourceText) -> None:
    [(written, _)] = quote_conditions(source, "ska patienten direkt kontaktas via telefon")
    assert written == "Om patienten uteblir"


def test_condition_after_the_quote_past_a_comma_governs_the_next_clause(
        source: SourceText) -> None:
    assert quote_conditions(source, "Gäster loggar inte in med e-legitimation") == []
    assert quote_conditions(source, "vid behov visar gästen fotolegitimation")


# --- text-agrees --------------------------------------------------------------------------

UTEBLIR = "Om patienten uteblir ska patienten direkt kontaktas via telefon av sjuksköterskan."


def test_faithful_text_passes(source: SourceText) -> None:
    assert _drift(source, "Om patienten uteblir: ring patienten direkt. Det gör "
                  "sjuksköterskan.", (UTEBLIR,), critical=True) == []


@pytest.mark.parametrize(("text", "word"), [
    ("Om patienten uteblir: skicka sms till patienten direkt.", "”sms”"),
    ("Om patienten uteblir: ring inte patienten direkt.", "”inte”"),
    ("Om patienten uteblir: läkaren ringer patienten direkt.", "”läkare”"),
    ("Om patienten uteblir: ring patienten direkt, senast om 3 dagar.", "talet 3"),
    ("Om patienten uteblir: ring patienten direkt inom en vecka.", "”vecka”"),
])
def test_drifted_word_fails(source: SourceText, text: str, word: str) -> None:
    assert any(word in m for m in _drift(source, text, (UTEBLIR,)))


def test_text_sharing_no_word_with_its_sentences_fails(source: SourceText) -> None:
    [message] = _drift(source, "Avsluta samtalet.", ("Besöket skall ske inom 2 dagar.",))
    assert "delar inget ord" in message


def test_weakened_critical_item_fails(source: SourceText) -> None:
    found = _drift(source, "Om patienten uteblir kan du ringa patienten om du hinner.",
                   (UTEBLIR,), critical=True)
    assert any("valfritt" in m for m in found)
    assert any("”direkt”" in m for m in found)


def test_not_stated_sentence_and_interpretation_are_exempt(source: SourceText) -> None:
    assert _drift(source, "Om patienten uteblir: ring patienten. Vem som ringer via sms "
                  "anges ej i rutinen.", (UTEBLIR,)) == []
    item = _item("Ring patienten via sms.", (UTEBLIR,), interpretations=("t",))
    fields = [(("steps", 0, "text"), item.text)]
    readings = {"t": ("Patienten kan också nås via sms.", ())}
    assert list(item_problems(source, item, fields, readings)) == []
    assert list(item_problems(source, item, fields, {}))


def test_inflections_and_synonyms_share_a_token() -> None:
    assert ("roll", "sjuksköterska") in tokens("Sjuksköterskorna ringer.")
    assert ("kanal eller system", "telefon") in tokens("Ring patienten.")
    assert ("kanal eller system", "e-post") in tokens("Skicka ett mejl.")
    assert numbers("inom två dagar") == {"2"}
    assert stated("Se [sidan](https://example.org/24).") == "Se [sidan]."
