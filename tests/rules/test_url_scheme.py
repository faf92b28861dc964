from __future__ import annotations

from pathlib import Path

import pytest

from rutin.rules.url_scheme import url_problem
from support.validation import CHECKLIST, messages, routine_copy

RULE = "url-scheme"


@pytest.mark.parametrize("text", [
    "Se [manualen](https://example.org/a).", "Se <https://example.org>.",
    "Följande data: namn och adress.", "Ring 1177 kl. 08:00.", "Fil: kallelse.docx",
    "http://example.org/a?b=c", "Klockan 12:30",
])
def test_allowed(text: str) -> None:
    assert url_problem(text) is None


@pytest.mark.parametrize(("text", "shown"), [
    ("[x](javascript:alert(1))", 'länken "javascript:…"'),
    ("[x](JavaScript:alert(1))", 'länken "JavaScript:…"'),
    ("[x](file:///G:/a.docx)", 'länken "file:…"'),
    ("[x](data:text/html;base64,AAA)", 'länken "data:…"'),
    ("[x](mailto:a@b.se)", 'länken "mailto:…"'),
    ("[x](annan-sida.md)", 'länken "annan-sida.md"'),
    ("[x]()", 'länken "(tom)"'),
    ("<ftp://example.org>", 'adressen "ftp://example.org"'),
    ("Öppna file:///G:/mall.docx", 'typen "file:"'),
    ("Kör javascript:alert(1)", 'typen "javascript:"'),
    ("Bild: data:image/png;base64,AAA", 'typen "data:"'),
])
def test_refused(text: str, shown: str) -> None:
    message = url_problem(text)
    assert message is not None and shown in message


def test_in_a_note(tmp_path: Path) -> None:
    folder = routine_copy(tmp_path, {CHECKLIST: (
        "references: [manual]",
        "notes:\n  - text: Se [mallen](file:///G:/mall.docx).\nreferences: [manual]")})
    assert messages(folder, RULE) == [
        'boka-besok.yaml:25:11: notes[0].text: länken "file:…" ska gå till en adress som '
        "börjar med https:// eller http://"]
