from __future__ import annotations

from pathlib import Path

import pytest

from rutin.rules.no_raw_html import html_problem
from support.validation import CHECKLIST, messages, routine_copy

RULE = "no-raw-html"


@pytest.mark.parametrize("text", [
    "Barn < 13 år", "Barn <13 år", "a > b", "Se <https://example.org>.", "**fet** *kursiv*",
    "{ inte mall }", "Pris: 5 = fem",
])
def test_allowed(text: str) -> None:
    assert html_problem(text) is None


@pytest.mark.parametrize(("text", "found"), [
    ("<b>fet</b>", '"<b"'), ("slut</p>", '"</p"'), ("<!-- dold -->", '"<!--"'),
    ("<script>alert(1)</script>", '"<script"'), ('<img src=x onerror="a()">', '"<img"'),
    ('x onclick="a()"', "onclick"), ("Hej {{ namn }}", '"{{"'), ("{% if x %}", '"{%"'),
    ("{# kommentar #}", '"{#"'),
])
def test_refused(text: str, found: str) -> None:
    message = html_problem(text)
    assert message is not None and found in message


def test_in_a_substep(tmp_path: Path) -> None:
    folder = routine_copy(tmp_path, {CHECKLIST: (
        "    critical: true",
        "    critical: true\n    substeps:\n      - Klicka <u>här</u>.")})
    assert messages(folder, RULE) == [
        'boka-besok.yaml:19:9: steps[0].substeps[0]: HTML är inte tillåtet i texten ("<u"); '
        "använd Markdown: **fet**, *kursiv*, [länktext](https://adress)"]
