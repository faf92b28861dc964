"""A task's page: one checklist for the work, stop by stop (tasks.py resolves it).

Built from the same pieces as a checklist page (components.py): the steps, their
quotes and conditions, the warnings of the passages it uses and the decision aids,
inline at the stop where the decision is taken. Tick state works as on a checklist
page (checklist.js), with progress per stop.
"""

from __future__ import annotations

import json
from itertools import groupby

from rutin.model.records import Checklist, DecisionTable, Question
from rutin.model.tasks import ResolvedStop, ResolvedTask, last_changed
from rutin.pages.components import (
    UNDERLAG_SWITCH,
    facts_list,
    governance,
    print_footer,
    question_block,
    step_item,
    urgent_page,
    urgent_strip,
    warnings_block,
    when_attr,
    when_text,
)
from rutin.pages.page_parts import (
    PageContext,
    PageText,
    front_matter,
    href,
    interpretation_marks,
    page,
    page_title,
    section,
    trace_html,
)
from rutin.pages.safe_html import Html, inline, paragraphs, plain
from rutin.pages.staff_pages import KIND_LABEL, PAUSE, decision_wizard, pdf_link
from rutin.site import site_paths

# Not a live region: the checklist's own progress (role="status") already announces each
# tick, and a second announcement per stop made a screen reader repeat itself.
STOP_PROGRESS = Html('<p class="rutin-stop-progress"></p>')


def _stop(ctx: PageContext, src: str, resolved: ResolvedTask, number: int, stop: ResolvedStop,
          first_step: int) -> Html:
    authored = stop.stop
    task = resolved.task
    asked = [*task.questions, *stop.questions]
    body: list[Html] = [
        Html('<h3 class="rutin-stop-title" id="{id}">{n}. {title}</h3>').format(
            id=authored.id, n=number, title=plain(authored.title)),
        when_text(stop.when, task.questions),
        _gate_text(ctx, src, stop),
        trace_html(ctx, src, authored.quotes, authored.interpretations),
        STOP_PROGRESS,
    ]
    if stop.warnings:
        body.append(warnings_block(ctx, src, stop.warnings, f"varning-{authored.id}"))
    body += [question_block(q, trace_html(ctx, src, q.quotes, q.interpretations))
             for q in stop.questions]
    # Runs of steps are numbered lists (continuing the task's numbering); a decision aid
    # between them stands on its own, where the decision is taken.
    step_number, listed = first_step, False
    for are_steps, run in groupby(stop.entries, key=lambda entry: entry.step is not None):
        entries = list(run)
        if not are_steps:
            body += [_inline_decision(ctx, src, e.decision, _twins(resolved, e.decision))
                     for e in entries if e.decision]
            continue
        pause = PAUSE if task.kind == "do-confirm" and not listed else Html()
        items = Html().join(step_item(ctx, src, (*asked, *_home_questions(e.home)), e.step,
                                      fold=True)
                            for e in entries if e.step is not None)
        body.append(Html('<ol class="rutin-steps" start="{}">{}{}</ol>').format(
            step_number, pause, items))
        step_number, listed = step_number + len(entries), True
    return Html('<section class="rutin-stop" data-stop="{id}"{when}{gate}>{body}</section>{closed}'
                ).format(id=authored.id, when=when_attr(stop.when), gate=_gate_attr(stop),
                         body=Html("\n").join(b for b in body if b),
                         closed=_closed_notice(stop, number))


def _closed_notice(stop: ResolvedStop, number: int) -> Html:
    """Where a gated stop stands when an aid's outcome has closed it (checklist.js shows
    it then): the reader sees that the stop is left out on purpose and where to look,
    instead of steps that silently disappear. Hidden on paper and without JavaScript,
    where the stop itself is shown with its gate in words."""
    if not stop.gates:
        return Html()
    aids = Html(" och ").join(Html("”{}”").format(plain(g.table.title)) for g in stop.gates)
    return Html(
        '\n<p class="rutin-stop-closed" data-closed-stop="{id}" data-rutin-nosearch hidden>'
        "Stoppet ”{n}. {title}” visas inte med utfallet i {aids} ovan. "
        "Stämmer inte svaren där: ändra dem, så visas stoppet.</p>"
    ).format(id=stop.stop.id, n=number, title=plain(stop.stop.title), aids=aids)


