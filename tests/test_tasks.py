"""Task checklists (tasks/): made of the routine's own quoted items, covering every
step, one passage one item, and rendered stop by stop."""

from __future__ import annotations

import html
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from rutin.check.content import content_root
from rutin.check.validate import check
from rutin.load.source_text import read_source
from rutin.model import safeguards, tasks
from rutin.model.records import Library, Note, Routine
from rutin.pages.page_parts import PageContext
from rutin.pages.staff_pages import checklist_page
from rutin.pages.task_page import task_page
from rutin.site import site_paths
from support.project import ROOT

TASK_RULES = {"task-refs", "task-coverage", "stop-size"}


@pytest.fixture(scope="module")
def routine() -> Routine:
    library = check(content_root(ROOT)).library
    assert isinstance(library, Library)
    return library.routine("platform24")


def _used(routine: Routine) -> set[str]:
    return {i for t in routine.tasks for p in t.stops for i in p.items}


def test_every_step_of_the_routine_belongs_to_a_task(routine: Routine) -> None:
    """Counted here without the rule: a step is in a task, or is the same passage (same
    quotes) as a step of another checklist that is."""
    used = _used(routine)
    homes = tasks.step_homes(routine)
    taken = {(tuple(sorted(homes[i][0].quotes))) for i in used if i in homes}
    missing = [f"{c.id}/{s.id}" for c in routine.checklists for s in c.steps
               if s.id not in used and tuple(sorted(s.quotes)) not in taken]
    assert missing == [], f"steg som inte ingår i någon uppgift: {missing}"


def test_every_decision_aid_is_inline_in_a_task(routine: Routine) -> None:
    used = _used(routine)
    assert [d.id for d in routine.decisions if d.id not in used] == []


def test_check_has_nothing_to_say_about_the_tasks() -> None:
    problems = [p for p in check(content_root(ROOT)).problems if p.rule in TASK_RULES]
    assert problems == []


def test_one_passage_is_one_item_across_tasks(routine: Routine) -> None:
    homes = tasks.step_homes(routine)
    first: dict[tuple[str, ...], str] = {}
    copies = []
    for step_id in sorted(_used(routine) & set(homes)):
        step, home = homes[step_id]
        other = first.setdefault(tuple(sorted(step.quotes)), step_id)
        if other != step_id and homes[other][1].id != home.id:
            copies.append((other, step_id))
    assert copies == []


def test_a_step_left_out_of_every_task_is_named(tmp_path: Path) -> None:
    root = tmp_path / "checklists"
    shutil.copytree(content_root(ROOT) / "platform24", root / "platform24")
    task = root / "platform24" / "tasks" / "genomfora-videobesok.yaml"
    task.write_text(task.read_text(encoding="utf-8").replace('      - "tolk-namn"\n', ""),
                    encoding="utf-8")
    found = [(p.file.name, p.field, p.rule, p.severity, p.message)
             for p in check(root).problems if p.rule == "task-coverage"]
    assert found == [("bjuda-in-tolk.yaml", "steps[1].id", "task-coverage", "warning",
                      "steget ”tolk-namn” ingår inte i någon uppgift; lägg till det i ett "
                      "stopp i en uppgift i tasks/")]


def test_a_warning_goes_with_the_step_that_quotes_the_same_passage(routine: Routine) -> None:
    text = "Se över samtliga patientfall som inte har behandlats"
    day_end = tasks.resolve(routine, routine.task("dagens-slut-i-chatten"))  # type: ignore[arg-type]
    where = [s.id for s in day_end.stops if any(text in w.text for w in s.warnings)]
    assert where == ["slut-stopp-innan-stangning"]
    chat = tasks.resolve(routine, routine.task("handlagga-chattarende"))  # type: ignore[arg-type]
    assert not any(text in w.text for s in chat.stops for w in s.warnings)


def test_given_answers_remove_the_question_and_the_condition(routine: Routine) -> None:
    """A task's `given` answers a question once: its steps keep every other condition of
    their home checklist, lose that one, and no stop asks it."""
    homes = tasks.step_homes(routine)
    for task in routine.tasks:
        resolved = tasks.resolve(routine, task)
        for step in resolved.steps:
            home_step, _home = homes[step.id]
            assert step.when == {k: v for k, v in home_step.when.items()
                                 if k not in task.given}, (task.id, step.id)
        asked = {q.id for stop in resolved.stops for q in stop.questions}
        assert not asked & set(task.given), task.id


def _ctx(routine: Routine) -> PageContext:
    return PageContext(routine=routine, site_url="https://rutiner.example.se/")


