"""The routine owner's pages: Spårbarhet (the source sentence by sentence, with every
place that uses it) and Frågor till rutinägaren (unconfirmed readings and what the
source leaves open). Kept out of search and the staff path; printable for sign-off.

Built from the same trace as the rules (trace.py), so what the owner signs is what
`rutin check` proved.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import site_paths, trace
from .decide import combinations, evaluate
from .load import load_file
from .model import DecisionTable, Routine
from .render import PageContext, front_matter, href, quotes_block
from .safe_html import escape, inline, md_text, plain
from .texts import INTERPRETATION_UNCONFIRMED, NOT_STATED, NOT_STATED_SENTENCE

OWNER_NOTE = (
    "Sidan är till för rutinägaren och granskare. Personalen använder checklistorna och "
    "beslutsstöden; den här sidan visar vad de vilar på."
)


@dataclass(frozen=True)
class RoutineTrace:
    """A routine's items with their quotes, and the coverage of its source."""

    items: list[trace.Traced]
    coverage: trace.Coverage


def routine_trace(ctx: PageContext) -> RoutineTrace | None:
    """Read the routine's files again as plain data (they passed validation) and trace."""
    routine = ctx.routine
    if ctx.source is None or routine.file is None:
        return None
    items: list[trace.Traced] = []

    def data(path: Path | None) -> dict[str, object]:
        return (load_file(path).data or {}) if path is not None else {}

    items += trace.routine_items(routine.file, data(routine.file))
    for checklist in routine.checklists:
        items += trace.checklist_items(checklist.file or Path(), data(checklist.file))
    for table in routine.decisions:
        items += trace.decision_items(table.file or Path(), data(table.file))
    if routine.phrases is not None:
        items += trace.phrase_items(routine.phrases.file or Path(), data(routine.phrases.file))
    register = [(u.text, u.reason) for u in routine.unquoted]
    return RoutineTrace(items, trace.coverage(ctx.source, items, register))


def item_page(routine: Routine, item: trace.Traced) -> str:
    if item.owner_kind == "checklist":
        return site_paths.checklist_page(routine.id, item.owner_id)
    if item.owner_kind == "decision":
        return site_paths.decision_page(routine.id, item.owner_id)
    if item.owner_kind == "phrases":
        return site_paths.phrases_page(routine.id)
    return site_paths.routine_page(routine.id)


def item_link(ctx: PageContext, from_src: str, item: trace.Traced) -> str:
    link = href(ctx, from_src, item_page(ctx.routine, item), item.anchor)
    owner = plain(item.owner_title)
    return (f'<a href="{escape(link)}">{escape(owner)}</a> – '
            f"{escape(item.label)}")


def _uses(ctx: PageContext, src: str, items: list[trace.Traced]) -> str:
    seen: dict[tuple[str, str], trace.Traced] = {}
    for item in items:
        seen.setdefault((item.owner_id, item.anchor + item.kind), item)
    return "<ul>" + "".join(f"<li>{item_link(ctx, src, i)}</li>" for i in seen.values()) + "</ul>"


def _sentence_rows(ctx: PageContext, src: str, result: RoutineTrace) -> str:
    """One table per heading of the source, a row per sentence."""
    out: list[str] = ["### Inledning {#inledning}\n"]
    rows: list[str] = []

    def close() -> None:
        if rows:
            out.append(
                '<div class="rutin-table-wrap"><table class="rutin-trace">'
                '<thead><tr><th scope="col">Mening</th><th scope="col">Rad</th>'
                '<th scope="col">Källtext</th><th scope="col">Används i</th></tr></thead>'
                f"<tbody>{''.join(rows)}</tbody></table></div>"
            )
            rows.clear()

    for use in result.coverage.uses:
        s = use.sentence
        if s.kind == "toc":
            continue
        if s.kind == "heading":
            close()
            out.append(f"### {md_text(s.text)} {{#{s.anchor}}}\n")
            continue
        if use.users:
            used = _uses(ctx, src, use.users)
            if use.missing:
                reason = f" – {escape(use.reason)}" if use.reasons else ""
                used += (f'<p class="rutin-trace-missing">Ej citerat: '
                         f"”{escape(use.missing)}”{reason}</p>")
        else:
            used = f'<p class="rutin-trace-reason"><em>Ej citerad:</em> {escape(use.reason)}</p>'
        css = f' class="rutin-trace-{s.kind}"' if s.kind != "text" else ""
        rows.append(
            f'<tr id="{s.anchor}"{css}><td>{s.number}</td><td>{s.line}</td>'
            f"<td>{escape(s.text)}</td><td>{used}</td></tr>"
        )
    close()
    toc = [s for s in result.coverage.uses if s.sentence.kind == "toc"]
    if toc:
        out.append(f"<p>Innehållsförteckningen (rad {toc[0].sentence.line}–"
                   f"{toc[-1].sentence.line}) listar rubrikerna ovan.</p>")
    return "\n".join(out)


