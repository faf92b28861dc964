"""mkdocs-macros for the hand-written pages in docs/ (module_name in mkdocs.yml).

    {{ checklist_link("bjuda-in-tolk") }}           link to a checklist or decision table
    {{ checklist_link("bjuda-in-tolk", "Tolk") }}   … with its own link text
    {{ phrase("kallelsevideo") }}                   a phrase's text in a copyable block
    {{ routine_meta("platform24", "version") }}     routine metadata
    {{ routine_link("platform24") }}                link to a routine's overview page
    {{ task_links([{"id": "bjuda-in-tolk", "text": "Bjuda in en tolk"}, …]) }}
    {{ role_tasks("platform24") }}                  the start page's role choice + tasks
    {{ field_reference() }}                         the editor guide's field tables
    {{ rule_reference() }}                          the editor guide's rule book

An unknown id or field raises, and with `on_error_fail: true` the build fails: a wrong
id never ends up as text on a page. Links are Markdown links to the generated pages'
sources, so MkDocs rewrites and validates them.

Loaded by mkdocs-macros from its path, so it imports `rutin` absolutely.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rutin import components, content, fieldref, rulebook, safe_html, site_paths
from rutin.model import Checklist, DecisionTable, Library, Phrase, Routine
from rutin.safe_html import Html
from rutin.texts import INTERPRETATION_UNCONFIRMED, NOT_STATED

ROUTINE_FIELDS = (
    "title", "purpose", "scope", "owner", "approved_by", "valid_from", "review_by",
    "display_version", "version", "last_changed", "source_document",
)


class MacroError(ValueError):
    """A hand-written page names something the content does not have."""


def _library(project_dir: Path) -> Library:
    # In a build the adapter has already stopped on content errors; in the preview it
    # shows them on top of the last content without errors, and so do the macros.
    library = content.last_good(content.content_root(project_dir))
    if library is None:
        raise MacroError("innehållet har fel (se rutin check); sidan kan inte byggas")
    return library


def _find_item(library: Library, ref: str) -> tuple[Routine, Checklist | DecisionTable]:
    """`id` or `routine/id`; an id found in several routines must name its routine."""
    routine_id, _, item_id = ref.rpartition("/")
    hits = [
        (r, item)
        for r in library.routines
        if not routine_id or r.id == routine_id
        if (item := r.item(item_id)) is not None
    ]
    if not hits:
        raise MacroError(f"okänd checklista eller beslutstabell: {ref!r}")
    if len(hits) > 1:
        raise MacroError(f"{ref!r} finns i flera rutiner; skriv rutin/id")
    return hits[0]


def _find_phrase(library: Library, ref: str) -> Phrase:
    routine_id, _, phrase_id = ref.rpartition("/")
    hits = [
        p
        for r in library.routines
        if r.phrases is not None and (not routine_id or r.id == routine_id)
        for p in r.phrases.phrases
        if p.id == phrase_id
    ]
    if len(hits) != 1:
        raise MacroError(f"okänd (eller tvetydig) frasmall: {ref!r}")
    return hits[0]


def _item_src(routine: Routine, item: Checklist | DecisionTable) -> str:
    if isinstance(item, DecisionTable):
        return site_paths.decision_page(routine.id, item.id)
    return site_paths.checklist_page(routine.id, item.id)


def _md_label(text: str) -> str:
    return safe_html.md_text(text)


def _routine(library: Library, routine_id: str) -> Routine:
    routine = next((r for r in library.routines if r.id == routine_id), None)
    if routine is None:
        raise MacroError(f"okänd rutin: {routine_id!r}")
    return routine


def alias_marks(routine: Routine, ids: tuple[str, ...], link: Callable[[str, str], str]
                ) -> Html:
    """The interpretations an alias rests on, as on a staff page (Markdown links)."""
    out = []
    # The owner's questions page exists only for a routine with its source text.
    has_questions_page = (routine.source_file is not None and routine.file is not None
                          and (routine.file.parent / routine.source_file).is_file())
    for reading in routine.interpretations:
        if reading.id not in ids:
            continue
        head = (f"Tolkning, bekräftad av {reading.confirmed_by or ''} "
                f"{reading.confirmed_on or ''}:" if reading.confirmed
                else f"{INTERPRETATION_UNCONFIRMED}:")
        more = Html(" [Om tolkningen]({})").format(
            link(site_paths.questions_page(routine.id), reading.id)) \
            if has_questions_page else Html()
        out.append(Html(
            '<p class="rutin-interpretation" markdown="1">**{head}** {reading}{more}</p>'
        ).format(head=_md_label(head), reading=_md_label(reading.reading), more=more))
    return Html().join(out)


def role_block(routine: Routine, link: Callable[[str], str],
               link_to: Callable[[str, str], str] | None = None) -> str:
    """The start page's role choice (docs/assets/roles.js): one button per role of the
    routine that has a task, "Visa alla", and every task as a link, tagged with its
    roles. Without JavaScript the buttons stay hidden and every task is listed; with it
    a role shows that role's tasks (on screen only), "Visa alla" all of them.

    Raw HTML with `markdown` attributes (md_in_html): the task links are Markdown, so
    MkDocs validates and rewrites them (the offline build's `.html` too). `link(task_id)`
    gives a link target from the current page."""
    titles = {role.id: role.title for role in routine.roles}
    # A task for a role is a task for every role it comprises (routine.yaml `includes`).
    shown = {task.id: sorted({m for r in task.roles for m in routine.members(r)})
             for task in routine.tasks}
    used = {role for roles in shown.values() for role in roles}
    buttons = [
        Html('<button type="button" class="rutin-role md-button" data-role="{id}" '
             'aria-pressed="false">{title}</button>').format(id=role.id, title=role.title)
        for role in routine.roles if role.id in used
    ]
    # An occupation the routine does not name leads to the role it belongs to, as a
    # recorded interpretation (routine.yaml roles[].aliases): its own button, and the
    # reading shown while it is chosen.
    alias_notes: list[Html] = []
    for role in routine.roles:
        if role.id not in used:
            continue
        for n, alias in enumerate(role.aliases, start=1):
            choice = f"{role.id}:{n}"
            buttons.append(Html(
                '<button type="button" class="rutin-role md-button" data-alias-of="{role}" '
                'data-choice="{choice}" aria-pressed="false">{title}</button>').format(
                role=role.id, choice=choice, title=alias.title))
            alias_notes.append(Html(
                '<div class="rutin-role-alias" data-choice="{choice}" hidden markdown="1">'
                "<p>{title}: visar uppgifterna för {role}.</p>{marks}</div>\n").format(
                choice=choice, title=alias.title, role=role.title.lower(),
                marks=alias_marks(routine, alias.interpretations, link_to or (
                    lambda to, anchor: site_paths.relative_link(
                        site_paths.routine_page(routine.id), to, anchor)))))
    buttons.append(Html('<button type="button" class="rutin-role rutin-role-all md-button" '
                        'data-role="" aria-pressed="true">Visa alla</button>'))
    items = [
        Html('<li data-roles="{roles}" markdown="1"><span class="rutin-task-link">'
             '[{title}]({target})</span> <span class="rutin-task-summary">{summary}</span> '
             '<span class="rutin-task-for">För: {for_}</span></li>').format(
            roles=" ".join(shown[task.id]), title=_md_label(task.title), target=link(task.id),
            summary=_md_label(task.summary),
            for_=_md_label(", ".join(titles.get(r, r) for r in task.roles)))
        for task in routine.tasks
    ]
    label = f"roller-{routine.id}"
    return str(Html(
        '\n<div class="rutin-roles" data-routine="{routine}" markdown="1">\n'
        # In the page from the start (nojs.css hides it without JavaScript): nothing moves
        # when roles.js starts.
        '<div class="rutin-role-choice" role="group" aria-labelledby="{label}">\n'
        '<p class="rutin-role-legend" id="{label}">Vem är du? Välj din roll så visas dina '
        'uppgifter.</p>\n{buttons}\n</div>\n'
        '<p class="rutin-role-status" role="status">Visar alla uppgifter ({count}).</p>\n'
        '{notes}'
        '<ul class="rutin-tasks rutin-role-tasks" markdown="1">\n{items}\n</ul>\n</div>\n'
    ).format(routine=routine.id, label=label, buttons=Html("\n").join(buttons),
             items=Html("\n").join(items), count=len(routine.tasks),
             notes=Html().join(alias_notes)))


# Macros that read no content (the schemas and the rule book only): the preview does not
# build a page again for them when content changes (adapters/mkdocs_preview.py).
CONTENT_FREE = frozenset({"field_reference", "rule_reference"})


def define_env(env: Any) -> None:
    project_dir = Path(env.project_dir)

    def current_src() -> str:
        page = getattr(env, "page", None)
        return str(page.file.src_uri) if page is not None else "index.md"

    @env.macro  # type: ignore[untyped-decorator]
    def checklist_link(ref: str, text: str | None = None) -> str:
        routine, item = _find_item(_library(project_dir), ref)
        target = site_paths.relative_link(current_src(), _item_src(routine, item))
        return f"[{_md_label(text or item.title)}]({target})"

    @env.macro  # type: ignore[untyped-decorator]
    def routine_link(routine_id: str, text: str | None = None) -> str:
        library = _library(project_dir)
        routine = next((r for r in library.routines if r.id == routine_id), None)
        if routine is None:
            raise MacroError(f"okänd rutin: {routine_id!r}")
        target = site_paths.relative_link(current_src(), site_paths.routine_page(routine.id))
        return f"[{_md_label(text or routine.title)}]({target})"

    @env.macro  # type: ignore[untyped-decorator]
    def phrase(ref: str) -> str:
        found = _find_phrase(_library(project_dir), ref)
        if found.text is None:
            return f"*{_md_label(found.title)}*: {_md_label(found.location or '')}"
        # A raw HTML block: Material adds the copy button to every `pre > code`.
        return f"\n<pre><code>{html.escape(found.text)}</code></pre>\n"

    @env.macro  # type: ignore[untyped-decorator]
    def routine_meta(routine_id: str, field: str) -> str:
        library = _library(project_dir)
        routine = next((r for r in library.routines if r.id == routine_id), None)
        if routine is None:
            raise MacroError(f"okänd rutin: {routine_id!r}")
        if field not in ROUTINE_FIELDS:
            raise MacroError(f"okänt fält {field!r}; välj bland {', '.join(ROUTINE_FIELDS)}")
        value = getattr(routine, field)
        return _md_label(str(value)) if value else f"({NOT_STATED})"

    @env.macro  # type: ignore[untyped-decorator]
    def task_links(tasks: list[dict[str, str] | str]) -> str:
        """The start page's task cards: each one click from the task to its page."""
        library = _library(project_dir)
        cards = []
        for task in tasks:
            ref = task if isinstance(task, str) else task["id"]
            routine, item = _find_item(library, ref)
            text = item.title if isinstance(task, str) else task.get("text", item.title)
            target = site_paths.relative_link(current_src(), _item_src(routine, item))
            kind = "Beslutsstöd" if isinstance(item, DecisionTable) else "Checklista"
            cards.append(
                f"-   **[{_md_label(text)}]({target})**\n\n"
                f"    {_md_label(item.summary)} *({kind})*\n"
            )
        return '<div class="grid cards rutin-tasks" markdown>\n\n' + "\n".join(cards) + "\n</div>\n"

    @env.macro  # type: ignore[untyped-decorator]
    def role_tasks(routine_id: str) -> str:
        """The start page's role choice and every task of the routine, one click each."""
        routine = _routine(_library(project_dir), routine_id)
        if not routine.tasks:
            raise MacroError(f"rutinen {routine_id!r} har inga uppgifter")

        def link(task_id: str) -> str:
            return site_paths.relative_link(current_src(),
                                            site_paths.task_page(routine.id, task_id))

        def link_to(to: str, anchor: str) -> str:
            return site_paths.relative_link(current_src(), to, anchor)

        return role_block(routine, link, link_to)

    @env.macro  # type: ignore[untyped-decorator]
    def urgent_strip(routine_id: str) -> str:
        """What staff must see first (routine.yaml `urgent`), as on the tasks it names."""
        routine = _routine(_library(project_dir), routine_id)
        target = components.urgent_page(routine)
        if target is None:
            raise MacroError(f"rutinen {routine_id!r} har inget urgent i routine.yaml")
        return "\n" + str(components.urgent_strip(
            routine, site_paths.relative_link(current_src(), target[0]),
            markdown_link=True))

    @env.macro  # type: ignore[untyped-decorator]
    def field_reference() -> str:
        """Every field of every schema (docs/redigera/), generated so it cannot drift."""
        return fieldref.render_markdown()

    @env.macro  # type: ignore[untyped-decorator]
    def rule_reference() -> str:
        """Every rule id a problem can carry, documented (docs/redigera/), generated from
        the rule book so a new rule cannot be left out of the guide."""
        return rulebook.render_markdown()
