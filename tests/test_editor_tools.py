"""Editor tooling: scaffolds, changelog enforcement, the schema-generated field guide."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from rutin.check.changes import check_changes
from rutin.check.content import content_root
from rutin.check.validate import check
from rutin.cli import main
from rutin.load.layout import KINDS
from rutin.model.records import RENAMED_KEYS, content_version, current_keys
from rutin.pages import fieldref
from rutin.pages.change_review import review_change
from support.validation import MINIMAL

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "checklists"
    shutil.copytree(MINIMAL, root / "minimal")
    return root


# --- rutin new -----------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["checklist", "decision"])
def test_scaffold_passes_check_unchanged(content: Path, kind: str,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["new", kind, "minimal/ny-uppgift", "--root", str(content)])
    out, err = capsys.readouterr()
    folder = content / "minimal" / ("decisions" if kind == "decision" else "")
    created = folder / "ny-uppgift.yaml"
    assert code == 0, err
    assert created.is_file()
    assert created.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")
    assert f"Skapade {created}" in out
    routine = (content / "minimal" / "routine.yaml").read_text(encoding="utf-8")
    assert "items: [boka-besok, val-av-besok, ny-uppgift]" in routine
    # Unchanged, the scaffold and the edited routine pass the check; what is left to
    # write is named (scaffold-text warnings, which only --publish refuses).
    problems = check(content).problems
    assert problems and {(p.rule, p.severity) for p in problems} == {
        ("scaffold-text", "warning")}
    assert {p.file for p in problems} == {created}


def test_scaffold_adds_to_a_block_style_group(tmp_path: Path) -> None:
    root = tmp_path / "checklists"
    shutil.copytree(content_root(ROOT) / "platform24", root / "platform24")
    assert main(["new", "checklist", "platform24/ny-uppgift", "--root", str(root),
                 "--group", "grupp-chatt"]) == 0
    # A routine with tasks: the new step is not in a task yet, which the check says
    # (a warning, so the checklist can be written first).
    problems = [p for p in check(root).problems if p.rule != "scaffold-text"]
    assert [(p.file.name, p.rule, p.severity) for p in problems] == [
        ("ny-uppgift.yaml", "task-coverage", "warning")]
    assert "lägg till det i ett stopp i en uppgift i tasks/" in problems[0].message
    text = (root / "platform24" / "routine.yaml").read_text(encoding="utf-8")
    assert '      - "grundlaggande-service"\n      - "ny-uppgift"\n' in text


def test_scaffold_in_a_routine_with_source_text_starts_with_a_real_quote(
        tmp_path: Path) -> None:
    """A routine with source.txt requires quotes: the scaffold starts from a sentence of
    the source (to be replaced), so the new file is valid from the start."""
    root = tmp_path / "checklists"
    shutil.copytree(content_root(ROOT) / "platform24", root / "platform24")
    assert main(["new", "decision", "platform24/nytt-beslut", "--root", str(root)]) == 0
    report = check(root)
    assert report.errors == []
    # Not in a task yet, so no scenario reaches it: a warning, not an error.
    assert {p.rule for p in report.problems} <= {"scenario-coverage", "scaffold-text"}
    text = (root / "platform24" / "decisions" / "nytt-beslut.yaml").read_text("utf-8")
    assert "quotes:" in text and "byt till rätt stycke" in text


@pytest.mark.parametrize("routine", ["minimal", "platform24"])
def test_task_scaffold_passes_check_unchanged(tmp_path: Path, routine: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """A task starts with one stop that refers to the routine's first step (and, with a
    source text, quotes a sentence of it): valid as written, in no group."""
    root = tmp_path / "checklists"
    shutil.copytree(MINIMAL if routine == "minimal" else content_root(ROOT) / routine,
                    root / routine)
    before = (root / routine / "routine.yaml").read_text(encoding="utf-8")
    assert main(["new", "task", f"{routine}/ny-uppgift", "--root", str(root)]) == 0
    created = root / routine / "tasks" / "ny-uppgift.yaml"
    assert f"Skapade {created}." in capsys.readouterr().out
    report = check(root)
    assert report.errors == []
    # The routine's first task: the steps not in it yet are named (warnings), as always.
    assert {p.rule for p in report.problems} <= {"task-coverage", "scaffold-text"}
    library = report.library
    assert library is not None
    task = library.routine(routine).task("ny-uppgift")
    assert task is not None and len(task.stops) == 1
    assert (root / routine / "routine.yaml").read_text(encoding="utf-8") == before
    assert ("quotes:" in created.read_text(encoding="utf-8")) == (routine == "platform24")


def test_scaffold_refuses_an_existing_id(content: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    before = sorted(p.name for p in (content / "minimal").rglob("*.yaml"))
    assert main(["new", "checklist", "minimal/valj-kontakttyp", "--root", str(content)]) == 2
    assert ('id "valj-kontakttyp" används redan i rutinen "minimal". Välj ett annat id.'
            in capsys.readouterr().err)
    assert sorted(p.name for p in (content / "minimal").rglob("*.yaml")) == before


@pytest.mark.parametrize(("target", "message"), [
    ("minimal/Ny_Uppgift", "ska skrivas RUTIN/ID där id är kebab-case"),
    ("minimal", "ska skrivas RUTIN/ID"),
    ("finns-inte/ny", 'rutinen "finns-inte" finns inte'),
])
def test_scaffold_usage_errors(content: Path, capsys: pytest.CaptureFixture[str],
                               target: str, message: str) -> None:
    assert main(["new", "checklist", target, "--root", str(content)]) == 2
    assert message in capsys.readouterr().err


# --- changelog enforcement (rutin check --since) --------------------------------------

def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                   cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def repo(content: Path) -> Path:
    _git(content.parent, "init", "-q", "-b", "main")
    _git(content.parent, "add", ".")
    _git(content.parent, "commit", "-qm", "start")
    return content


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_unchanged_content_needs_no_entry(repo: Path) -> None:
    assert check_changes(repo, "HEAD") == []


def test_changed_step_without_changed_date_is_flagged(repo: Path) -> None:
    checklist = repo / "minimal" / "boka-besok.yaml"
    _edit(checklist, "Skicka kallelsen med frasmallen.", "Skicka kallelsen.")
    assert [p.format_text() for p in check_changes(repo, "HEAD")] == [
        f"{checklist}:1:1: innehållet har ändrats sedan HEAD: sätt `changed` till dagens "
        "datum och skriv en rad om ändringen i `edits` (ändringar i webbversionen) i "
        "routine.yaml (changelog-entry)"]


@pytest.mark.parametrize("where", ["edits", "changelog"])
def test_changed_date_needs_a_change_note(repo: Path, where: str) -> None:
    """The note goes in `edits` (this web version); `changelog`, the routine document's own
    history, also counts when the change comes from a new version of the document."""
    checklist = repo / "minimal" / "boka-besok.yaml"
    _edit(checklist, "Skicka kallelsen med frasmallen.", "Skicka kallelsen.")
    _edit(checklist, "source: Boka besök\n", 'source: Boka besök\nchanged: "2026-11-20"\n')
    found = check_changes(repo, "HEAD")
    assert [(p.line, p.field, p.message) for p in found] == [
        (8, "changed", "routine.yaml saknar en post daterad 2026-11-20 som beskriver "
                       "ändringen: skriv den i `edits` (ändringar i webbversionen), eller i "
                       "`changelog` om den kommer från en ny version av rutindokumentet")]
    note = '  - date: "2026-11-20"\n    text: Kortare steg om kallelse.\n'
    routine = repo / "minimal" / "routine.yaml"
    if where == "changelog":
        _edit(routine, "changelog:\n", "changelog:\n" + note)
    else:
        _edit(routine, "changelog:\n", "edits:\n" + note + "changelog:\n")
    assert check_changes(repo, "HEAD") == []


def test_a_second_edit_on_the_same_day_keeps_the_date(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`changed` already today at REV: a later edit that day cannot get a newer date, but
    it still needs the day's entry in routine.yaml."""
    checklist = repo / "minimal" / "boka-besok.yaml"
    _edit(checklist, "source: Boka besök\n", 'source: Boka besök\nchanged: "2026-11-20"\n')
    _git(repo.parent, "commit", "-qam", "first edit")
    _edit(checklist, "Skicka kallelsen med frasmallen.", "Skicka kallelsen.")
    monkeypatch.setenv("RUTIN_TODAY", "2026-11-21")
    assert [p.rule for p in check_changes(repo, "HEAD")] == ["changelog-entry"]
    monkeypatch.setenv("RUTIN_TODAY", "2026-11-20")
    found = check_changes(repo, "HEAD")
    assert [(p.field, p.message.split(":")[0]) for p in found] == [
        ("changed", "routine.yaml saknar en post daterad 2026-11-20 som beskriver ändringen")]


