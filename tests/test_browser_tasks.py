"""Tasks in headless Chromium against the real built site: the start page's role choice
(macros.role_tasks + docs/assets/roles.js), a task page's stops and their progress
(checklist.js), and the decision aids inline in a task (decision.js), which must decide
exactly as the decision table's own page and must never touch the checklist's state.

Which tasks, roles, stops and decision tables are used is read from the content, and the
expected numbers are computed from it (rutin.tasks resolves a task as its page does).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Locator, Page, expect

from rutin.model import decide, tasks
from rutin.model.records import Condition, DecisionTable, Question, Routine, Task
from rutin.model.tasks import ResolvedTask
from rutin.pages import staff_pages
from rutin.site import site_paths
from support.browser import session_items, state_key
from support.pages import page_address
from support.project import content_routines

pytestmark = pytest.mark.browser
CHECK_PAGE_ERRORS = True  # conftest: any JavaScript error fails the test
SHARED_CONTEXT = True  # conftest: one context per module, cleared after each test

ROLE_KEY = "rutin:roll:{routine}"
SHOW_ALL = "Visa alla"
VISIBLE = "els => els.filter(e => getComputedStyle(e).display !== 'none')"


# --------------------------------------------------------------------------- content


def task_routine() -> Routine:
    found = [r for r in content_routines() if r.tasks]
    assert found, "no routine in the content has tasks"
    return found[0]


def _inline_decisions() -> list[tuple[Routine, Task, DecisionTable]]:
    try:
        routines = content_routines()
    except AssertionError:
        return []  # invalid content: the build fixture reports every problem
    tables = {(r.id, t.id): t for r in routines for t in r.decisions}
    found = []
    for r in routines:
        for task in r.tasks:
            for point in task.stops:
                found += [(r, task, tables[r.id, i]) for i in point.items if (r.id, i) in tables]
    return found


INLINE = _inline_decisions()


def tasks_for(r: Routine, role: str | None) -> list[Task]:
    """The tasks a role sees: its own and those of every role that comprises it."""
    return [t for t in r.tasks if role is None or any(role in r.members(x) for x in t.roles)]


def roles_with_tasks(r: Routine) -> list[tuple[str, str]]:
    """(id, title) of the routine's roles that have a task, in the routine's order (a
    task for vårdpersonal is a task for the roles it comprises, routine.yaml `includes`)."""
    used = {m for t in r.tasks for role in t.roles for m in r.members(role)}
    return [(role.id, role.title) for role in r.roles if role.id in used]


def fits(when: Condition, answers: dict[str, str]) -> bool:
    """checklist.js: a condition holds unless an answer given contradicts it."""
    return all(q not in answers or answers[q] in values for q, values in when.items())


def expected_progress(resolved: ResolvedTask, answers: dict[str, str], ticked: Iterable[str]
                      ) -> tuple[str, dict[str, str]]:
    """The overall progress text and each stop's, as the page must show them."""
    ticked = set(ticked)
    all_done = all_total = 0
    per_stop: dict[str, str] = {}
    for stop in resolved.stops:
        on = fits(stop.stop.when, answers)
        steps = [e.step for e in stop.entries if e.step is not None]
        applying = [s for s in steps if on and fits(s.when, answers)]
        done = sum(1 for s in applying if s.id in ticked)
        per_stop[stop.id] = f"{done} av {len(applying)} klara i det här stoppet" \
            if applying else ""
        all_done += done
        all_total += len(applying)
    return f"{all_done} av {all_total} klara", per_stop


def stop_with_condition() -> tuple[Routine, ResolvedTask, Question, str, str, str]:
    """A task with a question that a stop depends on: (routine, task, question, stop id,
    an answer that hides the stop – "Nej" where it can – and one that shows it). The
    task must also have a step in a stop without a condition."""
    r = task_routine()
    for task in r.tasks:
        resolved = tasks.resolve(r, task)
        free = [s for s in resolved.stops if not s.stop.when
                and any(e.step for e in s.entries)]
        for stop in resolved.stops:
            if not free or not any(e.step for e in stop.entries):
                continue
            for q in task.questions:
                accepted = stop.stop.when.get(q.id)
                if not accepted:
                    continue
                hide = [o.value for o in q.options if o.value not in accepted]
                if hide:
                    hides = "nej" if "nej" in hide else hide[0]
                    return r, resolved, q, stop.id, hides, accepted[0]
    raise AssertionError("no task has a question that hides a stop with steps")