def test_task_page_shows_every_stop_and_item_in_order(routine: Routine) -> None:
    for task in routine.tasks:
        page = task_page(_ctx(routine), tasks.resolve(routine, task))
        assert re.findall(r'<section class="rutin-stop" data-stop="([^"]+)"', page) == [
            p.id for p in task.stops]
        shown = re.findall(r'data-step="([^"]+)"|data-decision="platform24/([^"]+)"', page)
        items = [step or decision for step, decision in shown]
        assert items == [i for p in task.stops for i in p.items], task.id


def test_a_stop_that_applies_sometimes_carries_its_condition(routine: Routine) -> None:
    task = routine.task("boka-videobesok")
    assert task is not None
    page = html.unescape(task_page(_ctx(routine), tasks.resolve(routine, task)))
    assert ('data-stop="boka-stopp-gruppbesok" data-when=\'{"boka-vilket-besok": '
            '["gruppbesok"]}\'') in page
    assert "Vilket slags videobesök bokar du? Gruppbesök via video" in page


def test_a_section_page_leads_to_the_task_that_uses_it(routine: Routine) -> None:
    checklist = routine.item("avsluta-chatt")
    page = checklist_page(_ctx(routine), checklist)  # type: ignore[arg-type]
    link = site_paths.built_link(site_paths.checklist_page("platform24", "avsluta-chatt"),
                                 site_paths.task_page("platform24", "handlagga-chattarende"),
                                 True, "chatt-stopp-avsluta")
    assert f'<a href="{link}">Handlägga ett chattärende – från öppning till avslut</a>' in page


def test_every_warning_and_note_of_the_routine_is_on_a_task_page(routine: Routine) -> None:
    """Restructuring may not drop a safety fact: each checklist's warnings show at some
    task's stop, its notes under some task's "Bra att veta"."""
    warnings: set[str] = set()
    notes: set[str] = set()
    for resolved in tasks.resolved(routine):
        warnings.update(w.text for stop in resolved.stops for w in stop.warnings)
        notes.update(n.text for _home, group in resolved.notes for n in group)
        # A safeguard attached to an action is shown at that step instead.
        at_steps = {s.note.text for step in resolved.steps
                    for s in safeguards.at_step(routine, step.id)}
        warnings |= at_steps
        notes |= at_steps
    assert [(c.id, w.text) for c in routine.checklists for w in c.warnings
            if w.text not in warnings] == []
    assert [(c.id, n.text) for c in routine.checklists for n in c.notes
            if n.text not in notes] == []


def test_every_section_leads_to_a_task(routine: Routine) -> None:
    """Each section's page says where it is used in the work (also a section whose only
    step repeats a passage another section's step carries)."""
    assert [c.id for c in routine.checklists if not list(tasks.uses(routine, c.id))] == []
    assert [d.id for d in routine.decisions if not list(tasks.uses(routine, d.id))] == []


def _stop_html(page: str, stop_id: str) -> str:
    start = page.index(f'<section class="rutin-stop" data-stop="{stop_id}"')
    return page[start:page.index("</section>", start)]


def test_every_stop_and_task_question_shows_the_source_it_rests_on(routine: Routine) -> None:
    """A task's own words (stop titles, its questions) carry quotes like steps do: shown
    under "Källa", a heading with its line and a link to it on the traceability page."""
    for task in routine.tasks:
        page = html.unescape(task_page(_ctx(routine), tasks.resolve(routine, task)))
        for point in task.stops:
            assert point.quotes, (task.id, point.id)
            stop = _stop_html(page, point.id)
            head = stop[:stop.index('<p class="rutin-stop-progress"')]
            for quote in point.quotes:
                assert f"”{quote}”" in head, (task.id, point.id, quote)
        for question in task.questions:
            assert question.quotes, (task.id, question.id)
            start = page.index(f'data-question="{question.id}"')
            fieldset = page[start:page.index("</fieldset>", start)]
            assert all(f"”{q}”" in fieldset for q in question.quotes), question.id
    booking = routine.task("boka-videobesok")
    assert booking is not None
    assert routine.file is not None and routine.source_file is not None
    ctx = PageContext(routine=routine, site_url="https://rutiner.example.se/",
                      source=read_source(routine.file.parent / routine.source_file))
    page = task_page(ctx, tasks.resolve(routine, booking))
    stop = _stop_html(page, "boka-stopp-anhorigsamtal")
    heading = ctx.source.heading_named("Anhörigsamtal via video") if ctx.source else None
    assert heading is not None
    assert re.search(rf'href="../sparbarhet/#mening-\d+">rubrik, rad {heading.line}</a>',
                     stop), stop


