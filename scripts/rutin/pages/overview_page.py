"""A routine's overview page (`/<routine>/`, MARKUP.md "Routine overview page"): purpose,
scope, facts, the function filter, the checklists and decision tables by group, the
sections, what is new, the history, corrections, references and the glossary.

Built from `Html` templates like the other pages (components.py): a `str` is escaped.
"""

from __future__ import annotations

from rutin.model.records import Change, Checklist, DecisionTable, Routine
from rutin.pages.components import (
    facts_list,
    governance,
    kind_label,
    reference_html,
    reference_list,
)
from rutin.pages.page_parts import (
    PageContext,
    PageText,
    admonition,
    front_matter,
    heading,
    href,
    item_src,
    page,
    page_title,
    quotes_block,
    section,
    trace_html,
)
from rutin.pages.safe_html import Html, inline, paragraphs, plain, script_json
from rutin.printing import print_parts
from rutin.site import site_paths
from rutin.texts import NOT_STATED


def _item_entry(ctx: PageContext, src: str, item: Checklist | DecisionTable) -> Html:
    return Html(
        '<li data-functions="{functions}"><a href="{link}"><strong>{title}</strong></a> '
        '<span class="rutin-kind">({kind})</span><br>{summary}</li>'
    ).format(functions=" ".join(item.functions), link=href(ctx, src, item_src(ctx.routine, item)),
             title=plain(item.title), kind=kind_label(item), summary=inline(item.summary))


def _items(entries: list[Html]) -> Html:
    return Html('<ul class="rutin-items">{}</ul>\n').format(Html().join(entries))


def _groups(ctx: PageContext, src: str) -> Html:
    """"Checklistor och beslutsstöd": one list per group, then the ungrouped items and
    the phrase library (the function filter hides list items, MARKUP.md)."""
    r = ctx.routine
    grouped: set[str] = set()
    groups = []
    for group in r.groups:
        entries = []
        for item_id in group.items:
            item = r.item(item_id)
            if item is not None:
                grouped.add(item_id)
                entries.append(_item_entry(ctx, src, item))
        groups.append(heading(3, group.title, f"grupp-{group.id}") + "\n" + _items(entries))
    everything: list[Checklist | DecisionTable] = [*r.checklists, *r.decisions]
    rest = [i for i in everything if i.id not in grouped]
    if rest:
        entries = [_item_entry(ctx, src, i) for i in rest]
        groups.append(heading(3, "Övrigt", "grupp-ovrigt") + "\n" + _items(entries))
    if r.phrases is not None:
        entry = Html('<li><a href="{}"><strong>{}</strong></a><br>{}</li>').format(
            href(ctx, src, site_paths.phrases_page(r.id)), r.phrases.title,
            inline(r.phrases.summary or "Alla frasmallar i rutinen."))
        groups.append(heading(3, r.phrases.title, "grupp-frasmallar") + "\n" + _items([entry]))
    return heading(2, "Checklistor och beslutsstöd", "checklistor") + "\n" + Html("\n").join(
        groups)


def _tasks(ctx: PageContext, src: str) -> Html:
    """The checklists for the work first: what staff open. Never hidden by the function
    filter (a task spans several functions and carries safety steps)."""
    r = ctx.routine
    roles = {role.id: role.title for role in r.roles}
    entries = [Html(
        '<li><a href="{link}"><strong>{title}</strong></a> <span class="rutin-kind">'
        "(för {roles})</span><br>{summary}</li>"
    ).format(link=href(ctx, src, site_paths.task_page(r.id, t.id)), title=plain(t.title),
             roles=", ".join(roles.get(x, x).lower() for x in t.roles),
             summary=inline(t.summary)) for t in r.tasks]
    return section("Uppgifter – checklistor för arbetet", "uppgifter", _items(entries)) \
        if entries else Html()


def _change(change: Change) -> Html:
    return Html('<li><time datetime="{date}">{date}</time> {text}</li>').format(
        date=change.date, text=inline(change.text))


def _edits(r: Routine) -> Html:
    """Changes to this web version, apart from the routine document's own history."""
    if not r.edits:
        return Html()
    # Out of the search index: notes about the web version, not what staff look for.
    return section("Ändringar i webbversionen", "andringar-i-webbversionen", Html(
        '<div data-rutin-nosearch><p>Ändringar i hur rutinen visas här: checklistor, '
        "beslutsstöd, uppgifter och citat. Rutinens innehåll ändras bara genom en ny version "
        'av rutindokumentet (Ändringshistorik ovan).</p><ul class="rutin-changelog">{}</ul>'
        "</div>").format(Html().join(_change(c) for c in r.edits)))


