"""`rutin` entry point: a thin dispatcher to one module per subcommand.

Exit codes: 0 clean, 1 content problems (or a failed build),
2 usage error. No traceback ever reaches an editor.

`--project DIR` (before or after the command; default the working folder) names the
project the command works on (project.py). A command module may say when it needs no
project folder (`needs_project(args)`: export-schema, whose schemas are the tool's;
`check FILE…` and `new --root DIR`, which name what they work on); it then gets the
working folder as a Project, unchecked. A folder named with --project is always checked.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rutin.project import NotAProject, Project, open_project

# name -> (module under rutin.commands, Swedish help text)
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("check", "Kontrollera innehållet (YAML) mot scheman och regler."),
    "build": ("build", "Bygg webbplatsen till site/ (ersätts bara om bygget lyckas)."),
    "pdf": ("pdf", "Skriv ut varje checklista och hela rutinen till PDF."),
    "source": ("source", "Läs in en ny version av rutinens dokument och granska ändringarna."),
    "new": ("new", "Skapa en ny checklista eller beslutstabell från en mall."),
    "review": ("review", "Skriv granskningssidan för en ändring: varje ändrad punkt före och "
               "efter, med citaten, och det som kräver rutinägarens godkännande."),
    "render": ("render", "Skriv webbplatsens sidor som ett vanligt docs-träd för andra "
               "generatorer (t.ex. Zensical)."),
    "export-schema": ("export_schema", "Skriv exportens schema (schemas/export.schema.json) "
                      "ur verktygets poster."),
}


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in Swedish with exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"rutin: fel i kommandot: {message}", file=sys.stderr)
        raise SystemExit(2)


def _available() -> dict[str, str]:
    """Command name -> its module's name, for the modules that exist (found, not imported:
    a command's module and what it needs are imported only when it runs)."""
    return {name: f"rutin.commands.{module}" for name, (module, _help) in COMMANDS.items()
            if importlib.util.find_spec(f"rutin.commands.{module}") is not None}


class _CommandParser(_Parser):
    """A subcommand's parser: its module adds the arguments the first time the command is
    parsed (argparse parses only the command given), so `rutin check` never imports what
    `rutin build` or `rutin pdf` need (MkDocs, Playwright …), and starts faster."""

    module_name: str | None = None

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        if self.module_name is not None:
            importlib.import_module(self.module_name).add_arguments(self)
            self.module_name = None
        return super().parse_known_args(args, namespace)


PROJECT_HELP = "projektets mapp, med checklists/ och mkdocs.yml (standard: den aktuella mappen)"


def _escape_what_cannot_be_printed() -> None:
    """A file name whose bytes are not UTF-8 reaches the output as lone surrogates
    (os.fsdecode), which a UTF-8 terminal refuses: they are written as \\udcxx instead
    of ending the command (the text lines are escaped already: problem.printable; this
    holds for JSON and every other output)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    _escape_what_cannot_be_printed()
    modules = _available()
    parser = _Parser(prog="rutin", description="Verktyg för rutiner som YAML.")
    parser.add_argument("--project", type=Path, default=None, metavar="MAPP",
                        help=PROJECT_HELP)
    sub = parser.add_subparsers(dest="command", metavar="KOMMANDO",
                                parser_class=_CommandParser)
    for name, module_name in modules.items():
        p = sub.add_parser(name, help=COMMANDS[name][1], description=COMMANDS[name][1])
        # Also after the command (`rutin check --project DIR`); SUPPRESS keeps the one given
        # before it when this one is not.
        p.add_argument("--project", type=Path, default=argparse.SUPPRESS, metavar="MAPP",
                       help=PROJECT_HELP)
        p.module_name = module_name  # its own arguments: when the command is parsed
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    named = args.project is not None
    folder = args.project if named else Path.cwd()
    command = importlib.import_module(modules[args.command])
    needs_project = getattr(command, "needs_project", None)
    if not named and needs_project is not None and not needs_project(args):
        args.project = Project(Path(os.path.abspath(folder)))
    else:
        try:
            args.project = open_project(folder)
        except NotAProject as exc:
            from rutin.problem import printable

            where = "--project: " if named else ""
            print(printable(f"rutin {args.command}: {where}{exc}"), file=sys.stderr)
            return 2
    try:
        return int(command.run(args))
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # last line of defence: never a traceback
        from rutin.problem import printable

        print(
            printable(f"rutin: internt fel ({type(exc).__name__}: {exc}). "
                      "Innehållet är inte ändrat. Rapportera felet till utvecklarna."),
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":
    sys.exit(main())