def _answers(table: DecisionTable, answers: dict[str, str]) -> str:
    return "; ".join(
        f"{plain(q.question)} <strong>{escape(q.label_of(answers[q.id]))}</strong>"
        for q in table.inputs
    )


def decision_report(ctx: PageContext, src: str, table: DecisionTable) -> str:
    """Every combination of answers, the rule it leads to and what that rule rests on."""
    page = site_paths.decision_page(ctx.routine.id, table.id)
    rows = []
    for answers in combinations(table):
        rule = evaluate(table, answers)
        if rule is None:
            continue  # a gap fails rutin check; a published table has none
        link = href(ctx, src, page, f"regel-{rule.id}")
        quotes = [*rule.then.quotes, *(q for a in rule.then.actions for q in a.quotes)]
        basis = (f"<em>{NOT_STATED_SENTENCE}</em> – citerar vad källan säger i närheten"
                 if rule.then.not_stated else f"{len(dict.fromkeys(quotes))} citat")
        rows.append(
            f"<tr><td>{_answers(table, answers)}</td>"
            f'<td><a href="{escape(link)}">{escape(rule.id)}</a></td><td>{basis}'
            f"{quotes_block(ctx, src, quotes)}</td></tr>"
        )
    link = href(ctx, src, page)
    return (
        f"### {md_text(table.title)} {{#kombinationer-{table.id}}}\n\n"
        f'<p><a href="{escape(link)}">Beslutsstödet</a>: {len(rows)} kombinationer av svar.'
        "</p>\n"
        '<div class="rutin-table-wrap"><table class="rutin-trace-decision"><thead><tr>'
        '<th scope="col">Svar</th><th scope="col">Regel</th><th scope="col">Vilar på</th>'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div>\n"
    )


SIGN_OFF = (
    '<div class="rutin-sign-off"><h2 id="signering">Granskning mot källan</h2>'
    "<p>Jag har granskat att innehållet ovan återger källtexten och att tolkningarna på "
    "sidan Frågor till rutinägaren är besvarade.</p>"
    "<dl><dt>Namn</dt><dd></dd><dt>Roll</dt><dd></dd><dt>Datum</dt><dd></dd>"
    "<dt>Underskrift</dt><dd></dd></dl></div>"
)


def trace_page(ctx: PageContext, result: RoutineTrace | None) -> str:
    src = site_paths.trace_page(ctx.routine.id)
    title = "Spårbarhet"
    head = [
        _front(title, "Källtexten mening för mening med var varje mening används."),
        f"# {title}\n",
        f"<p>{escape(OWNER_NOTE)} Här står rutinens källtext mening för mening, med varje "
        "steg, varning, upplysning, utfall och avsnitt som vilar på meningen, eller skälet "
        "till att ingen gör det. Sidan kan skrivas ut för granskning.</p>\n",
    ]
    if result is None or ctx.source is None:
        return "\n".join([*head, "<p>Rutinen har ingen källtext (source_file).</p>"])
    coverage = result.coverage
    header = " ".join(line for line in ctx.source.header if line)
    facts = (
        '<dl class="rutin-facts">'
        f"<dt>Källtext</dt><dd><code>{escape(ctx.source.path.name)}</code></dd>"
        f"<dt>Täckning</dt><dd>{escape(coverage.summary())}.</dd></dl>\n"
        f'<p class="rutin-source-header">{escape(header)}</p>\n'
    )
    tables = "\n".join(decision_report(ctx, src, t) for t in ctx.routine.decisions)
    return "\n".join([
        *head,
        facts,
        "## Källtexten {#kalltexten}\n",
        _sentence_rows(ctx, src, result),
        "## Beslutsstöden prövade mot källan {#beslutsstod}\n",
        "<p>Varje kombination av svar, regeln den leder till och citaten som regeln vilar "
        "på. Ett utfall där rutinen inte anger något citerar vad källan säger i närheten "
        "och går aldrig före ett utfall som vilar på källan (<code>rutin check</code>).</p>",
        tables,
        SIGN_OFF,
    ])


def _front(title: str, description: str) -> str:
    fm = front_matter(title, [], description, 0.1)
    # Owner pages hold the whole source: kept out of the staff search.
    return fm.replace("search:\n  boost: 0.1\n", "search:\n  exclude: true\n")


