"""`rutin export-schema [--check]`: write schemas/export.schema.json from the records
(export/export_schema.py), or with --check only say whether the committed file is
current. Exit 0 written or current, 1 out of date (--check)."""

from __future__ import annotations

import argparse
import sys

from rutin.export import export_schema


def needs_project(args: argparse.Namespace) -> bool:
    return False  # the schemas are the tool's (project.py)



def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--check", action="store_true",
                        help="skriv inget; avsluta med 1 om filen inte är aktuell")


def run(args: argparse.Namespace) -> int:
    path = export_schema.EXPORT_SCHEMA
    text = export_schema.render()
    current = path.read_text(encoding="utf-8") if path.is_file() else None
    if args.check:
        if current != text:
            print(f"{path.name} är inte aktuell; kör: {export_schema.COMMAND}", file=sys.stderr)
            return 1
        print(f"{path.name} är aktuell.")
        return 0
    if current == text:
        print(f"{path.name} är redan aktuell.")
        return 0
    path.write_text(text, encoding="utf-8")
    print(f"Skrev {path} ur posterna i scripts/rutin/model/records.py.")
    return 0
