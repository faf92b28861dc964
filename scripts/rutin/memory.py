"""Garbage collection paused while the content is loaded and the site is planned.

Both stages allocate many small objects and create no reference cycles: with the
collector on, it rescans the growing heap again and again (about a third of a check's
time at 1,000 checklists, `make bench ARGS=site`). Paused, not disabled: whoever had it
on gets it back, whatever happens.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
