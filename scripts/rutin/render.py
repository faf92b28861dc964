"""Model → page source (Markdown with raw HTML blocks): the components and the pages.

Independent of any site generator (site_plan.py decides which pages exist). The HTML
follows the contract in MARKUP.md (the assets in docs/assets/ rely on it). Every text
from content goes through safe_html (`inline`, `escape`, `md_text`): the security
boundary. The export is in export.py, the review page in review.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import segno
import yaml

from . import printing, site_paths
from .decide import table_json  # the browser wizard evaluates exactly this JSON
from .model import (
    Change,
    Checklist,
    DecisionTable,
    Note,
    Phrase,
    Question,
    Routine,
    Step,
)
from .safe_html import escape, inline, md_text, paragraphs, plain, script_json
from .source import SourceText, read_source
from .texts import INTERPRETATION_UNCONFIRMED, NOT_STATED

KIND_LABEL = {
    "read-do": "Läs och gör: läs ett steg i taget och gör det.",
    "do-confirm": "Gör och bekräfta: gör uppgiften som vanligt, stanna sedan upp och bekräfta "
    "att inget steg har missats.",
}
CRITICAL_MARKER = '<strong class="rutin-critical-marker">Kritiskt:</strong> '
HIT_POLICY_LABEL = {
    "FIRST": "Den första regeln uppifrån som stämmer gäller.",
    "UNIQUE": "Exakt en regel stämmer för varje kombination av svar.",
}


@dataclass(frozen=True)
class PageContext:
    """What a page needs besides its own content: the routine (for titles of related
    items, phrases, references), the site address (print footer, QR) and whether the
    site uses directory URLs (`.../id/`) or file URLs (`.../id.html`, offline build)."""

    routine: Routine
    site_url: str
    use_directory_urls: bool = True
    source: SourceText | None = None  # the routine's source text, for quote line numbers
    # "built": links as the browser resolves them (MkDocs leaves raw HTML alone);
    # "source": links to the pages' .md sources, which generators that rewrite links in
    # raw HTML (Zensical) resolve themselves (site_plan.Settings).
    link_style: str = "built"


def routine_source(routine: Routine) -> SourceText | None:
    """The routine's source text (validated content names a readable one)."""
    if routine.source_file is None or routine.file is None:
        return None
    return read_source(routine.file.parent / routine.source_file)


# --------------------------------------------------------------------------- text


# --------------------------------------------------------------------------- links


def href(ctx: PageContext, from_src: str, to_src: str, anchor: str = "") -> str:
    """Link from one generated page to another, as the browser will resolve it."""
    if ctx.link_style == "source":
        return site_paths.relative_link(from_src, to_src, anchor)
    return site_paths.built_link(from_src, to_src, ctx.use_directory_urls, anchor)


def _item_src(routine: Routine, item: Checklist | DecisionTable) -> str:
    if isinstance(item, DecisionTable):
        return site_paths.decision_page(routine.id, item.id)
    return site_paths.checklist_page(routine.id, item.id)


# --------------------------------------------------------------------------- pieces


def front_matter(title: str, keywords: Iterable[str], description: str, boost: float) -> str:
    meta: dict[str, Any] = {
        "title": title,
        # Material writes it unescaped into <meta name="description" content="…">:
        # escaped here, a `"` in a summary cannot break out of the attribute.
        "description": escape(plain(description)),
        # Material indexes page tags with a very high boost (even without the tags
        # plugin): the words staff search with, since search matches prefixes only.
        "tags": list(keywords),
        "render_macros": False,  # content is never Jinja: `{{` in a YAML text stays text
        "search": {"boost": boost},
    }
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n"


def _admonition(kind: str, title: str, body: str, extra_class: str = "",
                anchor: str = "") -> str:
    cls = f"admonition {kind}" + (f" {extra_class}" if extra_class else "")
    ident = f' id="{escape(anchor)}"' if anchor else ""
    return (f'<div class="{cls}"{ident}>\n<p class="admonition-title">{escape(title)}</p>\n'
            f"{body}\n</div>")


# --------------------------------------------------------------------------- trace



