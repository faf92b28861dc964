"""The editor's preview (`make serve`): a content mistake shows in every previewed page
instead of stopping the preview (preview.py), and after a save MkDocs builds again only
the pages whose content changed (a dirty build), so the saved change shows within a
second (`make bench ARGS=forhandsvisning`).

In a dirty build MkDocs asks each page's file `is_modified()`, and would answer from file
times (a generated page has none). The preview answers from the sources instead: a page
is built again when its Markdown (generated or hand-written) differs from the last
build's, or when it calls a macro that reads the content and the content changed. What
every page shows besides its own content – the navigation and the pages' titles (read,
not built, for the pages not built again), the error banner, the theme, our assets, the
schemas (the editor guide's field reference) – is the preview's `shape`: when it
changes, every page is built again, and so does the build after a failed one. Material's
search index holds only the pages a build made; the preview keeps each other page's
entries from before (Material's own merge, made for one page, is switched off).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from rutin.check import content
from rutin.load.layout import is_editor_artefact
from rutin.model.records import Library
from rutin.pages.macros import CONTENT_FREE
from rutin.problem import printable
from rutin.project import Project
from rutin.site.preview import Preview

# What the shape follows beside the navigation and the banner: project files a page's
# HTML depends on whatever the page. (Content files are the plan's business.)
SHAPE_FILES = ("mkdocs.yml", "docs/assets", "schemas")  # and the theme overrides (OVERRIDES)
_MACRO_BLOCK = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
_CALL = re.compile(r"(\w+)\s*\(")


class _DirtyNotice(logging.Filter):
    """MkDocs warns on every dirty build that the navigation may be stale. Here it is not
    (a changed navigation rebuilds every page), and under `--strict` the warning would
    stop the preview."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


_NOTICE = _DirtyNotice()

# The preview's content errors, printed beside MkDocs' output but not through its
# loggers: under `--strict` (make serve) an error there stops the rebuild, and the page
# could not show the errors.
_errors = logging.getLogger("rutin.site.preview")
_errors.propagate = False
if not _errors.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("FEL     -  %(message)s"))
    _errors.addHandler(_handler)


def show_errors(lines: list[str]) -> None:
    shown = "\n".join(printable(line) for line in lines)  # no escape code reaches the terminal
    _errors.error("Innehållet har fel; förhandsvisningen visar dem:\n%s", shown)


@dataclass
class DirtyPreview:
    enabled: bool = False  # `mkdocs serve --dirty`; otherwise MkDocs builds every page
    shape: tuple[object, ...] | None = None
    markdown: dict[str, str] = field(default_factory=dict)  # generated page → its Markdown
    library: Library | None = None  # the content the last build showed
    destinations: dict[str, str] = field(default_factory=dict)  # page URL → its HTML file
    search: dict[str, list[Any]] = field(default_factory=dict)  # page URL → index entries
    built: set[str] = field(default_factory=set)  # the pages this build made
    compiled: CompiledTemplates = field(default_factory=lambda: CompiledTemplates())
    theme_files: dict[object, list[str]] = field(default_factory=dict)

    def start(self, *, serving: bool, dirty: bool) -> None:
        """A new preview (MkDocs starts once per `mkdocs serve`): nothing is kept."""
        self.__init__()  # type: ignore[misc]
        self.enabled = serving and dirty
        logger = logging.getLogger("mkdocs.commands.build")
        if self.enabled:
            logger.addFilter(_NOTICE)
        else:
            logger.removeFilter(_NOTICE)

    def forget(self) -> None:
        """A build failed part-way: what it recorded may never have been written, so the
        next build builds every page."""
        self.shape = None
        self.markdown.clear()

    def choose_pages(self, files: Files, config: MkDocsConfig, library: Library | None,
                     nav: object, banner: str) -> None:
        """Tell MkDocs which pages to build again (after the plan's pages are added)."""
        self.built.clear()
        if not self.enabled:
            return
        project = project_of(config).folder
        pages = files.documentation_pages()
        watched = [project / name for name in SHAPE_FILES]
        if config.theme.custom_dir:
            watched.append(Path(config.theme.custom_dir))
        shape = (config.site_dir, repr(nav), [_title(f.content_string) for f in pages],
                 banner, _stamp(watched))
        everything = shape != self.shape
        content_changed = library is not self.library
        self.shape, self.library = shape, library
        for file in pages:
            # A page is built again when its source differs from the last build's (a
            # generated page's Markdown, a hand-written file's text, whatever its time).
            text = file.content_string
            rebuild = everything or self.markdown.get(file.src_uri) != text
            if not file.generated_by and content_changed and _reads_content(text):
                rebuild = True
            self.markdown[file.src_uri] = text
            _answer(file, rebuild)
        current = {file.url: file.abs_dest_path for file in pages}
        for url, gone in self.destinations.items():  # a page that left the site
            if url not in current:
                Path(gone).unlink(missing_ok=True)
                self.search.pop(url, None)
        self.destinations = current
        if not everything:  # 404.html shows the navigation; sitemap.xml is not previewed
            config.theme.static_templates.difference_update({"404.html", "sitemap.xml"})

    def list_theme_once(self, config: MkDocsConfig) -> None:
        """MkDocs lists the theme's files on every build to copy its assets: a walk over
        Material's ~14,000 icons, 0.1 s of each rebuild. The preview keeps the list while
        the theme's folders (our overrides) stay as they were."""
        if not self.enabled:
            return
        theme, listed = config.theme, self.theme_files
        make_env = theme.get_env

        def get_env() -> Environment:
            env = make_env()
            list_all = env.list_templates

            def list_templates(extensions: Any = None, filter_func: Any = None) -> list[str]:
                # MkDocs' filter is made anew each build but is the same: not in the key.
                own = [Path(theme.custom_dir)] if theme.custom_dir else []
                key = (tuple(theme.dirs), repr(extensions), _stamp(own))
                if key not in listed:
                    listed.clear()
                    listed[key] = list_all(extensions, filter_func)
                return listed[key]

            setattr(env, "list_templates", list_templates)  # noqa: B010 – this env only
            return env

        setattr(theme, "get_env", get_env)  # noqa: B010 – this build's theme only

    def own_the_search_merge(self, config: MkDocsConfig) -> None:
        """Material's search plugin merges a dirty build's index with the previous one on
        its own, assuming one page was built; here several may be, and complete_search
        merges. Its copy of the previous index is dropped before each build."""
        plugin = config.plugins.get("material/search") or config.plugins.get("search")
        if self.enabled and plugin is not None and hasattr(plugin, "search_index_prev"):
            plugin.search_index_prev = None

    def templates(self, env: Environment) -> Environment:
        if self.enabled:
            env.bytecode_cache = self.compiled
        return env

    def read_pages_not_built(self, nav: Navigation, config: MkDocsConfig) -> None:
        """A page MkDocs does not build again is not read either, and the menu on the
        pages it builds would show it without a title: its source (front matter and
        title) is read, which is cheap; the rendering is what is saved."""
        if not self.enabled:
            return
        for page in nav.pages:
            if page.markdown is None and not page.file.is_modified():
                page.read_source(config)

    def page_built(self, page: Page) -> None:
        self.built.add(page.url)

    def complete_search(self, docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Material's index entries for this build, with the entries of the pages not
        built (kept from before), in the site's page order."""
        if not self.enabled:
            return docs
        fresh: dict[str, list[Any]] = {url: [] for url in self.built}
        for doc in docs:
            fresh.setdefault(doc["location"].split("#")[0], []).append(doc)
        self.search.update(fresh)
        return [doc for url in self.destinations for doc in self.search.get(url, [])]


_FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.DOTALL)
_HEADING = re.compile(r"^# +(.+)$", re.MULTILINE)


