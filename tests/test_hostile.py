"""Hostile and broken input (issue 21): the tool runs no code from content or pages,
reads nothing through a link out of the repository, never crashes or hangs, never prints
a traceback and never deletes a folder it did not make.

Each class has its cases here; the commands run for real (`python -m rutin.cli …` in a
subprocess) on a temporary copy of the content, the pages or the whole project (marked
`command`: slow, in `make test`); the in-process cases run in `make test-fast`. Every
message names its file:line:col where there is one, in Swedish, with its rule id.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import markdown
import pytest
import yaml
from mkdocs.utils.meta import get_data

from rutin.check import docs_check
from rutin.check.content import CONTENT_ROOT_ENV
from rutin.check.validate import check
from rutin.load.yaml_reader import MAX_DEPTH, load_bytes
from rutin.pages import macros
from rutin.problem import printable
from support.project import ROOT
from support.validation import routine_copy
from tools.bench.hostile import LEFT_OPEN_PIECES, hostile_pages

# A real command in a subprocess on a temporary copy: a second or more each.
command = pytest.mark.slow

CONTENT = ROOT / "checklists"
ROUTINE = "platform24"
# file:line:col: [field: ]message (rule-id) – the one shape of every problem line.
PROBLEM_LINE = re.compile(r"^\S[^:]*:\d+:\d+: .+ \([a-z0-9-]+\)$")
ENGLISH = re.compile(r"\b(found|expected|while|could not|not allowed|Traceback)\b")


def rutin(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None,
          timeout: int = 300) -> subprocess.CompletedProcess[str]:
    """The real command in a subprocess (a crash of the process itself shows as a
    negative return code)."""
    return subprocess.run(
        [sys.executable, "-m", "rutin.cli", *args], cwd=cwd, capture_output=True, text=True,
        timeout=timeout, check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "scripts"),
             **(env or {})})


def assert_clean_failure(done: subprocess.CompletedProcess[str], code: int) -> list[str]:
    """Exit `code`, no traceback, no internal error; the problem lines returned."""
    output = done.stdout + done.stderr
    assert done.returncode == code, output
    assert "Traceback" not in output and "internt fel" not in output, output
    assert "\x1b" not in output, output
    return [line for line in output.splitlines() if PROBLEM_LINE.match(line)]


def content_copy(tmp_path: Path) -> Path:
    content = tmp_path / "checklists"
    shutil.copytree(CONTENT, content)
    return content


def project_copy(tmp_path: Path) -> Path:
    """What a build reads, copied: mkdocs.yml, the code (the plugin's theme overrides
    included), the pages and the content."""
    project = tmp_path / "projekt"
    project.mkdir()
    for name in ("checklists", "docs", "schemas", "scripts"):
        shutil.copytree(ROOT / name, project / name,
                        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    return project


def build_in(project: Path, *args: str, env: dict[str, str] | None = None
             ) -> subprocess.CompletedProcess[str]:
    return rutin("build", "--config-file", "mkdocs.yml", *args, cwd=project,
                 env={CONTENT_ROOT_ENV: str(project / "checklists"), **(env or {})})


# --------------------------------------------------------------------------- code from pages

ESCAPES = [
    "{{ cycler.__init__.__globals__.os.popen('touch PWNED').read() }}",
    "{{ config }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ checklist_link(config) }}",
    "{{ checklist_link('bjuda-in-tolk' ~ '') }}",
    "{% set x = 1 %}",
    "{# kommentar #}",
    "{{ environment }}",
    "{{ lipsum.__globals__ }}",
]


@pytest.mark.parametrize("payload", ESCAPES)
def test_a_page_cannot_run_code(payload: str, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing but a call of a listed macro with fixed values: every other `{{ }}`, every
    `{% %}` and `{# #}` is a positioned error, and nothing runs."""
    monkeypatch.chdir(tmp_path)
    page = f"# Rubrik\n\nText före {payload} och efter.\n"
    expanded, problems = macros.expand(page, macros.Page("index.md", None))
    [problem] = problems
    assert macros.position(page, problem.offset) == (3, 11)
    assert "PWNED" not in os.listdir(tmp_path)
    assert payload not in expanded and "<" in expanded  # replaced by a visible error


@command
def test_rutin_check_covers_the_pages(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs, ignore=shutil.ignore_patterns("assets"))
    (docs / "ny.md").write_text(
        "# Ny\n\n{{ checklist_link(\"finns-inte\") }}\n"
        "Se {{ config }} och [sidan](platform24/finns-inte.md) och [x](javascript:alert(1)).\n"
        "Text med \u202e i.\n", encoding="utf-8")
    done = rutin("check", str(docs))
    lines = assert_clean_failure(done, 1)
    name = docs / "ny.md"
    line4 = (docs / "ny.md").read_text(encoding="utf-8").split("\n")[3]
    link, script = line4.index("platform24/") + 1, line4.index("javascript") + 1
    assert lines == [
        f"{name}:3:1: checklist_link: okänd checklista eller beslutstabell: 'finns-inte' "
        "(docs-macro)",
        f"{name}:4:4: \"config\" är inget anrop av ett makro; skriv {{{{ makro(\"värde\") }}}} "
        "med ett av sidornas makron och fasta värden (text inom citattecken, tal, listor) "
        "(docs-macro)",
        f"{name}:4:{link}: länken går till platform24/finns-inte.md, som inte finns (varken under "
        "docs/ eller byggd ur innehållet) (docs-link)",
        f"{name}:4:{script}: länken \"javascript:…\" är inte tillåten; en länk går till https://, "
        "http://, mailto: eller en sida på webbplatsen (docs-link)",
        f"{name}:5:10: styrtecken för textriktning U+202E (höger-till-vänster-åsidosättning) "
        "efter \"Text med \" är inte tillåtet: texten visas då i en annan ordning än den är "
        "skriven; ta bort det (visible-text)",
    ]


def test_the_project_pages_pass() -> None:
    library = check(CONTENT).library
    assert library is not None
    assert docs_check.problems(ROOT / "docs", library) == []


def copy_routine_as(content: Path, name: str) -> None:
    """The routine copied into a folder of its own, its id the folder's name."""
    other = content / name
    shutil.copytree(content / ROUTINE, other)
    routine = other / "routine.yaml"
    routine.write_text(routine.read_text(encoding="utf-8").replace(
        f'id: "{ROUTINE}"', f'id: "{name}"', 1), encoding="utf-8")


