"""Traceability on the built site: quotes at every item staff act on, unconfirmed
interpretations marked where they apply, and the routine owner's pages.

Static checks parse the built pages; the browser checks open a "Källa" disclosure, follow
a quote to its sentence on the Spårbarhet page, and print that page for sign-off.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from rutin.load.source_text import normalize
from rutin.model import decide
from rutin.model.records import Checklist, Routine
from rutin.pages import staff_pages
from rutin.site import site_paths
from support.pages import normal, page_file, parse
from support.project import library

pytestmark = pytest.mark.slow
SHARED_CONTEXT = True  # conftest: the tests take turns in one tab (support/tabs.py)

QUOTE = re.compile(
    r'<blockquote class="rutin-quote"><p>”(.*?)”(?: <a class="rutin-quote-where"|</p>)', re.S)


def _routine() -> Routine:
    return library().routines[0]


def _item_html(source: str, anchor: str) -> str:
    """The HTML of one step (`<li id="steg-…">`), warning or note, up to its end."""
    start = source.index(f'id="{anchor}"')
    tag = source.rfind("<", 0, start)
    name = re.match(r"<(\w+)", source[tag:])
    assert name is not None
    end = source.index(f"</{name.group(1)}>", source.index("</details>", start))
    return source[tag:end]


def _without_safeguards(source: str) -> str:
    """The page without the safeguards attached to its steps (rutin.safeguards): they
    carry their own quotes, tested in tests/test_browser_safeguards.py."""
    out, i = [], 0
    marker = '<div class="rutin-safeguards">'
    while (start := source.find(marker, i)) >= 0:
        out.append(source[i:start])
        depth, j = 0, start
        for tag in re.finditer(r"<(/?)div\b", source[start:]):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                j = start + tag.end()
                j = source.index(">", j) + 1
                break
        i = j
    out.append(source[i:])
    return "".join(out)


def _quotes(fragment: str) -> list[str]:
    return [normalize(html.unescape(q)) for q in QUOTE.findall(fragment)]


def test_every_step_warning_and_note_shows_its_quotes(built_site: Path) -> None:
    routine = _routine()
    for checklist in routine.checklists:
        path = page_file(built_site, site_paths.checklist_page(routine.id, checklist.id))
        source = _without_safeguards(path.read_text(encoding="utf-8"))
        items: list[tuple[str, tuple[str, ...]]] = [
            (f"steg-{s.id}", s.quotes) for s in checklist.steps]
        items += [(f"varning-{n}", w.quotes) for n, w in enumerate(checklist.warnings, 1)]
        items += [(f"upplysning-{n}", w.quotes) for n, w in enumerate(checklist.notes, 1)]
        for anchor, quotes in items:
            shown = _quotes(_item_html(source, anchor))
            expected = [normalize(q) for q in dict.fromkeys(quotes)]
            assert shown == expected, (checklist.id, anchor)


def test_every_decision_outcome_shows_its_quotes(built_site: Path) -> None:
    routine = _routine()
    for table in routine.decisions:
        source = page_file(built_site, site_paths.decision_page(routine.id, table.id)
                           ).read_text(encoding="utf-8")
        for rule in table.rules:
            row = source[source.index(f'id="regel-{rule.id}"'):]
            row = row[: row.index("</tr>")]
            assert 'class="rutin-quote"' in row, (table.id, rule.id)
            assert "<summary>Källa</summary>" in row


def _with_interpretation(routine: Routine) -> list[tuple[Checklist, str, str]]:
    return [(c, f"steg-{s.id}", i) for c in routine.checklists for s in c.steps
            for i in s.interpretations]


def test_unconfirmed_interpretations_are_marked_where_they_apply(built_site: Path) -> None:
    routine = _routine()
    found = _with_interpretation(routine)
    assert found, "no step rests on an interpretation"
    for checklist, anchor, reading_id in found:
        reading = next(i for i in routine.interpretations if i.id == reading_id)
        source = page_file(built_site, site_paths.checklist_page(routine.id, checklist.id)
                           ).read_text(encoding="utf-8")
        item = _item_html(source, anchor)
        if reading.confirmed:
            assert "rutin-confirmed" in item
        else:
            assert staff_pages.INTERPRETATION_UNCONFIRMED in item, (checklist.id, anchor)
            assert f"fragor-till-rutinagaren/#{reading_id}" in item


def test_traceability_page_lists_every_sentence_and_every_combination(
    built_site: Path,
) -> None:
    routine = _routine()
    page = parse(page_file(built_site, site_paths.trace_page(routine.id)))
    ctx = staff_pages.PageContext(routine, "", source=staff_pages.routine_source(routine))
    assert ctx.source is not None
    for sentence in ctx.source.sentences:
        if sentence.kind in ("text", "address", "footer"):
            assert sentence.anchor in page.ids, sentence
    text = page.plain_text
    assert "0 saknas" in text
    assert "Granskning mot källan" in text  # the sign-off block
    source = page_file(built_site, site_paths.trace_page(routine.id)).read_text("utf-8")
    for table in routine.decisions:
        section = source[source.index(f'id="kombinationer-{table.id}"'):]
        section = section[: section.index("</table>")]
        rows = section.count("<tr>") - 1  # the header row
        assert rows == len(list(decide.combinations(table))), table.id


def test_questions_page_lists_every_unconfirmed_interpretation(built_site: Path) -> None:
    routine = _routine()
    page = parse(page_file(built_site, site_paths.questions_page(routine.id)))
    for reading in routine.interpretations:
        assert reading.id in page.ids
        assert normal(staff_pages.plain(reading.why)) in page.plain_text
    # situations the routine does not cover, e.g. the suicide table's "Anges ej"
    silent = [r for t in routine.decisions for r in t.rules if r.then.not_stated]
    assert silent
    assert "Situationer som rutinen inte anger" in page.plain_text


def test_owner_pages_are_outside_the_staff_search(built_site: Path) -> None:
    """The owner's pages hold the whole source: the search finds them by their title
    and by nothing they say (one document each, its title only, no sections)."""
    from rutin.adapters.mkdocs_material import search_index as search_shards

    docs = search_shards.documents(built_site)
    assert docs
    routine = _routine()
    for src in (site_paths.trace_page(routine.id), site_paths.questions_page(routine.id),
                site_paths.changes_page(routine.id), site_paths.scenarios_page(routine.id)):
        url = site_paths.page_url(src)
        found = [d for d in docs if d["location"].startswith(url)]
        assert len(found) == 1 and found[0]["location"] == url, (url, found)
        assert found[0]["title"] and not found[0]["text"], found


# --------------------------------------------------------------------------- browser


@pytest.mark.browser
def test_reader_opens_the_source_and_follows_it_to_the_sentence(
    page: Page, site_server: str
) -> None:
    routine = _routine()
    checklist, anchor, _ = _with_interpretation(routine)[0]
    page.goto(site_server + site_paths.page_url(
        site_paths.checklist_page(routine.id, checklist.id)))
    step = page.locator(f"#{anchor}")
    quote = step.locator(".rutin-quote").first
    expect(quote).to_be_hidden()  # compact: closed until asked for
    page.get_by_label("Visa underlag").check()  # the lean view shows it on request
    expect(step.locator(".rutin-interpretation")).to_contain_text(
        staff_pages.INTERPRETATION_UNCONFIRMED)
    step.locator("details.rutin-quotes > summary").click()
    expect(quote).to_be_visible()
    expect(step.locator(".rutin-tick")).not_to_be_checked()  # opening is not ticking
    link = quote.locator("a.rutin-quote-where")
    target = (link.get_attribute("href") or "").split("#")[1]
    link.click()
    page.wait_for_url(re.compile(re.escape(site_paths.page_url(
        site_paths.trace_page(routine.id))) + "#" + target))
    row = page.locator(f"tr#{target}")
    expect(row).to_be_visible()
    expect(row).to_contain_text(checklist.title)  # the sentence links back to its user


@pytest.mark.browser
def test_owner_pages_are_reachable_from_the_menu(page: Page, site_server: str) -> None:
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(site_server)
    for title in ("Spårbarhet", "Frågor till rutinägaren"):
        link = page.get_by_role("navigation", name="För rutinägaren").get_by_role(
            "link", name=title, exact=True)
        expect(link).to_have_count(1)
    page.get_by_role("link", name="Spårbarhet", exact=True).first.click()
    expect(page.locator("h1")).to_contain_text("Spårbarhet")


@pytest.mark.browser
def test_traceability_page_prints_for_sign_off(page: Page, site_server: str,
                                               tmp_path: Path) -> None:
    from support.printing import pdf_text

    routine = _routine()
    page.goto(site_server + site_paths.page_url(site_paths.trace_page(routine.id)))
    pdf = tmp_path / "sparbarhet.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    text = pdf_text(pdf)
    flat = " ".join(text.split())
    assert "Granskning mot källan" in flat and "Underskrift" in flat
    assert "Besöket skall ske inom 2 dagar." in flat



def test_question_sources_stay_out_of_the_search() -> None:
    """A decision question's source block (quotes, interpretation marks) is kept out of
    the search index: its help says the same in staff words, and the marks repeated in
    every task that shows the aid pushed the right pages down. Material's search parser
    compares elements by tag, so an excluded <div> would end at the first nested </div>:
    fed to that parser (in Material's words, as the plugin hands it over), the whole block
    gives no text."""
    from material.plugins.search.plugin import Parser

    from rutin.adapters.mkdocs_material import dialect

    routine = _routine()
    ctx = staff_pages.PageContext(routine=routine, site_url="https://rutiner.example.se/",
                             source=staff_pages.routine_source(routine))
    checked = 0
    for table in routine.decisions:
        wizard = str(staff_pages.decision_wizard(ctx, "platform24/x.md", table))
        start = wizard.index('<div class="rutin-input-sources"')
        block = wizard[start:wizard.index('<div class="rutin-table-wrap"', start)]
        assert block.count("data-input-source=") == len(table.inputs)
        parser = Parser()
        parser.feed('<h2 id="beslutsstod">Beslutsstöd</h2>' + dialect.markup(block))
        parser.close()
        assert "".join("".join(s.text) for s in parser.data).strip() == "", table.id
        checked += 1
    assert checked >= 5
