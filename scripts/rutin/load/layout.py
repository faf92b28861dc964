"""Where content lives and which schema each file follows (the kinds: model/kinds.py).

checklists/<routine>/routine.yaml          -> routine
checklists/<routine>/phrases.yaml          -> phrases
checklists/<routine>/decisions/<id>.yaml   -> decision
checklists/<routine>/tasks/<id>.yaml       -> task (a checklist for the work, made of
                                              references to steps and decisions)
checklists/<routine>/scenarios/<id>.yaml   -> scenario (a clinical scenario a task is
                                              tested with, scenarios.py)
checklists/<routine>/<id>.yaml             -> checklist
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from pathlib import Path

from rutin.model import kinds

Kind = str  # a registered kind's name (model/kinds.py)

SCHEMA_DIR = kinds.SCHEMA_DIR


# The built-in kinds' names; code that must see a kind registered later (a test's toy
# kind) asks kinds.names().
KINDS: tuple[Kind, ...] = kinds.names()


def kind_of(path: Path) -> Kind:
    return kinds.kind_of(path).name


def routine_dir_of(path: Path) -> Path:
    """The routine folder a content file belongs to."""
    return path.parent.parent if path.parent.name in kinds.subfolders() else path.parent


# Files an editor program or the operating system leaves beside the file being edited:
# not content, and never read (an Emacs lock `.#x.yaml` is a link to nowhere, macOS's
# `._x.yaml` holds binary metadata). Emacs lock `.#x` and auto-save `#x#`, macOS
# AppleDouble `._x`, backups `x~`, Vim swap files `.x.swp` (.swo …), LibreOffice locks
# `.~lock.x#`.
_EDITOR_ARTEFACT = re.compile(r"^(?:\.#|\._|\.~lock\.)|~$|^#.*#$|^\..+\.sw[a-p]$")


def is_editor_artefact(name: str) -> bool:
    """True for a file an editor or the operating system made beside the one edited."""
    return _EDITOR_ARTEFACT.search(name) is not None


def files_below(root: Path, matches: Callable[[str], bool]) -> list[Path]:
    """The files below `root` whose name `matches`, in a stable order; linked folders are
    not followed, editors' lock, backup and swap files are left out. A folder that cannot
    be listed (removed while it is read, a path too long) is left out without ending the
    command: `strays` reports it."""
    found: list[Path] = []
    for folder, _dirs, names in os.walk(root):
        found += [Path(folder) / name for name in names
                  if matches(name) and not is_editor_artefact(name)]
    return sorted(found)


def content_files(root: Path) -> list[Path]:
    """Every content file below root, in a stable order. Anything named .yaml that is not
    a folder or an editor's lock or backup file (`is_editor_artefact`) is listed, pipes
    and broken links too: the loader refuses them with a problem (rule file-boundary)
    instead of skipping them silently."""
    return files_below(root, lambda name: name.endswith(".yaml"))


def schema_path(kind: Kind) -> Path:
    return kinds.get(kind).schema_file


def boundary_problem(path: Path, base: Path,
                     real_dirs: dict[str, str] | None = None) -> str | None:
    """Why the file at `path` must not be read (Swedish), or None: its real path (links
    followed) lies outside `base`, or it is no regular file (a pipe, a device).
    `real_dirs` caches the real paths of folders across the files of one check."""
    cache = real_dirs if real_dirs is not None else {}
    try:
        info = os.lstat(path)
    except OSError as exc:
        return f"filen kan inte läsas ({exc.strerror or exc})"
    if stat.S_ISREG(info.st_mode):  # not a link itself: only its folder can lead out
        folder = os.path.dirname(os.path.abspath(path))
        real_folder = cache.get(folder)
        if real_folder is None:
            real_folder = cache[folder] = os.path.realpath(folder)
        real_base = cache.get(str(base))
        if real_base is None:
            real_base = cache[str(base)] = os.path.realpath(base)
        if Path(real_folder).is_relative_to(real_base):
            return None
    real = Path(os.path.realpath(path))
    if not real.is_relative_to(os.path.realpath(base)):
        return (f"filen är en länk som pekar ut ur {base.name or base}/ (till {real}); "
                "bara filer i förrådet läses. Kopiera in filen i stället för att länka")
    try:
        mode = os.stat(real).st_mode
    except OSError as exc:
        return f"filen kan inte läsas ({exc.strerror or exc})"
    if not stat.S_ISREG(mode):
        return "filen är ingen vanlig fil (en rörledning, enhet eller mapp); den läses inte"
    return None


def base_of(path: Path, root: Path) -> Path:
    """The folder a content file may not lead out of: the content root when the file is
    in it, else the working folder (the repository) or, outside both, its routine folder."""
    absolute = Path(os.path.abspath(path))
    for base in (Path(os.path.abspath(root)), Path.cwd()):
        if absolute.is_relative_to(base):
            return base
    return routine_dir_of(absolute)


def strays(root: Path) -> list[tuple[Path, str]]:
    """What under `root` looks like content but is not read: `.yml` files, linked
    folders (never followed) and folders that cannot be listed. (path, Swedish
    message)."""
    found: list[tuple[Path, str]] = []

    def unreadable(error: OSError) -> None:
        found.append((Path(error.filename or root), "mappen kan inte läsas "
                      f"({error.strerror or error}); filerna i den kontrolleras inte"))

    for folder, dirs, files in os.walk(root, onerror=unreadable):
        for name in dirs:
            if os.path.islink(os.path.join(folder, name)):
                found.append((Path(folder) / name, "mappen är en symbolisk länk; den läses "
                              "inte. Lägg innehållet som vanliga filer i förrådet"))
        for name in files:
            if name.endswith(".yml") and not is_editor_artefact(name):
                found.append((Path(folder) / name, "filen läses inte: innehållsfiler ska "
                              f"heta .yaml; byt namn till {name[:-4]}.yaml"))
    return sorted(found)
