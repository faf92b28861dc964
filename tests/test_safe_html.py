"""The security boundary on its own (rutin.safe_html): content text can never become
markup, script or a non-http(s) link, whatever an editor types."""

from __future__ import annotations

import json

import pytest

from rutin.pages.safe_html import escape, inline, md_text, paragraphs, plain, script_json


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("**fet** och *kursiv*", "<strong>fet</strong> och <em>kursiv</em>"),
        ("[1177](https://www.1177.se/)", '<a href="https://www.1177.se/">1177</a>'),
        ("[x](javascript:alert(1))", "[x](javascript:alert(1))"),
        ('[x](https://a.se/" onclick="y)', '[x](https://a.se/&quot; onclick=&quot;y)'),
        ("2 * 3 * 4", "2 * 3 * 4"),
        ("[**<b>**](https://a.se/)", '<a href="https://a.se/"><strong>&lt;b&gt;</strong></a>'),
        ("a & b ' \"", "a &amp; b &#x27; &quot;"),
    ],
)
def test_inline_markdown_is_safe(text: str, expected: str) -> None:
    assert inline(text) == expected


def test_escape_covers_attributes() -> None:
    assert escape('"\'<>&') == "&quot;&#x27;&lt;&gt;&amp;"


def test_md_text_is_inert_for_markdown() -> None:
    out = md_text("# Rubrik [länk](https://a.se/) `kod` <b> {: #x }")
    for char in "#[]`<>{}":
        assert char not in out.replace("&#", ""), char
    assert plain("**fet** [text](https://a.se/)") == "fet text"


def test_paragraphs_escape_each_paragraph() -> None:
    assert paragraphs("ett <i>\n\ntvå", "c") == '<p class="c">ett &lt;i&gt;</p><p class="c">två</p>'


def test_script_json_cannot_close_the_script() -> None:
    out = script_json({"t": "</script><b>&"})
    assert "<" not in out and ">" not in out and "&" not in out
    assert json.loads(out) == {"t": "</script><b>&"}
