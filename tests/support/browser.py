"""Playwright helpers shared by the browser tests: axe-core, the search box, the decision
wizard, the ticks in session storage, and the CSP headers the site is served with."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import expect

from rutin.model import decide
from rutin.model.records import Checklist, DecisionTable, Routine, Task
from rutin.site import csp

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}

# Material fades the header title when the page scrolls; checked mid-fade, the half-
# transparent text fails contrast. axe checks the page once its transitions are over.
SETTLED = """() => Promise.all(document.getAnimations()
    .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
    .map(a => a.finished.catch(() => null)))"""


# axe with its color-contrast rule run once per kind of text (tests/support/axe_run.js:
# window.rutinAxe(options) → violations). Loaded after AXE_SCRIPT.
AXE_RUN = (Path(__file__).parent / "axe_run.js").read_text(encoding="utf-8")


def axe(page: Any) -> list[dict[str, Any]]:
    """axe-core's violations on the page once it has settled (axe is injected at load)."""
    if not page.evaluate("() => typeof window.rutinAxe === 'function'"):
        if not page.evaluate("() => typeof window.axe === 'object'"):
            page.evaluate(AXE_SCRIPT)
        page.evaluate(AXE_RUN)
    page.evaluate(SETTLED)
    violations: list[dict[str, Any]] = page.evaluate("o => rutinAxe(o)", AXE_OPTIONS)
    return violations


def format_violations(where: str, violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{where}: {v['id']} ({v['impact']}): {v['help']} – {v['helpUrl']}")
        for node in v["nodes"][:8]:
            target = " ".join(map(str, node["target"]))
            summary = node.get("failureSummary", "").replace("\n", " ")
            lines.append(f"    {target}: {summary}")
        if len(v["nodes"]) > 8:
            lines.append(f"    … and {len(v['nodes']) - 8} more")
    return "\n".join(lines)


# --------------------------------------------------------------------------- the CSP

LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ` +
                    `${e.sourceFile}:${e.lineNumber} ${e.sample}`);
});
"""
NGINX_HEADER = re.compile(r'^add_header\s+(\S+)\s+"([^"]*)"\s+always;$')


def served_headers(site: Path) -> dict[str, str]:
    """The headers nginx-csp.conf makes nginx send (every add_header line)."""
    headers = {}
    for line in (site / csp.NGINX_FILE).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        m = NGINX_HEADER.match(line.strip())
        assert m, f"unexpected line in {csp.NGINX_FILE}: {line!r}"
        headers[m.group(1)] = m.group(2)
    return headers


# --------------------------------------------------------------------------- pages


def state_key(routine: Routine, item: Checklist | Task) -> str:
    """Where checklist.js keeps a checklist's or task's ticks (sessionStorage)."""
    return f"rutin:{routine.id}/{item.id}:{item.version}"


def session_items(page: Any) -> dict[str, str]:
    return dict(page.evaluate(
        "() => Object.keys(sessionStorage).map(k => [k, sessionStorage.getItem(k)])"
    ))


def serve_sitemap_here(page: Any, base: str) -> None:
    """Let Material navigate instantly on a test server.

    Material navigates instantly only to addresses in sitemap.xml, matched by protocol,
    host AND port; a test server's port is not site_url's. Serve the sitemap as a site
    deployed at `base` would."""

    def served_here(route: Any) -> None:
        response = route.fetch()
        body = re.sub(r"<loc>https?://[^/<]+/", f"<loc>{base}", response.text())
        route.fulfill(response=response, body=body)

    page.route("**/sitemap.xml", served_here)


# Resolves once the search results have changed and then not changed for 300 ms (at most
# 10 s): Material redraws them for each typed prefix, so the last query's results are the
# settled ones. The quiet time starts at the first change: the first query of a page view
# loads the search's help and pieces first, which on a busy machine takes longer than
# 300 ms, and the results that were there before would pass for the answer. A query that
# changes nothing (the same results again) ends after 2 s.
_SETTLED_RESULTS = """() => new Promise((done) => {
  const results = document.querySelector(".md-search-result") || document.body;
  let timer = setTimeout(finish, 2000);
  const again = () => { clearTimeout(timer); timer = setTimeout(finish, 300); };
  const watch = new MutationObserver(again);
  const limit = setTimeout(finish, 10000);
  function finish() { watch.disconnect(); clearTimeout(timer); clearTimeout(limit); done(); }
  watch.observe(results, { childList: true, subtree: true, characterData: true });
})"""


def settle_search(page: Any) -> None:
    """Wait until the search results belong to the whole typed query."""
    page.evaluate(_SETTLED_RESULTS)


VISIBLE_JS = "els => els.filter(e => getComputedStyle(e).display !== 'none')"


def click_option(fieldset: Any, question: Any, value: str) -> None:
    """Choose an answer by its label, as a reader clicks it."""
    exact = re.compile(rf"^\s*{re.escape(question.label_of(value))}\s*$")
    fieldset.locator("label").filter(has_text=exact).click()


def answer_wizard(aid: Any, table: Any, answers: dict[str, str]) -> None:
    """Answer a decision wizard as a reader: each question it shows, while it shows one
    we have an answer for (it asks only what can still change the outcome)."""
    for _ in table.inputs:
        asked = [str(x) for x in aid.locator("form.rutin-wizard fieldset[data-input]")
                 .evaluate_all(f"els => ({VISIBLE_JS})(els).filter(f => !f.hidden && "
                               "!f.querySelector('input:checked')).map(f => f.dataset.input)")]
        todo = [i for i in asked if i in answers]
        if not todo:
            return
        q = next(x for x in table.inputs if x.id == todo[0])
        click_option(aid.locator(f"form.rutin-wizard fieldset[data-input='{q.id}']"), q,
                     answers[q.id])


def answer(page: Any, table: DecisionTable, answers: dict[str, str]) -> None:
    """Answer like a reader: the questions in order, clicking the option's label, for as
    long as the wizard asks (it stops asking once the outcome is determined)."""
    for q in table.inputs:
        fieldset = page.locator(f"form.rutin-wizard fieldset[data-input='{q.id}']")
        if not fieldset.is_visible():
            continue  # not asked: its answer cannot change the outcome (decide.next_question)
        expect(fieldset.locator("legend")).to_have_text(q.question)
        label = q.label_of(answers[q.id])
        exact = re.compile(rf"^\s*{re.escape(label)}\s*$")
        fieldset.locator("label").filter(has_text=exact).click()


def one_answer_set_per_rule(table: DecisionTable) -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    for combo in decide.combinations(table):
        rule = decide.evaluate(table, combo)
        if rule is not None and rule.id not in found:
            found[rule.id] = combo
    return found
