"""The registry of content kinds: what each sort of content file is, in one place.

Everything that used to branch by kind iterates `all_kinds()` instead: where files lie
(load/layout.py), which schema each follows (check/schemas.py), how a routine folder's
documents become the model and the trace (rules/content.py, check/validate.py), the
pages and navigation (site/site_plan.py), the export and its schema (export/), the
scaffolds (`rutin new`), what `rutin check --since` asks an `edits` line for and what the
field reference lists. README ("Utveckla: en ny sorts innehåll") adds a kind step by step.

The hooks a kind names (trace walker, page builder, URL function) live in later stages
(check/, pages/, site/); they are named "module:function" and imported on first use, so
the registry imports nothing above the model. A kind registered by a test or an
extension may pass the functions themselves.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from rutin.model import records
from rutin.model.shape import Record

# The tool's schemas, not a project's (project.py says why): found beside the tool's
# source, in its repository's schemas/ (where editors' IDEs read them).
SCHEMA_DIR = Path(__file__).resolve().parents[3] / "schemas"

Hook = Callable[..., Any] | str
# Where a kind's pages stand in a routine's navigation: a section of their own after the
# overview ("section", titled `nav_title`), in the groups of routine.yaml ("groups"),
# after the groups ("end"), or nowhere (None: the page is reached by links).
NavPlace = Literal["section", "groups", "end"] | None


@dataclass(frozen=True)
class ContentKind:
    """One sort of content file."""

    name: str  # "checklist": also the schema's file name, <name>.schema.json
    record: type[Record]  # the typed record a valid file becomes (model/records.py)
    field: str | None = None  # the Routine field holding the records (None: Routine.more)
    folder: str = ""  # the routine folder's subfolder ("" the routine folder itself)
    file_name: str | None = None  # one file of this name per routine (routine.yaml)
    label: str = ""  # what an editor calls it, in Swedish ("checklista")
    schema: Path | None = None  # the schema file; default schemas/<name>.schema.json
    trace: Hook | None = None  # (path, data) -> Traced items (check/trace.py)
    page: Hook | None = None  # (PageContext, record) -> PageText (page_parts.page)
    url: Hook | None = None  # (routine id, record id) -> the page's source path
    nav: NavPlace = None
    nav_title: str = ""  # the section's title when nav == "section"
    scaffold: str | Path | None = None  # `rutin new`: templates/<scaffold>.yaml, or a file
    placeholder: str = ""  # the scaffold's title until the editor writes one
    grouped: bool = False  # listed in a group of routine.yaml (its page in the groups)
    item: bool = False  # an item tasks and groups refer to by id (steps, tables, tasks)
    changed: bool = False  # carries `changed:`; a change needs a line in `edits`
    prints: bool = False  # has a printout (PDF) of its own
    exported: bool = True  # in the export (site/api/<routine>.json)

    @property
    def single(self) -> bool:
        """One file per routine (routine.yaml, phrases.yaml), not one per item."""
        return self.file_name is not None

    @property
    def schema_file(self) -> Path:
        return self.schema if self.schema is not None else SCHEMA_DIR / f"{self.name}.schema.json"

    def hook(self, name: Literal["trace", "page", "url"]) -> Callable[..., Any] | None:
        """The named hook as a function (imported on first use)."""
        value: Hook | None = getattr(self, name)
        if value is None or callable(value):
            return value
        module, _, function = value.partition(":")
        found: Callable[..., Any] = getattr(importlib.import_module(module), function)
        return found

    def records(self, routine: records.Routine) -> tuple[Any, ...]:
        """This kind's records in a routine, in file order."""
        if self.name == ROUTINE:
            return (routine,)
        value = getattr(routine, self.field) if self.field else dict(routine.more).get(
            self.name, ())
        if value is None:
            return ()
        return value if isinstance(value, tuple) else (value,)

    def scaffold_text(self) -> str | None:
        """The kind's scaffold for `rutin new`: templates/<scaffold>.yaml in the package,
        or a file (a kind registered from outside the package); None without one."""
        if self.scaffold is None:
            return None
        if isinstance(self.scaffold, Path):
            return self.scaffold.read_text(encoding="utf-8")
        from importlib import resources

        name = f"templates/{self.scaffold}.yaml"
        return resources.files("rutin").joinpath(name).read_text("utf-8")

    def page_src(self, routine_id: str, record: Any) -> str | None:
        """The source path of a record's page, or None for a kind without pages."""
        url = self.hook("url")
        return None if url is None else str(url(routine_id, getattr(record, "id", "")))