# --------------------------------------------------------------------------- page helpers


def start_url(base: str) -> str:
    return page_address(base, "index.md")


def task_url(base: str, r: Routine, task: Task) -> str:
    return page_address(base, site_paths.task_page(r.id, task.id))


def table_url(base: str, r: Routine, t: DecisionTable) -> str:
    return page_address(base, site_paths.decision_page(r.id, t.id))


def local_item(page: Page, key: str) -> Any:
    return page.evaluate("(k) => localStorage.getItem(k)", key)


def shown_tasks(page: Page) -> list[str]:
    """The titles of the start page's task links a reader sees (none hidden by a role)."""
    items = page.locator(".rutin-roles li[data-roles]")
    return [str(t) for t in items.evaluate_all(
        f"els => ({VISIBLE})(els).map(li => li.querySelector('.rutin-task-link a')"
        ".textContent.trim())")]


def titles_for(r: Routine, role: str | None) -> list[str]:
    return [t.title for t in tasks_for(r, role)]


def role_button(page: Page, role: str) -> Locator:
    return page.locator(f".rutin-role-choice button[data-role='{role}']")


def pressed(page: Page) -> list[str]:
    return [str(x) for x in page.locator(".rutin-role-choice button[aria-pressed='true']")
            .evaluate_all("els => els.map(b => b.dataset.role)")]


def text_of(markdown: str) -> str:
    return " ".join(staff_pages.plain(markdown).split())


def tick(page: Page, step_id: str) -> None:
    label = page.locator(f"label[for='tick-{step_id}']")
    expect(label).to_have_count(1)
    label.click()


def choose(page: Page, q: Question, value: str) -> None:
    exact = re.compile(rf"^\s*{re.escape(q.label_of(value))}\s*$")
    page.locator(f".rutin-task > fieldset.rutin-question[data-question='{q.id}'] label").filter(
        has_text=exact).click()


def assert_progress(page: Page, resolved: ResolvedTask, answers: dict[str, str],
                    ticked: list[str]) -> None:
    overall, per_stop = expected_progress(resolved, answers, ticked)
    expect(page.locator(".rutin-task .rutin-progress")).to_have_text(overall)
    for stop_id, text in per_stop.items():
        expect(page.locator(f"section.rutin-stop[data-stop='{stop_id}'] .rutin-stop-progress")
               ).to_have_text(text)


def answer_wizard(root: Locator, table: DecisionTable, answers: dict[str, str]) -> None:
    """Answer like a reader, in order, for as long as the wizard asks (decision.js asks
    only a question whose answer can still change the outcome)."""
    for q in table.inputs:
        fieldset = root.locator(f"form.rutin-wizard fieldset[data-input='{q.id}']")
        twin = root.locator(f".rutin-twin-note[data-twin-of='{q.id}']")
        if twin.count():  # the page asks it once, in its own question (same_as)
            answer_twin(root, table, q.id, answers[q.id])
            continue
        if not fieldset.is_visible():
            continue
        exact = re.compile(rf"^\s*{re.escape(q.label_of(answers[q.id]))}\s*$")
        fieldset.locator("label").filter(has_text=exact).click()


def answer_twin(root: Locator, table: DecisionTable, input_id: str, value: str) -> None:
    """Answer a decision's input through the page's question that is the same (same_as)."""
    question = next(q for r in content_routines() for c in [*r.checklists, *r.tasks]
                    for q in c.questions if q.same_as is not None
                    and (q.same_as.decision, q.same_as.input) == (table.id, input_id))
    assert question.same_as is not None
    mine = next(k for k, v in question.same_as.options if v == value)
    root.page.locator(f"fieldset#fraga-{question.id} input[value='{mine}']").check()


def answer_sets(table: DecisionTable) -> list[dict[str, str]]:
    """The table's examples, then one answer set for each outcome they leave out."""
    found = [dict(e.given) for e in table.examples]
    covered = {r.id for a in found if (r := decide.evaluate(table, a)) is not None}
    for combo in decide.combinations(table):
        rule = decide.evaluate(table, combo)
        if rule is not None and rule.id not in covered:
            covered.add(rule.id)
            found.append(dict(combo))
    return found