def _corrections(r: Routine) -> Html:
    if not r.corrections:
        return Html()
    rows = Html().join(
        Html("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>").format(
            c.original, c.corrected, c.source, inline(c.reason or ""))
        for c in r.corrections
    )
    return section("Rättelser av källtexten", "rattelser", Html(
        '<div class="rutin-table-wrap"><table class="rutin-corrections"><thead><tr>'
        '<th scope="col">I källan</th><th scope="col">Här</th><th scope="col">Avsnitt</th>'
        '<th scope="col">Varför</th></tr></thead><tbody>{}</tbody></table></div>').format(rows))


def _references(ctx: PageContext, src: str) -> Html:
    items = Html().join(
        Html('<li id="ref-{}">{}{}</li>').format(
            ref.id, reference_html(ref.title, ref.url, ref.location, ref.description),
            trace_html(ctx, src, ref.quotes, ref.interpretations))
        for ref in ctx.routine.references
    )
    return section("Referenser", "referenser",
                   Html('<ul class="rutin-references">{}</ul>').format(items)
                   if ctx.routine.references else Html())


def _glossary(ctx: PageContext, src: str) -> Html:
    """Each term with its meaning and, like every other item, the sentences it rests on
    ("Källa") and its interpretations."""
    r = ctx.routine
    items = Html().join(
        Html('<dt id="begrepp-{}">{}</dt><dd>{}{}</dd>').format(
            t.id, t.term, inline(t.meaning),
            trace_html(ctx, src, t.quotes, t.interpretations))
        for t in r.glossary
    )
    return section("Ordlista", "ordlista",
                   Html('<dl class="rutin-glossary">{}</dl>').format(items)
                   if r.glossary else Html())


def routine_page(ctx: PageContext) -> PageText:
    r = ctx.routine
    src = site_paths.routine_page(r.id)
    facts = [
        ("Senast ändrad", r.last_changed),
        *governance(r),
        ("Källdokument", r.source_document or NOT_STATED),
    ]
    # Only what a unit may not use: a common function is never offered (nor hidden).
    filter_data = script_json(
        [{"id": f.id, "title": f.title} for f in r.functions if not f.common]
    )
    sections = []
    for s in r.sections:
        body = Html().join(Html("<p>{}</p>").format(inline(p)) for p in s.paragraphs)
        if s.bullets:
            body += Html("<ul>{}</ul>").format(
                Html().join(Html("<li>{}</li>").format(inline(b)) for b in s.bullets))
        body += reference_list(ctx, src, s.references)
        body += quotes_block(ctx, src, s.quotes)
        sections.append(section(s.title, f"avsnitt-{s.id}", Html("<div>{}</div>").format(body)))
    news = [c for c in r.changelog if c.date == r.last_changed]
    return page(
        # The glossary's terms are keywords too: where a term is defined is found by it.
        front_matter(r.title, dict.fromkeys([*r.keywords, *(t.term for t in r.glossary)]),
                     r.purpose, 1),
        page_title(r.title),
        Html('<div class="rutin-summary" id="syfte"><p><strong>Syfte:</strong> {}</p></div>\n'
             ).format(inline(r.purpose)),
        admonition("info", "Omfattning", paragraphs(r.scope), "rutin-scope", "omfattning")
        + "\n",
        Html('<dl class="rutin-facts">{}</dl>\n').format(facts_list(facts)),
        print_parts.pdf_link_html(src, r.id, None, ctx.use_directory_urls,
                               ctx.link_style == "source") + "\n",
        Html("<div class=\"rutin-function-filter\" data-functions='{}'></div>\n").format(
            filter_data),
        _tasks(ctx, src),
        _groups(ctx, src),
        *sections,
        section("Nytt i denna version", "nytt",
                Html("<ul>{}</ul>").format(Html().join(_change(c) for c in news))),
        section("Ändringshistorik", "andringshistorik",
                Html('<ul class="rutin-changelog">{}</ul>').format(
                    Html().join(_change(c) for c in r.changelog))),
        _edits(r),
        _corrections(r),
        _references(ctx, src),
        _glossary(ctx, src),
    )