def quotes_block(ctx: PageContext, from_src: str, quotes: Iterable[str]) -> str:
    """The compact "Källa" disclosure: each quote (class rutin-quote, MARKUP.md) with its
    line in the source and a link to the sentence on the traceability page."""
    items = list(dict.fromkeys(quotes))
    if not items:
        return ""
    trace_page = site_paths.trace_page(ctx.routine.id)
    parts = []
    for quote in items:
        where = ""
        matches = ctx.source.find(quote) if ctx.source is not None else []
        if matches:
            sentences = ctx.source.sentences_in(matches[0].start, matches[0].spans[-1][1]) \
                if ctx.source is not None else []
            if sentences:
                first = sentences[0]
                link = href(ctx, from_src, trace_page, first.anchor)
                where = (f' <a class="rutin-quote-where" href="{escape(link)}">'
                         f"rad {first.line}</a>")
        parts.append(f'<blockquote class="rutin-quote"><p>”{escape(quote)}”{where}</p>'
                     "</blockquote>")
    return ('<details class="rutin-quotes"><summary>Källa</summary>'
            + "".join(parts) + "</details>")


def interpretation_marks(ctx: PageContext, from_src: str, ids: Iterable[str]) -> str:
    """A visible note for each interpretation the item depends on: unconfirmed ones say
    so ("Tolkning – ej bekräftad av rutinägaren") and link to the owner's questions."""
    out = []
    questions = site_paths.questions_page(ctx.routine.id)
    for item_id in dict.fromkeys(ids):
        found = next((i for i in ctx.routine.interpretations if i.id == item_id), None)
        if found is None:
            continue
        link = escape(href(ctx, from_src, questions, found.id))
        if found.confirmed:
            head = (f"Tolkning, bekräftad av {escape(found.confirmed_by or '')} "
                    f"{escape(found.confirmed_on or '')}:")
            css = "rutin-interpretation rutin-confirmed"
        else:
            head = f"{INTERPRETATION_UNCONFIRMED}:"
            css = "rutin-interpretation"
        out.append(f'<p class="{css}"><strong>{head}</strong> <span '
                   f'class="rutin-interpretation-reading">{inline(found.reading)}</span> '
                   f'<a href="{link}">Om tolkningen</a></p>')
    return "".join(out)


def trace_html(ctx: PageContext, from_src: str, quotes: Iterable[str],
               interpretations: Iterable[str]) -> str:
    return interpretation_marks(ctx, from_src, interpretations) + quotes_block(
        ctx, from_src, quotes)


def warnings_block(ctx: PageContext, from_src: str, warnings: Iterable[Note]) -> str:
    items = list(warnings)
    if not items:
        return ""
    body = "".join(
        f'<div class="rutin-warning-item" id="varning-{n}"><p><strong '
        f'class="rutin-warning-marker">Viktigt:</strong> {inline(w.text)}</p>'
        f"{trace_html(ctx, from_src, w.quotes, w.interpretations)}</div>"
        for n, w in enumerate(items, start=1)
    )
    return _admonition("danger", "Varning", body, "rutin-warning")


def notes_block(ctx: PageContext, from_src: str, notes: Iterable[Note]) -> str:
    items = list(notes)
    if not items:
        return ""
    body = "<ul>" + "".join(
        f'<li id="upplysning-{n}">{inline(note.text)}'
        f"{trace_html(ctx, from_src, note.quotes, note.interpretations)}</li>"
        for n, note in enumerate(items, start=1)
    ) + "</ul>"
    return _admonition("note", "Bra att veta", body, "rutin-note")


def _phrase_body(phrase: Phrase) -> str:
    if phrase.text is not None:
        # Material adds its copy button to every `pre > code`.
        return f"<pre><code>{escape(phrase.text)}</code></pre>"
    return f'<p class="rutin-phrase-location">Var frasen finns: {inline(phrase.location or "")}</p>'


def phrase_block(ctx: PageContext, from_src: str, phrase: Phrase) -> str:
    link = href(ctx, from_src, site_paths.phrases_page(ctx.routine.id), f"fras-{phrase.id}")
    return (
        f'<div class="rutin-phrase" data-phrase="{escape(phrase.id)}">'
        f'<p class="rutin-phrase-title">Frasmall <a href="{escape(link)}">'
        f"{escape(phrase.title)}</a> ({escape(phrase.system)})</p>"
        f"{_phrase_body(phrase)}</div>"
    )


