"""Escaping by construction: the page modules cannot put unescaped text into a page.

The page modules build HTML only from `Html` templates (rutin.safe_html), which escape
every plain `str` they are given. Two checks hold them to it:

- statically, over their source: no f-string, `str.format`, `%` or concatenation builds
  HTML (every string literal holding a tag is an `Html("…")` template), `Html(…)` only
  wraps literals, and nothing but safe_html imports markupsafe or declares markup trusted;
- on the output: a model with `<script>` in every content-bearing field (checklist, step,
  warning, note, question, decision outcome and action, phrase, section, interpretation,
  reference, glossary, …) renders with each of them escaped, on every page.

Validation rejects raw HTML in content (tests/test_content_security.py); these pages are
rendered from a model that never passed it, so the escaping alone is what is tested.
"""

from __future__ import annotations

import ast
import dataclasses
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from rutin.model.records import Library, Routine
from rutin.pages import review
from rutin.site import site_plan
from support.project import ROOT, content_routines

PACKAGE = ROOT / "scripts" / "rutin"
# The modules that build pages. Any other module that builds on page_parts or components
# is found by its imports and checked too.
PAGE_MODULES = ("staff_pages.py", "overview_page.py", "components.py", "page_parts.py",
                "owner_pages.py", "review.py", "change_review.py")
TAG = re.compile(r"<[A-Za-z!/]")
HTML_TYPE = "Html"


def page_modules() -> list[Path]:
    found = {PACKAGE / "pages" / name for name in PAGE_MODULES}
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if re.search(r"from rutin\.pages\.(page_parts|components) import|"
                     r"from rutin\.pages import .*\b(page_parts|components)\b", text):
            found.add(path)
    return sorted(found)


def _is_html_call(node: ast.AST) -> bool:
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id == HTML_TYPE)


def html_violations(source: str) -> list[str]:
    """Where a module could build HTML that is not escaped by construction."""
    tree = ast.parse(source)
    parents: dict[ast.AST, ast.AST] = {}
    for parent in ast.walk(tree):
        for child in ast.iter_child_nodes(parent):
            parents[child] = parent
    docstrings = {
        id(body[0].value) for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef)
        and (body := node.body) and isinstance(body[0], ast.Expr)
        and isinstance(body[0].value, ast.Constant)
    }
    out: list[str] = []
    for node in ast.walk(tree):
        where = f"line {getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.JoinedStr):
            literal = "".join(v.value for v in node.values
                              if isinstance(v, ast.Constant) and isinstance(v.value, str))
            if TAG.search(literal):
                out.append(f"{where}: an f-string builds HTML (use Html(\"…\").format)")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if id(node) in docstrings or isinstance(parents.get(node), ast.JoinedStr):
                continue
            if TAG.search(node.value) and not _is_html_call(parents.get(node, node)):
                out.append(f"{where}: HTML in a plain string {node.value[:40]!r} "
                           "(make it an Html(\"…\") template)")
        elif _is_html_call(node):
            assert isinstance(node, ast.Call)
            literal = all(isinstance(a, ast.Constant) and isinstance(a.value, str)
                          for a in node.args)
            if node.keywords or len(node.args) > 1 or not literal:
                out.append(f"{where}: Html(…) of something other than a literal template")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and (
                node.func.id in ("Markup", "trusted")):
            out.append(f"{where}: {node.func.id}(…) outside safe_html")
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names = [a.name for a in node.names]
            module = getattr(node, "module", None) or ""
            if "markupsafe" in module or "markupsafe" in names or {"Markup", "trusted"} & set(
                    names):
                out.append(f"{where}: markup is made safe only in safe_html")
    return out


def test_the_checker_catches_what_it_must() -> None:
    bad = [
        'x = f"<li>{text}</li>"',
        "x = f'<a href=\"{url}\">' f'{label}</a>'",
        'x = "<li>{}</li>".format(text)',
        'x = "<li>%s</li>" % text',
        'x = "<li>" + text + "</li>"',
        'x = "</li><li>".join(texts)',
        "x = Html(text)",
        'x = Html(f"<p>{text}</p>")',
        'x = Html("<p>" + text)',
        "x = Markup(text)",
        "x = trusted(text)",
        "from markupsafe import Markup",
        "from .safe_html import trusted",
    ]
    for source in bad:
        assert html_violations(source), source
    good = [
        'x = Html("<li>{}</li>").format(text)',
        'x = Html("<li>{a}</li>" "<li>{b}</li>").format(a=a, b=b)',
        'x = Html("<ul>{}</ul>").format(Html().join(items))',
        'x = f"fras-{phrase.id}"',  # no markup: escaped where it goes into a template
        'def f():\n    """Builds <li> items."""',
    ]
    for source in good:
        assert not html_violations(source), source


@pytest.mark.parametrize("path", page_modules(), ids=lambda p: p.name)
def test_page_modules_escape_by_construction(path: Path) -> None:
    problems = html_violations(path.read_text(encoding="utf-8"))
    assert not problems, f"{path.name}:\n" + "\n".join(problems)


# --------------------------------------------------------------------------- output