def test_a_stop_without_quotes_or_with_a_made_up_heading_is_refused(tmp_path: Path) -> None:
    shutil.copytree(content_root(ROOT) / "platform24", tmp_path / "platform24")
    path = tmp_path / "platform24" / "tasks" / "boka-videobesok.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('    quotes:\n      - "Anhörigsamtal via video"\n', "", 1)
    text = text.replace('      - "Gruppbesök via video"\n    when:',
                        '      - "Gruppbesök via videolänk"\n    when:', 1)
    path.write_text(text, encoding="utf-8")
    problems = [p.format_text() for p in check(tmp_path).problems]
    assert any(re.search(r"stops\[\d+\]: stopp i uppgift utan citat", p)
               and "(quote-required)" in p for p in problems), problems
    assert any(re.search(r"stops\[\d+\]\.quotes\[0\]: citatet finns inte i källan", p)
               for p in problems), problems


def test_the_traceability_page_names_the_stops_that_rest_on_a_heading(routine: Routine) -> None:
    from rutin.pages.owner_pages import routine_trace, trace_page

    assert routine.file is not None and routine.source_file is not None
    ctx = PageContext(routine=routine, site_url="https://rutiner.example.se/",
                      source=read_source(routine.file.parent / routine.source_file))
    page = html.unescape(trace_page(ctx, routine_trace(ctx)))
    start = page.index("Anhörigsamtal via video {#mening-")
    after = page[start:page.index("\n", page.index("Rubriken citeras i:", start))]
    assert "Boka videobesök</a> – Stopp i uppgift: Anhörigsamtal via video" in after, after


def test_every_checklist_question_shows_the_source_it_rests_on(routine: Routine) -> None:
    """A question decides which steps apply: it carries quotes like a step."""
    assert routine.file is not None and routine.source_file is not None
    ctx = PageContext(routine=routine, site_url="https://rutiner.example.se/",
                      source=read_source(routine.file.parent / routine.source_file))
    asked = [c for c in routine.checklists if c.questions]
    assert len(asked) >= 5
    for checklist in asked:
        page = html.unescape(checklist_page(ctx, checklist))
        for question in checklist.questions:
            assert question.quotes, (checklist.id, question.id)
            start = page.index(f'data-question="{question.id}"')
            fieldset = page[start:page.index("</fieldset>", start)]
            assert all(f"”{q}”" in fieldset for q in question.quotes), question.id
            assert 'class="rutin-quote-where"' in fieldset, question.id


def test_a_heading_is_no_quote_for_a_step(tmp_path: Path) -> None:
    shutil.copytree(content_root(ROOT) / "platform24", tmp_path / "platform24")
    path = tmp_path / "platform24" / "avsluta-arbetspass.yaml"
    text = path.read_text(encoding="utf-8")
    sentence = "Kontrollera att du inte har några pågående besök som ska avslutas."
    assert f'- "{sentence}"' in text
    path.write_text(text.replace(f'- "{sentence}"', '- "Avsluta arbetspass i Platform24"', 1),
                    encoding="utf-8")
    problems = [p.format_text() for p in check(tmp_path).problems]
    assert any("citatet är en rubrik i källan; citera meningen" in p and "(quote-in-source)"
               in p and "steps[" in p for p in problems), problems


def _step_html(page: str, step_id: str) -> str:
    start = page.index('<li class="rutin-step')
    start = page.index(f'data-step="{step_id}"', start)
    return page[start:page.index("</li>", start)]


def test_a_step_reads_its_own_words_first_and_warnings_are_never_folded(
        routine: Routine) -> None:
    """On a task page a step's label comes first; an attached warning follows it, whole
    (never a fold); its detail next; an attached note only after the label and the detail
    (a note must not come between a critical "direkt" and its detail, clinical review
    B-13). A critical step's detail is never folded; a note is a fold (one line in the
    lean view, its whole text in the summary)."""
    seen_note = seen_warning = False
    for task in routine.tasks:
        resolved = tasks.resolve(routine, task)
        page = task_page(_ctx(routine), resolved)
        for step in resolved.steps:
            here = safeguards.at_step(routine, step.id)
            if not here:
                continue
            item = _step_html(page, step.id)
            label = item.index('class="rutin-step-text"')
            detail = item.find("rutin-step-detail")
            for guard in here:
                text = html.escape(guard.note.text, quote=False)
                at = item.index(text)
                assert at > label, (task.id, step.id)
                opening = item.rfind("<", 0, item.rfind('class="rutin-safeguard', 0, at))
                if guard.warning:
                    seen_warning = True
                    assert item.startswith("<div", opening), (step.id, "a warning is not folded")
                    assert detail < 0 or at < detail, (task.id, step.id)
                else:
                    seen_note = True
                    assert item.startswith("<details", opening), step.id
                    assert detail < 0 or at > detail, (task.id, step.id)
            if step.critical and step.detail:
                assert "rutin-fold" not in item[detail - 40:detail + 40], step.id
    assert seen_note and seen_warning


