"""The macros of the hand-written pages in docs/: the only code a page can call.

    {{ checklist_link("bjuda-in-tolk") }}           link to a checklist or decision table
    {{ checklist_link("bjuda-in-tolk", "Tolk") }}   … with its own link text
    {{ phrase("kallelsevideo") }}                   a phrase's text in a copyable block
    {{ routine_meta("platform24", "version") }}     routine metadata
    {{ routine_link("platform24") }}                link to a routine's overview page
    {{ task_links([{"id": "bjuda-in-tolk", "text": "Bjuda in en tolk"}, …]) }}
    {{ role_tasks("platform24") }}                  the start page's role choice + tasks
    {{ field_reference() }}                         the editor guide's field tables
    {{ rule_reference() }}                          the editor guide's rule book

A page is not a template. `{{ … }}` may hold exactly one call of a macro above, with
fixed values (text, numbers, lists and mappings of them) as arguments; anything else –
a variable, an attribute, a filter, `{% … %}`, `{# … #}` – is an error with its line and
column, and nothing on a page can reach Python, the configuration, the environment or
a file. (mkdocs-macros, which evaluated pages as Jinja with full Python access, is gone;
the pages need nothing but these calls, so no template engine is involved at all.)

An unknown id or field is an error at the call (`rutin check` reports it, the build
fails, the preview shows it in the page): a wrong id never ends up as text on a page.
Links are Markdown links to the generated pages' sources, so MkDocs rewrites and
validates them.
"""

from __future__ import annotations

import ast
import inspect
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from rutin.check.rule_doc import RuleDoc
from rutin.model.records import Checklist, DecisionTable, Library, Phrase, Routine
from rutin.pages import components, fieldref, revision_marks, safe_html
from rutin.pages.safe_html import Html
from rutin.site import site_paths
from rutin.texts import INTERPRETATION_UNCONFIRMED, NOT_STATED

ROUTINE_FIELDS = (
    "title", "purpose", "scope", "owner", "approved_by", "valid_from", "review_by",
    "display_version", "version", "last_changed", "source_document",
)


class MacroError(ValueError):
    """A hand-written page names something the content does not have."""


def _find_item(library: Library, ref: str) -> tuple[Routine, Checklist | DecisionTable]:
    """`id` or `routine/id`; an id found in several routines must name its routine."""
    _text(ref, "id")
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
    _text(ref, "id")
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
    _text(routine_id, "rutinens id")
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
        Html('<button type="button" class="rutin-role rutin-button" data-role="{id}" '
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
                '<button type="button" class="rutin-role rutin-button" data-alias-of="{role}" '
                'data-choice="{choice}" aria-pressed="false">{title}</button>').format(
                role=role.id, choice=choice, title=alias.title))
            alias_notes.append(Html(
                '<div class="rutin-role-alias" data-choice="{choice}" hidden markdown="1">'
                "<p>{title}: visar uppgifterna för {role}.</p>{marks}</div>\n").format(
                choice=choice, title=alias.title, role=role.title.lower(),
                marks=alias_marks(routine, alias.interpretations, link_to or (
                    lambda to, anchor: site_paths.relative_link(
                        site_paths.routine_page(routine.id), to, anchor)))))
    buttons.append(Html('<button type="button" class="rutin-role rutin-role-all rutin-button" '
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
        '<div class="rutin-role-choice" role="group" aria-labelledby="{label}" '
        'data-rutin-nosearch>\n'
        '<p class="rutin-role-legend" id="{label}">Vem är du? Välj din roll så visas dina '
        'uppgifter.</p>\n{buttons}\n</div>\n'
        '<p class="rutin-role-status" role="status">Visar alla uppgifter ({count}).</p>\n'
        '{notes}'
        '<ul class="rutin-tasks rutin-role-tasks" markdown="1">\n{items}\n</ul>\n</div>\n'
    ).format(routine=routine.id, label=label, buttons=Html("\n").join(buttons),
             items=Html("\n").join(items), count=len(routine.tasks),
             notes=Html().join(alias_notes)))


# Macros that read no content (the schemas and the rule book only): the preview does not
# build a page again for them when content changes (adapters/mkdocs_material/preview.py).
CONTENT_FREE = frozenset({"field_reference", "rule_reference"})

