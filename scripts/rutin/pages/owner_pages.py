"""The routine owner's pages: Spårbarhet (the source sentence by sentence, with every
place that uses it), Frågor till rutinägaren (unconfirmed readings and what the
source leaves open) and Scenarier (the clinical scenarios, scenarios.py). Kept out of
search and the staff path; printable for sign-off.

Built from the trace and coverage validation made (the routine's proof,
model/provenance.py), so what the owner signs is what `rutin check` proved.
"""

from __future__ import annotations

from dataclasses import dataclass

from rutin.check import trace
from rutin.load.yaml_reader import format_path
from rutin.model import scenarios, tasks
from rutin.model.decide import combinations, evaluate
from rutin.model.records import DecisionTable, Interpretation, Routine, Scenario
from rutin.pages.page_parts import (
    PageContext,
    PageMeta,
    PageText,
    front_matter,
    heading,
    href,
    interpretation_marks,
    page,
    page_title,
    quotes_block,
)
from rutin.pages.safe_html import Html, inline, plain
from rutin.site import site_paths
from rutin.texts import INTERPRETATION_UNCONFIRMED, NOT_STATED, NOT_STATED_SENTENCE

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
    """The routine's trace and coverage as validation made them (the routine's proof):
    nothing is read, traced or counted again. None without a source text."""
    proof = ctx.routine.proof
    if ctx.source is None or proof is None or proof.coverage is None:
        return None
    return RoutineTrace(list(proof.items), proof.coverage)


def item_page(routine: Routine, item: trace.Traced) -> str:
    if item.owner_kind == "checklist":
        return site_paths.checklist_page(routine.id, item.owner_id)
    if item.owner_kind == "decision":
        return site_paths.decision_page(routine.id, item.owner_id)
    if item.owner_kind == "phrases":
        return site_paths.phrases_page(routine.id)
    if item.owner_kind == "task":
        return site_paths.task_page(routine.id, item.owner_id)
    return site_paths.routine_page(routine.id)


def item_link(ctx: PageContext, from_src: str, item: trace.Traced) -> Html:
    link = href(ctx, from_src, item_page(ctx.routine, item), item.anchor)
    return Html('<a href="{}">{}</a> – {}').format(link, plain(item.owner_title), item.label)


def _uses(ctx: PageContext, src: str, items: list[trace.Traced]) -> Html:
    seen: dict[tuple[str, str], trace.Traced] = {}
    for item in items:
        seen.setdefault((item.owner_id, item.anchor + item.kind), item)
    return Html("<ul>{}</ul>").format(Html().join(
        Html("<li>{}</li>").format(item_link(ctx, src, i)) for i in seen.values()))


def _used_in(ctx: PageContext, src: str, use: trace.SentenceUse) -> Html:
    """Where a sentence is used, what of it is not, or why nothing quotes it."""
    if not use.users:
        return Html('<p class="rutin-trace-reason"><em>Ej citerad:</em> {}</p>').format(
            use.reason)
    used = _uses(ctx, src, use.users)
    if use.missing:
        reason = f" – {use.reason}" if use.reasons else ""
        used += Html('<p class="rutin-trace-missing">Ej citerat: ”{}”{}</p>').format(
            use.missing, reason)
    return used


def _sentence_rows(ctx: PageContext, src: str, result: RoutineTrace) -> Html:
    """One table per heading of the source, a row per sentence."""
    out: list[Html] = [heading(3, "Inledning", "inledning")]
    rows: list[Html] = []

    def close() -> None:
        if rows:
            out.append(Html(
                '<div class="rutin-table-wrap"><table class="rutin-trace">'
                '<thead><tr><th scope="col">Mening</th><th scope="col">Rad</th>'
                '<th scope="col">Källtext</th><th scope="col">Används i</th></tr></thead>'
                "<tbody>{}</tbody></table></div>"
            ).format(Html().join(rows)))
            rows.clear()

    for use in result.coverage.uses:
        s = use.sentence
        if s.kind == "toc":
            continue
        if s.kind == "heading":
            close()
            out.append(heading(3, s.text, s.anchor))
            if use.users:  # a task's stop that rests on the whole section
                out.append(Html('<p class="rutin-trace-heading-use">Rubriken citeras i: {}</p>'
                                ).format(_used_in(ctx, src, use)))
            continue
        css = Html(' class="rutin-trace-{}"').format(s.kind) if s.kind != "text" else Html()
        rows.append(Html('<tr id="{}"{}><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>').format(
            s.anchor, css, s.number, s.line, s.text, _used_in(ctx, src, use)))
    close()
    toc = [s for s in result.coverage.uses if s.sentence.kind == "toc"]
    if toc:
        out.append(Html("<p>Innehållsförteckningen (rad {}–{}) listar rubrikerna ovan.</p>").format(
            toc[0].sentence.line, toc[-1].sentence.line))
    return Html("\n").join(out)


