"""Model → page source (Markdown with raw HTML blocks): the staff pages of a routine.

Independent of any site generator (site_plan.py decides which pages exist). The HTML
follows the contract in MARKUP.md (the assets in docs/assets/ rely on it). Pages are put
together from `Html` templates (components.py, page_parts.py): every `str` that goes into
one is escaped, content text passes safe_html (`inline`, `paragraphs`, `md_text`), the
security boundary. The overview page is in routine_page.py, the owner's pages in
owner_pages.py, the review page in review.py, the export in export.py.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rutin.model import tasks
from rutin.model.decide import (
    next_question,
    table_json,
)
from rutin.model.records import Checklist, DecisionTable, Question, Rule
from rutin.pages import revision_marks
from rutin.pages.components import (
    CRITICAL_MARKER,
    UNDERLAG_SWITCH,
    meta_block,
    notes_block,
    phrase_body,
    print_footer,
    question_block,
    reference_list,
    related_list,
    step_item,
    warnings_block,
)
from rutin.pages.overview_page import routine_page
from rutin.pages.page_parts import (
    PageContext,
    PageText,
    front_matter,
    href,
    interpretation_marks,
    item_src,
    page,
    page_title,
    quotes_block,
    routine_source,
    section,
    trace_html,
)
from rutin.pages.safe_html import Html, inline, paragraphs, plain, script_json
from rutin.printing import print_parts
from rutin.site import site_paths
from rutin.texts import INTERPRETATION_UNCONFIRMED

# The package's page API (site_plan.py, the tests): the builders here and what they use.
__all__ = [
    "INTERPRETATION_UNCONFIRMED",
    "PageContext",
    "checklist_page",
    "decision_page",
    "decision_rows",
    "decision_wizard",
    "phrases_page",
    "plain",
    "routine_page",
    "routine_source",
]

KIND_LABEL = {
    "read-do": "Läs och gör: läs ett steg i taget och gör det.",
    "do-confirm": "Gör och bekräfta: gör uppgiften som vanligt, stanna sedan upp och bekräfta "
    "att inget steg har missats.",
}
HIT_POLICY_LABEL = {
    "FIRST": "Den första regeln uppifrån som stämmer gäller.",
    "UNIQUE": "Exakt en regel stämmer för varje kombination av svar.",
}
PAUSE = Html(
    '<li class="rutin-pause">Stanna upp och bekräfta att varje steg nedan är gjort.</li>')


def pdf_link(ctx: PageContext, src: str, item_id: str) -> Html:
    return print_parts.pdf_link_html(src, ctx.routine.id, item_id, ctx.use_directory_urls,
                                  ctx.link_style == "source") + "\n"


def _page_end(ctx: PageContext, src: str, item: Checklist | DecisionTable,
              changed: str) -> list[Html]:
    """What a checklist's and a decision table's page end with: related items,
    references, source and version, and the print footer."""
    return [
        section("Hör ihop med", "hor-ihop-med", related_list(ctx, src, item.related)),
        section("Referenser", "referenser", reference_list(ctx, src, item.references)),
        section("Källa och version", "kalla-och-version", meta_block(ctx, item)),
        print_footer(ctx, src, item.title, item.version, changed) + "\n",
    ]


def in_tasks(ctx: PageContext, src: str, item_id: str) -> Html:
    """Where this part of the routine is used in the work: the tasks (and the stop in
    each) that take its steps, so a reader of a section finds the checklist to tick."""
    links = [Html('<a href="{}">{}</a> (stoppet ”{}”)').format(
        href(ctx, src, site_paths.task_page(ctx.routine.id, task.id), stop.id),
        plain(task.title), plain(stop.title))
        for task, stop in tasks.uses(ctx.routine, item_id)]
    if not links:
        return Html()
    return Html('<p class="rutin-in-tasks"><strong>I arbetet:</strong> ingår i {}.</p>\n'
                ).format(Html(", ").join(links))


def checklist_page(ctx: PageContext, checklist: Checklist) -> PageText:
    src = site_paths.checklist_page(ctx.routine.id, checklist.id)
    r = ctx.routine
    container = Html(
        '<div class="rutin-checklist" data-checklist="{routine}/{id}" '
        'data-version="{version}" data-kind="{kind}" data-functions="{functions}">\n'
        '<div class="rutin-toolbar" hidden></div>\n'
        '{questions}<ol class="rutin-steps">{pause}{steps}</ol>\n'
        "</div>"
    ).format(
        routine=r.id, id=checklist.id, version=checklist.version, kind=checklist.kind,
        functions=" ".join(checklist.functions),
        questions=Html().join(
            question_block(q, trace_html(ctx, src, q.quotes, q.interpretations))
            for q in checklist.questions),
        pause=PAUSE if checklist.kind == "do-confirm" else "",
        steps=Html().join(step_item(ctx, src, checklist.questions, s) for s in checklist.steps),
    )
    changed = checklist.changed or r.last_changed
    return page(
        front_matter(checklist.title, checklist.keywords, checklist.summary, 2),
        page_title(checklist.title),
        UNDERLAG_SWITCH,
        Html('<div class="rutin-summary">{}<p class="rutin-kind-label">{}</p></div>\n').format(
            paragraphs(checklist.summary), KIND_LABEL[checklist.kind]),
        in_tasks(ctx, src, checklist.id),
        warnings_block(ctx, src, checklist.warnings) + "\n" if checklist.warnings else Html(),
        pdf_link(ctx, src, checklist.id),
        section("Steg", "steg", container),
        notes_block(ctx, src, checklist.notes) + "\n" if checklist.notes else Html(),
        *_page_end(ctx, src, checklist, changed),
    )


def _rule_row(ctx: PageContext, from_src: str, table: DecisionTable, n: int, rule: Rule
              ) -> Html:
    cells = []
    for q in table.inputs:
        values = rule.when.get(q.id)
        text = Html(" eller ").join(q.label_of(v) for v in values) if values else Html(
            '<span class="rutin-any">Spelar ingen roll</span>')
        cells.append(Html('<td data-label="{}">{}</td>').format(plain(q.question), text))
    then = rule.then
    actions = Html()
    if then.actions:
        actions = Html("<ol>{}</ol>").format(Html().join(
            Html("<li>{}{}</li>").format(
                inline(a.text), interpretation_marks(ctx, from_src, a.interpretations))
            for a in then.actions))
    quotes = [*then.quotes, *(q for a in then.actions for q in a.quotes)]
    actions += interpretation_marks(ctx, from_src, then.interpretations)
    actions += quotes_block(ctx, from_src, quotes)
    classes = " ".join(c for c, on in (("rutin-critical", then.critical),
                                       ("rutin-not-stated", then.not_stated)) if on)
    attrs = Html(' class="{}"').format(classes) if classes else Html()
    attrs += Html(" data-critical") if then.critical else Html()
    return Html(
        '<tr id="regel-{id}"{attrs}><th scope="row" data-label="Regel">{n}</th>{cells}'
        '<td data-label="Utfall och åtgärder">{marker}{outcome}{actions}</td></tr>'
    ).format(id=rule.id, attrs=attrs, n=n, cells=Html().join(cells),
             marker=CRITICAL_MARKER if then.critical else "",
             outcome=inline(then.outcome) + revision_marks.mark_for(ctx.routine, tuple(quotes)),
             actions=actions)


def decision_rows(ctx: PageContext, from_src: str, table: DecisionTable) -> Html:
    return Html(
        '<div class="rutin-table-wrap"><table class="rutin-decision-table">'
        "<caption>Alla regler. {policy}</caption>"
        '<thead><tr><th scope="col">Regel</th>{head}<th scope="col">Utfall och åtgärder</th>'
        "</tr></thead><tbody>{rows}</tbody></table></div>"
    ).format(
        policy=HIT_POLICY_LABEL[table.hit_policy],
        head=Html().join(Html('<th scope="col">{}</th>').format(inline(q.question))
                         for q in table.inputs),
        rows=Html().join(_rule_row(ctx, from_src, table, n, rule)
                         for n, rule in enumerate(table.rules, start=1)),
    )


def decision_wizard(ctx: PageContext, src: str, table: DecisionTable, *,
                    rules_folded: bool = False,
                    asked_above: Mapping[str, Question] | None = None) -> Html:
    """The wizard and its table. `rules_folded`: inside a task's checklist, where the
    rules are one click away (the wizard shows the matching rule's outcome).
    `asked_above`: input id -> the page's question that asks the same (`same_as`): the
    wizard does not ask it again, it points to that question (decision.js)."""
    rows = decision_rows(ctx, src, table)
    if rules_folded:
        rows = Html('<details class="rutin-inline-rules"><summary>Alla regler i '
                    "beslutsstödet</summary>{}</details>").format(rows)
    return Html(
        '<div class="rutin-decision" data-decision="{routine}/{id}" data-version="{version}" '
        # The table as an attribute, not a <script type="application/json">: Material's
        # instant navigation re-inserts every inline <script> of a page as plain JS
        # (dropping its type and class), so JSON in a script would throw a SyntaxError
        # and the wizard would lose its data (see MARKUP.md).
        "data-functions=\"{functions}\" data-table='{table}'>\n"
        "{form}"
        '<div class="rutin-outcome" aria-live="polite"></div>\n'
        "{sources}{rows}\n</div>"
    ).format(routine=ctx.routine.id, id=table.id, version=table.version,
             functions=" ".join(table.functions), table=script_json(table_json(table)),
             form=_wizard_form(table, asked_above or {}),
             sources=_input_sources(ctx, src, table), rows=rows)


def _slug(value: str) -> str:
    """decision.js's slug(): a value usable in an element id (ASCII \\w, as in JS)."""
    return re.sub(r"[^\w-]+", "-", value, flags=re.ASCII)


def _wizard_form(table: DecisionTable, asked_above: Mapping[str, Question]) -> Html:
    """The wizard's questions as decision.js builds them, in the page from the start: the
    first question shows before the script runs, so nothing below it moves when it
    starts (nojs.css hides the form without JavaScript). Out of the search index: the
    table's headings ask the same."""
    first = next_question(table, {})
    prefix = f"rutin-{_slug(table.id)}"
    fieldsets = []
    for q in table.inputs:
        name = f"{prefix}-{_slug(q.id)}"
        labels = Html().join(
            Html('<label for="{id}"><input type="radio" name="{name}" id="{id}" value="{value}">'
                 " <span>{label}</span></label>").format(id=f"{name}-{_slug(o.value)}", name=name,
                                            value=o.value, label=o.label)
            for o in q.options)
        twin = asked_above.get(q.id)
        fieldsets.append(Html(
            '<fieldset class="rutin-question" data-input="{id}"{hidden}><legend>{question}'
            "</legend>{help}{labels}</fieldset>").format(
            id=q.id, hidden=Html("") if q.id == first and twin is None else Html(" hidden"),
            question=q.question, labels=labels,
            help=Html('<p class="rutin-question-help">{}</p>').format(q.help)
            if q.help else Html()))
        if twin is not None:
            # Asked once on the page: the wizard points to the page's own question.
            fieldsets.append(Html(
                '<p class="rutin-twin-note" data-twin-of="{input}"{hidden}>Svara på frågan '
                '<a href="#{anchor}">”{question}”</a> ovan; svaret gäller här också.</p>'
            ).format(input=q.id, hidden=Html("") if q.id == first else Html(" hidden"),
                     anchor=f"fraga-{twin.id}", question=plain(twin.question)))
    return Html('<form class="rutin-wizard" data-rutin-nosearch>{}</form>\n').format(
        Html().join(fieldsets))


def _input_sources(ctx: PageContext, src: str, table: DecisionTable) -> Html:
    """Each question's quotes and interpretations, made here (escaped like the rest of
    the page) and moved by decision.js into the question it builds."""
    # <section>, not <div>: Material's search parser compares elements by tag, so a
    # nested <div> closing would end the container's data-rutin-nosearch early.
    blocks = [Html('<section data-input-source="{}">{}</section>').format(
        q.id, trace_html(ctx, src, q.quotes, q.interpretations)) for q in table.inputs
        if q.quotes or q.interpretations]
    if not blocks:
        return Html()
    # Out of the search index: the questions' help says the same in staff words.
    return Html('<div class="rutin-input-sources" hidden data-rutin-nosearch>{}</div>\n'
                ).format(Html().join(blocks))


def decision_page(ctx: PageContext, table: DecisionTable) -> PageText:
    src = site_paths.decision_page(ctx.routine.id, table.id)
    r = ctx.routine
    wizard = decision_wizard(ctx, src, table)
    changed = table.changed or r.last_changed
    return page(
        front_matter(table.title, table.keywords, table.summary, 2),
        page_title(table.title),
        UNDERLAG_SWITCH,
        Html('<div class="rutin-summary">{}</div>\n').format(paragraphs(table.summary)),
        in_tasks(ctx, src, table.id),
        pdf_link(ctx, src, table.id),
        section("Beslutsstöd", "beslutsstod", wizard),
        notes_block(ctx, src, table.notes) + "\n" if table.notes else Html(),
        *_page_end(ctx, src, table, changed),
    )


def phrases_page(ctx: PageContext) -> PageText:
    library = ctx.routine.phrases
    assert library is not None
    src = site_paths.phrases_page(ctx.routine.id)
    users: dict[str, list[Checklist]] = {}
    for c in ctx.routine.checklists:
        for s in c.steps:
            if s.phrase and c not in users.setdefault(s.phrase, []):
                users[s.phrase].append(c)
    keywords = list(library.keywords) + [p.title for p in library.phrases]
    blocks = [
        page_title(library.title),
        Html('<div class="rutin-summary">{}</div>\n').format(paragraphs(library.summary))
        if library.summary else Html(),
    ]
    for phrase in library.phrases:
        used = Html().join(
            Html('<li><a href="{}">{}</a></li>').format(
                href(ctx, src, item_src(ctx.routine, c)), plain(c.title))
            for c in users.get(phrase.id, [])
        )
        body = Html(
            '<div class="rutin-phrase" data-phrase="{id}">'
            '<p class="rutin-phrase-system"><strong>System:</strong> {system}</p>'
            "{use}{body}{trace}{used}"
            '<p class="rutin-source"><strong>Källa:</strong> avsnittet ”{source}”.</p></div>'
        ).format(
            id=phrase.id, system=phrase.system,
            use=Html('<p class="rutin-phrase-use">{}</p>').format(inline(phrase.use))
            if phrase.use else "",
            body=phrase_body(phrase),
            trace=trace_html(ctx, src, phrase.quotes, phrase.interpretations),
            used=Html('<p>Används i:</p><ul class="rutin-related">{}</ul>').format(used)
            if used else "",
            source=phrase.source,
        )
        blocks.append(section(phrase.title, f"fras-{phrase.id}", body))
    front = front_matter(library.title, dict.fromkeys(keywords),
                         library.summary or library.title, 1)
    return page(front, *blocks)
