"""A new version of the routine: `rutin source update` reads the revised document (as
text, and as a PDF made from that text with Chromium's print-to-PDF, the engine `rutin
pdf` uses), reports exactly what changed sentence by sentence, makes every quote on a
changed or removed sentence suspect (and no other) until reviewed, and `rutin check`
refuses a source edited by hand.

The revision is made from a copy of the real source: a changed time limit, a changed
wording, a removed sentence, an added sentence, a re-wrapped paragraph and a link to a
file on a personal computer. Which sentences those are is picked from the source by
their shape (a number of days, a sentence of the right length), not pinned.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import textwrap
from pathlib import Path
from typing import Any

import pytest

from rutin.check.schemas import default_schemas
from rutin.check.source_review import rests_on
from rutin.check.validate import check, check_folder
from rutin.cli import main
from rutin.load.layout import content_files
from rutin.load.source_identity import split
from rutin.load.source_text import _ADDRESS, Sentence, SourceText, normalize, read_source
from rutin.load.yaml_reader import format_path
from rutin.rules.source_review import content_quotes

ROOT = Path(__file__).resolve().parents[1]
ROUTINE = "platform24"
PERSONAL_LINK = "file:///C:/Users/anna.svensson/Dokument/Loggkontroll%20RH.pdf"
ADDED = "Detta är en mening som bara finns i testets nya version."


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The routine copied as a routine with one kept version (its current source), so
    that the tests read in the next version themselves: the live content may already
    have several, with their review stamps (the editor guide's "Ny version av rutinen")."""
    folder = tmp_path / "checklists" / ROUTINE
    shutil.copytree(ROOT / "checklists" / ROUTINE, folder)
    shutil.rmtree(folder / "source-history", ignore_errors=True)
    (folder / "source-history").mkdir()
    shutil.copy(folder / "source.txt", folder / "source-history" / "001.txt")
    (folder / "source-reviews.json").unlink(missing_ok=True)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("RUTIN_CONTENT_ROOT", raising=False)
    return tmp_path


def _source(repo: Path) -> Path:
    return repo / "checklists" / ROUTINE / "source.txt"


def _quoted_sentences(repo: Path) -> set[int]:
    """Numbers of the sentences some quote rests on."""
    folder = repo / "checklists" / ROUTINE
    _problems, content = check_folder(folder, content_files(folder), default_schemas())
    source = read_source(_source(repo))
    return {s.number for _d, _f, q in content_quotes(content) for s in rests_on(source, q)}