def test_an_id_in_two_routines_is_a_positioned_message(tmp_path: Path) -> None:
    content = content_copy(tmp_path)
    copy_routine_as(content, "annan")
    library = check(content).library
    assert library is not None and len(library.routines) == 2
    item = library.routines[0].checklists[0].id
    page = (f'A\n\n{{{{ task_links(["{item}"]) }}}}\n'
            f'{{{{ checklist_link("{ROUTINE}/{item}") }}}}\n')
    _, problems = macros.expand(page, macros.Page("index.md", library))
    [problem] = problems  # the call that names its routine is fine
    assert macros.position(page, problem.offset) == (3, 1)
    assert problem.message == (f"task_links: '{item}' finns i flera rutiner; skriv "
                               "rutin/id")


def test_two_routine_folders_with_one_id_are_a_problem(tmp_path: Path) -> None:
    """A routine folder copied under a new name, its id kept: `rutin check` found nothing
    and the build stopped on a page that does not exist (docs/<id>/index.md)."""
    content = content_copy(tmp_path)
    shutil.copytree(content / ROUTINE, content / "kopia")
    found = [p for p in check(content).problems if p.rule == "unique-ids"]
    assert [(p.file.name, p.field) for p in found] == [("routine.yaml", "id")]
    assert found[0].message.startswith(f"rutinens id \"{ROUTINE}\" används redan av ")


def test_a_routine_named_like_a_page_folder_is_found_by_check(tmp_path: Path) -> None:
    """A routine named like a folder of hand-written pages (redigera/) stopped the build
    while `rutin check` said there were no problems."""
    content = content_copy(tmp_path)
    copy_routine_as(content, "redigera")
    library = check(content).library
    assert library is not None
    found = [p for p in docs_check.problems(ROOT / "docs", library, run_macros=False)
             if p.rule == "docs-page"]
    assert [(p.file.relative_to(ROOT).as_posix(), p.line) for p in found] == [
        ("docs/redigera/index.md", 0)]


@pytest.mark.slow
def test_build_refuses_a_hostile_page_without_running_it(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    index = project / "docs" / "index.md"
    text = index.read_text(encoding="utf-8")
    index.write_text(text.replace(
        "## Hela rutinen", "{{ cycler.__init__.__globals__.os.popen('touch PWNED').read() }}"
        "\n\n## Hela rutinen", 1), encoding="utf-8")
    line = text[:text.index("## Hela rutinen")].count("\n") + 1
    done = build_in(project, "--site-dir", "site")
    lines = assert_clean_failure(done, 1)
    assert not (project / "PWNED").exists() and not (tmp_path / "PWNED").exists()
    assert any(entry.startswith(f"docs/index.md:{line}:1: ") and entry.endswith("(docs-macro)")
               for entry in lines), done.stderr
    assert not (project / "site").exists()


@command
def test_build_reports_a_page_nested_too_deep(tmp_path: Path) -> None:
    """A page's front matter is read like content: 100,000 levels are a positioned
    message, not a crash of MkDocs' YAML reader."""
    project = project_copy(tmp_path)
    page = project / "docs" / "djup.md"
    page.write_text("---\ntitle: Djup\nx: " + "[" * 100_000 + "]" * 100_000 + "\n---\n\n# Djup\n",
                    encoding="utf-8")
    done = build_in(project, "--site-dir", "site")
    lines = assert_clean_failure(done, 1)
    assert f"docs/djup.md:3:{4 + MAX_DEPTH - 1}: innehållet är nästlat för djupt (högst " \
           f"{MAX_DEPTH} nivåer av listor och fält i varandra); kontrollera indraget och " \
           "hakparenteserna (yaml-depth)" in lines, done.stderr[-2000:]


# --------------------------------------------------------------------------- markup in pages


def _site_markdown(page: str) -> str:
    """A page as the site renders it: MkDocs' reading of the front matter (which the
    theme writes into the page unescaped) and Markdown with mkdocs.yml's extensions."""
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader)
    names, configs = [], {}
    for item in config["markdown_extensions"]:
        name, settings = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        names.append(name)
        configs[name] = settings or {}
    body, meta = get_data(page.replace("\r\n", "\n").removeprefix("\ufeff"))
    return markdown.markdown(body, extensions=names, extension_configs=configs) + repr(meta)


# What must never reach a page from its text.
ACTIVE = re.compile(r"<script|\bon[a-z]+=|<[a-z]+[^>]* href=\"?(?:java&#115;|javascript)"
                    r"|<img|<meta|template", re.IGNORECASE)

# (page, [(line, column, rule)]): each puts markup into the built page.
MARKUP_PAGES = {
    "script": ("# A\n\n<script>window.__pwned=1</script>\n",
               [(3, 1, "docs-html"), (3, 25, "docs-html")]),
    "img-in-table": ("| a |\n|---|\n| <img src=x onerror=alert(1)> |\n", [(3, 3, "docs-html")]),
    "unquoted-href": ("<a href=javascript:alert(1)>x</a>\n",
                      [(1, 1, "docs-html"), (1, 30, "docs-html")]),
    "meta-refresh": ('<meta http-equiv="refresh" content="0;url=https://example.org/">\n',
                     [(1, 1, "docs-html")]),
    "admonition-title": ('!!! note "<img src=x onerror=alert(1)>"\n    text\n',
                         [(1, 11, "docs-html")]),
    "attribute-list": ('Stycke.\n{: onclick="alert(1)" }\n', [(2, 4, "docs-html")]),
    "heading-attribute": ("## Rubrik { #x onclick=alert(1) }\n", [(1, 16, "docs-html")]),
    "entity-scheme": ("[x](java&#115;cript:alert(1))\n", [(1, 5, "docs-link")]),
    "entity-colon": ("[x](javascript&colon;alert(1))\n", [(1, 5, "docs-link")]),
    "reference-next-line": ("[x][r]\n\n[r]:\n  javascript:alert(1)\n", [(4, 3, "docs-link")]),
    "code-span-across-paragraphs": (
        "Text med ` tecken.\n\n<script>alert(1)</script>\n\nSlut ` här.\n",
        [(3, 1, "docs-html"), (3, 17, "docs-html")]),
    "unclosed-fence": ("Text\n\n```\n\n<script>alert(1)</script>\n",
                       [(5, 1, "docs-html"), (5, 17, "docs-html")]),
    "longer-closing-fence": ("````\n<script>alert(1)</script>\n`````\n",
                             [(2, 1, "docs-html"), (2, 17, "docs-html")]),
    "indented-fence": ("   ```\n<script>alert(1)</script>\n```\n",
                       [(2, 1, "docs-html"), (2, 17, "docs-html")]),
    "code-span-over-lines": ("`a\n<script>alert(1)</script>\nb`\n",
                             [(2, 1, "docs-html"), (2, 17, "docs-html")]),
    "escaped-backtick": ("\\`<script>alert(1)</script>`\n",
                         [(1, 3, "docs-html"), (1, 19, "docs-html")]),
    "comment-ended-early": ("<!-- x --!><script>alert(1)</script> -->\n",
                            [(1, 12, "docs-html"), (1, 28, "docs-html")]),
    "front-matter-breakout": ("---\ndescription: '\"><script>alert(1)</script>'\n---\n\n# A\n",
                              [(2, 14, "docs-page")]),
    "front-matter-closed-by-dots": ("---\ntitle: '<img src=x onerror=alert(1)>'\n...\n\n# A\n",
                                    [(2, 8, "docs-page")]),
    "front-matter-crlf": ("---\r\ntitle: '<img src=x onerror=alert(1)>'\r\n---\r\n\r\n# A\r\n",
                          [(2, 8, "docs-page")]),
    "front-matter-template": ("---\ntemplate: main.html\n---\n\n# A\n", [(2, 1, "docs-page")]),
    "settings-without-dashes": ("Title: <img src=x onerror=alert(1)>\n\n# A\n",
                                [(1, 1, "docs-page"), (1, 8, "docs-html")]),
}


