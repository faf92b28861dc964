"""Text from YAML can never inject markup, scripts or template code.

Hostile payloads are put into the text fields of a COPY of the real content. Each one
must either be rejected by `rutin check` (a Swedish message naming the file, line,
column, field and the rule) or be built into a site where it is inert. Proven on the
BUILT HTML, parsed, not on intermediate strings:

- the only <script> elements are the site's own (`src` under assets/) and JSON data
  blocks (`type="application/json"`) whose content parses as JSON and holds no `</script`;
- no element has an `on…` attribute;
- every href/src/action/formaction is relative, #…, http(s): or mailto:;
- no `{{`, `{%` or `{#` is left in any page;
- no <iframe>, <object>, <embed>, <base>, <form action>, <meta http-equiv=refresh>;
and, in Chromium, loading the pages (hovering, answering the wizard, searching) never
opens a dialog or sets `window.__pwned`.

To keep it fast: ONE `rutin check` run holds every payload that must be rejected (it
reports every problem in one run) and ONE site build holds every payload that passes
validation, each in a different field.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from rutin.adapters.mkdocs_material import search_index as search_shards
from rutin.check.content import CONTENT_ROOT_ENV, content_root
from rutin.printing.pdf import serve
from rutin.site import site_paths
from support.browser import settle_search
from support.project import ROOT, run_build

pytestmark = pytest.mark.slow

ROUTINE = "platform24"
CHECKLIST_Q = "barn-under-13-med-ombud.yaml"  # has a question, warnings, notes, substeps
CHECKLIST_P = "boka-videobesok-i-cosmic.yaml"  # a step with a phrase, a `when`
CHECKLIST_R = "gruppbesok-via-video.yaml"
DECISION = "decisions/skyddade-personuppgifter.yaml"
PWN = "window.__pwned=1"


@dataclass(frozen=True)
class Payload:
    name: str
    file: str  # relative to the routine folder
    path: tuple[str | int, ...]  # where in the YAML document; an int indexes a list
    text: str
    rule: str = ""  # the rule that must reject it ("" = must build and be inert)
    append: bool = False  # add to the list at `path` instead of replacing the value
    shows: str = ""  # inert: what a page shows of it (decoded text or attribute value)

    @property
    def field(self) -> str:
        out = ""
        for part in self.path:
            out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
        return out


# Rejected by `rutin check`: one per field, all in one run.
REJECTED = [
    Payload("script-tag", CHECKLIST_Q, ("steps", 1, "text"),
            "Boka <script>alert(1)</script> nu.", "no-raw-html"),
    Payload("img-onerror", CHECKLIST_Q, ("steps", 0, "detail"),
            "Se bild <img src=x onerror=alert(1)>", "no-raw-html"),
    Payload("javascript-link", CHECKLIST_Q, ("warnings", 0, "text"),
            "Läs [mer](javascript:alert(1)).", "url-scheme"),
    Payload("data-link", CHECKLIST_Q, ("notes", 0, "text"),
            "Se [här](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==).",
            "url-scheme"),
    Payload("uppercase-javascript", CHECKLIST_Q, ("steps", 0, "substeps", 0),
            "Klicka [här](JAVASCRIPT:alert(1)).", "url-scheme"),
    Payload("space-before-javascript", CHECKLIST_P, ("summary",),
            "Boka [tid]( javascript:alert(1)).", "url-scheme"),
    Payload("entity-javascript-link", "routine.yaml", ("glossary", 0, "meaning"),
            "Systemet, se [länk](&#x6a;avascript:alert(1)).", "url-scheme"),
    Payload("svg-onload", "routine.yaml", ("references", 0, "title"),
            "Rutin <svg onload=alert(1)>", "no-raw-html"),
    Payload("a-href-javascript", DECISION, ("rules", 0, "then", "outcome"),
            'Ring <a href="javascript:alert(1)">här</a>.', "no-raw-html"),
    Payload("jinja-expression", CHECKLIST_R, ("title",),
            "Gruppbesök {{ config }}", "no-raw-html"),
    Payload("jinja-statement", "phrases.yaml", ("phrases", 0, "use"),
            "Används {% include 'x' %} vid bokning.", "no-raw-html"),
    Payload("jinja-comment", CHECKLIST_R, ("keywords",),
            "grupp {# x #}", "no-raw-html", append=True),
    Payload("autolink-javascript", DECISION, ("rules", 0, "then", "actions", 0, "text"),
            "Klicka <javascript:alert(1)>", "url-scheme"),
    Payload("script-close-in-phrase", "phrases.yaml", ("phrases", 0, "text"),
            "Hej!</script><script>alert(1)</script>", "no-raw-html"),
    Payload("quoted-attribute-breakout", DECISION, ("inputs", 0, "options", 0, "label"),
            'För sig själv" onmouseover="alert(1)', "no-raw-html"),
    Payload("reference-definition", CHECKLIST_P, ("steps", 0, "detail"),
            "Se [bokningsrutinen][r].\n\n[r]: javascript:alert(1)", "url-scheme"),
    Payload("html-comment", "routine.yaml", ("purpose",),
            "Beskriva arbetssättet. <!-- dold text -->", "no-raw-html"),
    Payload("iframe", DECISION, ("inputs", 2, "help"),
            'Se <iframe src="https://example.org/"></iframe>', "no-raw-html"),
    Payload("vbscript-link", CHECKLIST_R, ("steps", 0, "text"),
            "Öppna [filen](vbscript:msgbox(1)).", "url-scheme"),
    Payload("file-link", CHECKLIST_R, ("summary",),
            "Se [filen](file:///etc/passwd).", "url-scheme"),
    # Text that displays differently from what it says ("Trojan Source"): shown as
    # "Skriv ut kallelse.", but the text is reversed.
    Payload("bidi-override", CHECKLIST_P, ("steps", 1, "text"),
            "Skriv ut \u202eesellak\u202c.", "visible-text"),
    Payload("zero-width-in-tag", CHECKLIST_Q, ("questions", 0, "question"),
            f"Är det viktigt <\u200bscript>{PWN}<\u200b/script>?", "visible-text"),
    Payload("line-separators", "routine.yaml", ("scope",),
            "Rad\u2028två\u2029tre.", "visible-text"),
    Payload("soft-hyphen", DECISION, ("inputs", 1, "question"),
            "Har den som söker skyd\u00addade personuppgifter?", "visible-text"),
    Payload("control-character", DECISION, ("title",),
            "Skyddade\x1b[2J personuppgifter", "visible-text"),
    Payload("markdown-image", "routine.yaml", ("references", 1, "title"),
            "Rutin ![bild](https://example.org/x.png)", "visible-text"),
    Payload("markdown-image-reference", CHECKLIST_R, ("steps", 1, "text"),
            "Se ![bild][b].\n\n[b]: https://example.org/x.png", "visible-text"),
]

# Pass validation (nothing in them is markup to the validator) and must be inert.
INERT = [
    Payload("entity-encoded-script", CHECKLIST_Q, ("steps", 1, "text"),
            f"Boka &lt;script&gt;{PWN}&lt;/script&gt; och &#60;script&#62;{PWN}&#60;/script&#62;."),
    Payload("entity-encoded-javascript", CHECKLIST_Q, ("steps", 1, "detail"),
            "Adressen &#x6a;avascript&#58;alert(1) och &#106;avascript:alert(1) är text."),
    Payload("meta-description-breakout", CHECKLIST_Q, ("summary",),
            f'Barn" onmouseover={PWN} data-x="'),
    Payload("unquoted-attribute-breakout", CHECKLIST_Q, ("questions", 0, "options", 0, "label"),
            f'Ja" onmouseover={PWN} x="'),
    Payload("href-breakout", CHECKLIST_Q, ("warnings", 0, "text"),
            f'Läs [mer](https://example.org/"onmouseover={PWN}) och '
            "[mer](https://example.org/?a='b'&c=\"d\").",
            shows=f'https://example.org/"onmouseover={PWN}'),
    Payload("spaced-close", DECISION, ("rules", 0, "then", "outcome"),
            "Rad två\u00a0tre < /script> och < script> och ]]> och \\u003c/script>."),
    Payload("js-string-breakout", DECISION, ("rules", 0, "then", "actions", 0, "text"),
            f"Ring'); {PWN}; //\" och `${{{PWN}}}` och */ {PWN} /*"),
    Payload("phrase-verbatim", "phrases.yaml", ("phrases", 0, "text"),
            f"Hej! &lt;/script&gt;&lt;script&gt;{PWN}&lt;/script&gt; ${{x}} \\ \" ' ` slut"),
    Payload("https-autolink", "routine.yaml", ("glossary", 0, "meaning"),
            "Systemet, se <https://example.org/> och [ref][x] och [x]: https://example.org/."),
    Payload("attr-list-in-title", CHECKLIST_R, ("title",),
            f"Gruppbesök {{: #x onclick={PWN} }} [^1]"),
    Payload("closing-template-markers", CHECKLIST_R, ("keywords",),
            "grupp }} %} #} { { config } }", append=True),
    Payload("keyword-entity-img", CHECKLIST_R, ("keywords",),
            f"bild &lt;img src=x onerror={PWN}&gt;", append=True),
    Payload("option-label-html-entities", DECISION, ("inputs", 0, "options", 0, "label"),
            f"För sig själv &lt;b onmouseover={PWN}&gt;"),
    Payload("question-entity", DECISION, ("inputs", 0, "question"),
            "Söker personen vård för sig själv &#60;script&#62;?"),
    Payload("data-prose", CHECKLIST_P, ("steps", 0, "text"),
            "Boka tid: data: text/html och javascript : inte en adress."),
]


URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data")


# --------------------------------------------------------------------------- injection


def _set(data: Any, payload: Payload) -> None:
    node = data
    for part in payload.path[:-1]:
        node = node[part]
    last = payload.path[-1]
    if payload.append:
        node[last].append(payload.text)
    else:  # an optional text field may be added
        assert isinstance(node.get(last, "") if isinstance(node, dict) else node[last], str), (
            payload.name, payload.path)
        node[last] = payload.text


def inject(root: Path, payloads: list[Payload]) -> Path:
    """A copy of the real content with the payloads in it; returns the content root."""
    content = root / "checklists"
    shutil.copytree(content_root(ROOT), content)
    # A payload replaces texts that quotes vouch for (the purpose, a step); the trace
    # rules (tests/test_source.py, the invalid fixtures) are not what is tested here.
    routine_file = content / ROUTINE / "routine.yaml"
    routine = yaml.safe_load(routine_file.read_text(encoding="utf-8"))
    routine.pop("source_file")
    routine_file.write_text(yaml.safe_dump(routine, allow_unicode=True, sort_keys=False,
                                           width=10**6), encoding="utf-8")
    by_file: dict[str, list[Payload]] = {}
    for p in payloads:
        by_file.setdefault(p.file, []).append(p)
    for name, items in by_file.items():
        path = content / ROUTINE / name
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for p in items:
            _set(data, p)
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6)
        path.write_text(text, encoding="utf-8")
    return content


@functools.cache  # the injected copy is never changed: each test asks for every payload
def position(content: Path, payload: Payload) -> tuple[int, int, str]:
    """1-based line and column where the payload's YAML scalar starts, and its field."""
    text = (content / ROUTINE / payload.file).read_text(encoding="utf-8")
    node = yaml.compose(text)
    for part in payload.path:
        if isinstance(part, int):
            node = node.value[part]
        else:
            node = next(v for k, v in node.value if k.value == part)
    field = payload.field
    if payload.append:
        field += f"[{len(node.value) - 1}]"
        node = node.value[-1]
    return node.start_mark.line + 1, node.start_mark.column + 1, field