def test_a_change_needs_a_note_of_its_own(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A note of the same day already there at REV (another change's) does not count:
    routine.yaml, and with it the owner's review (CODEOWNERS), would stay untouched."""
    monkeypatch.setenv("RUTIN_TODAY", "2026-11-20")
    routine = repo / "minimal" / "routine.yaml"
    _edit(routine, "changelog:\n", 'edits:\n  - date: "2026-11-20"\n    text: En tidigare '
          "ändring.\nchangelog:\n")
    _git(repo.parent, "commit", "-qam", "an earlier change of the day")
    checklist = repo / "minimal" / "boka-besok.yaml"
    _edit(checklist, "Skicka kallelsen med frasmallen.", "Skicka kallelsen.")
    _edit(checklist, "source: Boka besök\n", 'source: Boka besök\nchanged: "2026-11-20"\n')
    found = check_changes(repo, "HEAD")
    assert [(p.field, p.message) for p in found] == [
        ("changed", "routine.yaml har ingen ny rad daterad 2026-11-20 sedan HEAD: skriv en "
                    "egen rad om den här ändringen i `edits`, också när det redan finns en "
                    "från samma dag")]
    _edit(routine, "edits:\n", 'edits:\n  - date: "2026-11-20"\n    text: Kortare steg.\n')
    assert check_changes(repo, "HEAD") == []


def test_a_changed_task_needs_a_change_note_too(tmp_path: Path) -> None:
    root = tmp_path / "checklists"
    shutil.copytree(ROOT / "tests" / "fixtures" / "valid" / "traced", root / "traced")
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-qm", "start")
    task = root / "traced" / "tasks" / "genomfora-besok.yaml"
    _edit(task, "title: Under besöket", "title: Under själva besöket")
    assert [p.rule for p in check_changes(root, "HEAD")] == ["changelog-entry"]


@pytest.mark.parametrize(("current", "former"), RENAMED_KEYS.items())
def test_a_renamed_key_is_no_change(tmp_path: Path, current: str, former: str) -> None:
    """A key renamed in the content's shape is not new content: the version stays (staff
    keep their ticks), `--since` asks for no change note and the review page shows no
    changed item when a revision still has the former name."""
    root = tmp_path / "checklists"
    shutil.copytree(ROOT / "tests" / "fixtures" / "valid" / "traced", root / "traced")
    task = root / "traced" / "tasks" / "genomfora-besok.yaml"
    assert f"\n{current}:" in task.read_text(encoding="utf-8")
    now = check(root).library
    assert now is not None
    _edit(task, f"\n{current}:", f"\n{former}:")
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-qm", "before the rename")
    _edit(task, f"\n{former}:", f"\n{current}:")
    data = {current: [1], "id": "x"}
    assert content_version(data) == content_version(
        {former: [1], "id": "x"}) != content_version({current: [2], "id": "x"})
    assert current_keys({former: [1]}) == {current: [1]}
    assert check_changes(root, "HEAD") == []
    review = review_change(root, "HEAD")
    assert review.files and review.items == []


def test_the_routine_page_shows_web_edits_apart_from_the_routines_history(
        tmp_path: Path) -> None:
    from rutin.pages.overview_page import routine_page
    from rutin.pages.page_parts import PageContext

    root = tmp_path / "checklists"
    shutil.copytree(ROOT / "tests" / "fixtures" / "valid" / "traced", root / "traced")
    _edit(root / "traced" / "routine.yaml", "changelog:\n",
          'edits:\n  - date: "2026-05-04"\n    text: "Kortare steg om kallelsen."\n'
          "changelog:\n")
    library = check(root).library
    assert library is not None
    routine = library.routine("traced")
    page = routine_page(PageContext(routine=routine, site_url="https://rutiner.example.se/"))
    history = page.index("## Ändringshistorik {#andringshistorik}")
    edits = page.index("## Ändringar i webbversionen {#andringar-i-webbversionen}")
    assert history < edits
    assert routine.changelog[0].text in page[history:edits]
    assert "Kortare steg om kallelsen." in page[edits:]
    assert "Kortare steg om kallelsen." not in page[:edits]


def test_since_unknown_revision_is_a_usage_error(repo: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(repo.parent)
    assert main(["check", "--since", "finns-inte"]) == 2
    assert "rutin check: --since finns-inte:" in capsys.readouterr().err


# --- the field reference in the editor guide ------------------------------------------

def _schema_properties(node: object, found: set[str]) -> None:
    if isinstance(node, dict):
        for name in node.get("properties", {}):
            found.add(name)
        for value in node.values():
            _schema_properties(value, found)
    elif isinstance(node, list):
        for value in node:
            _schema_properties(value, found)


def test_field_reference_lists_every_schema_property() -> None:
    listed = {f.path.rsplit(".", 1)[-1].removesuffix("[]") for k in KINDS
              for f in fieldref.fields(k)}
    expected: set[str] = set()
    for kind in (*KINDS, "common"):
        _schema_properties(json.loads((ROOT / "schemas" / f"{kind}.schema.json")
                                      .read_text(encoding="utf-8")), expected)
    assert expected - listed == set()
    assert all(f.description for k in KINDS for f in fieldref.fields(k))


def test_editor_guide_page_shows_the_reference(built_site: Path) -> None:
    page = (built_site / "redigera" / "index.html").read_text(encoding="utf-8")
    for kind in KINDS:
        for f in fieldref.fields(kind):
            assert f"<code>{f.path}</code>" in page, f"{kind}: {f.path} saknas i guiden"


# --- governance on the site ------------------------------------------------------------

def test_review_page_lists_everything_most_urgent_first(built_site: Path) -> None:
    from rutin.check.content import content_root
    from rutin.pages.review import review_page

    library = check(content_root(ROOT)).library
    assert library is not None
    page = (built_site / "granskning" / "index.html").read_text(encoding="utf-8")
    for routine in library.routines:
        for item in (*routine.checklists, *routine.decisions):
            assert f">{item.title}</a>" in page
    # Without review dates the oldest change comes first.
    dates = [line.split("<td>")[4].removesuffix("</td>") for line in
             review_page(library).split("<tr>")[2:]]
    assert dates == sorted(dates)


def test_review_page_puts_review_dates_first(tmp_path: Path) -> None:
    from rutin.pages.review import review_page

    library = check(MINIMAL.parent, [MINIMAL]).library
    assert library is not None
    page = review_page(library)
    assert "<td>2027-01-01</td>" in page  # minimal routine's review_by
    assert "anges ej i rutinen" in page    # it has no owner


def test_every_item_page_shows_governance_fields(built_site: Path) -> None:
    for page in (built_site / "platform24").rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        if 'class="rutin-meta"' not in html:
            continue
        for label in ("Innehållsansvarig", "Godkänd av", "Gäller från", "Granskas senast"):
            assert f"<dt>{label}</dt><dd>anges ej i rutinen</dd>" in html, (page, label)