ROUTINE = "routine"

_BUILTIN: tuple[ContentKind, ...] = (
    # The order is the order of the trace (routine first) and of the field reference.
    ContentKind(
        ROUTINE, records.Routine, file_name="routine.yaml", label="rutin",
        trace="rutin.check.trace:routine_items",
        page="rutin.pages.kind_pages:routine", url="rutin.site.site_paths:routine_url"),
    ContentKind(
        "checklist", records.Checklist, "checklists", label="checklista",
        trace="rutin.check.trace:checklist_items",
        page="rutin.pages.kind_pages:checklist", url="rutin.site.site_paths:checklist_page",
        nav="groups", scaffold="checklist", placeholder="Ny checklista", grouped=True,
        item=True, changed=True, prints=True),
    ContentKind(
        "decision", records.DecisionTable, "decisions", folder="decisions",
        label="beslutsstöd", trace="rutin.check.trace:decision_items",
        page="rutin.pages.kind_pages:decision", url="rutin.site.site_paths:decision_page",
        nav="groups", scaffold="decision", placeholder="Nytt beslutsstöd", grouped=True,
        item=True, changed=True, prints=True),
    ContentKind(
        "task", records.Task, "tasks", folder="tasks", label="uppgift",
        trace="rutin.check.trace:task_items",
        page="rutin.pages.kind_pages:task", url="rutin.site.site_paths:task_page",
        nav="section", nav_title="Uppgifter – checklistor för arbetet", scaffold="task",
        placeholder="Ny uppgift", item=True, changed=True, prints=True),
    ContentKind(
        "phrases", records.PhraseLibrary, "phrases", file_name="phrases.yaml",
        label="frasmallar", trace="rutin.check.trace:phrase_items",
        page="rutin.pages.kind_pages:phrases", url="rutin.site.site_paths:phrases_url",
        nav="end"),
    ContentKind(
        "scenario", records.Scenario, "scenarios", folder="scenarios", label="scenario",
        scaffold="scenario", placeholder="Nytt scenario"),
)

_kinds: list[ContentKind] = list(_BUILTIN)


def all_kinds() -> tuple[ContentKind, ...]:
    return tuple(_kinds)


def names() -> tuple[str, ...]:
    return tuple(k.name for k in _kinds)


def get(name: str) -> ContentKind:
    return next(k for k in _kinds if k.name == name)


def register(kind: ContentKind) -> None:
    """Add a kind (a test's toy kind, an extension). Its files lie in `folder`; a kind
    without a Routine field keeps its records in Routine.more under its name."""
    if kind.name in names():
        raise ValueError(f"content kind {kind.name!r} is already registered")
    if not kind.folder and not kind.file_name:
        raise ValueError("a registered kind needs a folder or a file name of its own")
    _kinds.append(kind)


def unregister(name: str) -> None:
    if any(k.name == name for k in _BUILTIN):
        raise ValueError(f"content kind {name!r} is built in")
    _kinds[:] = [k for k in _kinds if k.name != name]


def kind_of(path: Path) -> ContentKind:
    """The kind of a content file: by its name (routine.yaml), else by its folder
    (tasks/), else the kind that lives in the routine folder itself (a checklist)."""
    for kind in _kinds:
        if kind.file_name is not None and path.name == kind.file_name:
            return kind
    folder = path.parent.name
    for kind in _kinds:
        if kind.folder and kind.file_name is None and folder == kind.folder:
            return kind
    return next(k for k in _kinds if not k.folder and k.file_name is None)


def subfolders() -> frozenset[str]:
    return frozenset(k.folder for k in _kinds if k.folder)


def with_pages() -> Iterator[ContentKind]:
    return (k for k in _kinds if k.page is not None and k.url is not None)