# --------------------------------------------------------------------------- rejected


@pytest.fixture(scope="module")
def rejected(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    root = tmp_path_factory.mktemp("hostile-rejected")
    content = inject(root, REJECTED)
    result = subprocess.run(
        [sys.executable, "-m", "rutin.cli", "check", "--format", "json"],
        cwd=root, capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT / "scripts")},
    )
    assert result.returncode == 1, result.stderr + result.stdout
    return content, json.loads(result.stdout)


def test_at_least_fifteen_payloads() -> None:
    assert len(REJECTED) + len(INERT) >= 15
    names = [p.name for p in REJECTED + INERT]
    assert len(set(names)) == len(names)
    # Every field gets at most one payload per run, so each result is attributable.
    for group in (REJECTED, INERT):
        fields = [(p.file, p.path) for p in group if not p.append]
        assert len(set(fields)) == len(fields)


@pytest.mark.parametrize("payload", REJECTED, ids=[p.name for p in REJECTED])
def test_rutin_check_rejects(
    payload: Payload, rejected: tuple[Path, list[dict[str, Any]]]
) -> None:
    content, problems = rejected
    line, column, field = position(content, payload)
    file = f"checklists/{ROUTINE}/{payload.file}"
    here = [p for p in problems if p["file"] == file and p["line"] == line]
    assert here, f"{payload.name}: no problem reported at {file}:{line}; got\n" + "\n".join(
        f"{p['file']}:{p['line']}:{p['column']}: {p['field']}: {p['message']} ({p['rule']})"
        for p in problems
    )
    hit = [p for p in here if p["rule"] == payload.rule]
    assert hit, f"{payload.name}: expected ({payload.rule}) at {file}:{line}, got {here}"
    problem = hit[0]
    assert problem["column"] == column, (payload.name, problem, column)
    assert problem["field"] == field, (payload.name, problem)
    assert problem["severity"] == "error"
    message = problem["message"]
    # Swedish, and it says what to write instead.
    assert any(w in message for w in ("inte tillåt", "ska gå till", "ska börja med")), message
    # Nothing else in the copy is wrong: every problem is one of the injected ones.
    expected_lines = {
        (f"checklists/{ROUTINE}/{p.file}", position(content, p)[0]) for p in REJECTED
    }
    stray = [p for p in problems if (p["file"], p["line"]) not in expected_lines]
    assert not stray, stray


