"""Validate once, render from the result: a build parses each content file once, reads
each routine's source text once, traces each routine once, computes its coverage once
and runs each clinical scenario once; the pages, the owner's pages and the export read
the routine's proof (model/provenance.py). A preview rebuild after a save parses only
the saved file.

The counters wrap the real functions everywhere the package refers to them (every
`rutin.*` module that imported one by name), and every open of a content file; a second
parse, read, trace or coverage anywhere in the package makes these tests fail.
"""

from __future__ import annotations

import builtins
import importlib
import io
import os
import pkgutil
import shutil
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import rutin
from rutin.check import content, trace
from rutin.load import source_text, yaml_reader
from rutin.load.layout import content_files
from rutin.model import scenarios
from rutin.site import site_paths
from support.project import ROOT


class Reads:
    """Counts of the calls of the real parse, source reader, trace builder and coverage
    (by the path or file they were given), and of the opens of content files."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        for module in pkgutil.walk_packages(rutin.__path__, "rutin."):
            importlib.import_module(module.name)  # every reference is patched below
        self.parsed = self._count(monkeypatch, yaml_reader, "load_bytes", lambda a: a[0])
        self.sources = self._count(monkeypatch, source_text, "read_source", lambda a: a[0])
        self.traced = self._count(monkeypatch, trace, "trace_routine",
                                  lambda a: None)
        self.covered = self._count(monkeypatch, trace, "coverage", lambda a: a[0].path)
        self.scenarios = self._count(monkeypatch, scenarios, "run", lambda a: a[1].file)
        self.opened: Counter[Path] = Counter()
        real_open = io.open

        def counting_open(file: Any, *args: Any, **kwargs: Any) -> Any:
            if isinstance(file, str | os.PathLike) and str(file).endswith(
                    (".yaml", source_text.SOURCE_FILE)):
                self.opened[Path(file)] += 1
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr(io, "open", counting_open)
        monkeypatch.setattr(builtins, "open", counting_open)

    @staticmethod
    def _count(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str,
               key: Callable[[tuple[Any, ...]], Any]) -> Counter[Any]:
        real = getattr(owner, name)
        calls: Counter[Any] = Counter()

        def counted(*args: Any, **kwargs: Any) -> Any:
            calls[key(args)] += 1
            return real(*args, **kwargs)

        patched = 0
        for module in list(sys.modules.values()):
            if getattr(module, "__name__", "").startswith("rutin") and \
                    getattr(module, name, None) is real:
                monkeypatch.setattr(module, name, counted)
                patched += 1
        assert patched, f"{name} is no longer where the test looks for it"
        return calls

    def clear(self) -> None:
        for counter in (self.parsed, self.sources, self.traced, self.covered, self.scenarios,
                        self.opened):
            counter.clear()

    def of_content(self, root: Path) -> tuple[Counter[Path], Counter[Path]]:
        """(parses, opens) of the content's files (not of the hand-written pages)."""
        return (Counter({Path(p): n for p, n in self.parsed.items()
                         if Path(p).is_relative_to(root)}),
                Counter({p: n for p, n in self.opened.items() if p.is_relative_to(root)}))


@pytest.fixture
def copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "checklists"
    shutil.copytree(content.content_root(ROOT), root)
    monkeypatch.setenv(content.CONTENT_ROOT_ENV, str(root))
    return root


def _routines(root: Path) -> tuple[set[Path], set[Path]]:
    """The routine folders, and the source texts they name (present in the copy)."""
    folders = {p.parent for p in root.glob("*/routine.yaml")}
    return folders, {f / source_text.SOURCE_FILE for f in folders
                     if (f / source_text.SOURCE_FILE).is_file()}


def _kept_compared(folders: set[Path]) -> set[Path]:
    """The kept versions a routine with a new version compares (the last two in
    source-history/): read once each, as files of their own."""
    kept: set[Path] = set()
    for folder in folders:
        versions = sorted((folder / "source-history").glob("*.txt"))
        if len(versions) >= 2:
            kept.update(versions[-2:])
    return kept


