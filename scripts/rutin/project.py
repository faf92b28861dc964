"""The project a command works on: a folder, passed in, and the paths derived from it.

The project is never found from where the tool is installed: `rutin --project DIR`
names it (default: the working folder), the MkDocs plugin takes the folder of its
config file (`config.config_file_path`), and the tests and benchmarks pass the
repository they run in.

    folder        the project folder
    checklists    the content: $RUTIN_CONTENT_ROOT when set (tests and benchmarks check
                  a copy), else checklists/
    docs          the hand-written pages (docs/)
    config_file   the site's settings (mkdocs.yml)
    site          where `rutin build` writes the site by default (site/)

The JSON schemas are not the project's but the tool's (kinds.SCHEMA_DIR): they are the
shape of the records the tool builds (model/records.py) and the export schema is
generated from those records, so a project cannot change one without changing the tool.
They lie beside the tool's source, in the repository's schemas/, where editors' IDEs
read them (the `# yaml-language-server: $schema=` lines of the content files).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

CONTENT_ROOT_ENV = "RUTIN_CONTENT_ROOT"
CONTENT_FOLDER = "checklists"
CONFIG_FILE = "mkdocs.yml"


class NotAProject(ValueError):
    """The folder holds no project (the message says so, in Swedish)."""


@dataclass(frozen=True)
class Project:
    folder: Path

    @property
    def checklists(self) -> Path:
        """The content folder: $RUTIN_CONTENT_ROOT (relative: to the project) or
        checklists/."""
        configured = os.environ.get(CONTENT_ROOT_ENV)
        root = Path(configured) if configured else Path(CONTENT_FOLDER)
        return root if root.is_absolute() else self.folder / root

    @property
    def docs(self) -> Path:
        return self.folder / "docs"

    @property
    def config_file(self) -> Path:
        return self.folder / CONFIG_FILE

    @property
    def site(self) -> Path:
        return self.folder / "site"


def open_project(folder: Path) -> Project:
    """The project in `folder`. A folder is a project when it has the content
    (checklists/, or $RUTIN_CONTENT_ROOT names it) or the site's settings (mkdocs.yml);
    else NotAProject."""
    folder = Path(os.path.abspath(folder))
    if not folder.is_dir():
        raise NotAProject(f"mappen {folder} finns inte")
    if not ((folder / CONTENT_FOLDER).is_dir() or (folder / CONFIG_FILE).is_file()
            or os.environ.get(CONTENT_ROOT_ENV)):
        raise NotAProject(
            f"mappen {folder} är inget rutinprojekt: den har varken {CONTENT_FOLDER}/ "
            f"(innehållet) eller {CONFIG_FILE} (webbplatsens inställningar). Kör kommandot "
            "i projektets mapp eller ange den med --project MAPP")
    return Project(folder)