def _answers(table: DecisionTable, answers: dict[str, str]) -> Html:
    return Html("; ").join(
        Html("{} <strong>{}</strong>").format(plain(q.question), q.label_of(answers[q.id]))
        for q in table.inputs
    )


def decision_report(ctx: PageContext, src: str, table: DecisionTable) -> Html:
    """Every combination of answers, the rule it leads to and what that rule rests on."""
    page = site_paths.decision_page(ctx.routine.id, table.id)
    rows = []
    for answers in combinations(table):
        rule = evaluate(table, answers)
        if rule is None:
            continue  # a gap fails rutin check; a published table has none
        quotes = [*rule.then.quotes, *(q for a in rule.then.actions for q in a.quotes)]
        basis = (Html("<em>{}</em> – citerar vad källan säger i närheten").format(
            NOT_STATED_SENTENCE) if rule.then.not_stated
            else Html("{} citat").format(len(dict.fromkeys(quotes))))
        rows.append(Html(
            '<tr><td>{}</td><td><a href="{}">{}</a></td><td>{}{}</td></tr>'
        ).format(_answers(table, answers), href(ctx, src, page, f"regel-{rule.id}"), rule.id,
                 basis, quotes_block(ctx, src, quotes)))
    return heading(3, table.title, f"kombinationer-{table.id}") + Html(
        '\n<p><a href="{link}">Beslutsstödet</a>: {count} kombinationer av svar.</p>\n'
        '<div class="rutin-table-wrap"><table class="rutin-trace-decision"><thead><tr>'
        '<th scope="col">Svar</th><th scope="col">Regel</th><th scope="col">Vilar på</th>'
        "</tr></thead><tbody>{rows}</tbody></table></div>\n"
    ).format(link=href(ctx, src, page), count=len(rows), rows=Html().join(rows))


SIGN_OFF = Html(
    '<div class="rutin-sign-off"><h2 id="signering">Granskning mot källan</h2>'
    "<p>Jag har granskat att innehållet ovan återger källtexten och att tolkningarna på "
    "sidan Frågor till rutinägaren är besvarade.</p>"
    "<dl><dt>Namn</dt><dd></dd><dt>Roll</dt><dd></dd><dt>Datum</dt><dd></dd>"
    "<dt>Underskrift</dt><dd></dd></dl></div>"
)


def trace_page(ctx: PageContext, result: RoutineTrace | None) -> PageText:
    src = site_paths.trace_page(ctx.routine.id)
    title = "Spårbarhet"
    front = _front(title, "Källtexten mening för mening med var varje mening används.")
    head = [
        page_title(title),
        Html("<p>{} Här står rutinens källtext mening för mening, med varje "
             "steg, varning, upplysning, utfall och avsnitt som vilar på meningen, eller skälet "
             "till att ingen gör det. Sidan kan skrivas ut för granskning.</p>\n").format(
            OWNER_NOTE),
    ]
    if result is None or ctx.source is None:
        return page(front, *head, Html("<p>Rutinen har ingen källtext (source_file).</p>"))
    header = " ".join(line for line in ctx.source.header if line)
    facts = Html(
        '<dl class="rutin-facts">'
        "<dt>Källtext</dt><dd><code>{name}</code></dd>"
        "<dt>Täckning</dt><dd>{coverage}.</dd></dl>\n"
        '<p class="rutin-source-header">{header}</p>\n'
    ).format(name=ctx.source.path.name, coverage=result.coverage.summary(), header=header)
    tables = Html("\n").join(decision_report(ctx, src, t) for t in ctx.routine.decisions)
    return page(
        front,
        *head,
        facts,
        heading(2, "Källtexten", "kalltexten"),
        _sentence_rows(ctx, src, result),
        heading(2, "Beslutsstöden prövade mot källan", "beslutsstod"),
        Html("<p>Varje kombination av svar, regeln den leder till och citaten som regeln vilar "
             "på. Ett utfall där rutinen inte anger något citerar vad källan säger i närheten "
             "och går aldrig före ett utfall som vilar på källan (<code>rutin check</code>).</p>"),
        tables,
        SIGN_OFF,
    )


