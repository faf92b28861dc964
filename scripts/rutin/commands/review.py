"""`rutin review --since REV [--out FIL]`: the review page for a change (change_review.py).

Writes a standalone HTML page – each changed item before and after, with its quotes, and
what needs the routine owner's approval – and prints a short summary. The pipelines
publish the page with the merge request's preview. Exit codes: 0 written, 2 usage or git
error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rutin.check.content import content_root, shown
from rutin.pages.change_review import GitError, review_change, review_page, summary


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--since", metavar="REVISION", required=True,
                        help="git-revisionen att jämföra med (t.ex. origin/main)")
    parser.add_argument("--out", type=Path, default=Path("granskning.html"), metavar="FIL",
                        help="granskningssidan (standard: granskning.html)")


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
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(review_page(review), encoding="utf-8")
    for line in summary(review):
        print(line)
    print(f"Granskningssidan: {args.out}")
    return 0
