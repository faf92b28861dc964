"""`rutin render [--out DIR]`: the site plan as a plain docs tree (docs_tree.py) that a
generator without our MkDocs plugin builds, e.g. `zensical build -f DIR/mkdocs.yml`.
Exit 0 written, 1 content problems (nothing written), 2 usage errors."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from rutin.adapters.zensical import docs_tree
from rutin.check import content, docs_check
from rutin.pages.macros import MacroError
from rutin.site import output_dir
from rutin.site.site_plan import Settings

DEFAULT_URL = "http://127.0.0.1:8000/"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, default=None,
                        help="mappen som docs-trädet skrivs till (standard: site-docs/ i "
                             "projektet)")
    parser.add_argument("--site-url", default=None,
                        help="webbplatsens adress (standard: RUTIN_SITE_URL, annars "
                             f"{DEFAULT_URL})")


def run(args: argparse.Namespace) -> int:
    args.out = args.out or content.shown(args.project.folder / "site-docs")
    root = content.content_root(args.project)
    report = content.checked(root)
    if report.errors or report.library is None:
        for problem in report.problems:
            print(problem.format_text(), file=sys.stderr)
        print(f"rutin render: innehållet har fel; {args.out}/ skrevs inte.", file=sys.stderr)
        return 1
    pages = [p for p in docs_check.problems(args.project.docs, report.library)
             if p.severity == "error"]
    if pages:
        for problem in pages:
            print(problem.format_text(), file=sys.stderr)
        print(f"rutin render: de handskrivna sidorna har fel; {args.out}/ skrevs inte.",
              file=sys.stderr)
        return 1
    refused = output_dir.problem(args.out, projects=[args.project.folder],
                                 protected=[root])
    if refused is not None:
        print(f"rutin render: --out: {refused}", file=sys.stderr)
        return 2
    url = args.site_url or os.environ.get("RUTIN_SITE_URL") or DEFAULT_URL
    settings = Settings(url, use_directory_urls=True, link_style="source", content_root=root)
    try:
        lines = docs_tree.write_tree(report.library, args.out, settings, args.project)
    except MacroError as exc:
        print(str(exc), file=sys.stderr)
        print(f"rutin render: de handskrivna sidorna har fel; {args.out}/ är inte komplett.",
              file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"rutin render: {exc.filename or args.out} kan inte skrivas "
              f"({exc.strerror or exc}); välj en mapp du kan skriva i med --out",
              file=sys.stderr)
        return 2
    for line in lines:
        print(f"rutin render: {line}")
    print(f"rutin render: docs-trädet finns i {args.out}/ (bygg t.ex. med "
          f"zensical build -f {args.out}/mkdocs.yml)")
    return 0