def test_a_task_is_as_new_as_the_newest_part_it_shows(routine: Routine) -> None:
    """The task page's "Senast ändrad" is the newest `changed` of the task, the sections
    its steps come from, its decision aids and the sections whose attached safeguards
    stand at its steps: a step rewritten in its section dates the task page too."""
    later = "2999-12-31"

    def bumped(part_id: str, extra: Note | None = None) -> Routine:
        return replace(routine, checklists=tuple(
            replace(c, changed=later, notes=(*c.notes, extra) if extra else c.notes)
            if c.id == part_id else c for c in routine.checklists),
            decisions=tuple(replace(d, changed=later) if d.id == part_id else d
                            for d in routine.decisions))

    def dated(r: Routine, task_id: str) -> str | None:
        return tasks.last_changed(r, tasks.resolve(r, next(t for t in r.tasks
                                                           if t.id == task_id)))

    for task in routine.tasks:
        resolved = tasks.resolve(routine, task)
        shown = tasks.last_changed(routine, resolved)
        assert shown is not None and shown >= (task.changed or "")
        assert f'<time datetime="{shown}">' in task_page(_ctx(routine), resolved)
        parts = [c.id for c in resolved.homes]
        parts += [e.decision.id for s in resolved.stops for e in s.entries if e.decision]
        for part_id in parts:
            assert dated(bumped(part_id), task.id) == later, (task.id, part_id)
        # A section the task does not use, with a note attached to one of its steps.
        other = next((c for c in routine.checklists if c not in resolved.homes), None)
        if other is not None and resolved.steps:
            note = Note("Prov.", attached_steps=(resolved.steps[0].id,))
            assert dated(bumped(other.id), task.id) == shown  # not shown: not counted
            assert dated(bumped(other.id, note), task.id) == later, (task.id, other.id)


def test_a_safeguard_names_the_section_it_rests_on(routine: Routine) -> None:
    """An attached note written in one section but resting on another (its `source`)
    names that other section's page at the step, not the page it is written in."""
    task = next(t for t in routine.tasks if tasks.resolve(routine, t).steps)
    step = tasks.resolve(routine, task).steps[0]
    home = next(c for c in routine.checklists if c.source)
    elsewhere = next(c for c in routine.checklists if c.source and c.source != home.source)

    def label(source: str | None) -> str:
        note = Note("Provtext för härkomst.", source=source, attached_steps=(step.id,))
        r = replace(routine, checklists=tuple(
            replace(c, notes=(*c.notes, note)) if c is home else c
            for c in routine.checklists))
        page = task_page(_ctx(r), tasks.resolve(r, next(t for t in r.tasks
                                                        if t.id == task.id)))
        found = re.search(r"Provtext för härkomst\.</summary><p class=\"rutin-safeguard-"
                          r"from\">\(<a href=\"([^\"]*)\">([^<]*)</a>\)", page)
        assert found, page
        return html.unescape(f"{found.group(1)} {found.group(2)}")

    assert label(None) == f"../{home.id}/ {home.title}"
    assert label(home.source) == f"../{home.id}/ {home.title}"
    assert label(elsewhere.source) == f"../{elsewhere.id}/ {elsewhere.title}"
    assert label("En rubrik som ingen sida har") == f"../{home.id}/ En rubrik som ingen sida har"


def test_every_glossary_term_shows_the_sentences_it_rests_on(routine: Routine) -> None:
    """The glossary on the routine's page: each term's meaning with its quotes ("Källa"),
    as every other item, so a reader can see which sentence a meaning rests on."""
    from rutin.pages.overview_page import routine_page

    page = html.unescape(routine_page(_ctx(routine)))
    glossary = page[page.index('<dl class="rutin-glossary">'):]
    glossary = glossary[:glossary.index("</dl>")]
    for term in routine.glossary:
        entry = glossary[glossary.index(f'id="begrepp-{term.id}"'):]
        entry = entry[:entry.index("</dd>")]
        shown = re.findall(r'<blockquote class="rutin-quote"><p>”(.*?)”(?: <a class|</p>)',
                           entry, re.S)
        assert shown == list(dict.fromkeys(term.quotes)), term.id