RULE_ID = "docs-macro"
RULES: tuple[RuleDoc, ...] = (
    RuleDoc(RULE_ID, """
        En handskriven sida (under `docs/`) får hämta innehåll bara med sidornas makron:
        ett anrop som `checklist_link("bjuda-in-tolk")` inom dubbla klammerparenteser,
        med fasta värden som argument (text inom citattecken, tal, listor och avsnitt av
        sådana). Allt annat inom klammerparenteserna – namn på variabler, uträkningar,
        mallkod med procenttecken eller brädgård – är fel, liksom ett id som inte finns i
        innehållet (ett id som finns i flera rutiner skrivs `rutin/id`). Felet anges med
        rad och kolumn på sidan, av `rutin check` och av bygget. Sidan körs aldrig som
        kod. Makrona är checklist_link, routine_link, phrase, routine_meta, task_links,
        role_tasks, urgent_strip, revision_news, field_reference och rule_reference
        (scripts/rutin/pages/macros.py).

        Godkänt: `checklist_link("bjuda-in-tolk")` inom dubbla klammerparenteser
        Fel: `checklist_link("finns-inte")`, eller `config` inom dubbla klammerparenteser
        """),
)


@dataclass(frozen=True)
class Page:
    """What a macro knows about the page it is called from."""

    src: str  # the page's path under docs/, e.g. "index.md" (links are made from it)
    library: Library | None  # None: the content has errors and no earlier version is good
    # What the macros found out for the site search: the titles this page gives other
    # pages, (source path linked to, title) – a task card's own text (search_help).
    titles: list[tuple[str, str]] = field(default_factory=list)


def _text(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise MacroError(f"{what} ska vara text inom citattecken, inte {_shown(value)}")
    return value


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:40] + "…"


# What a content macro says when the content has never been without errors (the preview
# shows it where the call stood, under the banner that lists the problems; a build stops).
NOT_YET = "*(Innehållet har fel: det visas här när felen ovan är rättade.)*"


def _content(page: Page) -> Library:
    if page.library is None:
        raise MacroError(NOT_YET.strip("*()") + " Se rutin check.")
    return page.library


def checklist_link(page: Page, ref: str, text: str | None = None) -> str:
    routine, item = _find_item(_content(page), ref)
    target = site_paths.relative_link(page.src, _item_src(routine, item))
    return f"[{_md_label(_text(text, 'länktexten') if text is not None else item.title)}]({target})"


def routine_link(page: Page, routine_id: str, text: str | None = None) -> str:
    routine = _routine(_content(page), routine_id)
    target = site_paths.relative_link(page.src, site_paths.routine_page(routine.id))
    label = _text(text, "länktexten") if text is not None else routine.title
    return f"[{_md_label(label)}]({target})"


def phrase(page: Page, ref: str) -> str:
    found = _find_phrase(_content(page), ref)
    if found.text is None:
        return f"*{_md_label(found.title)}*: {_md_label(found.location or '')}"
    # A raw HTML block: Material adds the copy button to every `pre > code`.
    return str(Html("\n<pre><code>{}</code></pre>\n").format(found.text))


def routine_meta(page: Page, routine_id: str, field: str) -> str:
    routine = _routine(_content(page), routine_id)
    if field not in ROUTINE_FIELDS:
        raise MacroError(f"okänt fält {_shown(field)}; välj bland {', '.join(ROUTINE_FIELDS)}")
    value = getattr(routine, field)
    return _md_label(str(value)) if value else f"({NOT_STATED})"


def task_links(page: Page, tasks: list[dict[str, str] | str]) -> str:
    """The start page's task cards: each one click from the task to its page."""
    library = _content(page)
    if not isinstance(tasks, list | tuple):
        raise MacroError(f"task_links tar en lista, inte {_shown(tasks)}")
    cards = []
    titles = []  # the cards' own titles: searched as the pages' names
    for task in tasks:
        if isinstance(task, dict):
            unknown = set(task) - {"id", "text"}
            if unknown or "id" not in task:
                raise MacroError("varje uppgift skrivs {\"id\": …, \"text\": …}, inte "
                                 f"{_shown(task)}")
            ref = _text(task["id"], "id")
        else:
            ref = _text(task, "uppgiften")
        routine, item = _find_item(library, ref)
        text = (_text(task.get("text", item.title), "texten") if isinstance(task, dict)
                else item.title)
        if text != item.title:
            titles.append((_item_src(routine, item), text))
        target = site_paths.relative_link(page.src, _item_src(routine, item))
        kind = "Beslutsstöd" if isinstance(item, DecisionTable) else "Checklista"
        cards.append(
            f"-   **[{_md_label(text)}]({target})**\n\n"
            f"    {_md_label(item.summary)} *({kind})*\n"
        )
    page.titles.extend(titles)
    # The cards are Markdown whose labels _md_label escaped; the theme draws the grid
    # (rutin-cards: page_parts.CARDS_CLASS, which the adapter translates).
    return str(Html('<div class="rutin-cards rutin-tasks" markdown>\n\n{}\n</div>\n')
               .format(safe_html.trusted("\n".join(cards))))


