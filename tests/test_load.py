"""The strict loader: data, positions, and one clear problem per kind of bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from rutin.load.yaml_reader import MAX_BYTES, format_path, load_bytes, load_file

F = Path("f.yaml")


def problems(raw: bytes) -> list[str]:
    return [f"{p.line}:{p.column}: {p.field}: {p.message} ({p.rule})"
            for p in load_bytes(F, raw).problems]


def test_plain_data_and_positions() -> None:
    doc = load_bytes(F, b"id: a\nsteps:\n  - id: s1\n    text: Hej\n  - id: s2\n")
    assert doc.data == {"id": "a", "steps": [{"id": "s1", "text": "Hej"}, {"id": "s2"}]}
    assert doc.problems == []
    assert doc.position(("steps", 0, "text")) == (4, 11)
    assert doc.position(("steps", 0, "text"), key=True) == (4, 5)
    assert doc.position(("steps", 1)) == (5, 5)
    # a missing node: the nearest existing ancestor
    assert doc.position(("steps", 1, "text")) == (5, 5)
    assert doc.position(("steps", 7)) == (3, 3)
    assert doc.position(()) == (1, 1)


@pytest.mark.parametrize(("raw", "path", "where"), [
    (b"? kind\nid: a\n", ("kind",), (1, 3)),
    (b"id: a\n? kind\n", ("kind",), (2, 3)),
    (b"steps:\n  - ? text\n    id: s1\n", ("steps", 0, "text"), (2, 7)),
    (b"? kind\n:\nid: a\n", ("kind",), (1, 3)),
    (b"kind:\nid: a\n", ("kind",), (1, 6)),  # an empty value on the key's line: there
])
def test_a_key_without_a_value_is_shown_at_the_key(raw: bytes, path: tuple[str | int, ...],
                                                    where: tuple[int, int]) -> None:
    """`? kind` with no value: YAML puts the empty value where the next line starts, so
    its message pointed at the next field."""
    doc = load_bytes(F, raw)
    assert doc.problems == []
    assert doc.position(path) == where


def test_format_path() -> None:
    assert format_path(("steps", 2, "text")) == "steps[2].text"
    assert format_path(("a", "b", 0, 1)) == "a.b[0][1]"
    assert format_path(()) == ""


def test_every_text_value_is_recorded_with_its_path() -> None:
    doc = load_bytes(F, b"a: x\nb: [y, {c: z}]\nd: true\n")
    assert doc.strings == [(("a",), "x"), (("b", 0), "y"), (("b", 1, "c"), "z")]


@pytest.mark.parametrize(("written", "kind", "value"), [
    ("yes", "bool", "yes"), ("Off", "bool", "Off"), ("true", "bool", True),
    ("false", "bool", False), ("12", "int", "12"), ("0x1f", "int", "0x1f"),
    ("1e3", "float", "1e3"), (".5", "float", ".5"), ("2025-12-02", "timestamp", "2025-12-02"),
    ("12:30", "int", "12:30"), ("~", "null", None), ("", "null", None), ("null", "null", None),
])
def test_yaml_11_coercions_are_recorded_not_applied(written: str, kind: str,
                                                    value: object) -> None:
    doc = load_bytes(F, f"a: {written}\n".encode())
    assert doc.data == {"a": value}
    assert doc.coercions[("a",)].kind == kind
    assert doc.coercions[("a",)].text == written


def test_quoted_values_are_plain_text() -> None:
    doc = load_bytes(F, b"a: \"yes\"\nb: '2025-12-02'\nc: |\n  12\n")
    assert doc.data == {"a": "yes", "b": "2025-12-02", "c": "12\n"}
    assert doc.coercions == {}


def test_duplicate_key_names_the_first_line() -> None:
    assert problems(b"a: 1\nb:\n  c: x\n  c: y\n") == [
        '4:3: b.c: nyckeln "c" finns redan på rad 3; ta bort eller slå ihop den ena '
        "(yaml-duplicate-key)"]


def test_bom_and_non_utf8() -> None:
    assert problems(b"\xef\xbb\xbfa: b\n")[0].endswith("(yaml-encoding)")
    assert problems(b"a: b\nc: d\xe5\n") == [
        "2:5: : ogiltigt tecken (byte 0xe5): filen är inte UTF-8; spara den som UTF-8 "
        "(yaml-encoding)"]


def test_tabs_in_indentation_but_not_in_text() -> None:
    assert problems(b"a:\n  b: c\n\t d: e\n") == [
        "3:1: : tabb i indraget; använd mellanslag (yaml-tab)"]
    assert problems(b"a: \"x\\ty\"\nb: x\ty\n") == []


def test_anchor_alias_and_tags() -> None:
    assert [p.split(": ", 1)[0] for p in problems(b"a: &x b\nc: *x\nd: !t e\n")] == [
        "1:4", "2:4", "3:4"]
    assert problems(b"a: !!python/name:os.system x\n")[0].endswith("(yaml-tag)")
    # prose that merely contains the characters is fine
    assert problems(b"a: Obs! Ring *genast* & skriv [x](https://a.se).\n") == []


def test_markdown_emphasis_is_not_an_alias() -> None:
    assert problems(b"a: Text med *kursiv* och **fet** stil.\nb: |\n  * punkt\n") == []


@pytest.mark.parametrize(("raw", "expected"), [
    (b"", "0:0: : filen är tom (yaml-empty)"),
    (b"# bara kommentar\n", "0:0: : filen är tom (yaml-empty)"),
    (b"- a\n", "1:1: : filen ska bestå av fält (nyckel: värde), men är en lista "
               "(yaml-top-level)"),
    (b"hej\n", "1:1: : filen ska bestå av fält (nyckel: värde), men är ett enskilt värde "
               "(yaml-top-level)"),
    (b"a: [b\n", "2:1: : YAML-syntaxfel: komma eller ] saknas i listan inom hakparenteser "
                 "(yaml-syntax)"),
    (b"a: b\n---\nc: d\n", "2:1: : YAML-syntaxfel: filen innehåller flera dokument (---); "
                           "en fil får bara innehålla ett (yaml-syntax)"),
    (b"a: b\x07\n", "1:5: : YAML-syntaxfel: filen innehåller ett otillåtet kontrolltecken "
                    "(yaml-syntax)"),
])
def test_unusable_files(raw: bytes, expected: str) -> None:
    assert problems(raw) == [expected]
    assert load_bytes(F, raw).data is None


def test_file_over_one_mebibyte(tmp_path: Path) -> None:
    path = tmp_path / "stor.yaml"
    path.write_bytes(b"a: " + b"x" * MAX_BYTES + b"\n")
    doc = load_file(path)
    assert doc.data is None
    assert [(p.line, p.rule) for p in doc.problems] == [(0, "yaml-size")]
    assert "för stor" in doc.problems[0].message


def test_unreadable_file_is_a_problem(tmp_path: Path) -> None:
    doc = load_file(tmp_path / "finns-inte.yaml")
    assert doc.data is None and doc.problems[0].line == 0


def test_non_scalar_key() -> None:
    assert problems(b"? [a, b]\n: c\n") == [
        "1:3: : en nyckel måste vara ett namn, inte en lista eller mappning (yaml-syntax)"]


def test_the_preview_keeps_a_files_last_clean_parse(tmp_path: Path) -> None:
    """Parses (the editor's preview checks again after a save): a file unchanged since
    the previous check gives the same document without parsing again; a changed file is
    parsed anew; a mistake is never kept; without parses, every load parses."""
    import os

    from rutin.load import yaml_reader

    path = tmp_path / "a.yaml"
    path.write_text("id: a\ntitle: Ett\n", encoding="utf-8")
    parses = yaml_reader.Parses()
    first = yaml_reader.load_file(path, parses=parses)
    parses = parses.after()
    assert yaml_reader.load_file(path, parses=parses) is first
    path.write_text("id: a\ntitle: Två\n", encoding="utf-8")
    os.utime(path, ns=(1, 1))  # a new stamp even on a coarse clock
    parses = parses.after()
    second = yaml_reader.load_file(path, parses=parses)
    assert second is not first and second.data == {"id": "a", "title": "Två"}
    path.write_text("id: a\nid: b\n", encoding="utf-8")  # a mistake is never kept
    parses = parses.after()
    assert yaml_reader.load_file(path, parses=parses).problems
    parses = parses.after()
    assert yaml_reader.load_file(path, parses=parses) is not yaml_reader.load_file(
        path, parses=parses.after())
    path.write_text("id: a\n", encoding="utf-8")
    assert yaml_reader.load_file(path) is not yaml_reader.load_file(path)