# Text a page shows (ids, references between items, dates and option values stay as
# they are, so the pages still link up).
TEXT_FIELDS = frozenset({
    "title", "summary", "text", "detail", "substeps", "question", "label", "help",
    "outcome", "reading", "why", "use", "location", "description", "meaning", "term",
    "paragraphs", "bullets", "purpose", "scope", "owner", "approved_by", "confirmed_by",
    "system", "original", "corrected", "reason", "source_document", "source", "quotes",
})
# Every kind of content that must come out escaped (the field's path in the model).
REQUIRED = (
    "title", "purpose", "scope", "owner", "approved-by", "source-document",
    "groups.title", "functions.title", "changelog.text",
    "checklists.title", "checklists.summary", "checklists.source",
    "checklists.steps.text", "checklists.steps.detail", "checklists.steps.substeps",
    "checklists.steps.quotes", "checklists.warnings.text", "checklists.warnings.quotes",
    "checklists.notes.text", "checklists.questions.question",
    "checklists.questions.options.label",
    "decisions.title", "decisions.summary", "decisions.notes.text",
    "decisions.inputs.question", "decisions.inputs.help", "decisions.inputs.options.label",
    "decisions.rules.then.outcome", "decisions.rules.then.quotes",
    "decisions.rules.then.actions.text",
    "phrases.title", "phrases.summary", "phrases.phrases.title", "phrases.phrases.system",
    "phrases.phrases.text", "phrases.phrases.use", "phrases.phrases.source",
    "sections.title", "sections.paragraphs", "sections.bullets", "sections.quotes",
    "interpretations.reading", "interpretations.why", "interpretations.quotes",
    "interpretations.confirmed-by",
    "references.title", "references.description", "references.location",
    "glossary.term", "glossary.meaning",
    "corrections.original", "corrections.corrected", "corrections.reason",
)
# `<script>` as each escaping writes it: HTML, Markdown headings (md_text), JSON.
OPEN = r"(?:&lt;|&#60;|\\u003c)script(?:&gt;|&#62;|\\u003e)"
CLOSE = r"(?:&lt;|&#60;|\\u003c)/script"


def _payload(path: str) -> str:
    return f" <script>x-{path}</script>"


def poison(obj: Any, path: str = "") -> Any:
    """A copy of the model with `<script>` appended to every text a page shows."""
    if not dataclasses.is_dataclass(obj) or isinstance(obj, type):
        return obj
    changes: dict[str, Any] = {}
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        here = f"{path}.{f.name}" if path else f.name
        marker = here.replace("_", "-")  # md_text would encode "_"
        if f.name in TEXT_FIELDS and isinstance(value, str):
            changes[f.name] = value + _payload(marker)
        elif f.name in TEXT_FIELDS and isinstance(value, tuple) and all(
                isinstance(v, str) for v in value):
            changes[f.name] = tuple(v + _payload(marker) for v in value)
        elif isinstance(value, tuple):
            changes[f.name] = tuple(poison(v, here) for v in value)
        elif dataclasses.is_dataclass(value):
            changes[f.name] = poison(value, here)
    return dataclasses.replace(obj, **changes)


@cache
def poisoned_pages() -> dict[str, str]:
    routine: Routine = next(r for r in content_routines() if r.interpretations)
    first, *rest = routine.interpretations
    # A confirmed reading shows who confirmed it; governance a routine may leave out.
    routine = dataclasses.replace(routine, owner="Verksamhetschef", approved_by="Ledningen",
                                  interpretations=(
        dataclasses.replace(first, status="bekräftad", confirmed_by="Rutinägaren",
                            confirmed_on="2026-01-01"), *rest))
    routine = poison(routine)
    pages, _ = site_plan.routine_pages(routine, site_plan.Settings("https://example.org/"))
    out = {p.src: p.markdown for p in pages}
    out["granskning.md"] = review.review_page(Library((routine,)))
    return out


def _split(markdown: str) -> tuple[dict[str, Any], str]:
    assert markdown.startswith("---\n")
    front, _, body = markdown[4:].partition("\n---\n")
    return yaml.safe_load(front), body


def test_every_poisoned_field_is_rendered_escaped() -> None:
    bodies = {src: _split(text)[1] for src, text in poisoned_pages().items()}
    for src, body in bodies.items():
        raw = re.search(r"<script", body, re.IGNORECASE)
        assert raw is None, f"{src}: unescaped {body[raw.start() - 80:raw.end() + 40]!r}"
    everything = "\n".join(bodies.values())
    missing = [path for path in REQUIRED
               if not re.search(OPEN + re.escape(f"x-{path}") + CLOSE, everything)]
    assert not missing, f"not on any page (or not escaped): {missing}"


def test_the_trace_page_escapes_the_decision_questions() -> None:
    """The combinations table once wrote a question's text without escaping it."""
    body = _split(next(t for s, t in poisoned_pages().items() if s.endswith("sparbarhet.md")))[1]
    assert re.search(OPEN + re.escape("x-decisions.inputs.question") + CLOSE, body)


def test_front_matter_stays_yaml_and_the_description_is_escaped() -> None:
    for src, text in poisoned_pages().items():
        front, _ = _split(text)
        assert "<" not in front["description"], src
