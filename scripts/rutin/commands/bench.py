"""`rutin bench [namn]`: run every benchmark, or the one named, and check its targets.

Exit code 0 when every target held, 1 when one failed, 2 for an unknown benchmark.
"""

from __future__ import annotations

import argparse
import sys

from ..bench import BenchOptions, benchmarks


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", nargs="?", metavar="NAMN",
                        help="kör bara den här mätningen (standard: alla)")
    parser.add_argument("--files", type=int, default=2000, metavar="ANTAL",
                        help="antal genererade filer (standard: 2000)")
    parser.add_argument("--keep", action="store_true",
                        help="behåll de genererade filerna")
    parser.add_argument("--write", action="store_true",
                        help="skriv siffrorna till sin sida (site: docs/prestanda.md)")
    parser.add_argument("--list", action="store_true", help="lista mätningarna")


def run(args: argparse.Namespace) -> int:
    found = benchmarks()
    if args.list:
        for name, module in found.items():
            print(f"{name}: {module.DESCRIPTION}")
        return 0
    if args.name is not None and args.name not in found:
        known = ", ".join(found) or "inga"
        print(f"rutin bench: okänd mätning \"{args.name}\" (finns: {known})", file=sys.stderr)
        return 2
    if args.files < 1:
        print("rutin bench: --files måste vara minst 1", file=sys.stderr)
        return 2
    options = BenchOptions(files=args.files, keep=args.keep, write=args.write)
    selected = [found[args.name]] if args.name else list(found.values())
    failed = [module.NAME for module in selected if not module.run(options)]
    if failed:
        print(f"Mål som inte uppfylldes: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0
