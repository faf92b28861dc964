"""Rule no-raw-html."""

from __future__ import annotations

import re
from collections.abc import Iterator

from rutin.problem import Problem
from rutin.rules.content import RoutineContent

RULE_ID = "no-raw-html"

_HTML = re.compile(
    r"<!--"                                        # comment
    r"|</?(?!https?://)[A-Za-z][A-Za-z0-9-]*"      # <tag or </tag (not an autolink)
    r"|\bon[a-z]+\s*=\s*[\"']"                     # onclick="..." event attribute
)
_TEMPLATE = re.compile(r"\{\{|\{%|\{#")


def html_problem(text: str) -> str | None:
    """The Swedish message for raw HTML or template syntax in `text`, or None."""
    if "<" not in text and "{" not in text and "=" not in text:
        return None
    match = _HTML.search(text)
    if match:
        return (f"HTML är inte tillåtet i texten (\"{match.group(0)}\"); använd Markdown: "
                "**fet**, *kursiv*, [länktext](https://adress)")
    match = _TEMPLATE.search(text)
    if match:
        return (f"\"{match.group(0)}\" är mallkod och är inte tillåtet i texten; "
                "skriv om tecknen, t.ex. med mellanslag emellan")
    return None


def check(content: RoutineContent) -> Iterator[Problem]:
    """Texten får inte innehålla HTML: inga taggar (`<b>`, `</p>`, `<script>`), inga
    HTML-kommentarer (`<!--`) och inga händelseattribut (`onclick="…"`). Använd Markdown
    för fet och kursiv stil och för länkar. Sidorna visar texten säkert och likadant på
    skärm och i utskrift bara så.

    Mallkod är inte heller tillåten: två vänsterklamrar i rad, eller en vänsterklammer
    direkt följd av `%` eller `#`. Webbplatsens mallsystem skulle försöka köra den; skriv
    ett mellanslag emellan. En adress inom vinkelparenteser (`<https://…>`) räknas inte
    som HTML.

    Godkänt: `text: "Välj **Distansbesök - video**."`
    Fel: `text: "Välj <b>Distansbesök - video</b>."`
    """
    for doc in content.documents:
        for path, text in content.texts(doc):
            message = html_problem(text)
            if message:
                yield doc.problem(path, message, RULE_ID)