def _title(markdown: str) -> str:
    """A page's title as its source gives it (front matter, else the first heading)."""
    front = _FRONT_MATTER.match(markdown)
    if front:
        try:
            meta = yaml.load(front.group(1), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.YAMLError:
            meta = None
        if isinstance(meta, dict) and isinstance(meta.get("title"), str):
            return str(meta["title"])
    heading = _HEADING.search(markdown)
    return heading.group(1) if heading else ""


def _reads_content(markdown: str) -> bool:
    """True when a macro block calls anything but the macros that read no content."""
    return any(name not in CONTENT_FREE for block in _MACRO_BLOCK.findall(markdown)
               for name in _CALL.findall(block))


class CompiledTemplates(BytecodeCache):
    """The theme's templates compiled once per preview: MkDocs makes a new Jinja
    environment for every build, and compiling Material's templates again took about
    0.14 s of each rebuild. Jinja checks each template's source against its checksum, so
    an edited override is compiled anew."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


def _answer(file: File, rebuild: bool) -> None:
    # MkDocs has no other way to be told; the method is replaced on this build's object.
    setattr(file, "is_modified", lambda: rebuild)  # noqa: B010


def _stamp(paths: list[Path]) -> tuple[tuple[str, int], ...]:
    """Every file under these paths with its time of change (not an editor's lock or
    backup file: saving a page in Emacs makes and removes one)."""
    found: list[tuple[str, int]] = []
    for path in paths:
        for item in [path, *path.rglob("*")] if path.is_dir() else [path]:
            if item.is_file() and not is_editor_artefact(item.name):
                found.append((str(item), item.stat().st_mtime_ns))
    return tuple(sorted(found))


def project_of(config: MkDocsConfig) -> Project:
    """The project a build or preview works on: the folder of its config file (mkdocs.yml),
    never where the tool is installed."""
    return Project(Path(config.config_file_path or ".").resolve().parent)


def validated(config: MkDocsConfig, errors: Preview) -> tuple[Path, Library | None]:
    """The validated content (content.checked validates once per build). With mistakes,
    a build stops; the preview shows them (`errors`) and goes on with the last good
    content."""
    root = content.content_root(project_of(config))
    report = content.checked(root)
    if report.errors or report.library is None:
        lines = [p.format_text() for p in report.problems] or [f"{root}: kunde inte läsas"]
        if not errors.serving:
            raise PluginError(f"Innehållet i {root} har {len(report.errors)} fel; webbplatsen "
                              "byggs inte.\n" + "\n".join(lines))
        show_errors(lines)
        errors.errors = lines
        return root, content.last_good(root)
    errors.errors = []
    return root, report.library
