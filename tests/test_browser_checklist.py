"""Interactive checklists in headless Chromium against the real built site
(docs/assets/checklist.js + checklist.css, markup in scripts/rutin/MARKUP.md).

Which checklists are used is read from the content, so the tests follow it: the nurse's
"Barn under 13 år med ombud" (a question with a conditional step), the longest checklist
without questions, and the routine overview with its function filter.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from rutin.model.records import Checklist, Routine
from rutin.site import site_paths
from support.browser import serve_sitemap_here, session_items, state_key
from support.pages import page_address
from support.project import content_routines, find_checklist

pytestmark = pytest.mark.browser
CHECK_PAGE_ERRORS = True  # conftest: any JavaScript error fails the test
SHARED_CONTEXT = True  # conftest: one context per module, cleared after each test

NURSE_CHECKLIST = "barn-under-13-med-ombud"
VERSION_FROM_ANOTHER_BUILD = "0123456789ab"


def plain_checklist() -> tuple[Routine, Checklist]:
    """The longest checklist without questions, preferring one with a detail or substeps
    (to click the row outside the label)."""
    found = [
        (r, c) for r in content_routines() for c in r.checklists
        if not c.questions and not any(s.when for s in c.steps) and len(c.steps) >= 3
    ]
    assert found, "no checklist with three or more unconditional steps"
    return max(found, key=lambda rc: (any(s.detail or s.substeps for s in rc[1].steps),
                                      len(rc[1].steps)))


def url(base: str, r: Routine, c: Checklist) -> str:
    return page_address(base, site_paths.checklist_page(r.id, c.id))


def tick_label(page: Page, step_id: str) -> Any:
    return page.locator(f"label[for='tick-{step_id}']")


def progress(page: Page) -> Any:
    return page.locator(".rutin-checklist .rutin-progress")


def option_label(page: Page, fieldset: str, label: str) -> Any:
    exact = re.compile(rf"^\s*{re.escape(label)}\s*$")
    return page.locator(f"{fieldset} label").filter(has_text=exact)




# --------------------------------------------------------------------------- ticking


def test_tick_with_mouse_updates_progress_and_start_time(page: Page, site_server: str) -> None:
    r, c = plain_checklist()
    n = len(c.steps)
    page.goto(url(site_server, r, c))
    expect(progress(page)).to_have_text(f"0 av {n} klara")
    expect(page.locator(".rutin-started")).to_have_text("Inte påbörjad")
    # The toolbar's live region announces progress politely.
    expect(progress(page)).to_have_attribute("aria-live", "polite")

    first = c.steps[0]
    tick_label(page, first.id).click()
    expect(page.locator(f"#tick-{first.id}")).to_be_checked()
    expect(progress(page)).to_have_text(f"1 av {n} klara")
    expect(page.locator(".rutin-started")).to_have_text(re.compile(r"^Påbörjad \d\d:\d\d$"))

    # The whole row is clickable, not only the box and its label.
    rich = next((s for s in c.steps[1:] if s.detail or s.substeps), None)
    if rich is not None:
        part = ".rutin-step-detail" if rich.detail else ".rutin-substeps"
        page.locator(f"#steg-{rich.id} {part}").click()
        expect(page.locator(f"#tick-{rich.id}")).to_be_checked()
        expect(progress(page)).to_have_text(f"2 av {n} klara")
        page.locator(f"#steg-{rich.id} {part}").click()
        expect(page.locator(f"#tick-{rich.id}")).not_to_be_checked()

    tick_label(page, first.id).click()  # untick
    expect(progress(page)).to_have_text(f"0 av {n} klara")


def test_reload_keeps_ticks_and_borja_om_clears(page: Page, site_server: str) -> None:
    r, c = plain_checklist()
    n = len(c.steps)
    page.goto(url(site_server, r, c))
    for step in c.steps[:3]:
        tick_label(page, step.id).click()
    started = page.locator(".rutin-started").inner_text()
    page.reload()
    for step in c.steps[:3]:
        expect(page.locator(f"#tick-{step.id}")).to_be_checked()
    expect(progress(page)).to_have_text(f"3 av {n} klara")
    expect(page.locator(".rutin-started")).to_have_text(started)

    # With work on the page the first press only asks; nothing is cleared until the second.
    reset = page.locator(".rutin-toolbar button.rutin-reset")
    reset.click()
    expect(reset).to_have_text("Rensa alla bockar och svar?")
    expect(progress(page)).to_have_text(f"3 av {n} klara")
    page.locator("h1").click()  # elsewhere: the question is withdrawn, nothing cleared
    expect(reset).to_have_text("Börja om")
    expect(page.locator(".rutin-tick:checked")).to_have_count(3)
    reset.click()
    reset.click()
    expect(reset).to_have_text("Börja om")
    expect(progress(page)).to_have_text(f"0 av {n} klara")
    expect(page.locator(".rutin-started")).to_have_text("Inte påbörjad")
    expect(page.locator(".rutin-tick:checked")).to_have_count(0)
    assert state_key(r, c) not in session_items(page)
    page.reload()
    expect(page.locator(".rutin-tick:checked")).to_have_count(0)


def test_changed_checklist_version_never_shows_stale_ticks(page: Page, site_server: str) -> None:
    """A rebuilt site where this checklist changed has a new content version on the
    page. Serve exactly that (the same page, another data-version) and reload."""
    r, c = plain_checklist()
    page_url = url(site_server, r, c)
    page.goto(page_url)
    assert page.locator(".rutin-checklist").get_attribute("data-version") == c.version
    tick_label(page, c.steps[0].id).click()
    tick_label(page, c.steps[1].id).click()
    assert json.loads(session_items(page)[state_key(r, c)])["t"] == [c.steps[0].id, c.steps[1].id]

    def new_build(route: Any) -> None:
        response = route.fetch()
        body = response.text()
        assert f'data-version="{c.version}"' in body
        route.fulfill(
            response=response,
            body=body.replace(f'data-version="{c.version}"',
                              f'data-version="{VERSION_FROM_ANOTHER_BUILD}"'),
        )

    page.route(page_url, new_build)
    page.reload()
    expect(page.locator(".rutin-checklist")).to_have_attribute(
        "data-version", VERSION_FROM_ANOTHER_BUILD
    )
    expect(page.locator(".rutin-tick:checked")).to_have_count(0)
    expect(progress(page)).to_have_text(f"0 av {len(c.steps)} klara")
    expect(page.locator(".rutin-started")).to_have_text("Inte påbörjad")
    # The old version's state is removed, not just ignored.
    assert not [k for k in session_items(page) if k.startswith(f"rutin:{r.id}/{c.id}:")]


def test_new_tab_and_new_session_start_clean(browser: Any, page: Page, site_server: str) -> None:
    r, c = plain_checklist()
    page.goto(url(site_server, r, c))
    tick_label(page, c.steps[0].id).click()
    expect(progress(page)).to_have_text(f"1 av {len(c.steps)} klara")

    tab = page.context.new_page()  # a new tab of the same browser profile
    tab.goto(url(site_server, r, c))
    expect(tab.locator(".rutin-progress")).to_have_text(f"0 av {len(c.steps)} klara")
    expect(tab.locator(".rutin-tick:checked")).to_have_count(0)

    other = browser.new_context()
    try:
        fresh = other.new_page()
        fresh.goto(url(site_server, r, c))
        expect(fresh.locator(".rutin-tick:checked")).to_have_count(0)
    finally:
        other.close()
    # The first tab still has its own run.
    page.reload()
    expect(page.locator(f"#tick-{c.steps[0].id}")).to_be_checked()


def test_keyboard_only(page: Page, site_server: str) -> None:
    r, c = plain_checklist()
    n = len(c.steps)
    page.goto(url(site_server, r, c))
    for _ in range(300):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('.rutin-tick')"):
            break
    else:
        pytest.fail("Tab never reached a step's checkbox")
    assert page.evaluate("() => document.activeElement.id") == f"tick-{c.steps[0].id}"
    focus = page.evaluate(
        """() => { const e = document.activeElement, s = getComputedStyle(e);
                   const row = getComputedStyle(e.closest('li'));
                   return {visible: e.matches(':focus-visible'), style: s.outlineStyle,
                           width: parseFloat(s.outlineWidth), ring: row.boxShadow}; }"""
    )
    assert focus["visible"], focus
    assert focus["style"] != "none" and focus["width"] >= 2, focus
    assert focus["ring"] != "none", focus

    page.keyboard.press("Space")
    expect(page.locator(f"#tick-{c.steps[0].id}")).to_be_checked()
    expect(progress(page)).to_have_text(f"1 av {n} klara")
    page.keyboard.press("Space")
    expect(progress(page)).to_have_text(f"0 av {n} klara")
    page.keyboard.press("Space")

    # "Börja om" by keyboard too (Shift+Tab back to it, Enter).
    for _ in range(20):
        page.keyboard.press("Shift+Tab")
        if page.evaluate("() => document.activeElement.matches('.rutin-reset')"):
            break
    else:
        pytest.fail("Shift+Tab never reached Börja om")
    page.keyboard.press("Enter")  # asks first (one step is ticked) …
    expect(page.locator(".rutin-toolbar .rutin-reset")).to_have_text(
        "Rensa alla bockar och svar?")
    expect(progress(page)).to_have_text(f"1 av {n} klara")
    page.keyboard.press("Enter")  # … and clears on the second press
    expect(progress(page)).to_have_text(f"0 av {n} klara")


def test_storage_holds_only_ids(page: Page, site_server: str) -> None:
    r, c = find_checklist(NURSE_CHECKLIST)
    page.goto(url(site_server, r, c))
    question = c.questions[0]
    option = question.options[0]
    option_label(page, f"fieldset[data-question='{question.id}']", option.label).click()
    for label in page.locator(".rutin-step:visible .rutin-step-text").all():
        label.click()

    ours = {k: v for k, v in session_items(page).items() if k.startswith("rutin:")}
    assert list(ours) == [state_key(r, c)]
    value = json.loads(ours[state_key(r, c)])
    assert set(value) == {"t", "s", "q"}
    step_ids = {s.id for s in c.steps}
    assert value["t"] and all(isinstance(t, str) and t in step_ids for t in value["t"])
    assert value["q"] == {question.id: option.value}
    assert isinstance(value["s"], int)
    local = page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('rutin:'))")
    assert local == []


def test_tap_targets_are_at_least_44px(page: Page, site_server: str) -> None:
    r, c = find_checklist(NURSE_CHECKLIST)
    page.goto(url(site_server, r, c))
    targets = page.locator(
        ".rutin-step .rutin-step-text, .rutin-question label, .rutin-toolbar button"
    ).all()
    assert len(targets) >= len(c.steps) + 1
    for target in targets:
        box = target.bounding_box()
        assert box is not None and box["height"] >= 44 and box["width"] >= 44, (
            target.inner_text(), box,
        )


# --------------------------------------------------------------------------- conditional steps


def test_conditional_steps_follow_the_answer_and_always_print(page: Page, site_server: str) -> None:
    r, c = find_checklist(NURSE_CHECKLIST)
    question = c.questions[0]
    conditional = [s for s in c.steps if question.id in s.when]
    assert conditional, "the nurse checklist has a step that depends on its question"
    page.goto(url(site_server, r, c))
    # Unanswered: every step shows and counts.
    for step in c.steps:
        expect(page.locator(f"#steg-{step.id}")).to_be_visible()
    expect(progress(page)).to_have_text(f"0 av {len(c.steps)} klara")

    fieldset = f"fieldset[data-question='{question.id}']"
    for option in question.options:
        option_label(page, fieldset, option.label).click()
        applies = [s for s in c.steps if option.value in s.when.get(question.id, (option.value,))]
        for step in c.steps:
            row = page.locator(f"#steg-{step.id}")
            expect(row).to_be_visible() if step in applies else expect(row).to_be_hidden()
        expect(progress(page)).to_have_text(f"0 av {len(applies)} klara")
        page.emulate_media(media="print")
        for step in c.steps:
            expect(page.locator(f"#steg-{step.id}")).to_be_visible()
        page.emulate_media(media="screen")

    # The answer is kept for the run.
    last = question.options[-1]
    page.reload()
    expect(page.locator(f"{fieldset} input[value='{last.value}']")).to_be_checked()


# --------------------------------------------------------------------------- function filter


def test_function_filter_hides_items_and_is_remembered(page: Page, site_server: str) -> None:
    r = content_routines()[0]
    items = [*r.checklists, *r.decisions]
    # A function some items use and nothing else: hiding it hides exactly those.
    only: dict[str, int] = {}
    for item in items:
        if len(item.functions) == 1:
            only[item.functions[0]] = only.get(item.functions[0], 0) + 1
    function = next(f for f in r.functions if f.id in only and not f.common)
    expected_hidden = only[function.id]
    page.goto(site_server + site_paths.page_url(site_paths.routine_page(r.id)))
    entries = page.locator(f"ul.rutin-items > li[data-functions='{function.id}']")
    expect(entries.first).to_be_visible()

    option_label(page, ".rutin-filter", function.title).click()
    expect(entries).to_have_count(expected_hidden)
    for entry in entries.all():
        expect(entry).to_be_hidden()
    others = page.locator(
        f"ul.rutin-items > li[data-functions]:not([data-functions='{function.id}'])"
    )
    expect(others.first).to_be_visible()
    note = page.locator(".rutin-filter-note")
    word = "dold" if expected_hidden == 1 else "dolda"
    expect(note).to_contain_text(f"{expected_hidden} {word} – visa alla")
    stored = page.evaluate("() => localStorage.getItem('rutin:functions')")
    assert json.loads(stored) == {"unused": [function.id]}

    page.reload()  # a preference: remembered
    expect(option_label(page, ".rutin-filter", function.title).locator("input")).not_to_be_checked()
    expect(entries.first).to_be_hidden()
    page.emulate_media(media="print")  # never hidden in print
    expect(entries.first).to_be_visible()
    page.emulate_media(media="screen")

    note.get_by_role("button", name="visa alla").click()
    expect(entries.first).to_be_visible()
    expect(note).to_be_hidden()
    assert json.loads(page.evaluate("() => localStorage.getItem('rutin:functions')")) == {
        "unused": []
    }


def test_function_filter_never_hides_what_every_unit_does(page: Page, site_server: str) -> None:
    r = content_routines()[0]
    common = [f for f in r.functions if f.common]
    assert common, "the routine has a function common to all units (routine.yaml)"
    page.goto(site_server + site_paths.page_url(site_paths.routine_page(r.id)))
    offered = page.locator(".rutin-filter input")
    expect(offered).to_have_count(len(r.functions) - len(common))
    for f in common:
        expect(page.locator(f".rutin-filter input[value='{f.id}']")).to_have_count(0)
    # A stored choice naming a common function (e.g. from an older version) hides nothing.
    page.evaluate("ids => localStorage.setItem('rutin:functions', JSON.stringify({unused: ids}))",
                  [f.id for f in common])
    page.reload()
    entries = page.locator(f"ul.rutin-items > li[data-functions='{common[0].id}']")
    expect(entries.first).to_be_visible()
    expect(page.locator(".rutin-filter-note")).to_be_hidden()


# --------------------------------------------------------------------------- instant navigation


def test_works_after_instant_navigation_without_double_binding(
    page: Page, site_server: str
) -> None:
    r, c = find_checklist(NURSE_CHECKLIST)
    serve_sitemap_here(page, site_server)
    page.set_viewport_size({"width": 1400, "height": 900})  # primary sidebar visible
    with page.expect_response("**/sitemap.xml"):
        page.goto(url(site_server, r, c))
    page.evaluate("() => { window.__sameDocument = true; }")
    first = c.steps[0]
    tick_label(page, first.id).click()

    # A sibling page in the same nav section (its nav links back here).
    siblings = page.locator(
        "nav.md-nav--primary li.md-nav__item:has(> a.md-nav__link--active)"
        " ~ li.md-nav__item > a.md-nav__link"
    )
    away = siblings.first
    away_href = away.evaluate("a => a.href")
    away.click()
    page.wait_for_url(away_href)
    page.wait_for_function("() => !document.querySelector('.rutin-checklist')")
    if page.locator(".rutin-decision").count():  # a wizard is built after instant navigation
        expect(page.locator("form.rutin-wizard")).to_be_visible()
    back = page.locator(f"nav.md-nav--primary a.md-nav__link[href$='{c.id}/']:visible").first
    back.click()
    page.wait_for_url(url(site_server, r, c))
    assert page.evaluate("() => window.__sameDocument === true"), (
        f"navigation via {away_href} was not instant (a full reload)"
    )
    expect(page.locator(f"#tick-{first.id}")).to_be_checked()  # state survived
    n = len(c.steps)
    expect(progress(page)).to_have_text(f"1 av {n} klara")

    second = c.steps[1]
    tick_label(page, second.id).click()  # one click = one tick
    expect(page.locator(f"#tick-{second.id}")).to_be_checked()
    expect(progress(page)).to_have_text(f"2 av {n} klara")
    tick_label(page, second.id).click()
    expect(progress(page)).to_have_text(f"1 av {n} klara")
    # The row handler too: bound twice, one click would tick and untick (no change).
    rich = next((s for s in c.steps if s.detail), None)
    if rich is not None:
        was = page.locator(f"#tick-{rich.id}").is_checked()
        page.locator(f"#steg-{rich.id} .rutin-step-detail").click()
        expect(page.locator(f"#tick-{rich.id}")).to_be_checked(checked=not was)
        page.locator(f"#steg-{rich.id} .rutin-step-detail").click()
        expect(page.locator(f"#tick-{rich.id}")).to_be_checked(checked=was)
    expect(page.locator(".rutin-toolbar button")).to_have_count(1)

    page.go_back()  # history navigation is instant too
    page.go_forward()
    page.wait_for_url(url(site_server, r, c))
    expect(progress(page)).to_have_text(f"1 av {n} klara")
    tick_label(page, second.id).click()
    expect(progress(page)).to_have_text(f"2 av {n} klara")


# --------------------------------------------------------------------------- done means


def test_nurse_works_through_barn_under_13_on_a_tablet(browser: Any, site_server: str) -> None:
    r, c = find_checklist(NURSE_CHECKLIST)
    context = browser.new_context(
        viewport={"width": 820, "height": 1180}, device_scale_factor=2,
        has_touch=True, is_mobile=True, locale="sv-SE",
    )
    try:
        tablet = context.new_page()
        tablet.goto(url(site_server, r, c))
        question = c.questions[0]
        fieldset = f"fieldset[data-question='{question.id}']"
        for option in question.options:  # the answer that shows every step
            if all(option.value in s.when.get(question.id, (option.value,)) for s in c.steps):
                option_label(tablet, fieldset, option.label).tap()
                break
        steps = tablet.locator(".rutin-step:visible")
        total = steps.count()
        assert total == len(c.steps)
        for done, row in enumerate(steps.all(), start=1):
            label = row.locator(".rutin-step-text")
            box = label.bounding_box()
            assert box is not None and box["height"] >= 44
            label.tap()
            expect(row.locator(".rutin-tick")).to_be_checked()
            expect(tablet.locator(".rutin-progress")).to_have_text(f"{done} av {total} klara")
        expect(tablet.locator(".rutin-toolbar")).to_have_class(re.compile("rutin-complete"))
        tablet.reload()
        expect(tablet.locator(".rutin-progress")).to_have_text(f"{total} av {total} klara")
    finally:
        context.close()


def test_without_javascript_every_step_shows(browser: Any, site_server: str) -> None:
    r, c = find_checklist(NURSE_CHECKLIST)
    context = browser.new_context(java_script_enabled=False)
    try:
        static = context.new_page()
        static.goto(url(site_server, r, c))
        for step in c.steps:
            expect(static.locator(f"#steg-{step.id}")).to_be_visible()
        expect(static.locator(".rutin-toolbar")).to_be_hidden()
    finally:
        context.close()
