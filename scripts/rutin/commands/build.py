"""`rutin build [--site-dir site] [--offline] [--publish [--allow-http]]`: build the site
atomically.

The site is built (MkDocs, `--strict`) into a temporary folder beside the target and
swapped in only when the build succeeded: a broken content file never replaces a
working site. On failure the editor sees the content problems (file:line:col …) or
the build's warnings, never a traceback; exit 1.

`--offline` builds the variant that works opened from disk (file://), search included,
into site-offline/ by default (Material's offline plugin; see mkdocs.yml and
adapters/mkdocs_material/).

`--publish` first checks the address that goes into every QR code and print footer
(`site_url`, from $RUTIN_SITE_URL; rutin.publish): missing, local or plain http (without
`--allow-http`) is a usage error, exit 2, and nothing is built. It applies to the
offline variant too: its printed pages carry the same address.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rutin.adapters.mkdocs_material.build import REPORT_LOGGER, build, configured_site_url
from rutin.check import content
from rutin.problem import printable
from rutin.project import Project
from rutin.site import output_dir, publish


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--site-dir",
        type=Path,
        default=None,
        help="Mappen som webbplatsen skrivs till "
        "(standard: site/ i projektet, eller site-offline/ med --offline).",
    )
    parser.add_argument(
        "--offline",
        action="store_true",
        help="Bygg en version som fungerar öppnad direkt från disk (file://), med sökning.",
    )
    parser.add_argument(
        "--publish",
        action="store_true",
        help="Bygg för publicering: vägra bygga om RUTIN_SITE_URL saknas, är en lokal "
        "adress (localhost, 127.0.0.1) eller använder http:// (se docs/drift.md).",
    )
    parser.add_argument(
        publish.ALLOW_HTTP_FLAG,
        action="store_true",
        help="Tillåt en adress med http:// (utan kryptering) vid --publish.",
    )
    parser.add_argument(
        "--config-file",
        type=Path,
        default=None,
        help="MkDocs-konfigurationen (standard: mkdocs.yml i projektet).",
    )


class _Collect(logging.Handler):
    """Keeps the build's warnings and errors to show them after a failed build, and the
    plugin's reports (e.g. the traceability coverage) to show after a good one."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.messages: list[str] = []
        self.reports: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.WARNING:
            self.messages.append(record.getMessage())
        elif record.name == REPORT_LOGGER:
            self.reports.append(record.getMessage())




@contextmanager
def _env(**values: str) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _content_problems(project: Project, *, publishing: bool = False) -> list[str] | None:
    """The content's problems when they stop this build: any error, and for --publish a
    placeholder of `rutin new` left standing (a warning while the editor writes)."""
    from rutin.rules import scaffold_text

    report = content.checked(content.content_root(project))
    placeholders = [p for p in report.problems if p.rule == scaffold_text.RULE_ID]
    if report.errors or report.library is None or (publishing and placeholders):
        return [p.format_text() for p in report.problems]
    return None


# MkDocs' own English framing around our messages (which carry file:line:col already).
_MKDOCS_FRAMING = re.compile(r"^(?:Error reading page '[^']*':|Error building page '[^']*':|"
                             r"Aborted with a BuildError!|Aborted with \d+ warnings? in strict "
                             r"mode!|Aborted with a configuration error!)\s*$")
# MkDocs' check of mkdocs.yml: "Config value 'site_name': Required configuration not provided."
_CONFIG_VALUE = re.compile(r"^Config value '([^']*)': (.*)$")
_REQUIRED = "Required configuration not provided."


def _editor_lines(messages: list[str], config_file: Path) -> list[str]:
    """The build's messages without MkDocs' framing lines, when anything else is left;
    a setting in mkdocs.yml that MkDocs refused named in Swedish, with MkDocs' reason."""
    lines = [line for message in messages for line in message.splitlines()]
    kept = [line for line in lines if not _MKDOCS_FRAMING.match(line)] or lines
    out = []
    for line in kept:
        setting = _CONFIG_VALUE.match(line)
        if setting is not None:
            name, reason = setting.groups()
            said = "saknas men krävs" if reason == _REQUIRED else f"godtas inte av MkDocs: {reason}"
            line = f"{content.shown(config_file)}: inställningen {name!r} {said}"
        out.append(line)
    return out


def _refused(site_dir: Path, project: Project, config_file: Path) -> str | None:
    """Why the build must not replace `site_dir` (output_dir.py), or None."""
    return output_dir.problem(site_dir,
                              projects=[project.folder, config_file.resolve().parent],
                              protected=[content.content_root(project)])


