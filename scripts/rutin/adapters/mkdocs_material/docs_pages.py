"""The hand-written pages (docs/) in MkDocs: checked before MkDocs reads any of them
(docs_check.py: files that lead out of docs/, front matter, characters, links), and
their macro calls expanded as each page is built (macros.py). Nothing else on a page is
code: MkDocs' Jinja never sees a page. A build stops on a problem with its file:line:col;
the preview (`make serve`) shows it in the page instead.
"""

from __future__ import annotations

import html
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from rutin.adapters.mkdocs_material.preview import show_errors, validated
from rutin.check import docs_check
from rutin.load.layout import is_editor_artefact
from rutin.model.records import Library
from rutin.pages import macros
from rutin.problem import Problem
from rutin.site import publish
from rutin.site.preview import Preview


def _shown_path(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def validated_with_pages(files: Files, config: MkDocsConfig, errors: Preview
                         ) -> tuple[Path, Library | None]:
    """The validated content (preview.validated), the site address every page prints
    (publish.any_build_problem: no password, not too long) and the hand-written pages
    (check_docs), before MkDocs reads any page."""
    refused = publish.any_build_problem(config.site_url)
    if refused is not None:
        raise PluginError(refused)
    root, library = validated(config, errors)
    check_docs(files, config, library, errors)
    return root, library


def check_docs(files: Files, config: MkDocsConfig, library: Library | None,
               errors: Preview) -> None:
    """The hand-written pages and their files, checked before MkDocs reads any of them
    (docs_check.py; the macros are checked as each page is built); editors' lock and
    backup files are left out of the site. A build stops on a problem; the preview
    leaves out a file that leads out of docs/ and shows a page with a problem as its
    problems, listed on every page."""
    for file in list(files):  # an editor's lock or backup file (x.md~): never published
        if not file.generated_by and is_editor_artefact(file.src_uri.rsplit("/", 1)[-1]):
            files.remove(file)
    docs_dir = Path(_shown_path(Path(config.docs_dir)))  # as the editor reads paths
    found = docs_check.problems(docs_dir, library, run_macros=False)
    wrong = [p for p in found if p.severity == "error"]
    if not wrong:
        return
    lines = [p.format_text() for p in wrong]
    if not errors.serving:
        raise PluginError(f"De handskrivna sidorna i {docs_dir} har "
                          f"{len(wrong)} fel; webbplatsen byggs inte.\n" + "\n".join(lines))
    show_errors(lines)
    errors.errors = [*errors.errors, *lines]
    bad: dict[str, list[str]] = {}
    for problem, line in zip(wrong, lines, strict=True):
        bad.setdefault(os.path.normpath(os.path.abspath(problem.file)), []).append(line)
    for file in list(files):
        if file.generated_by or file.abs_src_path is None:
            continue
        own = bad.get(os.path.normpath(os.path.abspath(file.abs_src_path)))
        if own is None:
            continue
        if not file.src_uri.endswith(".md") or not docs_check.is_utf8_name(file.src_uri):
            files.remove(file)  # never read: it may lead out of docs/, or have no address
            continue
        # The page stays (in the menu too), showing its problems instead of its text,
        # which is never read: it may lead out of docs/ or crash the reader.
        items = "".join(f"<li><code>{html.escape(line)}</code></li>" for line in own)
        file.content_string = ("# Sidan har fel\n\n<ul>" + items.replace("{", "&#123;")
                               + "</ul>\n")


def expand_macros(markdown: str, page: Page, config: MkDocsConfig, library: Library | None,
                  errors: Preview) -> tuple[str, list[tuple[str, str]]]:
    """A hand-written page's macro calls, expanded (macros.py): nothing else on a page is
    code. A problem stops a build with the page's file:line:col; the preview shows it
    where the call stood. Also returns the titles the page's macros gave other pages
    (macros.Page.titles, for the search)."""
    found = macros.Page(page.file.src_uri, library)
    expanded, problems = macros.expand(markdown, found)
    if not problems:
        return expanded, found.titles
    source = page.file.content_string
    skipped = source[:len(source) - len(markdown)] if source.endswith(markdown) else ""
    path = _shown_path(Path(config.docs_dir) / page.file.src_uri)
    lines = []
    for problem in problems:
        line, column = macros.position(markdown, problem.offset)
        line += skipped.count("\n")
        lines.append(Problem(Path(path), line, column, "", problem.message,
                             macros.RULE_ID).format_text())
    if not errors.serving:
        raise PluginError("\n".join(lines))
    show_errors(lines)
    return expanded, found.titles