def role_tasks(page: Page, routine_id: str) -> str:
    """The start page's role choice and every task of the routine, one click each."""
    routine = _routine(_content(page), routine_id)
    if not routine.tasks:
        raise MacroError(f"rutinen {routine_id!r} har inga uppgifter")

    def link(task_id: str) -> str:
        return site_paths.relative_link(page.src, site_paths.task_page(routine.id, task_id))

    def link_to(to: str, anchor: str) -> str:
        return site_paths.relative_link(page.src, to, anchor)

    return role_block(routine, link, link_to)


def urgent_strip(page: Page, routine_id: str) -> str:
    """What staff must see first (routine.yaml `urgent`), as on the tasks it names."""
    routine = _routine(_content(page), routine_id)
    target = components.urgent_page(routine)
    if target is None:
        raise MacroError(f"rutinen {routine_id!r} har inget urgent i routine.yaml")
    return "\n" + str(components.urgent_strip(
        routine, site_paths.relative_link(page.src, target[0]), markdown_link=True))


def revision_news(page: Page, routine_id: str) -> str:
    """The start page's "Nytt i rutinen sedan ditt senaste besök" (empty without a
    recent new version of the routine)."""
    routine = _routine(_content(page), routine_id)

    def link(task_id: str, stop_id: str) -> str:
        return site_paths.relative_link(page.src, site_paths.task_page(routine.id, task_id),
                                        stop_id)

    return revision_marks.news_block(routine, link)


def field_reference(page: Page) -> str:
    """Every field of every schema (docs/redigera/), generated so it cannot drift."""
    return fieldref.render_markdown()


def rule_reference(page: Page) -> str:
    """Every rule id a problem can carry, documented (docs/redigera/), generated from
    the rule book so a new rule cannot be left out of the guide."""
    from rutin.check import rulebook  # the rule book lists this module's rule too

    return rulebook.render_markdown()


MACROS: dict[str, Callable[..., str]] = {
    fn.__name__: fn
    for fn in (checklist_link, routine_link, phrase, routine_meta, task_links, role_tasks,
               urgent_strip, revision_news, field_reference, rule_reference)
}


# --------------------------------------------------------------------------- calls


@dataclass(frozen=True)
class Call:
    """One `{{ … }}` of a page: the macro, its arguments, where it stands."""

    name: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    start: int  # offsets of `{{` and just after `}}` in the page's text
    end: int


@dataclass(frozen=True)
class MacroProblem:
    offset: int  # where in the page's text
    message: str
    end: int = -1  # the end of the call it replaces (-1: nothing to replace)


_JINJA_WORDS = {"true": True, "false": False, "none": None,
                "True": True, "False": False, "None": None}
MAX_CALL = 10_000  # characters inside one `{{ … }}`


class _NotLiteral(ValueError):
    pass


