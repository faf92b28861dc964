from __future__ import annotations

from pathlib import Path

from support.validation import CHECKLIST, ROUTINE, messages, routine_copy

RULE = "terminology"
GLOSSARY = ("    meaning: Journalsystemet.\n", "    meaning: Journalsystemet.\n"
            "    variants: [COSMIC, Cosmic-journalen]\n")


def test_canonical_spelling_passes(tmp_path: Path) -> None:
    assert messages(routine_copy(tmp_path, {ROUTINE: GLOSSARY}), RULE) == []


def test_variant_in_step_text_is_reported_with_position(tmp_path: Path) -> None:
    folder = routine_copy(tmp_path, {
        ROUTINE: GLOSSARY,
        CHECKLIST: ("Välj kontakttyp *Distansbesök - video*.",
                    "Välj kontakttyp i COSMIC."),
    })
    assert messages(folder, RULE) == [
        'boka-besok.yaml:16:11: steps[0].text: skriv "Cosmic", inte "COSMIC" '
        "(stavningen i ordlistan)"]


def test_quoted_variant_ids_and_keywords_are_not_reported(tmp_path: Path) -> None:
    folder = routine_copy(tmp_path, {
        ROUTINE: GLOSSARY,
        CHECKLIST: ("Välj kontakttyp *Distansbesök - video*.",
                    "Välj kontakttyp (källan skriver ”COSMIC”)."),
    })
    text = (folder / CHECKLIST).read_text(encoding="utf-8")
    (folder / CHECKLIST).write_text(text.replace("source: Boka besök\n",
                                                 "source: Boka besök\nkeywords: [COSMIC]\n", 1),
                                    encoding="utf-8")
    assert messages(folder, RULE) == []


def test_variant_inside_a_longer_word_is_not_reported(tmp_path: Path) -> None:
    folder = routine_copy(tmp_path, {
        ROUTINE: GLOSSARY,
        CHECKLIST: ("Välj kontakttyp *Distansbesök - video*.", "Välj COSMICS kontakttyp."),
    })
    assert messages(folder, RULE) == []