def _unwritable(exc: OSError, site_dir: Path) -> str:
    """An editor's message for a file the build could not write, or read (a page removed
    while the site was built): no traceback."""
    where = exc.filename or site_dir
    return (f"{where} kunde inte skrivas eller läsas ({exc.strerror or exc}); webbplatsen "
            "byggdes inte. Bygg igen, eller välj en mapp du kan skriva i med --site-dir")


def build_site(site_dir: Path, project: Project, offline: bool = False,
               config_file: Path | None = None,
               reports: list[str] | None = None) -> list[str]:
    """Build `project` into `site_dir` atomically (`config_file`: the project's
    mkdocs.yml unless named). Returns the problems ([] on success); the build's reports
    (traceability coverage) are added to `reports`."""
    config_file = config_file or project.config_file
    problems = _content_problems(project)
    if problems is not None:
        return problems
    refused = _refused(site_dir, project, config_file)
    if refused is not None:
        return [refused]
    site_dir = site_dir.resolve()
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".site-{site_dir.name}-", dir=site_dir.parent))
    except OSError as exc:
        return [_unwritable(exc, site_dir)]
    collect = _Collect()
    try:
        with _env(RUTIN_OFFLINE="true" if offline else "false", NO_MKDOCS_2_WARNING="1"):
            ok = build(config_file, tmp, collect)
        if not ok:
            return (_editor_lines(collect.messages, config_file)
                    or ["Bygget misslyckades utan meddelande."])
        if reports is not None:
            reports += collect.reports
        output_dir.mark(tmp)
        if site_dir.exists():
            # A name of its own (mkdtemp): a folder beside the site that happens to be
            # called like it is never replaced (rename onto the empty folder is allowed).
            old = Path(tempfile.mkdtemp(prefix=f".site-{site_dir.name}-old-",
                                        dir=site_dir.parent))
            site_dir.rename(old)
            tmp.rename(site_dir)
            shutil.rmtree(old, ignore_errors=True)
        else:
            tmp.rename(site_dir)
        return []
    except OSError as exc:  # a full disk, a folder MkDocs may not write in
        return [_unwritable(exc, site_dir)]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run(args: argparse.Namespace) -> int:
    project: Project = args.project
    site_dir: Path = args.site_dir or content.shown(
        project.site.with_name("site-offline") if args.offline else project.site)
    args.config_file = args.config_file or content.shown(project.config_file)
    if args.allow_http and not args.publish:
        print(
            f"rutin build: fel i kommandot: {publish.ALLOW_HTTP_FLAG} gäller bara "
            "tillsammans med --publish.",
            file=sys.stderr,
        )
        return 2
    def site_url() -> str | None:
        try:
            return configured_site_url(args.config_file)
        except Exception as exc:  # OSError, MkDocs' ConfigurationError
            raise OSError(f"i {args.config_file}: {exc}") from exc

    problem = publish.every_build_problem(site_url)
    if args.publish and problem is None:
        problem = publish.publish_problem(site_url, allow_http=args.allow_http)
    if problem is not None:
        print(f"rutin build{' --publish' if args.publish else ''}: {problem}", file=sys.stderr)
        print(f"rutin build: webbplatsen byggdes inte; {site_dir}/ är oförändrad.",
              file=sys.stderr)
        return 2
    # A folder the build must not replace is a mistake in the command: said at once,
    # before the content is checked, and the content's problems follow in the same run.
    refused = _refused(site_dir, project, args.config_file)
    if refused is not None:
        print(f"rutin build: --site-dir: {refused}", file=sys.stderr, flush=True)
    problems = _content_problems(project, publishing=args.publish)
    reports: list[str] = []
    if refused is None:
        problems = problems or build_site(site_dir, project, offline=args.offline,
                                          config_file=args.config_file, reports=reports)
    if problems or refused is not None:
        for line in problems or []:
            print(printable(line).replace("\\x0a", "\n"), file=sys.stderr)
        print(
            f"rutin build: webbplatsen byggdes inte; {site_dir}/ är oförändrad.", file=sys.stderr
        )
        return 2 if refused is not None else 1
    where = f"{site_dir}/" + (" (för file://)" if args.offline else "")
    for line in reports:
        print(f"rutin build: {line}")
    if args.publish:
        url = configured_site_url(args.config_file)
        print(f"rutin build: adressen i QR-koder och utskrifter är {url}")
    print(f"rutin build: webbplatsen finns i {where}")
    return 0
