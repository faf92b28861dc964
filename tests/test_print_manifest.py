"""`rutin pdf` finds the pages to print in the print manifest the build writes from the
site plan (print_parts.MANIFEST_FILE), never by reading the built pages' HTML."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from rutin.printing import pdf, print_parts

PDF_MODULE = Path(pdf.__file__)
HTML_READERS = {"html.parser", "HTMLParser", "lxml", "bs4", "BeautifulSoup", "html5lib"}


def test_pdf_py_parses_no_html() -> None:
    tree = ast.parse(PDF_MODULE.read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported |= {node.module or "", *(a.name for a in node.names)}
    assert not imported & HTML_READERS, imported & HTML_READERS
    text = PDF_MODULE.read_text(encoding="utf-8")
    assert '"*.html"' not in text and ".html" not in text.replace("index.html", "")
    assert "read_manifest" in text


def _item(routine: str, item_id: str, kind: str) -> print_parts.PrintItem:
    return print_parts.PrintItem(routine, item_id, kind, f"Titel {item_id}",
                                 f"{routine}/{item_id}/")


def test_discover_reads_the_manifest_in_its_order(tmp_path: Path) -> None:
    items = [_item("r", "t1", "task"), _item("r", "b", "checklist"),
             _item("r", "a", "decision"), _item("s", "x", "checklist")]
    (tmp_path / print_parts.MANIFEST_FILE).write_text(print_parts.manifest_json(items),
                                                      encoding="utf-8")
    (tmp_path / "r").mkdir()
    (tmp_path / "r" / "index.html").write_text("<h1>ignored</h1>", encoding="utf-8")
    found, routines = pdf.discover(tmp_path)
    assert found == items
    assert [p.id for p in routines["r"]] == ["t1", "b", "a"]
    assert [p.id for p in routines["s"]] == ["x"]
    assert found[0].pdf == "pdf/r/t1.pdf"


@pytest.mark.parametrize("text", [
    None, "{}", "not json", '{"version": 1, "pages": [{"routine": "r"}]}',
    # names that would lead out of pdf/ or the site
    '{"version": 1, "pages": [{"routine": "..", "id": "x", "kind": "task", '
    '"title": "T", "path": "x/"}]}',
    '{"version": 1, "pages": [{"routine": "r", "id": "x", "kind": "task", '
    '"title": "T", "path": "../x/"}]}',
])
def test_without_a_good_manifest_rutin_pdf_asks_for_a_build(tmp_path: Path,
                                                           text: str | None) -> None:
    if text is not None:
        (tmp_path / print_parts.MANIFEST_FILE).write_text(text, encoding="utf-8")
    with pytest.raises(pdf.PdfError) as raised:
        pdf.discover(tmp_path)
    assert raised.value.usage and "rutin build" in str(raised.value)
