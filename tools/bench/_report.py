"""Printing benchmark results the same way for every benchmark."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def timed(action: Callable[[], T], repeat: int = 1) -> tuple[float, T]:
    """Best wall-clock time of `repeat` runs, and the last run's result."""
    best = float("inf")
    result: T
    for _ in range(max(repeat, 1)):
        start = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - start)
    return best, result


def line(label: str, seconds: float) -> str:
    return f"  {label:<44} {seconds:8.3f} s"


def target(label: str, ratio: float, limit: float, *, at_least: bool) -> tuple[str, bool]:
    held = ratio >= limit if at_least else ratio <= limit
    sign = "≥" if at_least else "≤"
    verdict = "uppfyllt" if held else "EJ UPPFYLLT"
    return f"  {label:<44} {ratio:7.2f}×  (mål {sign} {limit:g}×: {verdict})", held
