"""Developer tools that are not part of the installed `rutin` package (tools/bench/).

They measure the repository they live in: REPO is that project, passed to the tool's
functions explicitly (the tool itself never finds a project from where it is installed).
"""

from pathlib import Path

from rutin.project import Project

REPO = Project(Path(__file__).resolve().parents[1])