def _literal(node: ast.AST) -> Any:
    """A fixed value: text, number, true/false/none, or a list, tuple or mapping of them."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str | int | float | bool
                                                     | type(None)):
        return node.value
    if isinstance(node, ast.Name) and node.id in _JINJA_WORDS:
        return _JINJA_WORDS[node.id]
    if isinstance(node, ast.List | ast.Tuple):
        return [_literal(item) for item in node.elts]
    if isinstance(node, ast.Dict) and all(k is not None for k in node.keys):
        return {_literal(k): _literal(v) for k, v in zip(node.keys, node.values, strict=True)
                if k is not None}
    if (isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub)
            and isinstance(node.operand, ast.Constant)
            and isinstance(node.operand.value, int | float)):
        return -node.operand.value
    raise _NotLiteral


_HOW = ("skriv {{ makro(\"värde\") }} med ett av sidornas makron och fasta värden "
        "(text inom citattecken, tal, listor)")


def _parse_call(expr: str) -> tuple[str, tuple[Any, ...], dict[str, Any]] | str:
    """The macro call in a `{{ … }}`, or why it is not one (Swedish)."""
    source = expr.strip()
    if not source:
        return f"tomma klamrar; {_HOW}"
    if len(source) > MAX_CALL:
        return f"anropet är för långt (högst {MAX_CALL} tecken)"
    try:
        with warnings.catch_warnings():  # e.g. "\\q" in a string: not the editor's concern
            warnings.simplefilter("ignore")
            tree = ast.parse(source, mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError, Warning):
        return f"\"{_short(source)}\" är inget anrop av ett makro; {_HOW}"
    body = tree.body
    if not (isinstance(body, ast.Call) and isinstance(body.func, ast.Name)):
        return f"\"{_short(source)}\" är inget anrop av ett makro; {_HOW}"
    name = body.func.id
    if name not in MACROS:
        return f"okänt makro \"{_short(name)}\"; sidornas makron är {', '.join(MACROS)}"
    try:
        if any(isinstance(a, ast.Starred) for a in body.args) or any(
                k.arg is None for k in body.keywords):
            raise _NotLiteral
        args = tuple(_literal(a) for a in body.args)
        kwargs = {k.arg: _literal(k.value) for k in body.keywords if k.arg is not None}
    except (_NotLiteral, RecursionError, TypeError):
        return (f"argumenten till {name} ska vara fasta värden (text inom citattecken, tal, "
                "listor och avsnitt av sådana), inte namn eller uträkningar")
    return name, args, kwargs


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:40] + "…"


def _call_end(text: str, start: int) -> int:
    """The offset just after the `}}` that closes the `{{` at `start` (brackets and
    quoted text inside are skipped), or -1."""
    depth = 0
    quote = ""
    i = start + 2
    n = len(text)
    while i < n:
        ch = text[i]
        if quote:
            if ch == "\\":
                i += 2
                continue
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "}":
            if depth == 0 and text.startswith("}}", i):
                return i + 2
            depth -= 1
        i += 1
    return -1


def scan(text: str) -> Iterator[Call | MacroProblem]:
    """Every `{{ … }}` of a page as a Call, and every template syntax that is not one as
    a MacroProblem, in the order they stand."""
    i = 0
    while True:
        start = text.find("{", i)
        if start < 0:
            return
        pair = text[start:start + 2]
        if pair in ("{%", "{#"):
            close = "%}" if pair == "{%" else "#}"
            end = text.find(close, start + 2)
            end = len(text) if end < 0 else end + 2
            yield MacroProblem(start, f"mallkod \"{pair} … {close}\" är inte tillåten på en "
                               f"sida; {_HOW}", end)
            i = end
            continue
        if pair != "{{":
            i = start + 1
            continue
        end = _call_end(text, start)
        if end < 0:  # an unclosed bracket or quote inside: up to the first "}}"
            plain = text.find("}}", start + 2)
            end = plain + 2 if plain >= 0 else -1
        if end < 0:
            yield MacroProblem(start, "\"{{\" saknar sitt avslutande \"}}\"", len(text))
            return
        parsed = _parse_call(text[start + 2:end - 2])
        if isinstance(parsed, str):
            yield MacroProblem(start, parsed, end)
        else:
            yield Call(*parsed, start, end)
        i = end


def _signature(name: str) -> str:
    params = list(inspect.signature(MACROS[name]).parameters.values())[1:]
    shown = [p.name + ("=…" if p.default is not p.empty else "") for p in params]
    return f"{name}({', '.join(shown)})"


def run(call: Call, page: Page) -> str:
    """The Markdown a call stands for. Raises MacroError (Swedish) for wrong arguments,
    an unknown id or anything else the macro cannot do."""
    fn = MACROS[call.name]
    try:
        inspect.signature(fn).bind(page, *call.args, **call.kwargs)
    except TypeError:
        raise MacroError(f"fel argument; makrot skrivs {_signature(call.name)}") from None
    try:
        return fn(page, *call.args, **call.kwargs)
    except MacroError:
        raise
    except Exception as exc:  # a macro's own failure (e.g. an undocumented rule)
        raise MacroError(f"makrot {call.name} misslyckades: {exc}") from exc


def expand(text: str, page: Page) -> tuple[str, list[MacroProblem]]:
    """The page with every call replaced by its Markdown, and its problems (each call
    with a problem is replaced by a visible error, for the preview)."""
    if "{" not in text:
        return text, []
    out: list[str] = []
    problems: list[MacroProblem] = []
    last = 0
    for found in scan(text):
        if isinstance(found, MacroProblem):
            problems.append(found)
            start, end, replacement = found.offset, found.end, error_markup(found.message)
        else:
            start, end = found.start, found.end
            try:
                replacement = run(found, page)
            except MacroError as exc:
                problem = MacroProblem(found.start, f"{found.name}: {exc}", found.end)
                problems.append(problem)
                replacement = error_markup(problem.message)
        out.append(text[last:start])
        out.append(replacement)
        last = end
    out.append(text[last:])
    return "".join(out), problems


def error_markup(message: str) -> str:
    """A problem shown where the call stood (the preview; a build stops instead)."""
    shown = str(Html('\n<div class="admonition danger rutin-build-error" role="alert"><p>{}'
                     "</p></div>\n").format(message))
    return shown.replace("{", "&#123;").replace("}", "&#125;")


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of `offset` in `text`."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1