@pytest.mark.parametrize("name", sorted(MARKUP_PAGES))
def test_a_page_is_markdown_without_html(name: str) -> None:
    """A hand-written page put its HTML, attributes and front matter into the site as
    they stood, and the build allowed its inline scripts in the Content-Security-Policy.
    Each case is shown to put markup in the rendered page; the check names it."""
    page, expected = MARKUP_PAGES[name]
    assert ACTIVE.search(_site_markdown(page)), "the case puts no markup in the page"
    problems = docs_check.page_problems(Path("docs/x.md"), "x.md", page, None, set(),
                                        run_macros=False)
    assert [(p.line, p.column, p.rule) for p in problems] == expected


def test_markdown_pages_keep_their_code_and_settings() -> None:
    page = ("---\ntitle: Vad ska du göra?\nhide:\n  - toc\nsearch:\n  exclude: true\n---\n\n"
            "# A\n\nSe `<rutin>` och\n\n```\n<b>\n```\n\n## Rubrik {: #ny .klass }\n\n"
            "<!-- kommentar -->\n\n<https://example.org/> <anna@example.org>\n")
    assert docs_check.page_problems(Path("docs/x.md"), "x.md", page, None, set()) == []
    [problem] = docs_check.page_problems(Path("docs/x.md"), "x.md", "Text\n{: onclick }\n",
                                         None, set())
    assert problem.format_text() == (
        "docs/x.md:2:4: attributet \"onclick\" i { … } är inte tillåtet: MkDocs skriver det "
        "rakt in i sidans HTML. En attributlista har bara #id och .klass; skriv en klammer i "
        "löptext som &#123; (docs-html)")