# --------------------------------------------------------------------------- inert


class _Scan(HTMLParser):
    """Everything in a built page that could run or load something."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._script: dict[str, str | None] | None = None
        self._script_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and value is not None and not _safe_url(value):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name == "style" and value and ("url(" in value or "expression" in value):
                self.problems.append(f"<{tag} style={value!r}>")
        if tag in ("iframe", "object", "embed", "base", "frame", "frameset", "applet"):
            self.problems.append(f"<{tag}>")
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "refresh":
            self.problems.append("<meta http-equiv=refresh>")
        if tag == "form" and a.get("action") is not None:
            self.problems.append(f"<form action={a['action']!r}>")
        if tag == "script":
            self._script = a
            self._script_text = []

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self._check_script(self._script, "".join(self._script_text))
            self._script = None

    def _check_script(self, attrs: dict[str, str | None], text: str) -> None:
        src = attrs.get("src")
        if src is not None:
            path = urlsplit(src).path
            if urlsplit(src).scheme or "/assets/" not in "/" + path.lstrip("./"):
                self.problems.append(f"<script src={src!r}>")
            if text.strip():
                self.problems.append(f"<script src={src!r}> with content")
            return
        if attrs.get("type") == "application/json":
            try:
                json.loads(text)
            except ValueError as exc:
                self.problems.append(f"JSON data block does not parse: {exc}: {text[:80]!r}")
            if "</script" in text.lower() or "<!--" in text:
                self.problems.append(f"JSON data block holds </script or <!--: {text[:80]!r}")
            return
        self.problems.append(f"inline <script>: {text[:80]!r}")


def _safe_url(url: str) -> bool:
    url = url.strip()
    scheme = urlsplit(url).scheme.lower()
    return scheme in ("", "http", "https", "mailto") and not url.lower().startswith("//")


def scan(html: str) -> list[str]:
    parser = _Scan()
    parser.feed(html)
    parser.close()
    for marker in ("{{", "{%", "{#"):
        if marker in html:
            parser.problems.append(f"template syntax {marker!r} left in the page")
    return parser.problems


@pytest.fixture(scope="module")
def inert_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("hostile-inert")
    content = inject(root, INERT)
    site = root / "site"
    result = run_build(site, env={CONTENT_ROOT_ENV: str(content)})
    assert result.returncode == 0, (
        "the payloads that pass validation must build:\n" + result.stderr + result.stdout
    )
    return content, site


def _built_pages(site: Path) -> list[Path]:
    return [p for p in sorted(site.rglob("*.html")) if "assets" not in p.relative_to(site).parts]


def test_scanner_catches_what_it_must() -> None:
    """The scanner itself: each of these would be a failure."""
    bad = [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        '<a href="javascript:alert(1)">x</a>',
        '<a href=" JAVASCRIPT:alert(1)">x</a>',
        '<a href="&#x6a;avascript:alert(1)">x</a>',
        '<a href="data:text/html,x">x</a>',
        '<script type="application/json">{"a": "</script><script>alert(1)"}</script>',
        "<iframe></iframe>",
        "<p>{{ config }}</p>",
        '<svg><a xlink:href="javascript:alert(1)">x</a></svg>',
    ]
    for html in bad:
        assert scan(html), html
    assert not scan('<a href="../x/#y">x</a><a href="https://e.org/">e</a>'
                    '<script src="../assets/checklist.js"></script>'
                    '<script type="application/json">{"a": "\\u003c/script>"}</script>')


@pytest.mark.parametrize("payload", INERT, ids=[p.name for p in INERT])
def test_payload_is_inert_in_the_built_site(payload: Payload, inert_site: tuple[Path, Path]
                                            ) -> None:
    _content, site = inert_site
    if payload.path[0] == "keywords":
        # Keywords are page tags: only in the search index (rendered by the search,
        # see the browser test), never in a page's HTML.
        docs = search_shards.documents(site)  # the index, in the pieces a query loads
        assert any(payload.text in doc.get("tags", []) for doc in docs), payload.name
        return
    pages = _built_pages(site)
    # The payload reached the site (as text): find it in some page, decoded.
    visible = payload.shows or _visible_marker(payload.text)
    found = [p for p in pages if visible in _text_of(p)]
    assert found, f"{payload.name}: {visible!r} is not on any built page"
    for page in found:
        problems = scan(page.read_text(encoding="utf-8"))
        assert not problems, f"{page.relative_to(site)}: {problems}"


def test_whole_injected_site_is_clean(inert_site: tuple[Path, Path]) -> None:
    _content, site = inert_site
    failures = {}
    for page in _built_pages(site):
        problems = scan(page.read_text(encoding="utf-8"))
        if problems:
            failures[page.relative_to(site).as_posix()] = problems
    assert not failures, json.dumps(failures, ensure_ascii=False, indent=1)
    pieces = [p.relative_to(site).as_posix() for p in (site / "search").rglob("*.js")]
    for name in ("sitemap.xml", "search/search_index.json", f"api/{ROUTINE}.json", *pieces):
        text = (site / name).read_text(encoding="utf-8")
        assert "{{" not in text and "{%" not in text, name
    docs = search_shards.documents(site)
    assert docs
    # The page pieces are packed (deflate, base64): their documents unpacked, the same check.
    unpacked = json.dumps(docs, ensure_ascii=False)
    assert "{{" not in unpacked and "{%" not in unpacked
    # Material's search shows each result's title and text as HTML: the same scan.
    for doc in docs:
        for key in ("title", "text"):
            assert not scan(doc[key]), (doc["location"], key, scan(doc[key]))


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.attrs: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs.extend(v for _, v in attrs if v)


def _text_of(page: Path) -> str:
    parser = _Text()
    parser.feed(page.read_text(encoding="utf-8"))
    return " ".join(parser.parts) + " " + " ".join(parser.attrs)


def _visible_marker(text: str) -> str:
    """A piece of the payload that appears verbatim in the page's text (decoded)."""
    first = text.split("\n")[0]
    for cut in ("\u2028", "![", "{:", "**"):
        first = first.split(cut)[0]
    return first[:12]


