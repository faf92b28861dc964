"""The rule book: every rule id a problem can carry, with its Swedish documentation.

A problem line ends with its rule id, e.g. `(yaml-coercion)`. The ids come from five
stages, each defining its own ids next to the code that reports them:

    yaml_reader.RULES             reading a file as YAML (yaml-syntax, yaml-coercion, …)
    schemas.RULES,
    schema_messages.RULES  the schemas themselves and each file against its schema
    rules.REGISTRY         the consistency rules (documented by their check docstrings)
    changes.RULES          `rutin check --since` (changelog-entry)
    macros.RULES,
    docs_check.RULES       the hand-written pages in docs/ (docs-macro, docs-link, …)

This module only collects them, in the order a check meets them, and renders them for
the editor guide (docs/redigera/, macro `rule_reference`). It runs nothing:
rules.REGISTRY stays the consistency rules' running order.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

from rutin.check import changes, docs_check, schema_messages, schemas
from rutin.check.rule_doc import Documented
from rutin.load import yaml_reader
from rutin.pages import macros
from rutin.rules import REGISTRY

# The labels that start a documentation's examples (at the start of a line).
PASSING = "Godkänt:"
FAILING = "Fel:"

# Jinja's delimiters (and their ends): the built site must never show them (a page
# with them fails tests/test_site.py and the content-security scan), so documentation
# may not contain them, not even in code.
TEMPLATE_MARKERS = ("{{", "}}", "{%", "%}", "{#", "#}")


@dataclass(frozen=True)
class Chapter:
    """The ids of one stage, with a Swedish heading and a sentence on when it runs."""

    title: str
    intro: str
    rules: tuple[Documented, ...]


RULEBOOK: tuple[Chapter, ...] = (
    Chapter(
        "Filen som YAML",
        "Varje fil läses först som YAML. En fil med något av de här felen kontrolleras "
        "inte vidare (utom vid dubbla fält, där resten av filen ändå kontrolleras).",
        yaml_reader.RULES,
    ),
    Chapter(
        "Schemat",
        "Sedan prövas varje fil mot schemat för sin sort.",
        (*schema_messages.RULES, *schemas.RULES),
    ),
    Chapter(
        "Innehållets regler",
        "Till sist prövas hela rutinmappen tillsammans, med filerna som klarade schemat.",
        REGISTRY,
    ),
    Chapter(
        "Handskrivna sidor",
        "Sidorna under docs/ (startsidan, redaktörsguiden …) prövas av rutin check och "
        "av varje bygge: filerna, sidhuvudet, tecknen, länkarna och makroanropen.",
        (*macros.RULES, *docs_check.RULES),
    ),
    Chapter(
        "Ändringshistorik",
        "Bara med `rutin check --since REV`, som i granskningen av en ändring.",
        changes.RULES,
    ),
)


def all_rules() -> Iterator[Documented]:
    """Every documented rule, in the order of the rule book."""
    for chapter in RULEBOOK:
        yield from chapter.rules


def ids() -> list[str]:
    return [rule.id for rule in all_rules()]


class DocumentationError(ValueError):
    """A rule's documentation cannot be shown in the editor guide as written."""


@dataclass(frozen=True)
class Parts:
    """A documentation split into its description and its examples."""

    description: str
    examples: tuple[tuple[str, str], ...]  # (label, text): ("Godkänt:", "…")


def parts(rule: Documented) -> Parts:
    """The description, and each example line (with its continuation lines joined).

    The examples are the documentation's last lines, each starting "Godkänt:" or "Fel:";
    a line after one that starts with neither continues it.
    """
    lines = rule.documentation.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith((PASSING, FAILING))),
                 len(lines))
    examples: list[tuple[str, str]] = []
    for line in lines[start:]:
        label = next((lab for lab in (PASSING, FAILING) if line.startswith(lab)), None)
        if label is not None:
            examples.append((label, line.removeprefix(label).strip()))
        elif line.strip() and examples:
            previous_label, text = examples[-1]
            examples[-1] = (previous_label, f"{text} {line.strip()}")
    return Parts("\n".join(lines[:start]).strip(), tuple(examples))


def problems(rule: Documented) -> list[str]:
    """What is missing or unusable in a rule's documentation (empty when it is fine)."""
    found = []
    split = parts(rule)
    if not split.description:
        found.append("beskrivningen saknas")
    labels = {label for label, _ in split.examples}
    for label in (PASSING, FAILING):
        if label not in labels:
            found.append(f"exemplet ”{label}” saknas")
    found += [f"innehåller mallkoden {m!r}" for m in TEMPLATE_MARKERS
              if m in rule.documentation]
    return found


# An inline code span: its content is shown as written, so it is never escaped.
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)


def to_markdown(text: str) -> str:
    """Documentation as Markdown: code spans kept, and `<`, `>` and `&` elsewhere escaped
    so a word like <b> shows as written instead of becoming HTML."""
    out, position = [], 0
    for match in _CODE_SPAN.finditer(text):
        out.append(html.escape(text[position:match.start()], quote=False))
        out.append(match.group(0))
        position = match.end()
    out.append(html.escape(text[position:], quote=False))
    return "".join(out)


def anchor(rule_id: str) -> str:
    """The rule's anchor in the editor guide (`#regel-yaml-syntax`)."""
    return f"regel-{rule_id}"


def render_markdown() -> str:
    """The rule book as Markdown, one heading per stage and per rule id.

    Raises DocumentationError for a documentation the page cannot show, so the build
    fails instead of publishing a guide with a rule left out.
    """
    out: list[str] = []
    for chapter in RULEBOOK:
        out.append(f"### {html.escape(chapter.title, quote=False)}\n")
        out.append(to_markdown(chapter.intro) + "\n")
        for rule in chapter.rules:
            missing = problems(rule)
            if missing:
                raise DocumentationError(f"regeln {rule.id}: {'; '.join(missing)}")
            split = parts(rule)
            # `{: #id }` rather than `{#id}`: no template marker, even one that the
            # Markdown would consume.
            out.append(f"#### `{rule.id}` {{: #{anchor(rule.id)} }}\n")
            out.append(to_markdown(split.description) + "\n")
            out.extend(f"- **{label}** {to_markdown(text)}" for label, text in split.examples)
            out.append("")
    return "\n".join(out)