def _phrase(ctx: PageContext, phrase_id: str) -> Phrase | None:
    library = ctx.routine.phrases
    if library is None:
        return None
    return next((p for p in library.phrases if p.id == phrase_id), None)


def _when_attr(step: Step) -> str:
    if not step.when:
        return ""
    data = {k: list(v) for k, v in step.when.items()}
    return f" data-when='{escape(json.dumps(data, ensure_ascii=False))}'"


def _when_text(step: Step, questions: tuple[Question, ...]) -> str:
    """Visible condition ("Gäller när: …") so the page reads right without JavaScript."""
    parts = []
    for qid, values in step.when.items():
        question = next((q for q in questions if q.id == qid), None)
        if question is None:
            continue
        labels = " eller ".join(question.label_of(v) for v in values)
        parts.append(f"{plain(question.question)} {labels}")
    if not parts:
        return ""
    return f'<p class="rutin-step-when"><em>Gäller när:</em> {escape("; ".join(parts))}</p>'


def step_item(ctx: PageContext, from_src: str, checklist: Checklist, step: Step) -> str:
    sid = escape(step.id)
    critical = " rutin-critical" if step.critical else ""
    attrs = f' id="steg-{sid}" data-step="{sid}"'
    attrs += " data-critical" if step.critical else ""
    attrs += _when_attr(step)
    marker = CRITICAL_MARKER if step.critical else ""
    parts = [
        f'<li class="rutin-step{critical}"{attrs}>',
        f'<input type="checkbox" class="rutin-tick" id="tick-{sid}">',
        f'<label for="tick-{sid}" class="rutin-step-text">{marker}{inline(step.text)}</label>',
        _when_text(step, checklist.questions),
    ]
    if step.detail:
        parts.append(f'<div class="rutin-step-detail">{paragraphs(step.detail)}</div>')
    if step.substeps:
        subs = "".join(f"<li>{inline(s)}</li>" for s in step.substeps)
        parts.append(f'<ul class="rutin-substeps">{subs}</ul>')
    if step.phrase:
        phrase = _phrase(ctx, step.phrase)
        if phrase is not None:
            parts.append(phrase_block(ctx, from_src, phrase))
    parts.append(trace_html(ctx, from_src, step.quotes, step.interpretations))
    parts.append("</li>")
    return "".join(p for p in parts if p)


def question_block(question: Question) -> str:
    qid = escape(question.id)
    options = "".join(
        f'<label><input type="radio" name="q-{qid}" value="{escape(o.value)}"> '
        f"{escape(o.label)}</label>"
        for o in question.options
    )
    help_text = ""
    if question.help:
        help_text = f'<p class="rutin-question-help">{inline(question.help)}</p>'
    return (
        f'<fieldset class="rutin-question" data-question="{qid}">'
        f"<legend>{inline(question.question)}</legend>{help_text}{options}</fieldset>"
    )


def _related_list(ctx: PageContext, from_src: str, ids: Iterable[str]) -> str:
    items = []
    for item_id in ids:
        item = ctx.routine.item(item_id)
        if item is None:
            continue
        link = href(ctx, from_src, _item_src(ctx.routine, item))
        kind = "Beslutsstöd" if isinstance(item, DecisionTable) else "Checklista"
        items.append(
            f'<li><a href="{escape(link)}">{escape(plain(item.title))}</a> '
            f'<span class="rutin-kind">({kind})</span></li>'
        )
    return f'<ul class="rutin-related">{"".join(items)}</ul>' if items else ""


def _reference_list(ctx: PageContext, from_src: str, ids: Iterable[str]) -> str:
    items = []
    for ref_id in ids:
        ref = next((r for r in ctx.routine.references if r.id == ref_id), None)
        if ref is None:
            continue
        entry = reference_html(ref.title, ref.url, ref.location, ref.description)
        marks = interpretation_marks(ctx, from_src, ref.interpretations)
        items.append(f"<li>{entry}{marks}</li>")
    return f'<ul class="rutin-references">{"".join(items)}</ul>' if items else ""


