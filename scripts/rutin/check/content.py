"""Where the content is, and the validated content: one content root for every command,
the build, the adapter, the macros and the tests, and validation once per change.

    content_root(project)
                     $RUTIN_CONTENT_ROOT (tests and benchmarks use a copy), else
                     checklists/ in the project folder (project.py: `rutin --project`,
                     default the working folder; mkdocs.yml's folder for the plugin)
    checked(root)    validate.check(root), answered from a cache until a content, source
                     or schema file changes (the build, the adapter and the macros ask in
                     the same process: the content is validated once per build); then
                     checked again with the previous check's parses, so only the files
                     changed since are parsed (the editor's preview)
"""

from __future__ import annotations

from pathlib import Path

from rutin.check.validate import Report, check
from rutin.load.layout import SCHEMA_DIR, content_files, files_below
from rutin.model.records import Library
from rutin.project import CONTENT_ROOT_ENV, Project

__all__ = ["CONTENT_ROOT_ENV", "checked", "content_root", "last_good", "shown"]


def content_root(project: Project | Path) -> Path:
    """The project's content folder: $RUTIN_CONTENT_ROOT (tests use a copy) or
    checklists/ (`project`: a Project or its folder)."""
    return (project if isinstance(project, Project) else Project(project)).checklists


def shown(path: Path) -> Path:
    """A path as an editor wants to read it: relative to the working folder when inside."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path


_cache: dict[Path, tuple[tuple[tuple[str, int, int], ...], Report]] = {}


def _signature(root: Path) -> tuple[tuple[str, int, int], ...]:
    files = [*content_files(root),
             *files_below(root, lambda name: name.endswith(".txt")
                          or name == "source-reviews.json"),
             *sorted(SCHEMA_DIR.glob("*.json"))]
    return tuple((str(p), *_stamp(p)) for p in files)


def _stamp(path: Path) -> tuple[int, int]:
    """(time of change, size); a broken link or a file just removed is (0, 0): the
    validator reports it, the cache must not crash on it."""
    try:
        info = path.stat()
    except OSError:
        return (0, 0)
    return (info.st_mtime_ns, info.st_size)


_good: dict[Path, Library] = {}  # the last content without errors, per root


def checked(root: Path) -> Report:
    """`validate.check(root)`, cached while no content, source or schema file changes."""
    root = root.resolve()
    signature = _signature(root)
    hit = _cache.get(root)
    if hit is not None and hit[0] == signature:
        return hit[1]
    report = check(root, parses=hit[1].parses.after() if hit is not None else None)
    _cache[root] = (signature, report)
    if not report.errors and report.library is not None:
        _good[root] = report.library
    return report


def last_good(root: Path) -> Library | None:
    """The content as it was the last time it had no errors (the editor's preview keeps
    showing it, with the problems on top, while a file is being fixed): its records
    carry that check's proof, so no page reads a file in its current state."""
    report = checked(root)
    if not report.errors and report.library is not None:
        return report.library
    return _good.get(root.resolve())
