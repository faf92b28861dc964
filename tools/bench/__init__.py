"""Benchmarks, one module per benchmark in this package. Not part of the installed
`rutin` package: they live beside it and run from the project folder (`make bench`).

Each module exposes `NAME` (what `make bench ARGS=NAME` selects), `DESCRIPTION` (Swedish)
and `run(options: BenchOptions) -> bool` (True when every target held). Adding a
benchmark means adding a module; `make bench` finds it. Modules whose name starts with
`_` are helpers (the one content generator, reporting, the child build).
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from types import ModuleType


@dataclass(frozen=True)
class BenchOptions:
    files: int = 2000
    keep: bool = False  # keep the generated files (their folder is printed)
    write: bool = False  # write the figures to their page (the site benchmark: docs/prestanda.md)


def benchmarks() -> dict[str, ModuleType]:
    """Every benchmark module in this package, by NAME, in name order."""
    found: dict[str, ModuleType] = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        name = getattr(module, "NAME", None)
        if isinstance(name, str) and callable(getattr(module, "run", None)):
            found[name] = module
    return dict(sorted(found.items()))