def reference_html(
    title: str, url: str | None, location: str | None, description: str | None
) -> str:
    if url:
        head = f'<a href="{escape(url)}">{escape(title)}</a>'
    else:
        head = f"<strong>{escape(title)}</strong>"
    tail = ""
    if description:
        tail += f" – {inline(description)}"
    if location:
        tail += f' <span class="rutin-location">Finns: {inline(location)}</span>'
    return head + tail


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


def changed_label(routine: Routine, item: Checklist | DecisionTable) -> tuple[str, str]:
    """("Senast ändrad", date) from the item itself, else the routine's latest change."""
    if item.changed:
        return "Senast ändrad", item.changed
    return "Rutinen senast ändrad", routine.last_changed


def meta_block(ctx: PageContext, item: Checklist | DecisionTable) -> str:
    """Source section, version, last change and governance (traceability on screen)."""
    label, changed = changed_label(ctx.routine, item)
    document = ctx.routine.source_document or ctx.routine.title
    facts = "".join(
        f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in governance(ctx.routine)
    )
    return (
        '<div class="rutin-meta">'
        f'<p class="rutin-source"><strong>Källa:</strong> avsnittet ”{escape(item.source)}” '
        f"i rutinen {escape(document)}.</p>"
        f'<p class="rutin-version"><strong>Version:</strong> <code>{escape(item.version)}</code>'
        f" · <strong>{escape(label)}:</strong> <time datetime=\"{escape(changed)}\">"
        f"{escape(changed)}</time></p>"
        f'<dl class="rutin-facts rutin-governance">{facts}</dl></div>'
    )


def qr_svg(url: str) -> str:
    """Inline SVG QR code of the page address, generated at build time (no service)."""
    qr = segno.make(url, error="m")
    svg: str = qr.svg_inline(scale=2, border=2, title=f"QR-kod: {url}")
    return svg


def print_footer(ctx: PageContext, src: str, title: str, version: str, changed: str) -> str:
    url = site_paths.absolute_url(ctx.site_url, src)
    return (
        # Only printed (site.css, site.js); kept out of search and screen readers.
        '<footer class="rutin-print-footer" aria-hidden="true" data-search-exclude>'
        f'<p class="rutin-print-title">{escape(ctx.routine.title)} · {escape(plain(title))}</p>'
        f'<p class="rutin-print-meta">Version {escape(version)} · senast ändrad {escape(changed)}'
        f" · {printing.print_date_html()}</p>"
        f'<p class="rutin-print-outdated">{escape(printing.OUTDATED_SENTENCE)}</p>'
        f'<p class="rutin-print-url">{escape(url)}</p>'
        f'<div class="rutin-print-qr">{qr_svg(url)}</div>'
        "</footer>"
    )


def _section(title: str, anchor: str, body: str) -> str:
    return f"## {md_text(title)} {{#{anchor}}}\n\n{body}\n" if body else ""


# --------------------------------------------------------------------------- pages


def checklist_page(ctx: PageContext, checklist: Checklist) -> str:
    src = site_paths.checklist_page(ctx.routine.id, checklist.id)
    r = ctx.routine
    functions = " ".join(checklist.functions)
    questions = "".join(question_block(q) for q in checklist.questions)
    steps = "".join(step_item(ctx, src, checklist, s) for s in checklist.steps)
    pause = (
        '<li class="rutin-pause">Stanna upp och bekräfta att varje steg nedan är gjort.</li>'
        if checklist.kind == "do-confirm"
        else ""
    )
    container = (
        f'<div class="rutin-checklist" data-checklist="{escape(r.id)}/{escape(checklist.id)}" '
        f'data-version="{escape(checklist.version)}" data-kind="{escape(checklist.kind)}" '
        f'data-functions="{escape(functions)}">\n'
        '<div class="rutin-toolbar" hidden></div>\n'
        f"{questions}"
        f'<ol class="rutin-steps">{pause}{steps}</ol>\n'
        "</div>"
    )
    changed = checklist.changed or r.last_changed
    body = [
        front_matter(checklist.title, checklist.keywords, checklist.summary, 2),
        f"# {md_text(checklist.title)}\n",
        f'<div class="rutin-summary">{paragraphs(checklist.summary)}'
        f'<p class="rutin-kind-label">{escape(KIND_LABEL[checklist.kind])}</p></div>\n',
        warnings_block(ctx, src, checklist.warnings) + "\n" if checklist.warnings else "",
        printing.pdf_link_html(src, r.id, checklist.id, ctx.use_directory_urls,
                               ctx.link_style == "source") + "\n",
        _section("Steg", "steg", container),
        notes_block(ctx, src, checklist.notes) + "\n" if checklist.notes else "",
        _section("Hör ihop med", "hor-ihop-med", _related_list(ctx, src, checklist.related)),
        _section("Referenser", "referenser", _reference_list(ctx, src, checklist.references)),
        _section("Källa och version", "kalla-och-version", meta_block(ctx, checklist)),
        print_footer(ctx, src, checklist.title, checklist.version, changed) + "\n",
    ]
    return "\n".join(b for b in body if b)