def _assert_one_pass(reads: Reads, root: Path, parsed: set[Path]) -> None:
    folders, sources = _routines(root)
    parses, opens = reads.of_content(root)
    assert parses == Counter(dict.fromkeys(parsed, 1)), "each file parsed once"
    assert opens == Counter(dict.fromkeys(parsed, 1)) + Counter(dict.fromkeys(sources, 1))
    kept = _kept_compared(folders)
    assert Counter({p: n for p, n in reads.sources.items() if p not in kept}) == Counter(
        dict.fromkeys(sources, 1)), "each source read once"
    # A new version's comparison reads the two kept versions once, and keeps it while
    # they are unchanged (a preview rebuild reads neither).
    assert all(n <= 1 for p, n in reads.sources.items() if p in kept), reads.sources
    assert reads.traced == Counter({None: len(folders)}), "each routine traced once"
    assert reads.covered == Counter(dict.fromkeys(sources, 1)), "each coverage once"
    assert reads.scenarios == Counter(dict.fromkeys(root.glob("*/scenarios/*.yaml"), 1)), \
        "each scenario run once"


def test_validation_and_the_site_plan_read_each_file_once(
        copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The plan (every page, the owner's pages and the export) is built from the
    validated content's proof: nothing is parsed, read, traced or counted again."""
    from rutin.site.site_plan import Settings, site_plan

    reads = Reads(monkeypatch)
    report = content.checked(copy)
    assert not report.errors and report.library is not None
    plan = site_plan(report.library, Settings("https://rutiner.example.se/",
                                              content_root=copy))
    _assert_one_pass(reads, copy, set(content_files(copy)))
    routine = report.library.routines[0]
    assert routine.proof is not None and routine.proof.coverage is not None
    assert plan.page(site_paths.trace_page(routine.id)) is not None
    # The proof carries each item's origin and where its quotes rest in the source.
    step = next(i for i in routine.proof.items if i.kind == "step" and i.quotes)
    assert step.line > 0
    assert step.file.read_text(encoding="utf-8").split("\n")[step.line - 1].strip() \
        .startswith("- ")
    (_quote, place), *_ = routine.proof.places(step)
    assert place is not None and place.line > 0 and place.number > 0
    assert routine.proof.source is not None
    assert any(s.number == place.number for s in routine.proof.source.sentences)


@pytest.mark.slow
def test_a_full_build_parses_reads_traces_and_covers_once(
        copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config_file = str(ROOT / "mkdocs.yml")
    load_config(config_file).plugins.on_startup(command="build", dirty=False)
    reads = Reads(monkeypatch)
    build(load_config(config_file, site_dir=str(copy.parent / "site")))
    _assert_one_pass(reads, copy, set(content_files(copy)))
    assert (copy.parent / "site" / "platform24" / "sparbarhet" / "index.html").is_file()


@pytest.mark.slow
def test_a_preview_rebuild_parses_only_the_saved_file(
        copy: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    """`make serve` after a save: the saved file is parsed again, no other; the source is
    read, each routine traced and its coverage computed once for the rebuild."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config_file = str(ROOT / "mkdocs.yml")
    site = copy.parent / "site"
    plugins = load_config(config_file).plugins
    plugins.on_startup(command="serve", dirty=True)
    request.addfinalizer(lambda: plugins.on_startup(command="build", dirty=False))

    def preview_build() -> None:
        build(load_config(config_file, site_dir=str(site)),
              serve_url="http://127.0.0.1:8000/", dirty=True)

    reads = Reads(monkeypatch)
    preview_build()
    _assert_one_pass(reads, copy, set(content_files(copy)))
    path = next(p for p in content_files(copy) if p.name != "routine.yaml")
    with path.open("a", encoding="utf-8") as saved:  # a save: new bytes, same content
        saved.write("# sparad igen\n")
    reads.clear()
    preview_build()
    _assert_one_pass(reads, copy, {path})
