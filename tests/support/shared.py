"""A folder made once per test run and shared by every pytest-xdist worker.

`make test` runs the suite in several worker processes; a session fixture runs once per
worker. What is expensive and only read afterwards (the built site, the offline build,
the rendered PDFs) is made by the first worker that needs it, under a file lock in the
run's common temporary folder, and the others wait for it and read the same folder. A
failure is recorded there too, so every worker reports it instead of trying again.
Without xdist the folder is in the session's own temporary folder, made the same way.
"""

from __future__ import annotations

import fcntl
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

_DONE = ".made"
_FAILED = ".failed"


def run_folder(config: pytest.Config, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The temporary folder every worker of this run shares (pytest-xdist's workers each
    have one of their own inside it). A worker is told by its `workerinput`, not by the
    environment, which a pytest started by a test inherits."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if hasattr(config, "workerinput") else base


def made_once(config: pytest.Config, tmp_path_factory: pytest.TempPathFactory, name: str,
              make: Callable[[Path], None]) -> Path:
    """`run_folder/name`, filled by `make(folder)` the first time any worker asks."""
    folder = run_folder(config, tmp_path_factory) / name
    with open(folder.with_name(name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        failed = folder.with_name(name + _FAILED)
        if not (folder / _DONE).exists() and not failed.exists():
            if folder.exists():
                shutil.rmtree(folder)
            folder.mkdir()
            try:
                make(folder)
            except BaseException as exc:  # pytest.fail() raises an OutcomeException
                failed.write_text(f"{name}: {exc}", encoding="utf-8")
                raise
            (folder / _DONE).touch()
    if failed.exists():
        pytest.fail(failed.read_text(encoding="utf-8"), pytrace=False)
    return folder