def decision_rows(ctx: PageContext, from_src: str, table: DecisionTable) -> str:
    head = "".join(f'<th scope="col">{inline(q.question)}</th>' for q in table.inputs)
    rows = []
    for n, rule in enumerate(table.rules, start=1):
        cells = []
        for q in table.inputs:
            values = rule.when.get(q.id)
            text = " eller ".join(escape(q.label_of(v)) for v in values) if values else (
                '<span class="rutin-any">Spelar ingen roll</span>'
            )
            cells.append(f'<td data-label="{escape(plain(q.question))}">{text}</td>')
        marker = CRITICAL_MARKER if rule.then.critical else ""
        actions = ""
        if rule.then.actions:
            actions = "<ol>" + "".join(
                f"<li>{inline(a.text)}{interpretation_marks(ctx, from_src, a.interpretations)}"
                "</li>" for a in rule.then.actions) + "</ol>"
        quotes = [*rule.then.quotes, *(q for a in rule.then.actions for q in a.quotes)]
        actions += interpretation_marks(ctx, from_src, rule.then.interpretations)
        actions += quotes_block(ctx, from_src, quotes)
        classes = " ".join(c for c, on in (("rutin-critical", rule.then.critical),
                                           ("rutin-not-stated", rule.then.not_stated)) if on)
        critical = f' class="{classes}"' if classes else ""
        critical += " data-critical" if rule.then.critical else ""
        rows.append(
            f'<tr id="regel-{escape(rule.id)}"{critical}>'
            f'<th scope="row" data-label="Regel">{n}</th>{"".join(cells)}'
            f'<td data-label="Utfall och åtgärder">{marker}{inline(rule.then.outcome)}{actions}'
            "</td></tr>"
        )
    return (
        '<div class="rutin-table-wrap"><table class="rutin-decision-table">'
        f'<caption>Alla regler. {escape(HIT_POLICY_LABEL[table.hit_policy])}</caption>'
        f'<thead><tr><th scope="col">Regel</th>{head}<th scope="col">Utfall och åtgärder</th>'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def decision_page(ctx: PageContext, table: DecisionTable) -> str:
    src = site_paths.decision_page(ctx.routine.id, table.id)
    r = ctx.routine
    wizard = (
        f'<div class="rutin-decision" data-decision="{escape(r.id)}/{escape(table.id)}" '
        f'data-version="{escape(table.version)}" '
        f'data-functions="{escape(" ".join(table.functions))}" '
        # The table as an attribute, not a <script type="application/json">: Material's
        # instant navigation re-inserts every inline <script> of a page as plain JS
        # (dropping its type and class), so JSON in a script would throw a SyntaxError
        # and the wizard would lose its data (see MARKUP.md).
        f"data-table='{escape(script_json(table_json(table)))}'>\n"
        '<form class="rutin-wizard" hidden></form>\n'
        '<div class="rutin-outcome" aria-live="polite"></div>\n'
        f"{decision_rows(ctx, src, table)}\n"
        "</div>"
    )
    changed = table.changed or r.last_changed
    body = [
        front_matter(table.title, table.keywords, table.summary, 2),
        f"# {md_text(table.title)}\n",
        f'<div class="rutin-summary">{paragraphs(table.summary)}</div>\n',
        printing.pdf_link_html(src, r.id, table.id, ctx.use_directory_urls,
                               ctx.link_style == "source") + "\n",
        _section("Beslutsstöd", "beslutsstod", wizard),
        notes_block(ctx, src, table.notes) + "\n" if table.notes else "",
        _section("Hör ihop med", "hor-ihop-med", _related_list(ctx, src, table.related)),
        _section("Referenser", "referenser", _reference_list(ctx, src, table.references)),
        _section("Källa och version", "kalla-och-version", meta_block(ctx, table)),
        print_footer(ctx, src, table.title, table.version, changed) + "\n",
    ]
    return "\n".join(b for b in body if b)


def phrases_page(ctx: PageContext) -> str:
    library = ctx.routine.phrases
    assert library is not None
    src = site_paths.phrases_page(ctx.routine.id)
    users: dict[str, list[Checklist]] = {}
    for c in ctx.routine.checklists:
        for s in c.steps:
            if s.phrase and c not in users.setdefault(s.phrase, []):
                users[s.phrase].append(c)
    keywords = list(library.keywords) + [p.title for p in library.phrases]
    parts = [
        front_matter(library.title, dict.fromkeys(keywords), library.summary or library.title, 1),
        f"# {md_text(library.title)}\n",
        f'<div class="rutin-summary">{paragraphs(library.summary)}</div>\n'
        if library.summary
        else "",
    ]
    for phrase in library.phrases:
        used = "".join(
            f'<li><a href="{escape(href(ctx, src, _item_src(ctx.routine, c)))}">'
            f"{escape(plain(c.title))}</a></li>"
            for c in users.get(phrase.id, [])
        )
        body = (
            f'<div class="rutin-phrase" data-phrase="{escape(phrase.id)}">'
            f'<p class="rutin-phrase-system"><strong>System:</strong> {escape(phrase.system)}</p>'
            + (f'<p class="rutin-phrase-use">{inline(phrase.use)}</p>' if phrase.use else "")
            + _phrase_body(phrase)
            + trace_html(ctx, src, phrase.quotes, phrase.interpretations)
            + (f'<p>Används i:</p><ul class="rutin-related">{used}</ul>' if used else "")
            + '<p class="rutin-source"><strong>Källa:</strong> '
            + f"avsnittet ”{escape(phrase.source)}”.</p>"
            + "</div>"
        )
        parts.append(_section(phrase.title, f"fras-{phrase.id}", body))
    return "\n".join(p for p in parts if p)


def _item_entry(ctx: PageContext, src: str, item: Checklist | DecisionTable) -> str:
    link = href(ctx, src, _item_src(ctx.routine, item))
    kind = "Beslutsstöd" if isinstance(item, DecisionTable) else "Checklista"
    return (
        f'<li data-functions="{escape(" ".join(item.functions))}">'
        f'<a href="{escape(link)}"><strong>{escape(plain(item.title))}</strong></a> '
        f'<span class="rutin-kind">({kind})</span><br>{inline(item.summary)}</li>'
    )


def _change(change: Change) -> str:
    return f'<li><time datetime="{escape(change.date)}">{escape(change.date)}</time> ' + (
        f"{inline(change.text)}</li>"
    )


def routine_page(ctx: PageContext) -> str:
    r = ctx.routine
    src = site_paths.routine_page(r.id)
    parts = [
        front_matter(r.title, r.keywords, r.purpose, 1),
        f"# {md_text(r.title)}\n",
        f'<div class="rutin-summary" id="syfte"><p><strong>Syfte:</strong> {inline(r.purpose)}'
        "</p></div>\n",
        _admonition("info", "Omfattning", paragraphs(r.scope), "rutin-scope", "omfattning")
        + "\n",
    ]
    facts = [
        ("Senast ändrad", r.last_changed),
        *governance(r),
        ("Källdokument", r.source_document or NOT_STATED),
    ]
    dl = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in facts)
    parts.append(f'<dl class="rutin-facts">{dl}</dl>\n')
    parts.append(printing.pdf_link_html(src, r.id, None, ctx.use_directory_urls,
                                        ctx.link_style == "source") + "\n")

    # Only what a unit may not use: a common function is never offered (nor hidden).
    filter_data = script_json(
        [{"id": f.id, "title": f.title} for f in r.functions if not f.common]
    )
    parts.append(
        f"<div class=\"rutin-function-filter\" data-functions='{escape(filter_data)}'></div>\n"
    )
    grouped: set[str] = set()
    group_html = []
    for group in r.groups:
        entries = []
        for item_id in group.items:
            item = r.item(item_id)
            if item is not None:
                grouped.add(item_id)
                entries.append(_item_entry(ctx, src, item))
        group_html.append(
            f"### {md_text(group.title)} {{#grupp-{group.id}}}\n\n"
            f'<ul class="rutin-items">{"".join(entries)}</ul>\n'
        )
    everything: list[Checklist | DecisionTable] = [*r.checklists, *r.decisions]
    rest = [i for i in everything if i.id not in grouped]
    if rest:
        entries = [_item_entry(ctx, src, i) for i in rest]
        group_html.append(
            "### Övrigt {#grupp-ovrigt}\n\n" f'<ul class="rutin-items">{"".join(entries)}</ul>\n'
        )
    if r.phrases is not None:
        link = href(ctx, src, site_paths.phrases_page(r.id))
        group_html.append(
            f"### {md_text(r.phrases.title)} {{#grupp-frasmallar}}\n\n"
            f'<ul class="rutin-items"><li><a href="{escape(link)}"><strong>'
            f"{escape(r.phrases.title)}</strong></a><br>"
            f"{inline(r.phrases.summary or 'Alla frasmallar i rutinen.')}</li></ul>\n"
        )
    parts.append("## Checklistor och beslutsstöd {#checklistor}\n\n" + "\n".join(group_html))

    for section in r.sections:
        body = "".join(f"<p>{inline(p)}</p>" for p in section.paragraphs)
        if section.bullets:
            body += "<ul>" + "".join(f"<li>{inline(b)}</li>" for b in section.bullets) + "</ul>"
        body += _reference_list(ctx, src, section.references)
        body += quotes_block(ctx, src, section.quotes)
        parts.append(_section(section.title, f"avsnitt-{section.id}", f"<div>{body}</div>"))

    latest = r.last_changed
    news = [c for c in r.changelog if c.date == latest]
    parts.append(
        _section(
            "Nytt i denna version",
            "nytt",
            "<ul>" + "".join(_change(c) for c in news) + "</ul>",
        )
    )
    parts.append(
        _section(
            "Ändringshistorik",
            "andringshistorik",
            '<ul class="rutin-changelog">'
            + "".join(_change(c) for c in r.changelog)
            + "</ul>",
        )
    )
    if r.corrections:
        rows = "".join(
            f"<tr><td>{escape(c.original)}</td><td>{escape(c.corrected)}</td>"
            f"<td>{escape(c.source)}</td><td>{inline(c.reason or '')}</td></tr>"
            for c in r.corrections
        )
        parts.append(
            _section(
                "Rättelser av källtexten",
                "rattelser",
                '<div class="rutin-table-wrap"><table class="rutin-corrections"><thead><tr>'
                '<th scope="col">I källan</th><th scope="col">Här</th><th scope="col">Avsnitt</th>'
                f'<th scope="col">Varför</th></tr></thead><tbody>{rows}</tbody></table></div>',
            )
        )
    if r.references:
        items = "".join(
            f'<li id="ref-{escape(ref.id)}">'
            f"{reference_html(ref.title, ref.url, ref.location, ref.description)}"
            f"{trace_html(ctx, src, ref.quotes, ref.interpretations)}</li>"
            for ref in r.references
        )
        refs = f'<ul class="rutin-references">{items}</ul>'
        parts.append(_section("Referenser", "referenser", refs))
    if r.glossary:
        items = "".join(
            f'<dt id="begrepp-{escape(t.id)}">{escape(t.term)}</dt><dd>{inline(t.meaning)}</dd>'
            for t in r.glossary
        )
        parts.append(_section("Ordlista", "ordlista", f'<dl class="rutin-glossary">{items}</dl>'))
    return "\n".join(p for p in parts if p)