def inline_root(page: Page, r: Routine, table: DecisionTable) -> Locator:
    return page.locator(
        f".rutin-task .rutin-inline-decision .rutin-decision[data-decision='{r.id}/{table.id}']")


def checklist_snapshot(page: Page, r: Routine, task: Task) -> dict[str, Any]:
    return {
        "stored": session_items(page).get(state_key(r, task)),
        "progress": page.locator(".rutin-task .rutin-progress").inner_text(),
        "stops": page.locator(".rutin-stop-progress").all_inner_texts(),
        "ticked": page.locator(".rutin-tick:checked").count(),
        "answered": page.locator(".rutin-task > fieldset.rutin-question input:checked").count(),
    }


# --------------------------------------------------------------------------- role choice


def test_role_choice_filters_is_remembered_and_visa_alla_shows_all(
    page: Page, site_server: str
) -> None:
    r = task_routine()
    roles = roles_with_tasks(r)
    assert len(roles) >= 2, "the role choice needs two roles with tasks to be tested"
    key = ROLE_KEY.format(routine=r.id)
    page.goto(start_url(site_server))
    choice = page.locator(".rutin-role-choice")
    expect(choice).to_be_visible()
    # One real button per role with a task, titles from routine.yaml, then "Visa alla".
    # Occupations the routine does not name (routine.yaml aliases) lead to their role.
    buttons = choice.locator("button")
    aliases = [(role.id, alias.title) for role in r.roles if role.id in dict(roles)
               for alias in role.aliases]
    assert buttons.evaluate_all(
        "els => els.map(b => [b.type, b.dataset.role ?? b.dataset.aliasOf])") == [
        ["button", role] for role, _ in roles] + [["button", role] for role, _ in aliases] + [
        ["button", ""]]
    assert [" ".join(t.split()) for t in buttons.all_text_contents()] == [
        title for _, title in roles] + [title for _, title in aliases] + [SHOW_ALL]
    # Nothing chosen: every task, "Visa alla" pressed.
    assert shown_tasks(page) == titles_for(r, None)
    assert pressed(page) == [""]
    status = page.locator(".rutin-role-status")
    expect(status).to_have_text(f"Visar alla uppgifter ({len(r.tasks)}).")

    # The role with the fewest tasks (a real filter), then another one.
    first, second = sorted(roles, key=lambda rt: len(titles_for(r, rt[0])))[:2]
    for role, title in (first, second):
        assert len(titles_for(r, role)) < len(r.tasks), f"{role} has every task: no filter"
        role_button(page, role).click()
        assert shown_tasks(page) == titles_for(r, role)
        assert pressed(page) == [role]
        expect(status).to_have_text(
            f"Visar uppgifter för: {title} ({len(titles_for(r, role))} av {len(r.tasks)}).")
        assert json.loads(local_item(page, key)) == role
        page.reload()  # remembered
        assert shown_tasks(page) == titles_for(r, role)
        assert pressed(page) == [role]
        expect(status).to_contain_text(f"Visar uppgifter för: {title}")

    role_button(page, "").click()
    assert shown_tasks(page) == titles_for(r, None)
    assert pressed(page) == [""]
    assert local_item(page, key) is None  # the stored choice is cleared too
    page.reload()
    assert shown_tasks(page) == titles_for(r, None)
    assert pressed(page) == [""]

    # A stored role the routine no longer has shows every task.
    page.evaluate("([k, v]) => localStorage.setItem(k, JSON.stringify(v))", [key, "gammal-roll"])
    page.reload()
    assert shown_tasks(page) == titles_for(r, None)
    assert pressed(page) == [""]


