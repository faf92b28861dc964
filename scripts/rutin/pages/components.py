"""The components of the staff pages (MARKUP.md): warnings, notes, steps, questions,
phrases, related items, references, the source and version block and the print footer.

Each returns `Html` built from literal templates; a `str` that goes into a template is
escaped (safe_html.py), content text is rendered with `inline`/`paragraphs`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from rutin.model.records import (
    Checklist,
    Condition,
    DecisionTable,
    Note,
    Phrase,
    Question,
    Routine,
    Step,
)
from rutin.model.safeguards import Safeguard, at_step
from rutin.pages import revision_marks
from rutin.pages.page_parts import (
    PageContext,
    admonition,
    href,
    interpretation_marks,
    item_src,
    trace_html,
)
from rutin.pages.safe_html import Html, inline, md_text, paragraphs, plain
from rutin.printing import print_parts
from rutin.site import site_paths
from rutin.texts import NOT_STATED

CRITICAL_MARKER = Html('<strong class="rutin-critical-marker">Kritiskt:</strong> ')

# The one switch of the lean view (site.css hides the underlag while it is off, site.js
# remembers it): a real checkbox, so it works without JavaScript too. Only on staff pages
# with underlag; the owner's pages show everything.
UNDERLAG_SWITCH = Html(
    '<div class="rutin-underlag-switch" data-rutin-nosearch>'
    '<input type="checkbox" id="rutin-underlag" class="rutin-underlag-toggle" role="switch">'
    '<label for="rutin-underlag">Visa underlag</label> '
    # ◆ is how an unconfirmed interpretation is marked while the switch is off: said here.
    '<span class="rutin-underlag-hint">(källa, tolkning <span aria-hidden="true">◆</span>, '
    'villkor, version)</span>'
    "</div>\n")


def urgent_texts(routine: Routine) -> list[tuple[str, str]]:
    """(id, text) of each step or warning routine.yaml's `urgent` names, in its order
    (the rule urgent-items makes sure each one exists)."""
    if routine.urgent is None:
        return []
    texts: dict[str, str] = {}
    for checklist in routine.checklists:
        texts.update((s.id, s.text) for s in checklist.steps)
        texts.update((w.id, w.text) for w in checklist.warnings if w.id)
    return [(i, texts[i]) for i in routine.urgent.items if i in texts]


def urgent_page(routine: Routine) -> tuple[str, str] | None:
    """(source path, title) of the page the strip links to: a checklist, decision or task."""
    if routine.urgent is None:
        return None
    page_id = routine.urgent.page
    item = routine.item(page_id)
    if item is not None:
        return item_src(routine, item), item.title
    task = next((t for t in routine.tasks if t.id == page_id), None)
    if task is not None:
        return site_paths.task_page(routine.id, task.id), task.title
    return None


def urgent_strip(routine: Routine, link: str, *, markdown_link: bool = False) -> Html:
    """The strip with what staff must see first (routine.yaml `urgent`): the named items'
    own text, never typed twice, and a link (`link`: urgent_page's target from this
    page) to the page for the whole situation. `markdown_link`: the link as Markdown
    (a hand-written page's macro: the generator checks and rewrites it, offline too)."""
    items = urgent_texts(routine)
    target = urgent_page(routine)
    if not items or target is None:
        return Html()
    title = plain(target[1])
    label = f"bradskande-{routine.id}"
    more = Html('<p class="rutin-urgent-more"><a href="{}">{}</a></p>').format(link, title)
    if markdown_link:
        more = Html('<p class="rutin-urgent-more" markdown="1">[{}]({})</p>').format(
            md_text(title), link)
    return Html(
        # Out of the search index: the items are found on their own page.
        '<aside class="rutin-urgent" aria-labelledby="{label}" data-rutin-nosearch=""{md}>'
        '<p class="rutin-urgent-title" id="{label}">Brådskande</p><ul>{items}</ul>{more}'
        "</aside>\n"
    ).format(label=label, md=Html(' markdown="1"') if markdown_link else Html(), more=more,
             items=Html().join(Html('<li data-urgent-item="{}">{}</li>').format(i, inline(text))
                               for i, text in items))


def warnings_block(ctx: PageContext, from_src: str, warnings: Iterable[Note],
                   anchor: str = "varning") -> Html:
    """`anchor`: the prefix of each warning's id (a task page has a block per stop)."""
    items = list(warnings)
    if not items:
        return Html()
    body = Html().join(
        Html('<div class="rutin-warning-item" id="{}-{}"><p><strong '
             'class="rutin-warning-marker">Viktigt:</strong> {}{}</p>{}</div>').format(
            anchor, n, inline(w.text), revision_marks.mark_for(ctx.routine, w.quotes),
            trace_html(ctx, from_src, w.quotes, w.interpretations))
        for n, w in enumerate(items, start=1)
    )
    return admonition("danger", "Varning", body, "rutin-warning")


def notes_block(ctx: PageContext, from_src: str, notes: Iterable[Note],
                anchor: str = "upplysning", title: str = "Bra att veta") -> Html:
    items = list(notes)
    if not items:
        return Html()
    body = Html("<ul>{}</ul>").format(Html().join(
        Html('<li id="{}-{}">{}{}{}</li>').format(
            anchor, n, inline(note.text), revision_marks.mark_for(ctx.routine, note.quotes),
            trace_html(ctx, from_src, note.quotes, note.interpretations))
        for n, note in enumerate(items, start=1)
    ))
    return admonition("note", title, body, "rutin-note")


def safeguards_block(ctx: PageContext, from_src: str, step: Step, *, warnings: bool) -> Html:
    """The safeguards attached to this action (safeguards.py), at the step itself so they
    are read before it is done: in every task, checklist and print where it appears."""
    here = tuple(s for s in at_step(ctx.routine, step.id) if s.warning == warnings)
    if not here:
        return Html()
    items = Html()
    for s in here:
        page, title = _from_page(ctx, s)
        items += (_warning_safeguard if s.warning else _note_safeguard).format(
            text=inline(s.note.text), href=href(ctx, from_src, page), home=plain(title),
            trace=trace_html(ctx, from_src, s.note.quotes, s.note.interpretations))
    return Html('<div class="rutin-safeguards">{}</div>').format(items)


def _from_page(ctx: PageContext, s: Safeguard) -> tuple[str, str]:
    """(page, title) a safeguard names as where it comes from: the page of the routine's
    section it rests on (its `source`) when that is not the section it is written in –
    a note on ending a video visit written among the end of the shift says "Avsluta
    videobesök", not the shift's page – else the page it is written in."""
    r = ctx.routine
    home = item_src(r, s.home)
    if not s.note.source or s.note.source == s.home.source:
        return home, s.home.title
    pages: list[Checklist | DecisionTable] = [*r.checklists, *r.decisions]
    rests_on = next((i for i in pages if i.source == s.note.source), None)
    if rests_on is not None:
        return item_src(r, rests_on), rests_on.title
    return home, s.note.source  # a section without a page of its own: its heading


# A warning is read whole before acting, never folded. A note ("Observera") is one line
# in the lean view that opens on a tap (its summary holds its whole text, so print and
# screen readers have all of it; the section it comes from and its quotes are underlag).
_warning_safeguard = Html(
    '<div class="rutin-safeguard rutin-safeguard-warning"><p><strong '
    'class="rutin-warning-marker">Viktigt:</strong> {text} <span class="rutin-safeguard-from">'
    '(<a href="{href}">{home}</a>)</span></p>{trace}</div>')
_note_safeguard = Html(
    '<details class="rutin-safeguard rutin-safeguard-note rutin-fold"><summary><strong '
    'class="rutin-note-marker">Observera:</strong> {text}</summary><p '
    'class="rutin-safeguard-from">(<a href="{href}">{home}</a>)</p>{trace}</details>')


def phrase_body(phrase: Phrase) -> Html:
    if phrase.text is not None:
        # Material adds its copy button to every `pre > code`.
        return Html("<pre><code>{}</code></pre>").format(phrase.text)
    return Html('<p class="rutin-phrase-location">Var frasen finns: {}</p>').format(
        inline(phrase.location or ""))


def phrase_block(ctx: PageContext, from_src: str, phrase: Phrase) -> Html:
    link = href(ctx, from_src, site_paths.phrases_page(ctx.routine.id), f"fras-{phrase.id}")
    return Html(
        '<div class="rutin-phrase" data-phrase="{id}">'
        '<p class="rutin-phrase-title">Frasmall <a href="{link}">{title}</a> ({system})</p>'
        "{body}</div>"
    ).format(id=phrase.id, link=link, title=phrase.title, system=phrase.system,
             body=phrase_body(phrase))


def _phrase(ctx: PageContext, phrase_id: str) -> Phrase | None:
    library = ctx.routine.phrases
    if library is None:
        return None
    return next((p for p in library.phrases if p.id == phrase_id), None)


def when_attr(when: Condition) -> Html:
    """data-when: the answers a step (or a task's stop) needs (checklist.js)."""
    if not when:
        return Html()
    data = {k: list(v) for k, v in when.items()}
    return Html(" data-when='{}'").format(json.dumps(data, ensure_ascii=False))


def when_text(when: Condition, questions: Iterable[Question]) -> Html:
    """Visible condition ("Gäller när: …") so the page reads right without JavaScript."""
    asked = list(questions)
    parts = []
    for qid, values in when.items():
        question = next((q for q in asked if q.id == qid), None)
        if question is None:
            continue
        labels = " eller ".join(question.label_of(v) for v in values)
        parts.append(f"{plain(question.question)} {labels}")
    if not parts:
        return Html()
    return Html('<p class="rutin-step-when"><em>Gäller när:</em> {}</p>').format("; ".join(parts))


# A detail longer than this (characters) folds to one line in a task's lean view.
FOLD_DETAIL = 60


def _detail(step: Step, fold: bool) -> Html:
    """The step's detail. `fold`: on a task page, the detail of a step that is not
    critical, one paragraph and longer than a line is a disclosure whose summary is the
    whole text (checklist.css shows one line of it in the lean view, all of it when
    opened, with the underlag and on paper)."""
    if not step.detail:
        return Html()
    text = step.detail.strip()
    if fold and not step.critical and "\n" not in text and len(text) > FOLD_DETAIL:
        return Html('<details class="rutin-step-detail rutin-fold"><summary>{}</summary>'
                    "</details>").format(inline(text))
    return Html('<div class="rutin-step-detail">{}</div>').format(paragraphs(step.detail))


def step_item(ctx: PageContext, from_src: str, questions: tuple[Question, ...], step: Step,
              *, fold: bool = False) -> Html:
    critical = " rutin-critical" if step.critical else ""
    attrs = Html(' id="steg-{id}" data-step="{id}"').format(id=step.id)
    attrs += Html(" data-critical") if step.critical else Html()
    attrs += when_attr(step.when)
    parts = [
        Html('<li class="rutin-step{}"{}>').format(critical, attrs),
        Html('<input type="checkbox" class="rutin-tick" id="tick-{}">').format(step.id),
        Html('<label for="tick-{}" class="rutin-step-text">{}{}{}</label>').format(
            step.id, CRITICAL_MARKER if step.critical else "", inline(step.text),
            revision_marks.mark_for(ctx.routine, step.quotes)),
        when_text(step.when, questions),
        safeguards_block(ctx, from_src, step, warnings=True),
    ]
    parts.append(_detail(step, fold))
    if step.substeps:
        subs = Html().join(Html("<li>{}</li>").format(inline(s)) for s in step.substeps)
        parts.append(Html('<ul class="rutin-substeps">{}</ul>').format(subs))
    if step.phrase:
        phrase = _phrase(ctx, step.phrase)
        if phrase is not None:
            parts.append(phrase_block(ctx, from_src, phrase))
    if step.decision:
        table = next((t for t in ctx.routine.decisions if t.id == step.decision), None)
        if table is not None:
            parts.append(Html('<p class="rutin-step-decision"><a href="{}">Beslutsstöd: {}'
                              '</a></p>').format(
                href(ctx, from_src, site_paths.decision_page(ctx.routine.id, table.id)),
                plain(table.title)))
    # Notes after the step's own words: a warning is read before acting, a note must
    # not come between a critical "direkt" and its detail.
    parts.append(safeguards_block(ctx, from_src, step, warnings=False))
    parts.append(trace_html(ctx, from_src, step.quotes, step.interpretations))
    parts.append(Html("</li>"))
    return Html().join(parts)


def question_block(question: Question, trace: Html | None = None) -> Html:
    """A question with its options; `trace` (its quotes and interpretations, where the
    page shows them) goes under the help text."""
    options = Html().join(
        # The words in a span of their own: the label is a flex row, and a search word
        # highlighted in them (<mark>) would otherwise be a column of its own.
        Html('<label><input type="radio" name="q-{}" value="{}"> <span>{}</span></label>').format(
            question.id, o.value, o.label)
        for o in question.options
    )
    help_text = Html()
    if question.help:
        help_text = Html('<p class="rutin-question-help">{}</p>').format(inline(question.help))
    same = Html()
    if question.same_as is not None:
        # The decision input it is the same as (decision.js keeps both answered alike).
        same = Html(" data-same-as='{}'").format(json.dumps({
            "decision": question.same_as.decision, "input": question.same_as.input,
            "options": dict(question.same_as.options)}, ensure_ascii=False))
    return Html(
        '<fieldset class="rutin-question" id="fraga-{}" data-question="{}"{}><legend>{}'
        "</legend>{}{}{}</fieldset>"
    ).format(question.id, question.id, same, inline(question.question), help_text,
             trace or Html(), options)


def kind_label(item: Checklist | DecisionTable) -> str:
    return "Beslutsstöd" if isinstance(item, DecisionTable) else "Checklista"


def related_list(ctx: PageContext, from_src: str, ids: Iterable[str]) -> Html:
    items = []
    for item_id in ids:
        item = ctx.routine.item(item_id)
        if item is None:
            continue
        link = href(ctx, from_src, item_src(ctx.routine, item))
        items.append(Html('<li><a href="{}">{}</a> <span class="rutin-kind">({})</span></li>'
                          ).format(link, plain(item.title), kind_label(item)))
    if not items:
        return Html()
    return Html('<ul class="rutin-related">{}</ul>').format(Html().join(items))


def reference_list(ctx: PageContext, from_src: str, ids: Iterable[str]) -> Html:
    items = []
    for ref_id in ids:
        ref = next((r for r in ctx.routine.references if r.id == ref_id), None)
        if ref is None:
            continue
        entry = reference_html(ref.title, ref.url, ref.location, ref.description)
        marks = interpretation_marks(ctx, from_src, ref.interpretations)
        items.append(Html("<li>{}{}</li>").format(entry, marks))
    if not items:
        return Html()
    return Html('<ul class="rutin-references">{}</ul>').format(Html().join(items))


def reference_html(
    title: str, url: str | None, location: str | None, description: str | None
) -> Html:
    if url:
        out = Html('<a href="{}">{}</a>').format(url, title)
    else:
        out = Html("<strong>{}</strong>").format(title)
    if description:
        out += Html(" – {}").format(inline(description))
    if location:
        out += Html(' <span class="rutin-location">Finns: {}</span>').format(inline(location))
    return out


def governance(routine: Routine) -> list[tuple[str, str]]:
    """The routine's governance fields, each shown even when the source has none:
    an empty field says so instead of being left out or filled in."""
    return [
        ("Innehållsansvarig", routine.owner or NOT_STATED),
        ("Godkänd av", routine.approved_by or NOT_STATED),
        ("Gäller från", routine.valid_from or NOT_STATED),
        ("Granskas senast", routine.review_by or NOT_STATED),
        ("Rutinens version", routine.display_version),
    ]


def facts_list(facts: Iterable[tuple[str, str]]) -> Html:
    """`<dt>` and `<dd>` pairs (the caller's `<dl>` names the list's class)."""
    return Html().join(Html("<dt>{}</dt><dd>{}</dd>").format(k, v) for k, v in facts)


def changed_label(routine: Routine, item: Checklist | DecisionTable) -> tuple[str, str]:
    """("Senast ändrad", date) from the item itself, else the routine's latest change."""
    if item.changed:
        return "Senast ändrad", item.changed
    return "Rutinen senast ändrad", routine.last_changed


def meta_block(ctx: PageContext, item: Checklist | DecisionTable) -> Html:
    """Source section, version, last change and governance (traceability on screen)."""
    label, changed = changed_label(ctx.routine, item)
    return Html(
        '<div class="rutin-meta">'
        '<p class="rutin-source"><strong>Källa:</strong> avsnittet ”{source}” '
        "i rutinen {document}.</p>"
        '<p class="rutin-version"><strong>Version:</strong> <code>{version}</code>'
        ' · <strong>{label}:</strong> <time datetime="{changed}">{changed}</time></p>'
        '<dl class="rutin-facts rutin-governance">{facts}</dl></div>'
    ).format(source=item.source, document=ctx.routine.source_document or ctx.routine.title,
             version=item.version, label=label, changed=changed,
             facts=facts_list(governance(ctx.routine)))


def print_footer(ctx: PageContext, src: str, title: str, version: str, changed: str) -> Html:
    url = site_paths.absolute_url(ctx.site_url, src)
    return Html(
        # Only printed (site.css, site.js); kept out of search and screen readers.
        '<footer class="rutin-print-footer" aria-hidden="true" data-rutin-nosearch>'
        '<p class="rutin-print-title">{routine} · {title}</p>'
        '<p class="rutin-print-meta">Version {version} · senast ändrad {changed} · {date}</p>'
        '<p class="rutin-print-outdated">{outdated}</p>'
        '<p class="rutin-print-url">{url}</p>'
        '<div class="rutin-print-qr">{qr}</div>'
        "</footer>"
    ).format(routine=ctx.routine.title, title=plain(title), version=version, changed=changed,
             date=print_parts.print_date_html(), outdated=print_parts.OUTDATED_SENTENCE, url=url,
             qr=print_parts.qr_svg(url))
