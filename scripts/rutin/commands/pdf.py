"""`rutin pdf [--site-dir site]`: print every checklist and each whole routine to PDF.

Exit codes: 0 all PDFs written, 1 a page could not be printed (nothing in site/pdf is
replaced), 2 usage error (no built site, no Chromium).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rutin.check.content import shown
from rutin.printing.pdf import PdfError, render_site
from rutin.site import output_dir


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--site-dir", type=Path, default=None,
        help="den byggda webbplatsen (standard: site/ i projektet); PDF:erna skrivs till "
        "<site>/pdf/",
    )
    parser.add_argument(
        "--chromium", default=None,
        help="sökväg till Chromium (standard: $RUTIN_CHROMIUM eller /usr/bin/chromium)",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="skriv bara ut fel")


def run(args: argparse.Namespace) -> int:
    def say(line: str) -> None:
        if not args.quiet:
            print(line)

    args.site_dir = args.site_dir or shown(args.project.site)
    refused = output_dir.problem(args.site_dir, projects=[args.project.folder])
    if refused is not None:
        print(f"rutin pdf: --site-dir: {refused}", file=sys.stderr)
        return 2
    try:
        report = render_site(args.site_dir, chromium=args.chromium, progress=say)
    except PdfError as exc:
        print(f"rutin pdf: {exc}", file=sys.stderr)
        return 2 if exc.usage else 1
    long = [r for r in report.items if r.pages != 1]
    for item in long:
        print(
            f"rutin pdf: obs! {item.path} ({item.title}) blev {item.pages} A4-sidor, "
            "inte en. Korta texten eller dela upp checklistan.",
            file=sys.stderr,
        )
    say(
        f"Klart: {len(report.items)} PDF:er och {len(report.routines)} rutin-PDF:er i "
        f"{args.site_dir / 'pdf'} ({report.seconds:.1f} s)."
    )
    return 0