def _front(title: str, description: str) -> PageMeta:
    # Owner pages hold the whole source: kept out of the staff search, which finds them
    # by their title alone (adapters/mkdocs_material/search_index.py title_documents).
    return front_matter(title, [], description, 0.1, searchable=False)


def _interpretation(ctx: PageContext, src: str, number: int, reading: Interpretation,
                    items: list[trace.Traced]) -> Html:
    users = [i for i in items if reading.id in i.interpretations]
    # Role aliases rest on readings too: the start page's role choice (routine.yaml roles).
    aliases = [Html("<li>Startsidans rollval: {} leder till uppgifterna för {}.</li>").format(
        alias.title, role.title) for role in ctx.routine.roles for alias in role.aliases
        if reading.id in alias.interpretations]
    status = (f"Bekräftad av {reading.confirmed_by or ''} {reading.confirmed_on or ''}"
              if reading.confirmed else "Obekräftad")
    quotes = Html().join(Html('<blockquote class="rutin-quote"><p>”{}”</p></blockquote>')
                         .format(q) for q in reading.quotes)
    return Html(
        '<div class="rutin-interpretation-entry" id="{id}">'
        "<h3>Tolkning {number}: {short}</h3>{quotes}"
        '<dl class="rutin-facts"><dt>Läsning</dt><dd>{reading}</dd>'
        "<dt>Varför</dt><dd>{why}</dd>"
        "<dt>Status</dt><dd>{status}</dd></dl>"
        "<p>Där den har betydelse:</p>{used}</div>\n"
    ).format(id=reading.id, number=number, short=_short(reading.quotes[0]), quotes=quotes,
             reading=inline(reading.reading), why=inline(reading.why), status=status,
             used=(_uses(ctx, src, users) if users else Html()) + (
                 Html("<ul>{}</ul>").format(Html().join(aliases)) if aliases else Html())
             or Html("<p>Används inte.</p>"))


def questions_page(ctx: PageContext, result: RoutineTrace | None) -> PageText:
    src = site_paths.questions_page(ctx.routine.id)
    items = result.items if result is not None else []
    title = "Frågor till rutinägaren"
    blocks = [
        page_title(title),
        Html("<p>{} Varje tolkning nedan är en läsning som går utöver "
             "rutinens ord. Innehåll som bygger på en obekräftad tolkning visas med "
             "”{}”. Rutinägaren bekräftar en tolkning med "
             "<code>status: \"bekräftad\"</code>, <code>confirmed_by</code> (id för en "
             "roll under <code>roles</code>), <code>confirmed_on</code> (datum) och en rad "
             "med samma datum i <code>edits</code> i <code>routine.yaml</code>, eller ber "
             "att innehållet ändras. Ändringen går bara igenom med rutinägarens godkännande "
             "i granskningen.</p>\n").format(OWNER_NOTE, INTERPRETATION_UNCONFIRMED),
    ]
    open_items = [i for i in ctx.routine.interpretations if not i.confirmed]
    confirmed = [i for i in ctx.routine.interpretations if i.confirmed]
    for group_title, anchor, group in (
        ("Tolkningar som väntar på bekräftelse", "obekraftade", open_items),
        ("Bekräftade tolkningar", "bekraftade", confirmed),
    ):
        if group:
            blocks.append(heading(2, group_title, anchor))
            blocks += [_interpretation(ctx, src, n, reading, items)
                       for n, reading in enumerate(group, start=1)]
    silent = [i for i in items if i.not_stated or NOT_STATED in i.text.lower()]
    blocks.append(heading(2, "Situationer som rutinen inte anger", "anges-ej"))
    blocks.append(Html("<p>Här säger innehållet ”{}”. Rutinägaren kan avgöra om rutinen "
                       "ska kompletteras.</p>{}").format(
        NOT_STATED, _uses(ctx, src, silent) if silent else Html("<p>Inga.</p>")))
    blocks.append(heading(2, "Önskemål som rutinen inte stöder ännu", "onskemal"))
    blocks.append(_requests(ctx))
    unquoted = [u for u in (result.coverage.text_uses if result else []) if
                not u.users and u.reasons]
    if unquoted:
        trace_src = site_paths.trace_page(ctx.routine.id)
        entries = Html().join(
            Html('<li><a href="{}">Rad {}</a>: ”{}” – <em>{}</em></li>').format(
                href(ctx, src, trace_src, u.sentence.anchor), u.sentence.line, u.sentence.text,
                u.reason)
            for u in unquoted)
        blocks.append(Html(
            "{}\n<p>Med skäl ur registret <code>unquoted</code>; se också "
            '<a href="{}">Spårbarhet</a>.</p><ul>{}</ul>'
        ).format(heading(2, "Meningar som inget innehåll citerar", "ej-citerade"),
                 href(ctx, src, trace_src), entries))
    front = _front(title, "Tolkningar som väntar på rutinägarens bekräftelse och situationer "
                   "som rutinen inte anger.")
    return page(front, *blocks)