def questions_page(ctx: PageContext, result: RoutineTrace | None) -> str:
    src = site_paths.questions_page(ctx.routine.id)
    items = result.items if result is not None else []
    title = "Frågor till rutinägaren"
    parts = [
        _front(title, "Tolkningar som väntar på rutinägarens bekräftelse och situationer "
               "som rutinen inte anger."),
        f"# {title}\n",
        f"<p>{escape(OWNER_NOTE)} Varje tolkning nedan är en läsning som går utöver "
        "rutinens ord. Innehåll som bygger på en obekräftad tolkning visas med "
        f"”{INTERPRETATION_UNCONFIRMED}”. Bekräfta en tolkning genom att ange "
        "<code>status: \"bekräftad\"</code>, <code>confirmed_by</code> (roll) och "
        "<code>confirmed_on</code> (datum) i <code>routine.yaml</code>, eller ändra "
        "innehållet.</p>\n",
    ]
    open_items = [i for i in ctx.routine.interpretations if not i.confirmed]
    confirmed = [i for i in ctx.routine.interpretations if i.confirmed]
    for heading, anchor, group in (
        ("Tolkningar som väntar på bekräftelse", "obekraftade", open_items),
        ("Bekräftade tolkningar", "bekraftade", confirmed),
    ):
        if not group:
            continue
        parts.append(f"## {heading} {{#{anchor}}}\n")
        for number, reading in enumerate(group, start=1):
            users = [i for i in items if reading.id in i.interpretations]
            users += _input_users(ctx, reading.id)
            used = _uses(ctx, src, users) if users else "<p>Används inte.</p>"
            status = (f"Bekräftad av {escape(reading.confirmed_by or '')} "
                      f"{escape(reading.confirmed_on or '')}" if reading.confirmed
                      else "Obekräftad")
            quotes = "".join(f'<blockquote class="rutin-quote"><p>”{escape(q)}”</p>'
                             "</blockquote>" for q in reading.quotes)
            parts.append(
                f'<div class="rutin-interpretation-entry" id="{escape(reading.id)}">'
                f"<h3>Tolkning {number}: {escape(_short(reading.quotes[0]))}</h3>{quotes}"
                f'<dl class="rutin-facts"><dt>Läsning</dt><dd>{inline(reading.reading)}</dd>'
                f"<dt>Varför</dt><dd>{inline(reading.why)}</dd>"
                f"<dt>Status</dt><dd>{status}</dd></dl>"
                f"<p>Där den har betydelse:</p>{used}</div>\n"
            )
    silent = [i for i in items if i.not_stated or NOT_STATED in i.text.lower()]
    parts.append("## Situationer som rutinen inte anger {#anges-ej}\n")
    parts.append(
        f"<p>Här säger innehållet ”{NOT_STATED}”. Rutinägaren kan avgöra om rutinen "
        "ska kompletteras.</p>"
        + (_uses(ctx, src, silent) if silent else "<p>Inga.</p>")
    )
    unquoted = [u for u in (result.coverage.text_uses if result else []) if
                not u.users and u.reasons]
    if unquoted:
        trace_src = site_paths.trace_page(ctx.routine.id)
        entries = "".join(
            f'<li><a href="{escape(href(ctx, src, trace_src, u.sentence.anchor))}">'
            f"Rad {u.sentence.line}</a>: ”{escape(u.sentence.text)}” – "
            f"<em>{escape(u.reason)}</em></li>" for u in unquoted)
        parts.append(
            "## Meningar som inget innehåll citerar {#ej-citerade}\n\n"
            "<p>Med skäl ur registret <code>unquoted</code>; se också "
            f'<a href="{escape(href(ctx, src, trace_src))}">Spårbarhet</a>.</p>'
            f"<ul>{entries}</ul>"
        )
    return "\n".join(parts)


def _short(quote: str, limit: int = 70) -> str:
    text = " ".join(quote.split())
    return f"”{text}”" if len(text) <= limit else f"”{text[: limit - 1].rstrip()}…”"


def _input_users(ctx: PageContext, reading_id: str) -> list[trace.Traced]:
    """Decision questions that depend on the reading (their help text says so)."""
    found = []
    for table in ctx.routine.decisions:
        for n, question in enumerate(table.inputs):
            if reading_id in question.interpretations:
                found.append(trace.Traced(
                    table.file or Path(), ("inputs", n), "question", "decision", table.id,
                    table.title, "beslutsstod", f"Frågan: {question.question}", (),
                    question.interpretations))
    return found
