"""`make bench` (`python -m tools.bench [NAMN]` from the project folder): run every
benchmark, or the one named, and check its targets.

Exit code 0 when every target held, 1 when one failed, 2 for a usage error (an unknown
benchmark among them).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import BenchOptions, benchmarks

PROG = "make bench"


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in Swedish with exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{PROG}: fel i kommandot: {message}", file=sys.stderr)
        raise SystemExit(2)


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m tools.bench",
                description="Mät prestanda mot en baslinje i samma körning. "
                            'Via make: make bench ARGS="NAMN --flagga".')
    p.add_argument("name", nargs="?", metavar="NAMN",
                   help="kör bara den här mätningen (standard: alla)")
    p.add_argument("--files", type=int, default=2000, metavar="ANTAL",
                   help="antal genererade checklistor för valideringen (standard: 2000)")
    p.add_argument("--keep", action="store_true", help="behåll de genererade filerna")
    p.add_argument("--write", action="store_true",
                   help="skriv siffrorna till sin sida (site: docs/prestanda.md)")
    p.add_argument("--list", action="store_true", help="lista mätningarna")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    found = benchmarks()
    if args.list:
        for name, module in found.items():
            print(f"{name}: {module.DESCRIPTION}")
        return 0
    if args.name is not None and args.name not in found:
        known = ", ".join(found) or "inga"
        print(f"{PROG}: okänd mätning \"{args.name}\" (finns: {known})", file=sys.stderr)
        return 2
    if args.files < 1:
        print(f"{PROG}: --files måste vara minst 1", file=sys.stderr)
        return 2
    options = BenchOptions(files=args.files, keep=args.keep, write=args.write)
    selected = [found[args.name]] if args.name else list(found.values())
    try:
        failed = [module.NAME for module in selected if not module.run(options)]
    except KeyboardInterrupt:
        return 130
    if failed:
        print(f"Mål som inte uppfylldes: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