def _requests(ctx: PageContext) -> Html:
    """The register `requests`: what was asked, by whom, when. Nothing of it is content."""
    intro = Html("<p>Önskemål om innehåll som källan inte säger. De skrivs in i registret "
                 "<code>requests</code> i <code>routine.yaml</code> i stället för i "
                 "checklistorna: ett nytt sakförhållande kräver en ny version av rutinen, "
                 "som rutinägaren beslutar om.</p>")
    requests = ctx.routine.requests
    if not requests:
        return intro + Html("<p>Inga registrerade.</p>")
    rows = Html().join(
        Html("<tr><td>{}</td><td>{}</td><td>{}</td></tr>").format(
            r.date, plain(r.asked_by), inline(r.request))
        for r in requests)
    return intro + Html(
        '<div class="rutin-table-wrap"><table class="rutin-requests"><thead><tr>'
        '<th scope="col">Datum</th><th scope="col">Från</th><th scope="col">Önskemål</th>'
        "</tr></thead><tbody>{}</tbody></table></div>").format(rows)


def _short(quote: str, limit: int = 70) -> str:
    text = " ".join(quote.split())
    return f"”{text}”" if len(text) <= limit else f"”{text[: limit - 1].rstrip()}…”"


# --------------------------------------------------------------------------- scenarios


def _scenario_answers(result: scenarios.Result, routine: Routine) -> Html:
    """The answers in words: question → chosen label (a decision aid's question the wizard
    does not ask in the scenario is said to be unasked)."""
    if result.resolved is None:
        return Html("<p>Inga svar.</p>")
    questions = scenarios.asked(routine, result.resolved)
    tables = {q.id: t for s in result.resolved.stops for t in s.decisions for q in t.inputs}
    rows = []
    for qid, value in result.scenario.answers.items():
        question = questions.get(qid)
        if question is None:
            rows.append(Html("<li><code>{}</code>: <code>{}</code></li>").format(qid, value))
            continue
        label = next((o.label for o in question.options if o.value == value), value)
        unasked = Html()
        table = tables.get(qid)
        if table is not None and qid not in tasks.wizard_answers(table, result.scenario.answers):
            unasked = Html(" <em>(frågas inte i beslutsstödet med svaren ovan)</em>")
        rows.append(Html("<li>{} <strong>{}</strong>{}{}</li>").format(
            plain(question.question), plain(label), unasked, _reads(result.scenario, qid)))
    for qid in result.scenario.question_reads:  # read before answering, left unanswered
        if qid not in result.scenario.answers and qid in questions:
            rows.append(Html("<li>{}{}</li>").format(plain(questions[qid].question),
                                                      _reads(result.scenario, qid)))
    return Html("<ul>{}</ul>").format(Html().join(rows)) if rows else Html(
        "<p>Inga frågor besvaras.</p>")


def _reads(scenario: Scenario, qid: str) -> Html:
    """What the scenario expects the question to say before it is answered."""
    passages = scenario.question_reads.get(qid, ())
    if not passages:
        return Html()
    return Html(" <br><em>Står vid frågan:</em> {}").format(Html(" ").join(
        Html("”{}”").format(plain(p)) for p in passages))


def _scenario_stops(result: scenarios.Result) -> Html:
    if result.resolved is None or result.view is None:
        return Html()
    out = []
    for number, stop in enumerate(result.resolved.stops, start=1):
        view = result.view.stop(stop.id)
        expected = result.scenario.expect.get(stop.id)
        if view.shown:
            shown = result.shown.get(stop.id, ())
            items = Html().join(Html("<li><em>{}:</em> {}</li>").format(item.label,
                                inline(item.text)) for item in shown)
            body = Html("<p>Visas. Webbplatsen visar:</p><ul>{}</ul>").format(items)
        else:
            body = Html("<p>Visas inte: stoppet gäller inte i scenariot.</p>")
        if expected is not None and expected.must_not_show:
            body += Html("<p>Får inte visa:</p><ul>{}</ul>").format(Html().join(
                Html("<li>{}</li>").format(plain(x)) for x in expected.must_not_show))
        out.append(Html('<div class="rutin-scenario-stop"><h4>{}. {}</h4>{}</div>').format(
            number, plain(stop.title), body))
    return Html("\n").join(out)


