"""The source text as the tools read it (rutin.source), and the trace built on it.

Quotes are found the way a person reads the printed page: across line breaks, page
footers and link addresses, with plain or typographic quote marks, with `…` for an
omission – but never across a heading, and never with a changed word.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from rutin.check.validate import check
from rutin.load.source_text import Sentence, SourceText, normalize, read_source
from rutin.model import decide
from rutin.model.records import Routine
from support.project import CONTENT, SOURCE, parse_toc


@pytest.fixture(scope="module")
def source() -> SourceText:
    return read_source(SOURCE)


@pytest.fixture(scope="module")
def routine() -> Routine:
    report = check(CONTENT)
    assert report.library is not None, [p.format_text() for p in report.errors]
    return report.library.routine("platform24")


def test_header_is_not_source_text(source: SourceText) -> None:
    assert source.header and source.header[0].startswith("Källtext")
    assert not source.find("Rader som börjar med # är detta huvud")


def test_toc_headings_are_the_routines_source_headings(
    source: SourceText, routine: Routine
) -> None:
    assert source.headings == list(routine.source_headings)
    text = SOURCE.read_text(encoding="utf-8")
    assert parse_toc(text) == source.headings


@pytest.mark.parametrize("quote", [
    # a sentence broken by four link addresses where the page ended
    "Invånaren når också chatt samt kan ansluta till videobesök via 1177.se",
    # broken by a page footer
    "Alternativ 1 - för formulärinnehåll som kräver journalföring: Kopiera både frågor",
    # a word hyphenated at the end of a line
    "logga inte in i videobesöket med e-legitimation",
    # plain quote marks for the source's typographic ones, and the other way round
    'sedan väljs "Avsluta skift".',
    "sedan väljs ”Avsluta skift”.",
    # an omission
    "I suicidriskbedömningen skall ingå … samt en kartläggning av risk- och skyddsfaktorer.",
    # two sentences across a line break
    "högst upp i patientliggaren. Prioriteringen i Platform24",
    # bullets do not count
    "Välj vårdande enhet Välj rätt vårdtjänst",
])
def test_quotes_are_found_as_a_reader_reads(source: SourceText, quote: str) -> None:
    assert source.find(quote), quote


@pytest.mark.parametrize("quote", [
    "Besöket ska ske inom 2 dagar.",  # the source says "skall"
    "fliken ”Relationer”",  # the source's typo is "Realtioner": quotes keep it
    "Avsluta arbetspass i Platform24 När arbetspasset",  # across a heading
    "Syfte … Registrering",  # parts too far apart to be one passage
    "OBS! Utskriven version kan vara inaktuell.",  # the page footer is not text
])
def test_changed_or_impossible_quotes_are_not_found(source: SourceText, quote: str) -> None:
    assert not source.find(quote), quote


def test_the_nearest_passage_points_at_the_right_line(source: SourceText) -> None:
    nearest = source.nearest("Besöket ska ske inom 2 dagar.")
    assert nearest is not None
    assert nearest.text == "Besöket skall ske inom 2 dagar."
    lines = SOURCE.read_text(encoding="utf-8").split("\n")
    assert "Besöket skall ske inom 2 dagar." in lines[nearest.line - 1]


def test_sentences_follow_the_documents_units(source: SourceText) -> None:
    texts = [s.text for s in source.text_sentences]
    # list items without a full stop stand alone
    assert "Se ovan" in texts
    assert "Välj vårdande enhet" in texts
    assert "Suicidstegen" in texts
    # a sentence that runs over four link addresses is one sentence
    assert ("Invånaren når också chatt samt kan ansluta till videobesök via 1177.se "
            "(mottagningens e-tjänster samt hemsida).") in texts
    kinds = {s.kind for s in source.sentences}
    assert kinds == {"text", "heading", "toc", "address", "footer"}
    assert all("http" not in s.text for s in source.text_sentences)


def test_repeated_passage_is_found_everywhere(source: SourceText) -> None:
    quote = "Patienten skapas upp automatiskt i Platform24 om de inte redan finns i systemet."
    assert len(source.find(quote)) == 2


def test_sentences_in_returns_the_overlapping_sentences(source: SourceText) -> None:
    """The lookup by bisection answers as the plain filter over every sentence would."""
    sentences = source.text_sentences
    spans = [(s.start, s.end) for s in sentences[::7]]
    spans += [(s.start + 1, s.start + 1) for s in sentences[::11]]  # empty, inside one
    spans += [(a.start, b.end) for a, b in zip(sentences[::13], sentences[3::13], strict=False)]
    spans += [(0, 0), (0, len(source.reading)), (len(source.reading), len(source.reading) + 5)]
    for start, end in spans:
        wanted = [s for s in sentences if s.end > start and s.start < end]
        assert source.sentences_in(start, end) == wanted, (start, end)


class _Counting(list[Sentence]):
    """A list that counts the items read from it."""

    read = 0

    def __getitem__(self, index: Any) -> Any:
        found = super().__getitem__(index)
        self.read += len(found) if isinstance(index, slice) else 1
        return found

    def __iter__(self) -> Iterator[Sentence]:
        for item in super().__iter__():
            self.read += 1
            yield item


def test_a_lookup_reads_the_sentences_it_returns_not_the_source(tmp_path: Path) -> None:
    """A source of 450,000 tiny sentences ("A. A. A. …", under the 2 MiB limit) took
    `rutin check` minutes: every quote's lookup copied the sentences from its place to
    the end of the source. A lookup now reads only the sentences it returns."""
    path = tmp_path / "source.txt"
    path.write_text("Rubrik\n" + ("A. " * 40 + "\n") * 2500, encoding="utf-8")
    source = read_source(path)
    sentences = source.text_sentences
    assert len(sentences) == 100_001
    source.sentences_in(0, 1)  # the bisection tables are built once, from the plain list
    counting = source.__dict__["text_sentences"] = _Counting(sentences)
    for sentence in sentences[:1000]:
        assert source.sentences_in(sentence.start, sentence.end) == [sentence]
    assert source.sentences_in(sentences[5].start, sentences[8].end) == sentences[5:9]
    assert counting.read == 1000 + 4


def test_normalize() -> None:
    assert normalize("• ”Inga\n\n  patienter hittade”") == '"Inga patienter hittade"'


def test_every_sentence_of_the_source_is_quoted_or_registered(routine: Routine) -> None:
    """The figure the build reports; rutin check (source-coverage) fails on any gap."""
    from rutin.pages import owner_pages, staff_pages

    ctx = staff_pages.PageContext(routine, "https://example.org/",
                                  source=staff_pages.routine_source(routine))
    result = owner_pages.routine_trace(ctx)
    assert result is not None
    coverage = result.coverage
    assert not coverage.uncovered, [u.sentence.text for u in coverage.uncovered]
    assert coverage.quoted + coverage.registered == coverage.total
    assert coverage.quoted > 0.85 * coverage.total  # almost everything is acted on


# --------------------------------------------------------------------------- wizard


def test_the_wizard_skips_questions_that_cannot_change_the_outcome(routine: Routine) -> None:
    t = next(d for d in routine.decisions if d.id == "suicidrisk-atgard")
    assert decide.next_question(t, {}) == "suicid-situation"
    # a patient who answers in the chat: the phone attempt cannot matter
    assert decide.next_question(t, {"suicid-situation": "svarar"}) == "suicid-risk"
    assert decide.next_question(t, {"suicid-situation": "svarar-inte"}) == "suicid-telefon"
    assert decide.next_question(
        t, {"suicid-situation": "svarar", "suicid-risk": "mattlig"}
    ) == "suicid-helg-eller-motsatter"
    assert decide.next_question(
        t, {"suicid-situation": "vagrar-vard", "suicid-risk": "mattlig"}
    ) == "suicid-sista-utvag"
    assert decide.next_question(
        t, {"suicid-situation": "svarar", "suicid-risk": "ingen-eller-lag"}
    ) is None


def test_every_reachable_outcome_is_reached_by_asking_only_relevant_questions(
    routine: Routine,
) -> None:
    """Answering only what the wizard asks reaches, for every combination, the same rule
    as answering everything."""
    for t in routine.decisions:
        for answers in decide.combinations(t):
            asked: dict[str, str] = {}
            while (q := decide.next_question(t, asked)) is not None:
                asked[q] = answers[q]
            rule = decide.determined(t, asked)
            full = decide.evaluate(t, answers)
            assert rule is not None and full is not None and rule.id == full.id, (t.id, answers)


def test_source_file_is_in_the_repository() -> None:
    assert SOURCE.is_file()
    assert SOURCE.parent == Path(CONTENT) / "platform24"
