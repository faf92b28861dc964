"""Hostile pages benchmark (`make bench ARGS=fientlig`): how long the hand-written pages'
check takes on a page at the size limit built to be slow – a problem on every line, or
code, a macro or an autolink opened and never closed – against a clean page of the same
size, in the same run.

Each of these once took minutes (every position counted from the start of the page,
each opening's end looked for anew). The tests (tests/test_hostile.py) check that every
problem is still named; the speed is measured here, as a ratio, not in a timed test.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from rutin.check import docs_check

from . import BenchOptions
from ._report import line, target, timed

NAME = "fientlig"
DESCRIPTION = "Kontrollen av handskrivna sidor på sidor byggda för att vara långsamma."

# A problem on every line (or each "<a:") costs a message each (349,525 at the size
# limit): measured 2026-12-07 at 12–15× the clean page; one left open, 1–3×. A check that
# looks anew from every line, as before, takes minutes: thousands of times.
PROBLEM_EACH = 30.0
LEFT_OPEN = 20.0
LEFT_OPEN_PIECES = ("{{ ", "{% ", '{{ "', "```x\n", "<a:")
REPEAT = 3


def _check(page: str) -> int:
    return len(docs_check.page_problems(Path("docs/x.md"), "x.md", page, None, set()))


def hostile_pages(size: int) -> dict[str, tuple[str, float]]:
    """Name → (page, its target ratio) for a page of about `size` bytes."""
    pages = {"ett problem på varje rad (<a)": ("<a\n" * (size // 3), PROBLEM_EACH)}
    for piece in LEFT_OPEN_PIECES:
        pages[f"{piece.strip()!r} om och om igen, aldrig stängt"] = (
            piece * (size // len(piece)), PROBLEM_EACH if piece == "<a:" else LEFT_OPEN)
    return pages


def run(options: BenchOptions) -> bool:
    size = docs_check.MAX_PAGE_BYTES
    line_text = "Text på en rad med några ord.\n"
    clean = line_text * (size // len(line_text.encode("utf-8")))
    print(f"Fientliga sidor: {size // 1024} KiB (storleksgränsen), mot en ren sida lika stor")
    baseline, found = timed(lambda: _check(clean), repeat=REPEAT)
    if found:
        print(f"  VARNING: den rena sidan gav {found} problem")
        return False
    print(line("ren sida", baseline))
    held = True
    for name, (page, limit) in hostile_pages(size).items():
        seconds, _ = timed(partial(_check, page), repeat=REPEAT)
        print(line(name, seconds))
        verdict, ok = target(f"{name} / ren sida", seconds / baseline, limit, at_least=False)
        print(verdict)
        held = held and ok
    return held
