"""Never delete what the tool did not make: the guard for every folder a command replaces
(`rutin build --site-dir`, `rutin render --out`, `rutin pdf --site-dir`).

A folder is refused when it is the project (the repository), contains it, lies inside
one of the project's own folders (checklists/, docs/, schemas/, scripts/, tests/ …) or
the content folder in use, or already holds files that a build did not write. A build
writes MARKER into every folder it makes, so the next build knows the folder is its own;
a site built before the marker existed is recognised by MkDocs' own files.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

# The project's own folders: their files are written by people, never by a build.
PROTECTED = ("checklists", "docs", "schemas", "scripts", "tests", "tools",
             ".git", ".venv")
MARKER = ".rutin-bygge"
MARKER_TEXT = ("Den här mappen skrivs av rutin (bygget ersätter den). Lägg inga egna "
               "filer här.\n")
# What a MkDocs build always writes at the top of a site (a site built before MARKER).
_BUILT_SITE = ("index.html", "404.html", "sitemap.xml")


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or path.is_relative_to(folder)


def problem(target: Path, *, projects: Iterable[Path], protected: Iterable[Path] = (),
            written_by: Iterable[str] = ()) -> str | None:
    """Why `target` must not be replaced (Swedish), or None.

    `projects`: the project's folder and any other (e.g. the folder of --config-file);
    `protected`: more folders whose insides are off limits (the content root, docs_dir);
    `written_by`: names that, at the top of an existing folder, show a build wrote it
    (besides MARKER)."""
    real = _real(target)
    roots = {_real(p) for p in projects}
    for root in sorted(roots):
        if _inside(root, real):
            what = "är projektets mapp" if real == root else "innehåller projektets mapp"
            return (f"mappen {target} {what} ({root}); bygget ersätter hela mappen. "
                    "Välj en egen mapp för resultatet, t.ex. site/")
        for name in PROTECTED:
            folder = root / name
            if _inside(real, _real(folder)):
                return (f"mappen {target} ligger i {name}/, som är projektets egna filer; "
                        "bygget ersätter hela mappen. Välj en egen mapp för resultatet, "
                        "t.ex. site/")
    for folder in protected:
        if _inside(real, _real(folder)) or _inside(_real(folder), real):
            return (f"mappen {target} är eller innehåller {folder}, som är projektets "
                    "egna filer; välj en egen mapp för resultatet, t.ex. site/")
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        return f"{target} är ingen vanlig mapp; välj en egen mapp för resultatet, t.ex. site/"
    if target.is_dir():
        try:
            names = {p.name for p in target.iterdir()}
        except OSError as exc:
            return f"mappen {target} kan inte läsas ({exc.strerror or exc})"
        ours = MARKER in names or all(n in names for n in _BUILT_SITE) or any(
            n in names for n in written_by)
        if names and not ours:
            return (f"mappen {target} innehåller filer som bygget inte har skrivit; den "
                    "ersätts inte. Välj en tom eller ny mapp, eller ta bort filerna själv")
    return None


def mark(folder: Path) -> None:
    """Record that a build wrote `folder` (before it is swapped in)."""
    (folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