def test_every_roles_tasks_are_one_click_from_the_start_page(
    page: Page, site_server: str
) -> None:
    r = task_routine()
    roles = roles_with_tasks(r)
    titles = dict(roles)
    # Every task belongs to a role offered here, and every role offered is the routine's.
    assert {t.id for t in r.tasks} == {t.id for role in titles for t in tasks_for(r, role)}
    page.goto(start_url(site_server))
    # A task's link is one element, shown for each of its roles: it is followed once
    # (under the first role that shows it), and each role follows at least one link and
    # comes back to its own list; under the other roles the link is checked as shown.
    followed: set[str] = set()
    for role, _title in roles:
        role_button(page, role).click()
        mine = tasks_for(r, role)
        assert shown_tasks(page) == [t.title for t in mine]
        to_follow = {t.id for t in mine if t.id not in followed} or {mine[0].id}
        for task in mine:
            link = page.locator(".rutin-role-tasks .rutin-task-link a").filter(
                has_text=re.compile(rf"^\s*{re.escape(task.title)}\s*$"))
            expect(link).to_be_visible()
            if task.id not in to_follow:
                assert urljoin(page.url, link.get_attribute("href") or "") == task_url(
                    site_server, r, task)
                continue
            followed.add(task.id)
            link.click()  # one click: the task's own page
            page.wait_for_url(task_url(site_server, r, task))
            expect(page.locator(".rutin-checklist.rutin-task")).to_have_attribute(
                "data-checklist", f"{r.id}/{task.id}")
            expect(page.locator("h1")).to_have_text(re.compile(rf"^{re.escape(task.title)}¶?\s*$"))
            own = [x.title for x in r.roles if x.id in task.roles]
            expect(page.locator(".rutin-task-roles")).to_contain_text(own[0])
            expect(page.locator(".rutin-task li.rutin-step").first).to_be_visible()
            page.go_back()
            page.wait_for_url(start_url(site_server))
            assert pressed(page) == [role]  # still this role's list
    assert followed == {t.id for t in r.tasks}