# How long these take against a clean page is measured by `make bench ARGS=fientlig`
# (tools/bench/hostile.py, the same pages); here, that every problem is still named.
def test_a_page_full_of_problems_names_every_problem() -> None:
    """A page at the size limit with a problem on every line (each position was once
    counted from the start of the page: minutes for this one)."""
    page = "<a\n" * (docs_check.MAX_PAGE_BYTES // 3)
    assert page in {p for p, _ in hostile_pages(docs_check.MAX_PAGE_BYTES).values()}
    problems = docs_check.page_problems(Path("docs/x.md"), "x.md", page, None, set(),
                                        run_macros=False)
    assert len(problems) == docs_check.MAX_PAGE_BYTES // 3
    assert (problems[-1].line, problems[-1].column) == (docs_check.MAX_PAGE_BYTES // 3, 1)


@pytest.mark.parametrize("piece", LEFT_OPEN_PIECES)
def test_a_page_of_unclosed_code_names_where_it_is_left_open(piece: str) -> None:
    """Each `{{`'s (each fence's, each `<x:`'s) end was once looked for anew from every
    one: minutes for a page at the size limit."""
    page = piece * (docs_check.MAX_PAGE_BYTES // len(piece))
    problems = docs_check.page_problems(Path("docs/x.md"), "x.md", page, None, set())
    if piece.startswith("{"):  # one message says where the first is left open
        assert [(p.line, p.column, p.rule) for p in problems] == [(1, 1, "docs-macro")]
    elif piece == "<a:":  # each autolink left open is named
        assert len(problems) == docs_check.MAX_PAGE_BYTES // len(piece)
        assert {p.rule for p in problems} == {"docs-html"}
    else:  # fences opened and never closed: all code, nothing reaches the page as HTML
        assert problems == []


def test_a_letter_written_as_two_characters_is_found_on_a_page() -> None:
    """”ö” written as ”o” + U+0308 looks the same but is not found by the search
    (content: the invalid fixture text-decomposed-letter)."""
    [problem] = docs_check.page_problems(Path("docs/x.md"), "x.md", "# Bes" + "o\u0308k\n",
                                         None, set())
    assert (problem.line, problem.column, problem.rule) == (1, 6, "visible-text")
    assert problem.message.startswith("bokstaven ”ö” efter \"# Bes\" är skriven som ”o”")


def test_a_private_use_character_is_found_on_a_page() -> None:
    """A bullet pasted from Word's Symbol font (U+F0B7) has no look of its own: a box or
    another symbol on the site (content: the invalid fixture text-private-use)."""
    page = "# Rubrik\n\n\uf0b7 Ring patienten \U000f0001.\n"
    [problem] = docs_check.page_problems(Path("docs/x.md"), "x.md", page, None, set())
    assert (problem.line, problem.column, problem.rule) == (3, 1, "visible-text")
    assert problem.message.startswith(
        "tecken för privat bruk U+F0B7 (punkt ur typsnittet Symbol) i början av texten "
        "(det första av 2) är inte tillåtet"), problem.message


def test_a_file_a_browser_runs_is_refused_in_docs(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Start\n", encoding="utf-8")
    (docs / "sida.html").write_text("<script>window.__pwned=1</script>\n", encoding="utf-8")
    (docs / "bild.SVG").write_text("<svg onload='alert(1)'/>\n", encoding="utf-8")
    problems = docs_check.problems(docs, None)
    assert [(p.file.name, p.rule) for p in problems] == [("bild.SVG", "docs-page"),
                                                         ("sida.html", "docs-page")]


@command
def test_a_page_name_that_is_not_utf8_is_a_message(tmp_path: Path) -> None:
    """MkDocs could not make an address of it: the build ended in an internal error."""
    project = project_copy(tmp_path)
    page = project / "docs" / os.fsdecode(b"sida-\xe5.md")
    page.write_text("# Sida\n\nText.\n", encoding="utf-8")
    done = build_in(project, "--site-dir", "site")
    lines = assert_clean_failure(done, 1)
    assert "docs/sida-\\udce5.md:0:0: filnamnet är inte UTF-8 (tecken från en annan " \
           "teckenkodning); det kan inte bli en adress på webbplatsen. Byt namn på filen " \
           "(docs-page)" in lines, done.stderr
    assert not (project / "site").exists()


@pytest.mark.slow
def test_build_refuses_markup_in_a_page(tmp_path: Path) -> None:
    """The whole way: the build stops with the messages, writes no site and allows no
    script in its policy."""
    project = project_copy(tmp_path)
    page = project / "docs" / "sida.md"
    page.write_text("---\ntitle: Sida\ndescription: '\"><script>window.__pwned=1</script>'\n"
                    "---\n\n# Sida\n\n<img src=x onerror=window.__pwned=2>\n", encoding="utf-8")
    (project / "docs" / "sida.html").write_text("<script>window.__pwned=3</script>\n",
                                                encoding="utf-8")
    done = build_in(project, "--site-dir", "site")
    lines = assert_clean_failure(done, 1)
    assert [line.split(": ", 1)[0] for line in lines if "(docs-" in line] == [
        "docs/sida.html:0:0", "docs/sida.md:3:14", "docs/sida.md:8:1"], done.stderr
    assert not (project / "site").exists()


# --------------------------------------------------------------------------- the boundary


@command
def test_a_source_linked_out_of_the_repository_is_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "hemligt.txt"
    secret.write_text("LÖSENORD=hemligt123\n", encoding="utf-8")
    content = content_copy(tmp_path)
    source = content / ROUTINE / "source.txt"
    source.unlink()
    source.symlink_to(secret)
    (content / ROUTINE / "lank.yaml").symlink_to(secret)
    done = rutin("check", env={CONTENT_ROOT_ENV: str(content)})
    lines = assert_clean_failure(done, 1)
    assert "hemligt123" not in done.stdout + done.stderr
    assert f"{source}:0:0: filen är en länk som pekar ut ur checklists/ (till {secret}); " \
           "bara filer i förrådet läses. Kopiera in filen i stället för att länka " \
           "(file-boundary)" in lines
    assert any(line.startswith(f"{content / ROUTINE / 'lank.yaml'}:0:0: ") for line in lines)


def test_a_kept_version_of_the_source_is_held_to_the_boundary(tmp_path: Path) -> None:
    """source-history/NNN.txt was read through a link out of the repository (and at any
    size): the page of the source's changes shows an earlier version's sentences."""
    from rutin.check.source_review import latest_revision
    from rutin.load.source_identity import versions

    secret = tmp_path / "hemligt.txt"
    secret.write_text("LÖSENORD=hemligt123. En hemlig rad.\n", encoding="utf-8")
    content = content_copy(tmp_path)
    history = content / ROUTINE / "source-history"
    kept = sorted(history.glob("*.txt"))
    newest = int(kept[-1].stem)
    linked, big = history / f"{newest + 1:03d}.txt", history / f"{newest + 2:03d}.txt"
    shutil.copy(kept[-1], linked)
    shutil.copy(kept[-1], big)
    kept[-1].unlink()
    kept[-1].symlink_to(secret)  # the version before the last, now a link out
    with big.open("r+b") as handle:
        handle.truncate(3 * 1024 * 1024)
    source = content / ROUTINE / "source.txt"
    assert kept[-1] not in versions(source) and big not in versions(source)
    revision = latest_revision(source)
    assert revision is None or "hemligt123" not in " ".join(
        s.text for s in revision.old.sentences)
    problems = check(content).problems
    refused = {(p.file.name, p.rule) for p in problems if p.line == 0}
    assert {(kept[-1].name, "file-boundary"), (big.name, "file-boundary")} <= refused
    assert not any("hemligt123" in p.message for p in problems)


def _leave_editor_artefacts(folder: Path, name: str) -> list[str]:
    """What editors and macOS leave beside `folder/name` while it is edited: an Emacs
    lock (a link to nowhere) and auto-save, macOS metadata, a backup, a Vim swap file and
    a LibreOffice lock. Their names, returned."""
    stem = folder / name
    (folder / f".#{name}").symlink_to("anna@dator.12345:1765000000")
    (folder / f"._{name}").write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X  ")
    (folder / f"#{name}#").write_text("id: halvsparad\ntitle: [\n", encoding="utf-8")
    shutil.copy(stem, folder / f"{name}~")
    (folder / f".{name}.swp").write_bytes(b"b0VIM 9.0\x00\x00\xff" * 50)
    (folder / f".~lock.{name}#").write_text(",anna,dator,07.12.2026 08:00,anna;",
                                            encoding="utf-8")
    return [f".#{name}", f"._{name}", f"#{name}#", f"{name}~", f".{name}.swp",
            f".~lock.{name}#"]


def test_editor_lock_and_backup_files_are_not_content(tmp_path: Path) -> None:
    """`.#x.yaml` (Emacs) and `._x.yaml` (macOS) beside a content file were read as
    content: errors for files nobody wrote. They, and the other artefacts editors leave,
    are not content; a misnamed content file is still reported."""
    folder = routine_copy(tmp_path)
    _leave_editor_artefacts(folder, "boka-besok.yaml")
    _leave_editor_artefacts(folder / "decisions", "val-av-besok.yaml")
    (folder / ".#ny.yml").symlink_to("anna@dator.12345:1765000000")  # not misnamed content
    (folder / "._ny.yml").write_bytes(b"\x00\x05\x16\x07")
    assert [p.format_text() for p in check(folder.parent).errors] == []
    assert [p.format_text() for p in check(folder.parent, [folder]).errors] == []
    shutil.copy(folder / "boka-besok.yaml", folder / ".kopia.yaml")  # hidden, but content
    (folder / "decisions" / "val-av-besok.yaml").rename(folder / "decisions" / "val.yml")
    found = {(p.file.name, p.rule) for p in check(folder.parent).errors}
    assert ("val.yml", "yaml-extension") in found
    assert ".kopia.yaml" in {name for name, _rule in found}
    assert not {name for name, _rule in found if name.startswith(("._", ".#", "#"))}


def test_editor_lock_and_backup_files_beside_pages_are_left_out(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs, ignore=shutil.ignore_patterns("assets"))
    _leave_editor_artefacts(docs, "index.md")
    library = check(CONTENT).library
    assert library is not None
    assert docs_check.problems(docs, library) == []
    assert not any(docs_check.is_editor_artefact(p.name) for p in docs_check.files(docs)[0])


@command
def test_check_and_build_pass_beside_editor_artefacts(tmp_path: Path) -> None:
    """The real commands: `rutin check` is green, and the build publishes none of them
    (MkDocs would copy `index.md~` as a file of the site)."""
    project = project_copy(tmp_path)
    routine = project / "checklists" / ROUTINE
    _leave_editor_artefacts(routine, "routine.yaml")
    _leave_editor_artefacts(routine / "tasks", sorted((routine / "tasks").iterdir())[0].name)
    _leave_editor_artefacts(project / "docs", "index.md")
    done = rutin("check", cwd=project, env={CONTENT_ROOT_ENV: str(project / "checklists")})
    assert done.returncode == 0, done.stdout + done.stderr
    done = build_in(project, "--site-dir", "site")
    assert done.returncode == 0, done.stderr[-3000:]
    published = [p.name for p in (project / "site").rglob("*")]
    assert not [name for name in published if name.endswith(("~", "#", ".swp"))
                or name.startswith((".#", "._"))], published


def test_special_files_and_linked_folders_are_refused(tmp_path: Path) -> None:
    folder = routine_copy(tmp_path)
    os.mkfifo(folder / "ror.yaml")  # reading it would wait forever
    (folder / "lankad").symlink_to(tmp_path)
    problems = check(folder.parent, [folder]).problems
    found = {(p.file.name, p.rule) for p in problems}
    assert ("ror.yaml", "file-boundary") in found
    assert ("lankad", "file-boundary") in found


def test_a_folder_that_cannot_be_listed_is_a_problem(tmp_path: Path) -> None:
    """A folder the system will not list (here: nested past the longest path Linux
    takes; also one removed while it is read) ended the check in an internal error."""
    folder = routine_copy(tmp_path)
    fd = os.open(folder, os.O_RDONLY)
    try:
        for _ in range(25):  # 25 × 200 characters: past PATH_MAX (4096)
            os.mkdir("m" * 200, dir_fd=fd)
            inner = os.open("m" * 200, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
    finally:
        os.close(fd)
    report = check(folder.parent, [folder])
    [problem] = [p for p in report.problems if p.rule == "file-boundary"]
    assert problem.message.startswith("mappen kan inte läsas ("), problem.message
    assert problem.message.endswith("); filerna i den kontrolleras inte")
    assert not report.errors or all(p.rule == "file-boundary" for p in report.errors)


def test_a_page_file_linked_out_is_a_problem(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "assets").mkdir(parents=True)
    (docs / "index.md").write_text("# Start\n", encoding="utf-8")
    (docs / "assets" / "passwd.txt").symlink_to("/etc/passwd")
    [problem] = docs_check.problems(docs, None)
    assert (problem.file.name, problem.rule) == ("passwd.txt", "file-boundary")


@pytest.mark.slow
def test_build_refuses_an_asset_linked_out(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    (project / "docs" / "assets" / "passwd.txt").symlink_to("/etc/passwd")
    done = build_in(project, "--site-dir", "site")
    lines = assert_clean_failure(done, 1)
    assert any("docs/assets/passwd.txt:0:0: filen är en länk" in line for line in lines), lines
    assert not (project / "site").exists()


# --------------------------------------------------------------------------- limits


@command
@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 500, 100_000])
def test_deep_nesting_is_a_positioned_message(depth: int, tmp_path: Path) -> None:
    """100,000 levels crashed libyaml (no output at all), 500 ran out of Python stack."""
    folder = routine_copy(tmp_path)
    bad = folder / "boka-besok.yaml"
    bad.write_text("id: boka-besok\nroles: " + "[" * depth + "]" * depth + "\n", "utf-8")
    done = rutin("check", str(bad), timeout=60)
    lines = assert_clean_failure(done, 1)
    # The root mapping is the first level: the bracket MAX_DEPTH is one too deep.
    assert lines == [f"{bad}:2:{7 + MAX_DEPTH}: innehållet är nästlat för djupt (högst "
                     f"{MAX_DEPTH} nivåer av listor och fält i varandra); kontrollera "
                     "indraget och hakparenteserna (yaml-depth)"]


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 500, 100_000])
def test_deep_nesting_in_process(depth: int) -> None:
    raw = "id: boka-besok\nroles: " + "[" * depth + "]" * depth + "\n"
    [problem] = load_bytes(Path("f.yaml"), raw.encode()).problems
    assert (problem.line, problem.column, problem.rule) == (2, 7 + MAX_DEPTH, "yaml-depth")


def test_deep_block_nesting_too() -> None:
    raw = "a:\n" + "".join(" " * i + "- b:\n" for i in range(0, 400, 2))
    [problem] = load_bytes(Path("f.yaml"), raw.encode()).problems
    assert (problem.rule, problem.line) == ("yaml-depth", MAX_DEPTH // 2 + 1)


@command
def test_a_decision_table_with_thirty_questions_is_refused_at_once(tmp_path: Path) -> None:
    folder = routine_copy(tmp_path)
    table = folder / "decisions" / "val-av-besok.yaml"
    text = table.read_text(encoding="utf-8")
    questions = "".join(
        f"  - id: fraga-{i}\n    question: Fråga {i}?\n    options:\n"
        "      - {value: ja, label: Ja}\n      - {value: nej, label: Nej}\n"
        for i in range(29))
    table.write_text(text.replace("rules:", questions + "rules:", 1), encoding="utf-8")
    done = rutin("check", str(folder), timeout=60)  # enumerating 2**30 never ended
    lines = assert_clean_failure(done, 1)
    eleventh = table.read_text("utf-8").split("\n").index("  - id: fraga-9") + 1
    assert [line for line in lines if "(decision-size)" in line] == [
        f"{table}:{eleventh}:5: inputs[10]: beslutstabellen har 30 frågor (högst 10); dela "
        "upp den i flera beslutsstöd (decision-size)"]


def test_many_options_and_combinations_are_refused(tmp_path: Path) -> None:
    folder = routine_copy(tmp_path)
    table = folder / "decisions" / "val-av-besok.yaml"
    text = table.read_text(encoding="utf-8")
    options = "".join(f"      - {{value: v{i}, label: V{i}}}\n" for i in range(12))
    text = text.replace("      - {value: nej, label: Nej}\n",
                        "      - {value: nej, label: Nej}\n" + options, 1)
    table.write_text(text, encoding="utf-8")
    messages = [p.message for p in check(folder.parent, [folder]).problems
                if p.rule == "decision-size"]
    assert messages == ["frågan \"akut\" har 14 svar (högst 10); slå ihop svar som leder "
                        "till samma utfall"]


def test_a_document_with_letters_in_two_parts_reads_as_the_same_text(tmp_path: Path) -> None:
    """A PDF or DOCX may give ”ä” as ”a” + U+0308: the same document then read as a new
    version in which every sentence with å, ä or ö had changed, and no quote matched."""
    import unicodedata

    from rutin.load.source_import import read_document

    source = (CONTENT / ROUTINE / "source.txt").read_text(encoding="utf-8")
    body = "\n".join(line for line in source.split("\n") if not line.startswith("#"))
    composed, split = tmp_path / "nfc.txt", tmp_path / "nfd.txt"
    composed.write_text(body, encoding="utf-8")
    split.write_text(unicodedata.normalize("NFD", body), encoding="utf-8")
    assert split.read_bytes() != composed.read_bytes()
    assert read_document(split).lines == read_document(composed).lines


def test_a_document_with_symbol_font_bullets_reads_as_the_same_text(tmp_path: Path) -> None:
    """Word's list bullets come out of a PDF as private-use characters (U+F0B7), which
    the check refuses: the new version is read with the source's own "•" at the start of
    a line, and says so; a private-use character elsewhere is left for the check."""
    from rutin.load.source_import import read_document

    source = (CONTENT / ROUTINE / "source.txt").read_text(encoding="utf-8")
    body = "\n".join(line for line in source.split("\n") if not line.startswith("#"))
    assert re.search(r"(?m)^\s*• ", body), "the source has no bullet to draw otherwise"
    plain, symbol = tmp_path / "punkt.txt", tmp_path / "symbol.txt"
    plain.write_text(body, encoding="utf-8")
    symbol.write_text(re.sub(r"(?m)^(\s*)• ", "\\1\uf0b7 ", body), encoding="utf-8")
    assert "\uf0b7" in symbol.read_text(encoding="utf-8")
    read = read_document(symbol)
    assert read.lines == read_document(plain).lines
    assert any("lästes som •" in note for note in read.notes), read.notes
    inside = tmp_path / "inuti.txt"
    inside.write_text("Rubrik\n\nEn mening med \uf0b7 mitt i.\n", encoding="utf-8")
    assert any("\uf0b7" in line for line in read_document(inside).lines)


def test_json_files_nested_too_deep_are_unreadable_not_a_crash(tmp_path: Path) -> None:
    """source-reviews.json (beside the content) and a site's pdf-manifest.json nested
    100,000 deep ended `rutin check`, `rutin source review` and `rutin pdf` in an
    internal error (RecursionError)."""
    from rutin.check.source_review import load_reviews, reviews_path
    from rutin.printing.print_parts import read_manifest_text

    deep = "[" * 100_000 + "]" * 100_000
    reviews_path(tmp_path).write_text(deep, encoding="utf-8")
    assert load_reviews(tmp_path) == {}  # every suspect quote stays suspect
    assert read_manifest_text(deep) is None


@command
def test_a_huge_source_is_refused_before_it_is_read(tmp_path: Path) -> None:
    content = content_copy(tmp_path)
    source = content / ROUTINE / "source.txt"
    with source.open("r+b") as handle:
        handle.truncate(50 * 1024 * 1024)  # 50 MiB (sparse: the test writes nothing)
    done = rutin("check", env={CONTENT_ROOT_ENV: str(content)}, timeout=60)
    lines = assert_clean_failure(done, 1)
    assert f"{source}:0:0: källtexten är för stor (51200 KiB, högst 2048 KiB); den läses " \
           "inte. Den ska bara innehålla rutinens eget dokument (source-text)" in lines


# --------------------------------------------------------------------------- every command


@command
def test_no_command_prints_a_traceback(tmp_path: Path) -> None:
    """check, render, pdf and new with broken input: a message, never a traceback."""
    content = content_copy(tmp_path)
    routine = content / ROUTINE / "routine.yaml"
    routine.write_text("id: platform24\ngroups: " + "[" * 1000 + "]" * 1000 + "\n", "utf-8")
    env = {CONTENT_ROOT_ENV: str(content)}
    for args, code in ((["check"], 1), (["render", "--out", str(tmp_path / "tree")], 1),
                       (["new", "checklist", "platform24/ny", "--root", str(content)], 2),
                       (["pdf", "--site-dir", str(tmp_path / "finns-inte")], 2)):
        done = rutin(*args, env=env, cwd=tmp_path)
        assert_clean_failure(done, code)
        assert done.stderr.strip(), args
    done = rutin("check", env=env, cwd=tmp_path)
    shown = routine.relative_to(tmp_path)  # as the editor reads it: from where they are
    assert f"{shown}:2:{9 + MAX_DEPTH - 1}: innehållet är nästlat för djupt" in done.stdout


@command
def test_new_with_a_routine_the_schema_refuses(tmp_path: Path) -> None:
    routine_copy(tmp_path, {"routine.yaml": ("\ngroups:", "\ngrupper:")})
    done = rutin("new", "checklist", "minimal/ny", "--root", str(tmp_path), cwd=tmp_path)
    assert_clean_failure(done, 2)
    assert "har fel; rätta dem först" in done.stderr


# --------------------------------------------------------------------------- deleting

REFUSED_SITE_DIRS = ["checklists", ".", "..", "docs", "docs/assets", "scripts/rutin", "tests",
                     "eget"]


@command
def test_site_dir_never_replaces_what_the_build_did_not_write(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    (project / "tests").mkdir()
    (project / "eget").mkdir()
    (project / "eget" / "anteckningar.txt").write_text("mitt\n", encoding="utf-8")
    before = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*"))
    for site_dir in REFUSED_SITE_DIRS:
        done = build_in(project, "--site-dir", site_dir)
        assert_clean_failure(done, 2)
        assert done.stderr.startswith(f"rutin build: --site-dir: mappen {site_dir} "), (
            done.stderr)
        assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")) == before
    # A mistake in the command is said first, and the content's problems in the same run.
    routine = project / "checklists" / "platform24" / "routine.yaml"
    routine.write_text(routine.read_text(encoding="utf-8") + "\n: [\n", encoding="utf-8")
    done = build_in(project, "--site-dir", ".")
    assert_clean_failure(done, 2)
    assert done.stderr.startswith("rutin build: --site-dir: mappen . "), done.stderr
    assert f"{routine}:" in done.stderr, done.stderr
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")) == before


@command
def test_a_folder_beside_the_site_is_never_removed(tmp_path: Path) -> None:
    """The build set the old site aside as `.site-<name>-old` and removed whatever
    already had that name."""
    project = project_copy(tmp_path)
    own = project / ".site-site-old"
    own.mkdir()
    (own / "anteckningar.txt").write_text("mitt\n", encoding="utf-8")
    for _ in range(2):  # the second build replaces the first
        done = build_in(project, "--site-dir", "site")
        assert done.returncode == 0, done.stderr
    assert (own / "anteckningar.txt").read_text(encoding="utf-8") == "mitt\n"
    assert (project / "site" / "index.html").is_file()
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == [
        ".site-site-old"]


@command
@pytest.mark.parametrize("command", [["render", "--out"], ["pdf", "--site-dir"]])
def test_other_commands_guard_their_folder_too(command: list[str], tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    done = rutin(*command, "checklists", cwd=project,
                 env={CONTENT_ROOT_ENV: str(project / "checklists")})
    assert_clean_failure(done, 2)
    assert (project / "checklists" / ROUTINE / "routine.yaml").is_file()


@command
@pytest.mark.parametrize(("command", "code"), [(["build", "--site-dir"], 1),
                                               (["render", "--out"], 2)])
def test_a_folder_that_cannot_be_written_is_a_message(command: list[str], code: int,
                                                      tmp_path: Path) -> None:
    """A folder nobody may write in (here in /proc, where not even root may) ended the
    command in an internal error."""
    project = project_copy(tmp_path)
    done = rutin(*command, "/proc/rutin-ut", cwd=project,
                 env={CONTENT_ROOT_ENV: str(project / "checklists")})
    assert_clean_failure(done, code)
    said = ("kunde inte skrivas eller läsas (", "kan inte skrivas (")  # build, render
    assert "/proc" in done.stderr and any(s in done.stderr for s in said), done.stderr


@command
def test_review_never_writes_over_the_projects_files(tmp_path: Path) -> None:
    """`rutin review --out` wrote its HTML page over whatever it was given: the routine's
    routine.yaml, mkdocs.yml; a folder ended it in an internal error."""
    project = project_copy(tmp_path)
    git = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "start"]):
        subprocess.run(["git", *args], cwd=project, check=True, env={**os.environ, **git})
    routine = project / "checklists" / ROUTINE / "routine.yaml"
    before = {path: path.read_bytes() for path in (routine, project / "mkdocs.yml")}
    for out in (routine, project / "mkdocs.yml", project / "docs", project / "docs" / "x.html"):
        done = rutin("review", "--since", "HEAD", "--out", str(out), cwd=project)
        assert_clean_failure(done, 2)
        assert done.stderr.startswith("rutin review: --out: "), done.stderr
    assert {path: path.read_bytes() for path in before} == before
    assert not (project / "docs" / "x.html").exists()
    done = rutin("review", "--since", "HEAD", "--out", "granskning.html", cwd=project)
    assert done.returncode == 0, done.stderr
    assert (project / "granskning.html").is_file()


# --------------------------------------------------------------------------- invisible text


@command
def test_every_source_line_is_held_to_visible_text(tmp_path: Path) -> None:
    content = content_copy(tmp_path)
    source = content / ROUTINE / "source.txt"
    lines = source.read_text(encoding="utf-8").split("\n")
    address = next(i for i, line in enumerate(lines) if line.strip().startswith("https://"))
    lines[address] = lines[address].replace("https://", "https://\u202e", 1)
    header = next(i for i, line in enumerate(lines) if line.startswith("#"))
    lines[header] += " text\ufe0f\U000e0041"
    lines.append("file:///C:/Users/anna/Loggkontroll.pdf")
    source.write_text("\n".join(lines), encoding="utf-8")
    done = rutin("check", env={CONTENT_ROOT_ENV: str(content)})
    found = [line for line in assert_clean_failure(done, 1) if "(source-text)" in line]
    column = lines[address].index("\u202e") + 1
    assert found[0].startswith(f"{source}:{header + 1}:")
    assert "osynligt tecken U+E0041" in found[0] and "variantväljare U+FE0F" in found[1]
    assert found[2].startswith(f"{source}:{address + 1}:{column}: styrtecken för textriktning "
                               "U+202E")
    assert found[3] == (f"{source}:{len(lines)}:1: en lokal filadress (file:) får aldrig "
                        "publiceras: den pekar på en fil på någons egen dator. Ta bort raden "
                        "och skriv i huvudet (raderna som börjar med #) vad som togs bort "
                        "(source-text)")
    assert "\u202e" not in done.stdout  # shown escaped: \u202e


def test_homoglyphs_are_caught_where_the_glossary_is_blind(tmp_path: Path) -> None:
    cyrillic_a = "\u0430"
    folder = routine_copy(tmp_path, {"boka-besok.yaml": ("Skicka kallelsen",
                                                         f"Skicka k{cyrillic_a}llelsen")})
    [problem] = [p for p in check(folder.parent, [folder]).problems if p.rule == "visible-text"]
    assert problem.message.startswith("ordet \"kаllelsen\" blandar latinska och kyrilliska")


# --------------------------------------------------------------------------- weak answers

BROKEN_YAML = [b"a: b: c\n", b"a: 'x\n", b"- a\nb: c\n", b"a: \"\\q\"\n", b"a: [b\n",
               b"a: {b\n", b"a:\n  - b\n c: d\n", b"%YAML 1.1\n%YAML 1.1\n---\na: b\n",
               b"a: |0\n  x\n", b"a: \"\\xZZ\"\n", b"? [a\n", b"a: b\n--- \nc: d\n",
               b"a: @b\n", b"a:\n\t- b\n", b"a: `b\n"]


@pytest.mark.parametrize("raw", BROKEN_YAML)
def test_yaml_syntax_messages_are_swedish(raw: bytes) -> None:
    problems = load_bytes(Path("f.yaml"), raw).problems
    assert problems, raw
    for problem in problems:
        assert not ENGLISH.search(problem.message), problem.message
        assert problem.line >= 1


@command
@pytest.mark.parametrize("output", ["text", "json", "github", "gitlab"])
def test_a_file_name_that_is_not_utf8_is_shown_escaped(output: str, tmp_path: Path) -> None:
    """A file name with bytes that are not UTF-8 (copied from an old disk) ended every
    output format in an internal error, with none of the problems shown, under a UTF-8
    locale (stdout strict, as for en_US.UTF-8)."""
    folder = routine_copy(tmp_path)
    name = os.fsdecode(b"boka-\xe5tg\xe4rd.yaml")  # Latin-1 bytes: \udce5, \udce4
    shutil.copy(folder / "boka-besok.yaml", folder / name)
    done = rutin("check", "--format", output, str(folder),
                 env={"PYTHONIOENCODING": "utf-8:strict"})
    assert done.returncode == 1, done.stderr
    assert "internt fel" not in done.stdout + done.stderr, done.stderr
    assert "boka-\\udce5tg\\udce4rd.yaml" in done.stdout.replace("\\\\", "\\"), done.stdout
    assert printable(name) == "boka-\\udce5tg\\udce4rd.yaml"


@command
def test_control_characters_are_shown_escaped(tmp_path: Path) -> None:
    folder = routine_copy(tmp_path)
    bad = folder / "boka-besok.yaml"
    key = "\"titel\\e[2J\\e]0;x\\a\""  # escape codes written as YAML escapes
    bad.write_text(bad.read_text("utf-8") + f"{key}: 1\n{key}: 2\n", encoding="utf-8")
    done = rutin("check", str(bad))
    assert_clean_failure(done, 1)
    assert "titel\\x1b[2J\\x1b]0;x\\x07" in done.stdout
    assert printable("a\x1b\u202eb\nc") == "a\\x1b\\u202eb\\x0ac"


def test_yml_files_are_refused_not_ignored(tmp_path: Path) -> None:
    folder = routine_copy(tmp_path)
    (folder / "ny-checklista.yml").write_text("id: ny-checklista\n", encoding="utf-8")
    problems = check(folder.parent).problems
    assert [(p.file.name, p.line, p.rule) for p in problems if p.severity == "error"] == [
        ("ny-checklista.yml", 0, "yaml-extension")]


@command
@pytest.mark.parametrize(("url", "shown"), [
    ("https://anna:hemligt@rutiner.example.org/", "innehåller ett användarnamn eller lösenord"),
    ("https://rutiner.example.org/" + "a" * 300 + "/", "tecken lång (högst 200)"),
    # Written into every page as it stood: the script ran and was allowed in the CSP.
    ('https://rutiner.example.org/"><script>alert(1)</script>/', "innehåller tecknet '\"'"),
])
def test_the_site_address_is_guarded_in_every_build(url: str, shown: str,
                                                    tmp_path: Path) -> None:
    done = rutin("build", "--site-dir", str(tmp_path / "site"),
                 env={"RUTIN_SITE_URL": url})
    assert_clean_failure(done, 2)
    assert shown in done.stderr
    assert "hemligt" not in done.stderr
    assert not (tmp_path / "site").exists()


# --------------------------------------------------------------------------- the preview


@command
def test_the_preview_survives_and_shows_the_message(tmp_path: Path) -> None:
    """`make serve` with a file nested 100,000 deep (it used to die silently) and a table
    of 30 questions (it used to hang): the page shows each message, and the preview goes
    on once the files are fixed."""
    from tools.bench.preview import _fetch, _wait_for, start_serve, stop_serve

    content = content_copy(tmp_path)
    table = sorted((content / ROUTINE / "decisions").glob("*.yaml"))[0]
    original = table.read_text(encoding="utf-8")
    server, port = start_serve(content)
    try:
        url = f"http://127.0.0.1:{port}/"
        _wait_for(url, "rutin-role", timeout=180)
        deep = content / ROUTINE / "djup.yaml"
        deep.write_text("id: djup\nroles: " + "[" * 100_000 + "]" * 100_000 + "\n", "utf-8")
        _wait_for(url, "(yaml-depth)", timeout=60)
        questions = "".join(
            f"  - id: fraga-{i}\n    question: Fråga {i}?\n    options:\n"
            "      - {value: ja, label: Ja}\n      - {value: nej, label: Nej}\n"
            for i in range(30))
        table.write_text(original.replace("\nrules:", "\n" + questions + "rules:", 1), "utf-8")
        _wait_for(url, "(decision-size)", timeout=60)
        assert "rutin-role" in _fetch(url)  # the last good content is still shown
        deep.unlink()
        table.write_text(original, encoding="utf-8")
        _wait_for(url, "rutin-role", timeout=60)
        start = time.perf_counter()
        while "rutin-build-error" in _fetch(url):
            assert time.perf_counter() - start < 60, "the errors stayed"
            time.sleep(0.1)
    finally:
        stop_serve(server)


@command
def test_the_preview_survives_hostile_pages(tmp_path: Path) -> None:
    """`mkdocs serve` (as `make serve` runs it) on a copy with a page that tries to run
    code, a page nested too deep and an asset linked to /etc/passwd: every page is
    served, the messages are in the pages, the linked file is not."""
    from tools.bench.preview import _fetch, _free_port, _wait_for

    project = project_copy(tmp_path)
    docs = project / "docs"
    index = docs / "index.md"
    index.write_text(index.read_text("utf-8").replace(
        "## Hela rutinen", "{{ config }}\n\n## Hela rutinen", 1), encoding="utf-8")
    (docs / "djup.md").write_text("---\nx: " + "[" * 50 + "]" * 50 + "\n---\n\n# Djup\n",
                                  encoding="utf-8")
    (docs / "assets" / "passwd.txt").symlink_to("/etc/passwd")
    port = _free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("mkdocs")), "serve", "--strict", "--dirty", "-a",
         f"127.0.0.1:{port}"], cwd=project, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, start_new_session=True,
        env={**os.environ, CONTENT_ROOT_ENV: str(project / "checklists"),
             "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "scripts")})
    try:
        url = f"http://127.0.0.1:{port}/"
        _wait_for(url, "rutin-build-error", timeout=180)
        start = _fetch(url)
        assert "är inget anrop av ett makro" in start  # where the call stood
        assert "docs/assets/passwd.txt:0:0: filen är en länk som pekar ut ur docs/" in start
        assert "root:" not in _fetch(url + "assets/passwd.txt")
        deep = _fetch(url + "djup/")
        assert "Sidan har fel" in deep and "(yaml-depth)" in deep
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def test_a_command_imports_only_what_it_needs() -> None:
    """`rutin` imports a command's module (and MkDocs, Playwright …) only when that
    command runs: a refused or mistyped command, and `rutin check`, start fast."""
    probe = ("import sys\nfrom rutin.cli import main\n"
             "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
             "print(sorted({m.split('.')[0] if not m.startswith('rutin.') else m "
             "for m in sys.modules if m.startswith(('rutin.commands.', 'mkdocs', "
             "'playwright', 'material', 'zensical'))}))")
    for args, loaded in ((["nosuch"], "[]"),
                         (["check", "--help"], "['rutin.commands.check']")):
        done = subprocess.run([sys.executable, "-c", probe, *args], cwd=ROOT, text=True,
                              capture_output=True, timeout=120, check=False,
                              env={**os.environ, "PYTHONPATH": str(ROOT / "scripts")})
        assert done.stdout.splitlines()[-1] == loaded, (args, done.stdout, done.stderr)