def _gate_attr(stop: ResolvedStop) -> Html:
    """data-gate: the outcomes (rule ids) of earlier decision aids the stop needs
    (checklist.js reads the aid's data-outcome, set by decision.js)."""
    if not stop.gates:
        return Html()
    data = {g.table.id: [r.id for r in g.rules] for g in stop.gates}
    return Html(" data-gate='{}'").format(json.dumps(data, ensure_ascii=False))


def _gate_text(ctx: PageContext, src: str, stop: ResolvedStop) -> Html:
    """The gate in words, for print and without JavaScript: the aid's title and its
    outcomes' own text (never new words)."""
    parts = []
    for gate in stop.gates:
        link = href(ctx, src, site_paths.decision_page(ctx.routine.id, gate.table.id))
        lead = Html('<em>Gäller bara om</em> <a href="{}">{}</a> <em>ger:</em>').format(
            link, plain(gate.table.title))
        if len(gate.rules) == 1:
            parts.append(Html('<p class="rutin-stop-gate">{} {}</p>').format(
                lead, inline(gate.rules[0].then.outcome)))
            continue
        outcomes = Html().join(Html("<li>{}</li>").format(inline(r.then.outcome))
                               for r in gate.rules)
        parts.append(Html('<div class="rutin-stop-gate"><p>{}</p><ul>{}</ul></div>').format(
            lead, outcomes))
    return Html().join(parts)


def _twins(resolved: ResolvedTask, table: DecisionTable) -> dict[str, Question]:
    """The table's inputs that a question on this page asks too (`same_as`): input id ->
    that question. The page asks each once: the wizard leaves them to the question."""
    asked = [*resolved.task.questions, *(q for s in resolved.stops for q in s.questions)]
    return {q.same_as.input: q for q in asked
            if q.same_as is not None and q.same_as.decision == table.id}


def _inline_decision(ctx: PageContext, src: str, table: DecisionTable,
                     twins: dict[str, Question]) -> Html:
    return Html(
        '<div class="rutin-inline-decision"><p class="rutin-inline-decision-title">'
        '<strong>Beslutsstöd:</strong> <a href="{href}">{title}</a></p>{wizard}</div>'
    ).format(href=href(ctx, src, site_paths.decision_page(ctx.routine.id, table.id)),
             title=plain(table.title),
             wizard=decision_wizard(ctx, src, table, rules_folded=True, asked_above=twins))


def _home_questions(home: Checklist | None) -> tuple[Question, ...]:
    return home.questions if home is not None else ()


def _sources(ctx: PageContext, src: str, resolved: ResolvedTask) -> Html:
    """Where each passage comes from: the routine's sections as checklists."""
    items = Html().join(
        Html('<li><a href="{}">{}</a></li>').format(
            href(ctx, src, site_paths.checklist_page(ctx.routine.id, home.id)),
            plain(home.title))
        for home in resolved.homes)
    return Html('<ul class="rutin-related">{}</ul>').format(items)


def _notes(ctx: PageContext, src: str, resolved: ResolvedTask) -> Html:
    blocks = []
    for home, notes in resolved.notes:
        body = Html("<ul>{}</ul>").format(Html().join(
            Html("<li>{}</li>").format(inline(n.text)) for n in notes))
        blocks.append(Html('<h3 class="rutin-notes-from">Ur <a href="{}">{}</a></h3>{}').format(
            href(ctx, src, site_paths.checklist_page(ctx.routine.id, home.id)),
            plain(home.title), body))
    if not blocks:
        return Html()
    # Background, not steps: folded, so the page is the work (opened it reads as before).
    count = sum(len(notes) for _home, notes in resolved.notes)
    return Html('<details class="rutin-task-notes"><summary>Bra att veta: {} upplysningar ur '
                "rutinens avsnitt</summary>{}</details>").format(
        count, Html("\n").join(blocks))


