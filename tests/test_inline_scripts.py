"""The CSP's view of inline scripts (adapters/mkdocs_material/inline_scripts.py): a page
is hashed in memory as it is written, and skipping the parse for a page whose scripts
are all external or JSON never hides an inline script."""

from __future__ import annotations

from pathlib import Path

import pytest

from rutin.adapters.mkdocs_material.inline_scripts import (
    inline_scripts,
    page_hashes,
    site_hashes,
)
from rutin.site.csp import script_hash


@pytest.mark.parametrize("html", [
    '<script src="a.js"></script><script id="__config" type="application/json">{}</script>',
    "<p>no script</p>",
    '<script src="a.js"></script><script>alert(1)</script>',
    '<script data-note="src=x">alert(2)</script>',
    '<SCRIPT>alert(3)</SCRIPT><script src="a.js"></script>',
    '<script src="a.js" >alert(4)</script>',
    '<script type="module">alert(5)</script>',
    '<script type="application/json" onload="x">{}</script><script>alert(6)</script>',
])
def test_page_hashes_are_the_full_parses(html: str) -> None:
    assert page_hashes(html) == {script_hash(t) for t in inline_scripts(html)}


def test_the_site_is_read_only_for_files_not_hashed_as_written(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    (tmp_path / "b.html").write_text("<script>alert(2)</script>", encoding="utf-8")
    assert site_hashes(tmp_path) == sorted({script_hash("alert(1)"), script_hash("alert(2)")})
    assert site_hashes(tmp_path, [tmp_path / "a.html"]) == [script_hash("alert(2)")]
