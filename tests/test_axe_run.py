"""support/axe_run.js, the axe-core run of every browser test: color-contrast once per
kind of text must find every kind of text that axe alone finds failing, and the other
rules must report exactly what axe alone reports.

Checked on a made-up page built to trip the shortcuts (twins, one-character text, a
closed <details>, a twin that axe cannot decide because something lies over it), and on
real pages of the built site with their text colours made too pale."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.base import AXE_SCRIPT

from support.browser import AXE_OPTIONS, AXE_RUN
from support.pages import site_pages

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SHARED_CONTEXT = True  # conftest: the tests take turns in one tab (support/tabs.py)

# The kinds of text (support/axe_run.js' groups) that have a color-contrast violation:
# by axe alone on the whole page, and by rutinAxe. Other rules: id and node count.
COMPARE = """async (options) => {
  const groups = window.rutinAxe.textGroups();
  const groupOf = new Map();
  groups.forEach((group, i) => group.forEach((element) => groupOf.set(element, i)));
  const kinds = (violations) => [...new Set(violations
    .filter((v) => v.id === "color-contrast")
    .flatMap((v) => v.nodes.map((n) => groupOf.has(n.element) ? groupOf.get(n.element)
      : "utan grupp: " + n.element.outerHTML.slice(0, 80))))].sort();
  const others = (violations) => violations.filter((v) => v.id !== "color-contrast")
    .map((v) => v.id + ":" + v.nodes.length).sort();
  const alone = await axe.run(document, { ...options, elementRef: true });
  window.__rutinKeepElements = true;
  const ours = await window.rutinAxe({ ...options, elementRef: true });
  window.__rutinKeepElements = false;
  return { alone: kinds(alone.violations), ours: kinds(ours),
           aloneOthers: others(alone.violations), oursOthers: others(ours),
           groups: groups.length, texts: groupOf.size };
}"""

PALE = """
.md-typeset td, .md-typeset li, .md-typeset summary, .md-typeset dd { color: #b4b4b4 !important }
.md-nav__link { color: #c8c8c8 !important }
.md-typeset p { background: #808080 !important }
"""

MADE_UP = """<!doctype html><html lang="sv"><head><title>Prov</title><style>
  .blek { color: #c0c0c0 } td { padding: 4px }
  .over { position: relative } .over::after { content: ""; position: absolute; inset: 0;
    background: rgba(0, 0, 0, 0.5) }
  .ruta { position: relative; height: 60px }
  .lock { position: absolute; left: 0; top: 0; width: 60px; height: 40px; background: #000 }
</style></head><body><main><h1>Prov</h1>
<table><tbody>
  <tr><td>7</td><td class="blek">ett</td><td>ok</td></tr>
  <tr><td class="blek">9</td><td class="blek">två</td><td>ok</td></tr>
  <tr><td>8</td><td class="blek">tre</td><td>ok</td></tr>
</tbody></table>
<details><summary>Stängd</summary><p class="blek">dold blek text</p></details>
<details open><summary>Öppen</summary><p class="blek">synlig blek text</p></details>
<div class="ruta"><span class="blek">täckt text</span><span class="lock"></span></div>
<div class="ruta"><span class="blek">samma slags text, fri</span></div>
<p style="color: #ddd">bara här</p>
</main></body></html>"""


def _compare(page: Any) -> dict[str, Any]:
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)
    page.evaluate(AXE_RUN)
    result: dict[str, Any] = page.evaluate(COMPARE, AXE_OPTIONS)
    return result


def test_a_made_up_page_finds_what_axe_alone_finds(page: Any) -> None:
    page.set_content(MADE_UP)
    found = _compare(page)
    assert found["alone"], "the made-up page has no contrast violation: it proves nothing"
    assert found["alone"] == found["ours"], found
    assert found["aloneOthers"] == found["oursOthers"], found
    assert found["groups"] < found["texts"]  # twins were grouped: the shortcut was taken


def test_real_pages_with_pale_text_find_what_axe_alone_finds(
    page: Any, site_server: str, built_site: Path
) -> None:
    """On the built site's own pages – the start page, the first content page with a
    table and the first with a list – every kind of pale text axe alone finds, and
    the same violations of every other rule."""
    texts = {p: (built_site / p / "index.html").read_text(encoding="utf-8")
             for p in site_pages(built_site) if p.endswith("/")}
    with_table = next(p for p, text in texts.items() if "<table" in text)
    with_list = next(p for p, text in texts.items() if p != with_table and "<li>" in text)
    for path in ("", with_table, with_list):
        page.goto(site_server + path, wait_until="load")
        page.add_style_tag(content=PALE)
        found = _compare(page)
        assert found["alone"], (path, "no pale text found: the comparison proves nothing")
        assert found["alone"] == found["ours"], (path, found)
        assert found["aloneOthers"] == found["oursOthers"], (path, found)