def _asked_before(resolved: ResolvedTask) -> dict[int, list[Question]]:
    """Stop index -> the task's questions asked just before it: each where it first
    matters (the first stop whose condition, or one of whose steps' conditions, names
    it), so the first stop's items are not pushed below questions about later stops."""
    placed: dict[int, list[Question]] = {}
    for question in resolved.task.questions:
        at = next((n for n, stop in enumerate(resolved.stops)
                   if question.id in stop.stop.when or any(
                       e.step is not None and question.id in e.step.when
                       for e in stop.entries)), 0)
        placed.setdefault(at, []).append(question)
    return placed


def _urgent(ctx: PageContext, src: str, task_id: str) -> Html:
    """The strip of what is urgent, on the tasks routine.yaml's `urgent` names."""
    urgent, target = ctx.routine.urgent, urgent_page(ctx.routine)
    if urgent is None or target is None or task_id not in urgent.tasks:
        return Html()
    return urgent_strip(ctx.routine, href(ctx, src, target[0]))


def task_page(ctx: PageContext, resolved: ResolvedTask) -> PageText:
    task = resolved.task
    r = ctx.routine
    src = site_paths.task_page(r.id, task.id)
    stops: list[Html] = []
    first = 1
    asked_before = _asked_before(resolved)
    for number, stop in enumerate(resolved.stops, start=1):
        stops += [question_block(q, trace_html(ctx, src, q.quotes, q.interpretations))
                  for q in asked_before.get(number - 1, ())]
        stops.append(_stop(ctx, src, resolved, number, stop, first))
        first += sum(1 for e in stop.entries if e.step is not None)
    roles = {role.id: role.title for role in r.roles}
    container = Html(
        '<div class="rutin-checklist rutin-task" data-checklist="{routine}/{id}" '
        'data-version="{version}" data-kind="{kind}" data-functions="{functions}">\n'
        '<div class="rutin-toolbar" hidden></div>\n'
        "{stops}\n</div>"
    ).format(routine=r.id, id=task.id, version=task.version, kind=task.kind,
             functions=" ".join(resolved.functions), stops=Html("\n").join(stops))
    own = last_changed(r, resolved)
    changed = own or r.last_changed
    # The work first: the title, what is urgent, the switch and the list. What the task
    # covers, who it is for, how to use it and the PDF come after the list; the
    # interpretation of the task's order is underlag (hidden while the switch is off).
    # In the lean view only the PDF link shows: what the task covers and for whom is on
    # the start page, and the kind's sentence is the same on every task (underlag).
    about = Html(
        '<div class="rutin-task-about rutin-summary"><div class="rutin-underlag-only">'
        '{summary}'
        '<p class="rutin-kind-label">{kind}</p>{marks}</div>{pdf}</div>\n'
    ).format(summary=paragraphs(task.summary), kind=KIND_LABEL[task.kind],
             marks=interpretation_marks(ctx, src, task.interpretations),
             pdf=pdf_link(ctx, src, task.id))
    # Who the task is for stands under its title, also in the working view: a reader who
    # comes from the search never saw the start page's roles, and a nurse must see that
    # the suicide risk assessment is the psychologist's or doctor's.
    for_whom = Html('<p class="rutin-task-roles"><strong>För:</strong> {}</p>\n').format(
        ", ".join(roles.get(x, x) for x in task.roles)) if task.roles else Html()
    return page(
        front_matter(task.title, resolved.keywords, task.summary, 3),
        page_title(task.title),
        for_whom,
        _urgent(ctx, src, task.id),
        UNDERLAG_SWITCH,
        section("Checklista", "checklista", container),
        section("Om checklistan", "om-checklistan", about),
        section("Bra att veta", "bra-att-veta", _notes(ctx, src, resolved)),
        section("Ur rutinens avsnitt", "ur-rutinens-avsnitt", _sources(ctx, src, resolved)),
        section("Version", "version", Html(
            '<div class="rutin-meta"><p class="rutin-version"><strong>Version:</strong> '
            '<code>{v}</code> · <strong>{label}:</strong> <time datetime="{c}">{c}</time></p>'
            '<dl class="rutin-facts rutin-governance">{facts}</dl></div>\n').format(
            v=task.version, c=changed, facts=facts_list(governance(r)),
            label="Senast ändrad" if own else "Rutinen senast ändrad")),
        print_footer(ctx, src, task.title, task.version, changed) + "\n",
    )