# --------------------------------------------------------------------------- browser


@pytest.fixture(scope="module")
def inert_server(inert_site: tuple[Path, Path]) -> Iterator[str]:
    with serve(inert_site[1]) as base:
        yield base


MOUSE_OVER_EVERYTHING = """() => {
  for (const el of document.querySelectorAll(".md-content *, .md-nav *, title, meta")) {
    for (const type of ["mouseover", "mouseenter", "focus"])
      el.dispatchEvent(new Event(type, { bubbles: type === "mouseover" }));
  }
}"""


@pytest.mark.browser
def test_nothing_runs_in_the_browser(browser: Any, inert_server: str) -> None:
    context = browser.new_context(viewport={"width": 1024, "height": 768}, locale="sv-SE")
    dialogs: list[str] = []
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: errors.append(str(e)))
        # The probe works: an injected handler WOULD run.
        page.set_content('<div class="md-content"><p onmouseover="window.__probe=1">x</p></div>')
        page.evaluate(MOUSE_OVER_EVERYTHING)
        assert page.evaluate("() => window.__probe") == 1
        files = {p.file for p in INERT}
        urls = [site_paths.routine_page(ROUTINE), site_paths.phrases_page(ROUTINE)]
        for name in files - {"routine.yaml", "phrases.yaml"}:
            item = Path(name).stem
            src = (site_paths.decision_page(ROUTINE, item) if name.startswith("decisions/")
                   else site_paths.checklist_page(ROUTINE, item))
            urls.append(src)
        for src in urls:
            page.goto(inert_server + site_paths.page_url(src), wait_until="load")
            # Mouse and focus events on every element of the content (an injected
            # onmouseover/onfocus/onclick would run), and a real hover on the texts.
            page.evaluate(MOUSE_OVER_EVERYTHING)
            for sel in ("h1", ".rutin-summary", ".rutin-question label"):
                if page.locator(sel).count():
                    page.locator(sel).first.hover()
            if page.locator("form.rutin-wizard").count():
                # The wizard renders the outcome with JavaScript: drive it to rule 1.
                page.locator("form.rutin-wizard input[type=radio]").first.check()
                page.locator("form.rutin-wizard fieldset:visible").last.locator(
                    "input[type=radio]").first.check()
                page.locator(".rutin-outcome p").first.wait_for()
            assert page.evaluate("() => window.__pwned") is None, src
        # Search renders results (and the injected keywords as tags) into the page.
        page.goto(inert_server, wait_until="networkidle")
        page.locator(".md-search__input").first.click()
        page.locator("input.md-search__input").press_sequentially("bild", delay=20)
        page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
        settle_search(page)
        page.locator(".md-search-result__item").first.hover()
        page.evaluate(MOUSE_OVER_EVERYTHING.replace(".md-content *", ".md-search-result *"))
        assert page.evaluate("() => window.__pwned") is None
        assert page.locator(".md-search-result img, .md-search-result script").count() == 0
    finally:
        context.close()
    assert not dialogs, dialogs
    assert not errors, errors
