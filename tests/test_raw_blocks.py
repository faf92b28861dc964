"""A generated page's raw HTML set aside while MkDocs renders it, put back after
(adapters/mkdocs_material/raw_blocks.py): the page's HTML, its table of contents and the
anchors MkDocs checks links against are exactly what a full Markdown render gives."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import markdown
import pytest
from mkdocs.config import load_config
from mkdocs.structure.pages import _HTMLHandler

from rutin.adapters.mkdocs_material import raw_blocks
from rutin.check import content
from rutin.site.site_plan import Settings, site_plan
from tools.bench._generate import generate_region

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def site_markdown() -> Iterator[markdown.Markdown]:
    """The site's own Markdown, as MkDocs configures it from mkdocs.yml."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    yield markdown.Markdown(extensions=config["markdown_extensions"],
                            extension_configs=config["mdx_configs"] or {})


def _both_ways(md: markdown.Markdown, text: str) -> tuple[tuple[str, object], tuple[str, object]]:
    md.reset()
    full = md.convert(text), getattr(md, "toc_tokens", None)
    skeleton, blocks = raw_blocks.set_aside(text)
    md.reset()
    fast = raw_blocks.put_back(md.convert(skeleton), blocks), getattr(md, "toc_tokens", None)
    return full, fast


def _raw_ids(text: str) -> set[str]:
    handler = _HTMLHandler()
    handler.feed(text)
    handler.close()
    return set(handler.present_anchor_ids)


@pytest.mark.parametrize("region", ["platform24", "generated"])
def test_every_generated_page_renders_to_the_same_html(site_markdown: markdown.Markdown,
                                                      tmp_path: Path, region: str) -> None:
    """Every page of the routine, and of a region the benchmark generates (every kind of
    page at every size it makes)."""
    root = ROOT / "checklists"
    if region == "generated":
        root = tmp_path / "region"
        generate_region(root, 2, 6)
    report = content.checked(root)
    assert report.library is not None
    plan = site_plan(report.library, Settings("https://rutiner.example.se/",
                                              content_root=root))
    set_aside = 0
    for page in plan.pages:
        text = page.markdown.body
        (html, toc), (fast_html, fast_toc) = _both_ways(site_markdown, text)
        assert fast_html == html, page.src
        assert fast_toc == toc, page.src
        skeleton, blocks = raw_blocks.set_aside(text)
        set_aside += sum(map(len, blocks))
        # the anchors MkDocs would have found in the raw HTML are all given back
        assert _raw_ids(text) <= raw_blocks.anchor_ids(blocks) | _raw_ids(skeleton), page.src
    # the mechanism is in use: most of the generated HTML never goes through Markdown
    assert set_aside > sum(len(p.markdown.body) for p in plan.pages) / 2


CASES = {
    "whole blocks": '# T {#t}\n\n<div class="a"><p>x</p></div>\n\n## H {#h}\n\n<p>y</p>\n',
    "markdown asked for inside": '<div markdown="1">\n**fet**\n</div>\n',
    "an inline start": '<span class="a">*inte fet i rå HTML*</span>\n',
    "two elements in one block": "<p>a</p><ul><li>b</li></ul>\n",
    "indented": "    <p>kod</p>\n",
    "a comment": "<!-- x --><p>a</p>\n",
    "an element over a blank line": "<div>\n<p>a</p>\n\n<p>b</p>\n</div>\n",
    "text after the element": "<p>a</p> och *mer*\n",
    "a void element first": '<hr class="x">\n\n<input type="checkbox" id="i">\n',
    "a paragraph then a block": 'Text *med* betoning.\n<div id="d">x</div>\n',
    "a list then a block": "- ett\n- två\n\n<div id=\"d\">x</div>\n",
    "a slot's own markup as text": '<p>&lt;div data-rutin-slot="0"&gt;&lt;/div&gt;</p>\n',
    "a script": "<script>if (a < b) {}</script>\n",
    "lines of elements and headings": ('<p>a</p>\n<div id="d"><p>b</p></div>\n### R {#r}\n'
                                       "<p>c</p>\n"),
    "lines with text among them": "<p>a</p>\nText *med* betoning.\n<p>c</p>\n",
    "a preformatted block": ("<div><pre><code>  två  mellanslag\n\n*inte fet*</code></pre>"
                             "</div>\n"),
}


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_each_kind_of_block_renders_as_markdown_would(site_markdown: markdown.Markdown,
                                                      text: str) -> None:
    full, fast = _both_ways(site_markdown, text)
    assert fast == full


def test_only_whole_elements_are_set_aside() -> None:
    assert raw_blocks.set_aside(CASES["whole blocks"])[1] == ['<div class="a"><p>x</p></div>',
                                                              "<p>y</p>"]
    skeleton, blocks = raw_blocks.set_aside(CASES["lines of elements and headings"])
    assert blocks == ["<p>a</p>", '<div id="d"><p>b</p></div>', "<p>c</p>"]
    assert "### R {#r}" in skeleton
    for name in ("lines with text among them", "markdown asked for inside", "an inline start",
                 "two elements in one block", "indented", "a comment", "text after the element",
                 "a script", "a paragraph then a block"):
        assert raw_blocks.set_aside(CASES[name]) == (CASES[name], []), name


def test_a_lost_slot_fails_loudly() -> None:
    skeleton, blocks = raw_blocks.set_aside("<p>a</p>\n\n<p>b</p>\n")
    assert len(blocks) == 2
    with pytest.raises(ValueError, match="2 HTML-block lades undan men 1 kom tillbaka"):
        raw_blocks.put_back(skeleton.split("\n\n")[0], blocks)


def test_anchor_ids_are_read_from_start_tags_only() -> None:
    """Text as the core writes it (quotes escaped) never gives an id."""
    blocks = ['<div id="a&amp;b"><a name="n">x</a><p> id=&quot;text&quot;</p></div>']
    assert raw_blocks.anchor_ids(blocks) == {"a&b", "n"} == _raw_ids(blocks[0])


def test_the_block_level_elements_are_python_markdowns() -> None:
    """An upgrade of Python-Markdown that changes its list fails here, not in a page."""
    ours = raw_blocks.BLOCK_LEVEL | {"script", "style", "textarea"}
    assert ours == set(markdown.Markdown().block_level_elements)