def test_role_buttons_by_keyboard_and_big_enough(page: Page, site_server: str) -> None:
    r = task_routine()
    role = roles_with_tasks(r)[0][0]
    page.goto(start_url(site_server))
    expect(page.locator(".rutin-role-choice")).to_be_visible()
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('.rutin-role-choice button')"):
            break
    else:
        pytest.fail("Tab never reached a role button")
    assert page.evaluate("() => document.activeElement.dataset.role") == role
    focus = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
        return {visible: document.activeElement.matches(':focus-visible'),
                style: s.outlineStyle, width: parseFloat(s.outlineWidth)}; }""")
    assert focus["visible"] and focus["style"] != "none" and focus["width"] >= 2, focus
    page.keyboard.press("Space")
    assert pressed(page) == [role]
    assert shown_tasks(page) == titles_for(r, role)
    for _ in range(50):  # on to "Visa alla", Enter
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.dataset.role === ''"):
            break
    page.keyboard.press("Enter")
    assert pressed(page) == [""]
    assert shown_tasks(page) == titles_for(r, None)
    # Targets of at least 44 × 44 px: the buttons and every task link.
    for name, loc in (("button", page.locator(".rutin-role-choice button")),
                      ("link", page.locator(".rutin-role-tasks .rutin-task-link a"))):
        for box in loc.evaluate_all(
                "els => els.map(e => { const r = e.getBoundingClientRect();"
                " return [r.width, r.height, e.textContent.trim()]; })"):
            assert box[0] >= 44 and box[1] >= 44, (name, box)


def test_without_javascript_and_in_print_every_task_is_listed(
    browser: Any, page: Page, site_server: str
) -> None:
    r = task_routine()
    context = browser.new_context(java_script_enabled=False)
    try:
        static = context.new_page()
        static.goto(start_url(site_server))
        expect(static.locator(".rutin-role-choice")).to_be_hidden()  # no dead buttons
        assert shown_tasks(static) == titles_for(r, None)
        for task in r.tasks:  # whom each task is for, readable without the buttons
            item = static.locator(f".rutin-role-tasks li:has(a[href$='/{task.id}/'])")
            expect(item.locator(".rutin-task-for")).to_contain_text(
                {x.id: x.title for x in r.roles}[task.roles[0]])
    finally:
        context.close()
    role = sorted(roles_with_tasks(r), key=lambda rt: len(titles_for(r, rt[0])))[0][0]
    page.goto(start_url(site_server))
    role_button(page, role).click()
    assert shown_tasks(page) == titles_for(r, role)
    page.emulate_media(media="print")
    assert shown_tasks(page) == titles_for(r, None)  # a role never hides a task on paper
    expect(page.locator(".rutin-role-choice")).to_be_hidden()


# --------------------------------------------------------------------------- inline decisions


def test_the_content_has_inline_decisions() -> None:
    assert INLINE, "no task uses a decision table inline"


# The outcome as the reader sees it (innerText, as Locator.inner_text reads it), in one
# round trip; a part that is not there exactly once fails, as a strict locator would.
READ_OUTCOME = """(out) => {
  const one = (selector) => {
    const found = out.querySelectorAll(selector);
    if (found.length !== 1) { throw new Error(`${found.length} × ${selector}`); }
    return found[0];
  };
  return {
    shown: out.innerText,
    text: one(".rutin-outcome-text").innerText,
    actions: [...out.querySelectorAll("ol.rutin-actions > li")].map((li) => li.innerText),
    class: out.getAttribute("class"),
    link: one("a.rutin-rule-link").getAttribute("href"),
  };
}"""


def outcomes(root: Locator, table: DecisionTable, sets: list[dict[str, str]]
             ) -> list[dict[str, Any]]:
    """Answer each set in the wizard at `root`, read the outcome as shown, start over.
    Each outcome must be the one rutin.decide gives (the reference)."""
    found = []
    for answers in sets:
        rule = decide.evaluate(table, answers)
        assert rule is not None, answers
        answer_wizard(root, table, answers)
        out = root.locator(".rutin-outcome")
        expect(out.locator(".rutin-outcome-text")).to_contain_text(text_of(rule.then.outcome))
        shown = out.evaluate(READ_OUTCOME)  # one read of what the reader sees
        actions = shown["actions"]
        assert len(actions) == len(rule.then.actions), answers
        found.append({
            "rule": rule.id,
            "shown": " ".join(shown["shown"].split()),
            "text": " ".join(shown["text"].split()),
            "actions": [" ".join(a.split()) for a in actions],
            "critical": "rutin-critical" in (shown["class"] or ""),
            "link": shown["link"],
        })
        assert found[-1]["critical"] is rule.then.critical
        assert found[-1]["link"] == f"#regel-{rule.id}"
        root.locator("button.rutin-reset", has_text="Börja om").click()
        # The wizard's own questions start over; one the page asks itself (same_as)
        # keeps the page's answer.
        expect(root.locator("form.rutin-wizard fieldset:not([hidden]) input:checked")
               ).to_have_count(0)
        if not root.locator(".rutin-twin-note").count():
            expect(out).to_be_empty()
            expect(root.locator("form.rutin-wizard input:checked")).to_have_count(0)
    return found


@pytest.mark.parametrize(("routine", "task", "table"), INLINE,
                         ids=[f"{task.id}-{t.id}" for _, task, t in INLINE])
def test_inline_decision_gives_the_same_outcome_as_its_table_page(
    page: Page, site_server: str, routine: Routine, task: Task, table: DecisionTable
) -> None:
    sets = answer_sets(table)
    examples = {json.dumps(e.given, sort_keys=True): e.expect for e in table.examples}
    for answers in sets:  # the table's examples hold in Python
        expected = examples.get(json.dumps(answers, sort_keys=True))
        rule = decide.evaluate(table, answers)
        assert expected is None or (rule is not None and rule.id == expected), answers
    # One page at a time (a second tab would run in the background, throttled).
    page.goto(task_url(site_server, routine, task))
    inline = inline_root(page, routine, table)
    expect(inline).to_have_count(1)
    expect(inline.locator("form.rutin-wizard")).to_be_visible()
    inline_json = json.loads(inline.get_attribute("data-table") or "null")
    here = outcomes(inline, table, sets)
    page.goto(table_url(site_server, routine, table))
    own = page.locator(".rutin-decision")
    expect(own.locator("form.rutin-wizard")).to_be_visible()
    # The inline aid carries the same table as its page, and decides the same.
    assert inline_json == json.loads(own.get_attribute("data-table") or "null") == (
        decide.table_json(table))
    there = outcomes(own, table, sets)
    assert {o["rule"] for o in here} == {r.id for r in table.rules if any(
        (x := decide.evaluate(table, a)) is not None and x.id == r.id for a in sets)}
    for answers, a, b in zip(sets, here, there, strict=True):
        assert a == b, answers


def test_inline_decision_never_changes_the_checklist(page: Page, site_server: str) -> None:
    """Answering, resetting and reloading an inline decision aid leaves the task's ticks,
    answers, progress and stored state as they were; nothing in it can be ticked. (A
    checklist question that is the same question, `same_as`, is answered with it:
    tests/test_browser_lean_view.py. Those aids are left out here.)"""
    assert INLINE
    done: set[str] = set()
    for r, task, table in INLINE:
        resolved = tasks.resolve(r, task)
        asked = [*task.questions, *(q for s in resolved.stops for q in s.questions)]
        if task.id in done or any(q.same_as and q.same_as.decision == table.id for q in asked):
            continue  # one task at a time; its first inline decision with no twin
        done.add(task.id)
        page.goto(task_url(site_server, r, task))
        inline = inline_root(page, r, table)
        expect(inline).to_have_count(1)
        expect(page.locator(".rutin-inline-decision :is(li.rutin-step, .rutin-tick)")
               ).to_have_count(0)
        first = resolved.steps[0].id
        tick(page, first)
        assert_progress(page, resolved, {}, [first])
        before = checklist_snapshot(page, r, task)
        assert before["stored"] is not None and json.loads(before["stored"])["t"] == [first]

        # An outcome may close a stop gated on it (its progress then leaves the count:
        # tests/test_browser_gates.py). Answered here: a set whose outcome closes none,
        # if the aid has one; otherwise the stops and progress are the gates' to decide.
        answers, rule = _gate_neutral(resolved, table)
        if not _opens_every_gate(resolved, table, rule):
            before = {k: v for k, v in before.items() if k not in GATED}
        answer_wizard(inline, table, answers)
        expect(inline.locator(".rutin-outcome-text")).to_contain_text(text_of(rule.then.outcome))
        assert _snapshot(page, r, task, before) == before
        actions = inline.locator(".rutin-outcome ol.rutin-actions > li")
        if actions.count():
            actions.first.click()  # a row of the outcome is not a step
            assert _snapshot(page, r, task, before) == before
        inline.locator("button.rutin-reset", has_text="Börja om").click()
        expect(inline.locator(".rutin-outcome")).to_be_empty()
        assert _snapshot(page, r, task, before) == before
        answer_wizard(inline, table, answers)
        # Each keeps its own state (decision.js under its own key, like the ticks).
        checked = inline.locator("form.rutin-wizard input:checked").count()
        assert checked
        page.reload()
        expect(page.locator(f"#tick-{first}")).to_be_checked()
        expect(inline.locator("form.rutin-wizard input:checked")).to_have_count(checked)
        expect(inline.locator(".rutin-outcome-text")).to_contain_text(text_of(rule.then.outcome))
        assert _snapshot(page, r, task, before) == before
        inline.locator("button.rutin-reset", has_text="Börja om").click()
        page.reload()
        expect(inline.locator("form.rutin-wizard input:checked")).to_have_count(0)
        expect(inline.locator(".rutin-outcome")).to_be_empty()
        assert _snapshot(page, r, task, before) == before


GATED = ("progress", "stops")  # what a gate on the aid's outcome may change


def _opens_every_gate(resolved: ResolvedTask, table: DecisionTable, rule: Any) -> bool:
    return all(rule in gate.rules for stop in resolved.stops for gate in stop.gates
               if gate.table.id == table.id)


def _gate_neutral(resolved: ResolvedTask, table: DecisionTable
                  ) -> tuple[dict[str, str], Any]:
    """The first answer set whose outcome keeps every stop gated on `table` open, else
    the first answer set."""
    found = []
    for answers in answer_sets(table):
        rule = decide.evaluate(table, answers)
        assert rule is not None, answers
        found.append((answers, rule))
    return next(((a, r) for a, r in found if _opens_every_gate(resolved, table, r)), found[0])


def _snapshot(page: Page, r: Routine, task: Task, like: dict[str, Any]) -> dict[str, Any]:
    """checklist_snapshot with the keys of `like` (the one taken before)."""
    return {k: v for k, v in checklist_snapshot(page, r, task).items() if k in like}


# --------------------------------------------------------------------------- stops


def test_stop_progress_and_a_question_that_hides_a_stop(page: Page, site_server: str) -> None:
    r, resolved, q, stop_id, hides, shows = stop_with_condition()
    task = resolved.task
    stop = next(s for s in resolved.stops if s.id == stop_id)
    free = next(s for s in resolved.stops if not s.stop.when and any(e.step for e in s.entries))
    in_stop = next(e.step for e in stop.entries if e.step is not None).id
    outside = next(e.step for e in free.entries if e.step is not None).id
    page.goto(task_url(site_server, r, task))
    section = page.locator(f"section.rutin-stop[data-stop='{stop_id}']")
    assert json.loads(section.get_attribute("data-when") or "{}") == {
        k: list(v) for k, v in stop.stop.when.items()}
    assert_progress(page, resolved, {}, [])
    n = len([e for e in stop.entries if e.step is not None])
    expect(section.locator(".rutin-stop-progress")).to_have_text(
        f"0 av {n} klara i det här stoppet")

    tick(page, in_stop)
    expect(section.locator(".rutin-stop-progress")).to_have_text(
        f"1 av {n} klara i det här stoppet")
    tick(page, outside)
    assert_progress(page, resolved, {}, [in_stop, outside])
    total = len(resolved.steps)
    expect(page.locator(".rutin-task .rutin-progress")).to_have_text(f"2 av {total} klara")

    choose(page, q, hides)  # "Nej": the stop goes, and its steps no longer count
    expect(section).to_have_class(re.compile(r"\brutin-na\b"))
    expect(section).to_be_hidden()
    expect(page.locator(f"#steg-{in_stop}")).to_be_hidden()
    assert_progress(page, resolved, {q.id: hides}, [in_stop, outside])
    if not any(q.id in s.when for s in resolved.steps):  # only the stop depends on it
        expect(page.locator(".rutin-task .rutin-progress")).to_have_text(
            f"1 av {total - n} klara")

    choose(page, q, shows)  # back: the tick there was kept
    expect(section).not_to_have_class(re.compile(r"\brutin-na\b"))
    expect(section).to_be_visible()
    expect(page.locator(f"#tick-{in_stop}")).to_be_checked()
    assert_progress(page, resolved, {q.id: shows}, [in_stop, outside])

    tick(page, in_stop)  # untick
    assert_progress(page, resolved, {q.id: shows}, [outside])


def test_ticks_and_answers_survive_reload_and_borja_om_clears(
    page: Page, site_server: str
) -> None:
    r, resolved, q, stop_id, hides, _ = stop_with_condition()
    task = resolved.task
    free = [[e.step.id for e in s.entries if e.step is not None]
            for s in resolved.stops if not s.stop.when]
    free = [ids for ids in free if ids]
    ticked = list(dict.fromkeys([free[0][0], free[-1][-1]]))  # two stops where it can
    page.goto(task_url(site_server, r, task))
    expect(page.locator(".rutin-task")).to_have_attribute("data-version", task.version)
    expect(page.locator(".rutin-started")).to_have_text("Inte påbörjad")
    for step_id in ticked:
        tick(page, step_id)
    choose(page, q, hides)
    assert_progress(page, resolved, {q.id: hides}, ticked)
    stored = json.loads(session_items(page)[state_key(r, task)])
    assert stored["t"] == ticked and stored["q"] == {q.id: hides}
    started = page.locator(".rutin-started").inner_text()
    assert re.fullmatch(r"Påbörjad \d\d:\d\d", started), started

    page.reload()
    for step_id in ticked:
        expect(page.locator(f"#tick-{step_id}")).to_be_checked()
    expect(page.locator(".rutin-tick:checked")).to_have_count(len(ticked))
    expect(page.locator(f".rutin-task > fieldset[data-question='{q.id}'] "
                        f"input[value='{hides}']")).to_be_checked()
    expect(page.locator(f"section.rutin-stop[data-stop='{stop_id}']")).to_be_hidden()
    assert_progress(page, resolved, {q.id: hides}, ticked)
    expect(page.locator(".rutin-started")).to_have_text(started)

    reset = page.locator(".rutin-task .rutin-toolbar button.rutin-reset")
    reset.click()  # asks first
    expect(page.locator(".rutin-tick:checked")).to_have_count(len(ticked))
    reset.click()
    expect(page.locator(".rutin-tick:checked")).to_have_count(0)
    expect(page.locator(".rutin-task > fieldset.rutin-question input:checked")).to_have_count(0)
    expect(page.locator("section.rutin-stop.rutin-na")).to_have_count(0)
    assert_progress(page, resolved, {}, [])
    expect(page.locator(".rutin-started")).to_have_text("Inte påbörjad")
    assert state_key(r, task) not in session_items(page)
    page.reload()
    expect(page.locator(".rutin-tick:checked")).to_have_count(0)
    assert_progress(page, resolved, {}, [])

