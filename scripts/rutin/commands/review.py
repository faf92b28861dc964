"""`rutin review --since REV [--out FIL]`: the review page for a change (change_review.py).

Writes a standalone HTML page – each changed item before and after, with its quotes, and
what needs the routine owner's approval – and prints a short summary. The pipelines
publish the page with the merge request's preview. Exit codes: 0 written, 2 usage or git
error.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from rutin.check.content import content_root, shown
from rutin.pages.change_review import GitError, review_change, review_page, summary
from rutin.site import output_dir


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--since", metavar="REVISION", required=True,
                        help="git-revisionen att jämföra med (t.ex. origin/main)")
    parser.add_argument("--out", type=Path, default=Path("granskning.html"), metavar="FIL",
                        help="granskningssidan (standard: granskning.html)")


def out_problem(out: Path, project: Path, content: Path) -> str | None:
    """Why the review page must not be written to `out` (Swedish), or None: the page is
    an HTML file of its own, never one of the project's files (content, pages, settings)."""
    if out.is_dir():
        return f"{out} är en mapp; ange en fil, t.ex. granskning.html"
    if out.suffix.lower() not in (".html", ".htm"):
        return (f"granskningssidan är en HTML-sida: ange en fil som slutar på .html, t.ex. "
                f"granskning.html ({out} skrivs inte över)")
    real = Path(os.path.realpath(out))
    for folder in (*(project / name for name in output_dir.PROTECTED), content):
        if real.is_relative_to(os.path.realpath(folder)):
            return (f"{out} ligger i {folder.name}/, som är projektets egna filer; välj en "
                    "fil utanför, t.ex. granskning.html")
    return None


def run(args: argparse.Namespace) -> int:
    root = shown(content_root(args.project))
    if not root.is_dir():
        print(f"rutin review: mappen {root}/ finns inte; kör kommandot i projektets "
              "mapp eller ange den med --project MAPP", file=sys.stderr)
        return 2
    try:
        review = review_change(root, args.since)
    except GitError as exc:
        print(f"rutin review: --since {args.since}: {exc}", file=sys.stderr)
        return 2
    refused = out_problem(args.out, args.project.folder, root)
    if refused is not None:
        print(f"rutin review: --out: {refused}", file=sys.stderr)
        return 2
    try:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(review_page(review), encoding="utf-8")
    except OSError as exc:
        print(f"rutin review: --out: {args.out} kan inte skrivas ({exc.strerror or exc})",
              file=sys.stderr)
        return 2
    for line in summary(review):
        print(line)
    print(f"Granskningssidan: {args.out}")
    return 0