class Revision:
    """The revised text and what a correct report says about it."""

    def __init__(self, repo: Path) -> None:
        text = _source(repo).read_text(encoding="utf-8")
        _header, body = split(text)
        source = read_source(_source(repo))
        quoted = _quoted_sentences(repo)
        one_line = [s for s in source.text_sentences
                    if s.text in normalize(body.split("\n")[s.line - _offset(text)])
                    and body.count(s.text) == 1 and len(s.text.split()) >= 6]
        # A time limit: a sentence with "inom N dagar" on one line, quoted.
        limit = next(s for s in one_line if re.search(r"inom \d+ dagar", s.text)
                     and s.number in quoted)
        # A wording and a removal: other quoted one-line sentences, apart from the limit.
        others = [s for s in one_line if s.number in quoted and s is not limit
                  and s.text.endswith(".") and "dagar" not in s.text]
        wording, removed = others[len(others) // 3], others[2 * len(others) // 3]
        new_limit = re.sub(r"inom (\d+) dagar",
                           lambda m: f"inom {int(m.group(1)) + 1} dagar", limit.text)
        words = wording.text.split()
        new_wording = " ".join([*words[:-2], "numera", *words[-2:]])
        lines = body.split("\n")
        offset = _offset(text)

        def replace(sentence: Sentence, new: str) -> None:
            index = sentence.line - offset
            lines[index] = lines[index].replace(sentence.text, new, 1)
            assert new in lines[index] or not new

        replace(limit, new_limit)
        replace(wording, new_wording)
        replace(removed, "")
        # An added sentence after the last sentence of an unquoted-free first paragraph.
        anchor = next(s for s in one_line if s.text.endswith(".") and s not in
                      (limit, wording, removed))
        index = anchor.line - offset
        lines[index] = lines[index].replace(anchor.text, f"{anchor.text} {ADDED}", 1)
        # A local file link after the address lines of the first page.
        first_address = next(i for i, line in enumerate(lines) if _ADDRESS.match(line.strip()))
        lines.insert(first_address, PERSONAL_LINK)
        self.rewrapped = _rewrap(lines, {limit.line, wording.line, removed.line,
                                         anchor.line}, offset)
        self.body = "\n".join(lines)
        self.changed = {(limit.text, new_limit), (wording.text, new_wording)}
        self.removed = {removed.text}
        self.added = {ADDED}
        self.old_changed = {limit.number, wording.number}
        self.old_removed = {removed.number}

    def write_text(self, path: Path) -> Path:
        path.write_text(self.body, encoding="utf-8")
        return path


def _offset(text: str) -> int:
    """The 1-based line of the body's first line."""
    return len(split(text)[0]) + 1


def _rewrap(lines: list[str], avoid: set[int], offset: int) -> tuple[list[str], list[str]]:
    """Re-wrap the first paragraph of four or more full lines (none of the edited ones)
    to a narrower width: the same sentences, other line breaks. Returns its lines before
    and after."""
    start = 0
    while start < len(lines):
        end = start
        while end < len(lines) and len(lines[end].strip()) >= 80 \
                and not lines[end].strip().startswith(("•", "·", "http")):
            end += 1
        if end - start >= 4 and not any(start <= n - offset <= end for n in avoid) \
                and lines[end].strip() and not lines[end].strip()[0].isupper():
            block = " ".join(line.strip() for line in lines[start:end + 1])
            new = textwrap.wrap(block, 84)
            if all(len(x) >= 76 for x in new[:-1]) and not any(
                    new[i + 1][0].isupper() and new[i][-1] in ".!?:"
                    for i in range(len(new) - 1)):
                old = lines[start:end + 1]
                lines[start:end + 1] = new
                return old, new
        start = end + 1
    raise AssertionError("no paragraph to re-wrap")


def _pdf(body: str, target: Path, browser: Any) -> Path:
    """The revised text as a PDF, the way a word processor exports it: each line a line,
    headings as headings (Chromium makes them the PDF's bookmarks), each address line a
    link on the page, the table of contents left to the bookmarks."""
    from rutin.printing.pdf import browser_page

    lines = body.split("\n")
    toc_start = max(i for i, line in enumerate(lines)
                    if line.strip() and not line.startswith("\t")) + 1
    headings = {line.strip() for line in lines[toc_start:] if line.strip()}
    parts = []
    for line in lines[:toc_start]:
        stripped = line.strip()
        if not stripped:
            continue
        if _ADDRESS.match(stripped):
            parts.append(f'<a class="u" href="{html.escape(stripped)}"></a>')
        elif stripped in headings:
            parts.append(f"<h2>{html.escape(stripped)}</h2>")
        else:
            parts.append(f'<div class="l">{html.escape(stripped)}</div>')
    document = (
        '<!doctype html><html lang="sv"><meta charset="utf-8"><title>Rutin</title><style>'
        "body{font:8.5pt sans-serif;margin:0}.l,h2{white-space:pre;margin:0;font-size:8.5pt}"
        "a.u{display:block;width:4px;height:4px}</style>" + "\n".join(parts)
    )
    with browser_page(browser=browser) as page:
        page.set_content(document)
        page.pdf(path=str(target), format="A4", outline=True, tagged=True)
    return target


def _report(repo: Path, document: Path, capsys: pytest.CaptureFixture[str],
            *extra: str) -> dict[str, Any]:
    code = main(["source", "update", ROUTINE, str(document), "--json", *extra])
    out, err = capsys.readouterr()
    assert code == 0, err
    data = json.loads(out)
    assert set(data) == {"changed", "removed", "added", "suspect", "scenario_expectations"}
    return data


def _expected_suspects(repo: Path, revision: Revision) -> set[tuple[str, int, str, str]]:
    """Every quote resting on a changed or removed sentence, found independently of the
    report: the quotes' own sentences in the current source. A quote that contains a
    changed or removed sentence whole is among them (checked by plain text, too)."""
    folder = repo / "checklists" / ROUTINE
    _problems, content = check_folder(folder, content_files(folder), default_schemas())
    source = read_source(_source(repo))
    touched = {old for old, _new in revision.changed} | revision.removed
    found = set()
    for doc, field, quote in content_quotes(content):
        numbers = {s.number for s in rests_on(source, quote)}
        if any(text in normalize(quote) for text in touched):
            assert numbers & (revision.old_changed | revision.old_removed), quote
        if numbers & (revision.old_changed | revision.old_removed):
            reason = "changed" if numbers & revision.old_changed else "removed"
            line = doc.position(field)[0]
            found.add((doc.path.relative_to(repo).as_posix(), line, " ".join(quote.split()),
                       reason))
    return found


def _assert_exact(data: dict[str, Any], revision: Revision,
                  expected: set[tuple[str, int, str, str]]) -> None:
    assert {(c["old"], c["new"]) for c in data["changed"]} == revision.changed
    assert {c["old"] for c in data["removed"]} == revision.removed
    assert {c["new"] for c in data["added"]} == revision.added
    assert len(data["changed"]) == 2 and len(data["removed"]) == 1 and len(data["added"]) == 1
    assert {(s["file"], s["line"], s["quote"], s["reason"]) for s in data["suspect"]} == expected
    assert expected  # the picked sentences are quoted: the test proves something


def test_text_revision_report_is_exact_and_check_fails_until_reviewed(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    revision = Revision(repo)
    document = revision.write_text(repo / "ny-version.txt")
    expected = _expected_suspects(repo, revision)
    before = _source(repo).read_text(encoding="utf-8")
    data = _report(repo, document, capsys, "--dry-run")
    _assert_exact(data, revision, expected)
    assert _source(repo).read_text(encoding="utf-8") == before  # --dry-run writes nothing

    data = _report(repo, document, capsys)
    _assert_exact(data, revision, expected)
    new_text = _source(repo).read_text(encoding="utf-8")
    assert "anna.svensson" not in new_text and "file:" not in split(new_text)[1]
    assert any("Loggkontroll RH.pdf" in line for line in split(new_text)[0])
    history = sorted((_source(repo).parent / "source-history").glob("*.txt"))
    assert len(history) == 2 and history[-1].read_text(encoding="utf-8") == new_text
    assert history[0].read_text(encoding="utf-8") == before

    # rutin check fails on each suspect quote, naming its file, and on nothing else new.
    problems = check(repo / "checklists").problems
    review = [p for p in problems if p.rule == "source-review"]
    assert {(p.file.relative_to(repo).as_posix(), p.line) for p in review} >= {
        (f, line) for f, line, _q, _r in expected}
    assert {p.file.relative_to(repo).as_posix() for p in review} == {
        f for f, _l, _q, _r in expected}
    assert all("Gör så här" in p.message for p in review)
    assert not [p for p in problems if p.rule == "source-identity"]
    # The added sentence is not placed yet: source-coverage says so.
    assert any(p.rule == "source-coverage" and ADDED in p.message for p in problems)

    # The editor updates the quotes on the changed sentences, removes the removed one's
    # items' quote, then marks the files reviewed.
    folder = repo / "checklists" / ROUTINE
    for old, new in revision.changed:
        for path in content_files(folder):
            text = path.read_text(encoding="utf-8")
            if old in text:
                path.write_text(text.replace(old, new), encoding="utf-8")
    # The quote on the removed sentence cannot be marked: exit 1, the rest are stamped.
    assert main(["source", "review", ROUTINE]) == 1
    assert "kan inte markeras" in capsys.readouterr().err
    problems = check(repo / "checklists").problems
    left = [p for p in problems if p.rule == "source-review"]
    removed_files = {f for f, _l, _q, r in expected if r == "removed"}
    assert {p.file.relative_to(repo).as_posix() for p in left} <= removed_files
    assert all("borttagen" in p.message for p in left)

    # A stamp copied to another quote does not count.
    reviews = folder / "source-reviews.json"
    data = json.loads(reviews.read_text(encoding="utf-8"))
    assert data["reviewed"]
    entry = data["reviewed"][0]
    stamps = {(e["file"], e["field"]) for e in data["reviewed"]}
    for path in content_files(folder):
        rel = path.relative_to(folder).as_posix()
        _p, content = check_folder(folder, content_files(folder), default_schemas())
        fields = [format_path(f) for d, f, _q in content_quotes(content) if d.path == path]
        other = next((f for f in fields if (rel, f) not in stamps), None)
        if other is not None:
            data["reviewed"].append({**entry, "file": rel, "field": other})
            break
    reviews.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert [p for p in check(repo / "checklists").problems if p.rule == "source-review"
            ] == left

    # Changing a reviewed quote again makes it suspect again.
    old, new = next(iter(revision.changed))
    path = next(p for p in content_files(folder) if new in p.read_text(encoding="utf-8"))
    path.write_text(path.read_text(encoding="utf-8").replace(new, new[: len(new) // 2] + " …"),
                    encoding="utf-8")
    assert any(p.rule == "source-review" and p.file == path
               for p in check(repo / "checklists").problems)


@pytest.mark.browser
def test_pdf_revision_reads_like_the_text(repo: Path, browser: Any,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    revision = Revision(repo)
    expected = _expected_suspects(repo, revision)
    pdf = _pdf(revision.body, repo / "ny-version.pdf", browser)
    data = _report(repo, pdf, capsys)
    _assert_exact(data, revision, expected)
    new_text = _source(repo).read_text(encoding="utf-8")
    assert "anna.svensson" not in new_text and "file:" not in split(new_text)[1]
    assert any("Loggkontroll RH.pdf" in line for line in split(new_text)[0])
    # Headings came from the PDF's bookmarks: the same headings stand alone as before.
    old = read_source(sorted((_source(repo).parent / "source-history").glob("*.txt"))[0])
    assert _headings(read_source(_source(repo))) == _headings(old)


def _headings(source: SourceText) -> list[str]:
    return [s.text for s in source.sentences if s.kind == "heading"]


def test_rewrapped_paragraph_is_no_change(repo: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    revision = Revision(repo)
    old, new = revision.rewrapped
    assert [line.rstrip() for line in old] != new  # the line breaks moved
    assert normalize(" ".join(old)) == normalize(" ".join(new))
    data = _report(repo, revision.write_text(repo / "ny.txt"), capsys, "--dry-run")
    paragraph = normalize(" ".join(old))
    reported = [c.get("old") or c.get("new") for key in ("changed", "removed", "added")
                for c in data[key]]
    assert reported and not [text for text in reported if text in paragraph]


def test_hand_edit_of_the_source_fails_check(repo: Path) -> None:
    assert not [p for p in check(repo / "checklists").problems if p.rule == "source-identity"]
    path = _source(repo)
    lines = path.read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith("Syfte"))
    lines.insert(index + 1, "Personalen får själv bestämma allt.")
    path.write_text("\n".join(lines), encoding="utf-8")
    problems = [p for p in check(repo / "checklists").problems if p.rule == "source-identity"]
    assert len(problems) == 1
    assert problems[0].line == index + 2
    assert "källtexten har ändrats för hand" in problems[0].message
    assert f"rutin source update {ROUTINE}" in problems[0].message


def test_hand_edit_with_a_new_checksum_still_fails(repo: Path) -> None:
    """Updating the header's checksum by hand does not make it a version: the source
    must equal the last version kept."""
    from rutin.load.source_identity import CHECKSUM_LABEL, checksum

    path = _source(repo)
    header, body = split(path.read_text(encoding="utf-8"))
    body = body.replace("Syfte", "Syfte\nEn ny mening.", 1)
    header = [f"{CHECKSUM_LABEL} {checksum(body)}" if h.startswith(CHECKSUM_LABEL) else h
              for h in header]
    path.write_text("".join(f"# {h}\n" for h in header) + body, encoding="utf-8")
    problems = [p for p in check(repo / "checklists").problems if p.rule == "source-identity"]
    assert problems and "senast inlästa versionen" in problems[0].message


def test_unreadable_documents_exit_1_with_a_position(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = repo / "fel.txt"
    bad.write_bytes("Rad ett\nRad två med \xff".encode("latin-1"))
    assert main(["source", "update", ROUTINE, str(bad)]) == 1
    err = capsys.readouterr().err
    assert re.match(rf"{re.escape(str(bad))}:2:\d+: texten är inte UTF-8", err)
    broken = repo / "fel.pdf"
    broken.write_bytes(b"%PDF-1.7\nnot really a pdf")
    assert main(["source", "update", ROUTINE, str(broken)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{broken}:") and "Traceback" not in err
    docx = repo / "fel.docx"
    docx.write_bytes(b"PK\x03\x04 broken zip")
    assert main(["source", "update", ROUTINE, str(docx)]) == 1
    assert "kan inte läsas som DOCX" in capsys.readouterr().err
    assert main(["source", "update", "finns-inte", str(bad)]) == 2
    assert main(["source", "update", ROUTINE, str(repo / "saknas.pdf")]) == 1
    assert "saknas.pdf:0:0: filen finns inte" in capsys.readouterr().err
    assert main(["source", "update", ROUTINE, str(repo)]) == 1  # a folder is no document
    assert f"{repo}:0:0: det här är en mapp; ange filen" in capsys.readouterr().err


def test_help_is_swedish(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["source", "update", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("användning: rutin source update")
    for english in ("usage:", "options:", "positional arguments", "show this help"):
        assert english not in out


def test_same_text_again_changes_nothing(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _source(repo).read_text(encoding="utf-8")
    copy = repo / "samma.txt"
    copy.write_text(split(before)[1], encoding="utf-8")
    data = _report(repo, copy, capsys)
    assert data == {"changed": [], "removed": [], "added": [], "suspect": [],
                    "scenario_expectations": []}
    assert _source(repo).read_text(encoding="utf-8") == before


def test_docx_paragraph_wrapping_keeps_sentences() -> None:
    from rutin.load.source_import import wrap

    paragraph = ("Patienten skapas upp automatiskt i Platform24 om de inte redan finns i "
                 "systemet och Cosmic Clinic24 Region Halland Vårdgivarwebben används "
                 "för att boka tid enligt framtagen rutin i Cosmic")
    lines = wrap(paragraph)
    assert " ".join(lines) == paragraph
    for after in lines[1:]:
        assert not after[0].isupper()
    assert len(lines[-1]) < 75


def test_owner_page_lists_each_change_with_what_it_touches(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from rutin.pages import owner_pages, source_changes_page
    from rutin.pages.page_parts import PageContext, routine_source
    from rutin.site import site_paths

    def render() -> str:
        report = check(repo / "checklists")
        assert report._build is not None
        library = report._build()  # the model, even while the check still fails
        routine = library.routines[0]
        ctx = PageContext(routine, "https://rutiner.example.se/", True,
                          routine_source(routine))
        return source_changes_page.changes_page(ctx, owner_pages.routine_trace(ctx))

    assert "bara en inläst version" in render()
    revision = Revision(repo)
    expected = _expected_suspects(repo, revision)
    _report(repo, revision.write_text(repo / "ny.txt"), capsys)
    page = render()
    assert page.meta.searchable is False  # out of the staff search (typed page metadata)
    for old, new in revision.changed:
        assert old in page and new in page
    assert "<del>" in page and "<ins>" in page
    assert all(text in page for text in revision.removed | revision.added)
    assert "Ännu inte placerad" in page  # the added sentence
    assert page.count("<strong>Ej granskad") >= len({(f, line) for f, line, _q, _r in expected})
    assert site_paths.changes_page(ROUTINE).endswith(".md")
    # After the review the page says so.
    for old, new in revision.changed:
        for path in content_files(repo / "checklists" / ROUTINE):
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace(old, new), encoding="utf-8")
    main(["source", "review", ROUTINE])
    capsys.readouterr()
    assert "<strong>Granskad</strong>" in render()


def test_docx_is_read_paragraph_by_paragraph(tmp_path: Path) -> None:
    """A DOCX: heading styles give the headings, list paragraphs a bullet, a paragraph
    becomes the same sentences whatever its length, and a personal path loses its
    folder name."""
    import docx

    from rutin.load.source_import import read_document

    document = docx.Document()
    document.add_heading("Syfte", level=1)
    long = ("Beskriva ett enhetligt arbetssätt samt enhetlig registrering och dokumentation "
            "av digitala kontakter och digitala besök i och från Platform24 och Cosmic "
            "Clinic24 Region Halland. Filen finns under C:\\Users\\anna.svensson\\Rutiner.")
    document.add_paragraph(long)
    document.add_heading("Avsluta chatt", level=1)
    document.add_paragraph("Välj avsluta", style="List Bullet")
    document.add_paragraph("Bekräfta i rutan", style="List Bullet")
    path = tmp_path / "rutin.docx"
    document.save(str(path))
    imported = read_document(path)
    text = imported.text
    assert "anna.svensson" not in text and imported.removed
    source_file = tmp_path / "source.txt"
    source_file.write_text(text, encoding="utf-8")
    source = read_source(source_file)
    assert [s.text for s in source.sentences if s.kind == "heading"] == [
        "Syfte", "Avsluta chatt"]
    assert [s.text for s in source.text_sentences] == [
        normalize(long.split(". ")[0] + "."),
        "Filen finns under C:\\Users\\…\\Rutiner.",
        "Välj avsluta", "Bekräfta i rutan"]


def test_changed_items_are_marked_for_staff_and_listed_as_news(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """After a revision, every step, warning, note and decision outcome whose quotes
    rested on a changed or removed sentence carries "Ändrat <datum>" on the staff pages
    (for MARK_DAYS days), and the start page's news lists the task stops that show one."""
    from datetime import date, timedelta

    from rutin.pages import revision_marks, staff_pages
    from rutin.pages.page_parts import PageContext, routine_source
    from rutin.site import site_paths

    def library_routine() -> Any:
        report = check(repo / "checklists")
        assert report._build is not None
        return report._build().routines[0]

    def collapsed(quotes: tuple[str, ...]) -> set[str]:
        return {" ".join(q.split()) for q in quotes}

    before = library_routine()
    assert revision_marks.changed_quotes(before) == ("", frozenset())
    assert revision_marks.news_block(before, lambda t, s: "x") == ""
    revision = Revision(repo)
    suspect_quotes = {q for _f, _l, q, _r in _expected_suspects(repo, revision)}
    _report(repo, revision.write_text(repo / "ny.txt"), capsys)
    routine = library_routine()
    today = date.today().isoformat()
    mark = f'<span class="rutin-changed-mark">Ändrat {today}</span>'
    ctx = PageContext(routine, "https://rutiner.example.se/", True, routine_source(routine))
    marks = 0
    for checklist in routine.checklists:
        items = [*checklist.steps, *checklist.warnings, *checklist.notes]
        expected = sum(1 for i in items if collapsed(i.quotes) & suspect_quotes)
        assert staff_pages.checklist_page(ctx, checklist).count(mark) == expected, checklist.id
        marks += expected
    for table in routine.decisions:
        expected = sum(1 for r in table.rules if collapsed(
            (*r.then.quotes, *(q for a in r.then.actions for q in a.quotes))) & suspect_quotes)
        expected += sum(1 for n in table.notes if collapsed(n.quotes) & suspect_quotes)
        assert staff_pages.decision_page(ctx, table).count(mark) == expected, table.id
        marks += expected
    assert marks  # the revision touched something staff see
    news = revision_marks.news_block(
        routine, lambda task, stop: site_paths.relative_link(
            "index.md", site_paths.task_page(routine.id, task), stop))
    stops = revision_marks.changed_stops(routine)
    assert stops and 'class="rutin-news"' in news and f'data-revision="{today}"' in news
    assert " hidden " in news  # news.js shows it only to a returning reader
    for stop in stops:
        assert f"#{stop.stop_id})" in news
    # The mark lasts MARK_DAYS days.
    later = date.today() + timedelta(days=revision_marks.MARK_DAYS + 1)
    assert revision_marks.changed_quotes(routine, later) == ("", frozenset())


@pytest.mark.browser
def test_news_shows_only_to_a_reader_back_after_the_new_version(page: Any,
                                                                 tmp_path: Path) -> None:
    """news.js: hidden on a first visit, shown to a reader whose previous visit was
    before the new version (and kept for the session), hidden again on a later visit."""
    assets = ROOT / "docs" / "assets"
    html_file = tmp_path / "index.html"
    html_file.write_text(
        '<!doctype html><html lang="sv"><meta charset="utf-8"><title>Start</title>'
        '<section class="rutin-news" data-routine="r" data-revision="2026-12-01" hidden>'
        '<h2>Nytt i rutinen sedan ditt senaste besök</h2><ul><li><a href="#a">A</a></li>'
        '</ul></section><script src="site.js"></script><script src="news.js"></script>',
        encoding="utf-8")
    for name in ("site.js", "news.js"):
        shutil.copy(assets / name, tmp_path / name)
    url = html_file.as_uri()
    news = page.locator(".rutin-news")

    page.goto(url)
    assert news.is_hidden()  # first visit: nothing to compare with
    page.evaluate("() => { localStorage.setItem('rutin:senaste-besok:r', "
                  "JSON.stringify('2026-11-20')); sessionStorage.clear(); }")
    page.goto(url)
    assert news.is_visible()
    page.goto(url)
    assert news.is_visible()  # the same session: still there
    page.evaluate("() => sessionStorage.clear()")
    page.goto(url)
    assert news.is_hidden()  # a later visit: seen


@pytest.mark.browser
@pytest.mark.slow
def test_reviewed_revision_builds_and_its_pages_pass_axe_under_the_csp(
        repo: Path, browser: Any, capsys: pytest.CaptureFixture[str]) -> None:
    """The whole way: a new version changes a time limit; the editor updates the quotes
    and marks them reviewed; the check passes and the site builds. The owner page, the
    start page's news (for a reader back after the new version) and a changed step's
    marks pass axe, under the site's Content-Security-Policy, on screen and in print."""
    from axe_playwright_python.base import AXE_SCRIPT

    from rutin.adapters.mkdocs_material.inline_scripts import site_hashes
    from rutin.pages import revision_marks
    from rutin.printing.pdf import serve
    from rutin.site import csp, site_paths
    from support.browser import AXE_RUN
    from support.project import run_build

    folder = repo / "checklists" / ROUTINE
    source = read_source(_source(repo))
    quoted = _quoted_sentences(repo)
    limit = next(s for s in source.text_sentences
                 if re.search(r"inom \d+ dagar", s.text) and s.number in quoted)
    new = re.sub(r"inom (\d+) dagar", lambda m: f"inom {int(m.group(1)) + 1} dagar",
                 limit.text)
    body = split(_source(repo).read_text(encoding="utf-8"))[1]
    lines = body.split("\n")
    index = limit.line - _offset(_source(repo).read_text(encoding="utf-8"))
    assert limit.text in lines[index]
    lines[index] = lines[index].replace(limit.text, new)
    document = repo / "ny.txt"
    document.write_text("\n".join(lines), encoding="utf-8")
    assert main(["source", "update", ROUTINE, str(document)]) == 0
    assert any(p.rule == "source-review" for p in check(repo / "checklists").errors)
    # Publishing is refused while a quote is suspect (nothing is built).
    refused = run_build(repo / "site", "--publish", env={
        "RUTIN_CONTENT_ROOT": str(repo / "checklists"),
        "RUTIN_SITE_URL": "https://rutiner.example.se/"})
    assert refused.returncode != 0 and "source-review" in refused.stdout + refused.stderr
    assert not (repo / "site").exists()
    # The editor updates the quotes and what the items say (text-agrees: an item's number
    # must agree with its sentence).
    days = re.search(r"inom (\d+) dagar", limit.text)
    assert days is not None
    old_limit, new_limit = days.group(0), f"inom {int(days.group(1)) + 1} dagar"
    for path in content_files(folder):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(limit.text, new).replace(old_limit, new_limit),
                        encoding="utf-8")
    assert main(["source", "review", ROUTINE]) == 0
    capsys.readouterr()
    assert check(repo / "checklists").errors == []

    site = repo / "site"
    done = run_build(site, env={"RUTIN_CONTENT_ROOT": str(repo / "checklists")})
    assert done.returncode == 0, done.stderr
    report = check(repo / "checklists")
    assert report.library is not None
    routine = report.library.routines[0]
    stop = revision_marks.changed_stops(routine)[0]
    _when, changed = revision_marks.changed_quotes(routine)
    table = next(t for t in routine.decisions if any(
        changed & {*r.then.quotes, *(q for a in r.then.actions for q in a.quotes)}
        for r in t.rules))
    headers = {"Content-Security-Policy": csp.policy(site_hashes(site))}
    context = browser.new_context(viewport={"width": 1024, "height": 768}, locale="sv-SE")
    context.add_init_script(AXE_SCRIPT)
    context.add_init_script(AXE_RUN)
    errors: list[str] = []
    failures: list[str] = []
    try:
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        with serve(site, headers) as base:
            page.goto(base)
            page.evaluate("() => { localStorage.setItem('rutin:senaste-besok:platform24', "
                          "JSON.stringify('2000-01-01')); sessionStorage.clear(); }")
            for src in ("index.md", site_paths.changes_page(ROUTINE),
                        site_paths.task_page(ROUTINE, stop.task_id),
                        site_paths.decision_page(ROUTINE, table.id)):
                page.goto(base + site_paths.page_url(src))
                if src == "index.md":
                    assert page.locator(".rutin-news").is_visible()
                    assert page.locator(f'.rutin-news a[href*="#{stop.stop_id}"]').count()
                else:
                    assert page.locator("del, .rutin-changed-mark").count()
                for media in ("screen", "print"):
                    page.emulate_media(media=media)
                    violations = page.evaluate(
                        "() => rutinAxe({runOnly: {type: 'tag', values: "
                        "['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']}, "
                        "resultTypes: ['violations']})")
                    failures += [f"{src} ({media}): {v['id']}" for v in violations]
                page.emulate_media(media="screen")
            page.emulate_media(media="print")  # the decision page: its table is printed
            assert page.locator(".rutin-changed-mark").first.is_visible()
    finally:
        context.close()
    assert not failures, failures
    assert not [e for e in errors if "Content Security Policy" in e], errors


def test_an_edited_kept_version_fails_check(repo: Path) -> None:
    """The history is what the comparison rests on: a kept version edited by hand (say,
    to make a changed sentence look unchanged) is refused too."""
    kept = sorted((_source(repo).parent / "source-history").glob("*.txt"))[-1]
    kept.write_text(kept.read_text(encoding="utf-8").replace("Syfte", "Syfte\nNy rad.", 1),
                    encoding="utf-8")
    messages = [p.message for p in check(repo / "checklists").problems
                if p.rule == "source-identity"]
    assert any("en sparad version av källtexten har ändrats för hand" in m for m in messages)


def test_a_confirmed_reading_whose_quote_changed_goes_back_to_unconfirmed(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import yaml

    folder = repo / "checklists" / ROUTINE
    routine_file = folder / "routine.yaml"
    text = routine_file.read_text(encoding="utf-8")
    readings = yaml.safe_load(text)["interpretations"]
    body = split(_source(repo).read_text(encoding="utf-8"))[1]
    n, reading, quote = next((n, r, q) for n, r in enumerate(readings) for q in r["quotes"]
                             if any(q in line for line in body.split("\n")))
    start = text.index(f'- id: "{reading["id"]}"')
    status = text.index('status: "obekräftad"', start)
    text = (text[:status] + 'status: "bekräftad"\n    confirmed_by: "Rutinägare"\n'
            '    confirmed_on: "2026-01-01"' + text[status + len('status: "obekräftad"'):])
    routine_file.write_text(text, encoding="utf-8")
    assert not [p for p in check(repo / "checklists").errors if p.rule == "source-review"]
    document = repo / "ny.txt"
    document.write_text(body.replace(quote, f"{quote} alltid", 1), encoding="utf-8")
    assert main(["source", "update", ROUTINE, str(document)]) == 0
    capsys.readouterr()
    problems = [p for p in check(repo / "checklists").errors if p.rule == "source-review"]
    assert any(p.field == f"interpretations[{n}].status" and "obekräftad" in p.message
               for p in problems)


def test_the_report_names_scenario_expectations_the_new_version_breaks(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A scenario's must_show (or must_not_show, question_reads) that quotes a passage the
    new version rewords is named in the report, at its line: the scenario would fail."""
    import yaml

    source = read_source(_source(repo))
    _header, body = split(_source(repo).read_text(encoding="utf-8"))
    lines = body.split("\n")
    picked = None
    for path in sorted((repo / "checklists" / ROUTINE / "scenarios").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for stop in (data.get("expect") or {}).values():
            for text in stop.get("must_show") or ():
                words = text.split()
                if len(words) >= 4 and source.find(text) and sum(
                        text in line for line in lines) == 1:
                    picked = picked or (path, text)
    assert picked, "no scenario quotes a passage on one line of the source"
    path, text = picked
    words = text.split()
    reworded = " ".join([*words[:-1], "omformulerat" + words[-1]])
    document = repo / "ny.txt"
    document.write_text("\n".join(line.replace(text, reworded) for line in lines),
                        encoding="utf-8")
    data = _report(repo, document, capsys, "--dry-run")
    at = 1 + path.read_text(encoding="utf-8").split("\n").index(
        next(line for line in path.read_text(encoding="utf-8").split("\n")
             if text in line))
    assert {"file": f"checklists/{ROUTINE}/scenarios/{path.name}", "line": at,
            "text": text} in data["scenario_expectations"], data["scenario_expectations"]
    assert main(["source", "update", ROUTINE, str(document), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Scenariernas förväntningar med text som inte står kvar" in out
    assert f"scenarios/{path.name}:{at}:" in out


def test_a_glossary_term_whose_quote_changed_is_suspect(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A glossary meaning states facts (shown on the ordlista and in search), so it is
    traced like a step: without quotes it is an error, and a new version of the routine
    that changes a sentence it quotes makes the term suspect until reviewed."""
    import yaml

    folder = repo / "checklists" / ROUTINE
    routine_file = folder / "routine.yaml"
    text = routine_file.read_text(encoding="utf-8")
    terms = yaml.safe_load(text)["glossary"]
    body = split(_source(repo).read_text(encoding="utf-8"))[1]
    lines = body.split("\n")
    # A term quoting a sentence that stands on one line of the source, once.
    i, j, quote = next((i, j, q) for i, t in enumerate(terms)
                       for j, q in enumerate(t.get("quotes") or ())
                       if len(q.split()) >= 4 and body.count(q) == 1
                       and any(q in line for line in lines))
    assert not [p for p in check(repo / "checklists").errors
                if p.field.startswith(f"glossary[{i}]")]

    # Without its quotes the term is an error (quote-required).
    start = text.index(f'- id: "{terms[i]["id"]}"')
    block = text.index("    quotes:\n", start)
    end = block + len("    quotes:\n")
    while text.startswith("      - ", end):
        end = text.index("\n", end) + 1
    routine_file.write_text(text[:block] + text[end:], encoding="utf-8")
    errors = check(repo / "checklists").errors
    assert any(p.rule == "quote-required" and p.field == f"glossary[{i}]"
               and "begrepp i ordlistan utan citat" in p.message for p in errors)
    routine_file.write_text(text, encoding="utf-8")

    # A new version changes the quoted sentence: the term's quote is suspect.
    words = quote.split()
    changed = " ".join([words[0], "alltid", *words[1:]])
    document = repo / "ny.txt"
    document.write_text(body.replace(quote, changed, 1), encoding="utf-8")
    assert main(["source", "update", ROUTINE, str(document)]) == 0
    capsys.readouterr()
    problems = [p for p in check(repo / "checklists").errors if p.rule == "source-review"]
    assert any(p.field == f"glossary[{i}].quotes[{j}]" and p.file == routine_file
               for p in problems)


def test_the_report_never_prints_a_control_character(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A new version's text reaches the terminal in the report ("nu: …"): a control
    character in it (a terminal escape) is written as an escape, never sent as it is."""
    _header, body = split(_source(repo).read_text(encoding="utf-8"))
    lines = body.split("\n")
    index = next(i for i, line in enumerate(lines) if len(line.split()) > 6)
    lines[index] = lines[index].replace(" ", " \x1b[2J", 1)
    document = repo / "ny.txt"
    document.write_text("\n".join(lines), encoding="utf-8")
    assert main(["source", "update", ROUTINE, str(document), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\\x1b[2J" in out