def _scenario(ctx: PageContext, src: str, result: scenarios.Result) -> Html:
    scenario = result.scenario
    routine = ctx.routine
    roles = {r.id: r.title for r in routine.roles}
    task = routine.task(scenario.task)
    task_link = Html('<a href="{}">{}</a>').format(
        href(ctx, src, site_paths.task_page(routine.id, task.id)), plain(task.title)
    ) if task is not None else Html("<code>{}</code>").format(scenario.task)
    verdict = Html('<p class="rutin-scenario-verdict rutin-scenario-{}"><strong>{}</strong></p>'
                   ).format("passed" if result.passed else "failed",
                            "Godkänt" if result.passed else "Underkänt")
    facts = Html(
        '<dl class="rutin-facts"><dt>Situation</dt><dd>{story}</dd><dt>Roll</dt><dd>{role}</dd>'
        "<dt>Uppgift</dt><dd>{task}</dd>{finding}</dl>"
    ).format(story=inline(scenario.story), role=plain(roles.get(scenario.role, scenario.role)),
             task=task_link, finding=Html("<dt>Fynd</dt><dd>{}</dd>").format(scenario.finding)
             if scenario.finding else Html())
    failures = Html()
    if result.failures:
        failures = Html("<p>Det som inte stämmer:</p><ul>{}</ul>").format(Html().join(
            Html("<li>{}</li>").format(plain(f.message)) for f in result.failures))
    marks = interpretation_marks(ctx, src, scenario.interpretations)
    return Html("\n").join([
        heading(2, scenario.title, f"scenario-{scenario.id}"),
        Html('<div class="rutin-scenario">{}{}{}<h3>Svaren</h3>{}'
             "<h3>Det webbplatsen visar vid varje stopp</h3>{}{}</div>\n").format(
            verdict, facts, marks, _scenario_answers(result, routine),
            _scenario_stops(result), failures),
    ])


def _gap_place(ctx: PageContext, gap: scenarios.Gap) -> str:
    folder = ctx.routine.file.parent if ctx.routine.file is not None else None
    name = str(gap.file.relative_to(folder)) if folder is not None and \
        gap.file.is_relative_to(folder) else gap.file.name
    return f"{name} ({format_path(gap.path)})"


def scenarios_page(ctx: PageContext) -> PageText:
    """Each scenario as a short story with the site's answer and its verdict (the run of
    `rutin check`, on the routine's proof), then what no scenario reaches."""
    routine = ctx.routine
    src = site_paths.scenarios_page(routine.id)
    proof = routine.proof
    if proof is not None and len(proof.scenarios) == len(routine.scenarios):
        results, gaps = list(proof.scenarios), list(proof.scenario_gaps)  # as checked
    else:  # a record made outside validation
        results = [scenarios.run(routine, s, ctx.source) for s in routine.scenarios]
        gaps = scenarios.coverage(routine, results)
    passed = sum(1 for r in results if r.passed)
    title = "Scenarier"
    intro = Html(
        "<p>{} Varje scenario är en påhittad men typisk situation: vem som arbetar, hur "
        "frågorna besvaras och vad webbplatsen då ska visa och inte visa vid varje stopp. "
        "Scenarierna körs av <code>rutin check</code> och i en riktig webbläsare; "
        "<em>Godkänt</em> betyder att webbplatsen visar det som scenariot förväntar sig. "
        "Sidan kan skrivas ut för granskning.</p>\n"
        '<dl class="rutin-facts"><dt>Scenarier</dt><dd>{n}: {ok} godkända, {bad} '
        "underkända.</dd><dt>Täckning</dt><dd>{cover}</dd></dl>\n"
    ).format(OWNER_NOTE, n=len(results), ok=passed, bad=len(results) - passed,
             cover="Varje regel, villkor och svarsalternativ nås av något scenario."
             if not gaps else f"{len(gaps)} saker nås inte av något scenario (se nedan).")
    coverage = Html("<p>Scenarierna når varje regel i beslutsstöden, varje gren av "
                    "uppgifternas villkor och varje svarsalternativ.</p>") if not gaps else \
        Html("<ul>{}</ul>").format(Html().join(
            Html("<li><code>{}</code>: {}</li>").format(_gap_place(ctx, g), plain(g.message))
            for g in gaps))
    front = _front(title, "Kliniska scenarier som prövar uppgifterna, med utfall och täckning.")
    return page(front, page_title(title), intro,
                *(_scenario(ctx, src, r) for r in results),
                heading(2, "Täckning", "tackning"), coverage)
