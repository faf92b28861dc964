"""The repository and its content as the tests see them: the validated routines, the
routine's source, and `rutin build` in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from functools import cache
from pathlib import Path

from rutin.check import content
from rutin.check.validate import check
from rutin.model.records import Checklist, Library, Routine

ROOT = Path(__file__).resolve().parents[2]
# $RUTIN_CONTENT_ROOT when set: the guide's own edits are tested on a copy (test_guide.py)
CONTENT = content.content_root(ROOT)
SOURCE = CONTENT / "platform24" / "source.txt"


def run_build(site_dir: Path, *extra: str, env: dict[str, str] | None = None) -> (
    subprocess.CompletedProcess[str]
):
    """`rutin build` in a subprocess (keeps MkDocs' state and warnings out of pytest)."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "rutin.cli", "build", "--site-dir", str(site_dir), *extra],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


@cache
def content_routines() -> tuple[Routine, ...]:
    """The project's routines, validated (an AssertionError lists every problem)."""
    report = content.checked(content.content_root(ROOT))
    assert report.library is not None, "\n".join(p.format_text() for p in report.errors)
    return report.library.routines


@cache
def library() -> Library:
    """The project's content as `check` validates it."""
    report = check(content.content_root(ROOT))
    assert report.library is not None, "\n".join(p.format_text() for p in report.errors)
    return report.library


def find_checklist(checklist_id: str) -> tuple[Routine, Checklist]:
    for r in content_routines():
        for c in r.checklists:
            if c.id == checklist_id:
                return r, c
    raise AssertionError(f"checklist {checklist_id} not in the content")


def parse_toc(text: str) -> list[str]:
    """The table of contents: the tab-indented lines at the end of the source."""
    lines = text.splitlines()
    toc: list[str] = []
    for line in reversed(lines):
        if line.startswith("\t") and line.strip():
            toc.append(line.strip())
        elif line.strip() and toc:
            break
    toc.reverse()
    return toc
