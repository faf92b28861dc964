"""Validation benchmark (`make bench ARGS=validering`): `rutin check` against
check-jsonschema and bare libyaml parsing, on one generated routine (_generate.py) of
`--files` checklists (2,000 unless told) with its phrase library and decision tables.

Targets (issue 2): rutin check, which also computes positions and runs the consistency
rules, is at least 5× faster than check-jsonschema on the same files and schemas, and
within 2× of only parsing the files with `yaml.CSafeLoader`.

Fairness: check-jsonschema can only run as a program, so rutin check is also timed as a
program (`python -m rutin.cli check`, same interpreter start-up and imports) for that
ratio. The libyaml ratio compares in-process times (read + parse vs. read + check).
Each in-process time is the best of several interleaved runs, to damp a noisy machine.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from rutin.check.schemas import load_schemas
from rutin.check.validate import check
from rutin.load.layout import SCHEMA_DIR

from . import BenchOptions
from ._generate import checklist_id, generate_region, routine_id
from ._report import line, target, timed

NAME = "validering"
DESCRIPTION = "rutin check mot check-jsonschema och ren YAML-tolkning (libyaml)."

FASTER_THAN_CHECK_JSONSCHEMA = 5.0
AT_MOST_TIMES_BARE_PARSE = 2.0
REPEAT = 5


def _bare_parse(paths: list[Path]) -> None:
    for path in paths:
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)


def _rutin_in_process(folder: Path) -> int:
    report = check(folder, None, load_schemas())
    return len(report.problems)


def _bundled_schema(workdir: Path) -> Path:
    """checklist.schema.json with common.schema.json's $defs inlined.

    check-jsonschema resolves a relative $ref against the schema file's own location,
    but only for files with a .json name it can fetch; bundling makes the comparison
    independent of that and validates against exactly the same definitions.
    """
    checklist = json.loads((SCHEMA_DIR / "checklist.schema.json").read_text(encoding="utf-8"))
    common = json.loads((SCHEMA_DIR / "common.schema.json").read_text(encoding="utf-8"))
    text = json.dumps(checklist).replace('"common.schema.json#/$defs/', '"#/$defs/common-')
    bundled = json.loads(text)
    for name, definition in common["$defs"].items():
        inner = json.dumps(definition).replace('"#/$defs/', '"#/$defs/common-')
        bundled.setdefault("$defs", {})[f"common-{name}"] = json.loads(inner)
    path = workdir / "checklist.bundled.schema.json"
    path.write_text(json.dumps(bundled, ensure_ascii=False), encoding="utf-8")
    return path


def _program(name: str) -> str | None:
    local = Path(sys.executable).with_name(name)
    return str(local) if local.exists() else shutil.which(name)


def run(options: BenchOptions) -> bool:
    workdir = Path(tempfile.mkdtemp(prefix="rutin-bench-"))
    try:
        return _run(workdir, options)
    finally:
        if options.keep:
            print(f"  filerna finns kvar i {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def _run(workdir: Path, options: BenchOptions) -> bool:
    folder = workdir / "benchmark"
    generate_region(folder, 1, options.files)
    checklists = [folder / routine_id(0) / f"{checklist_id(c)}.yaml" for c in range(options.files)]
    paths = sorted(folder.rglob("*.yaml"))  # every file rutin check reads
    size = sum(p.stat().st_size for p in checklists) / len(checklists) / 1024
    print(f"Validering: {len(checklists)} checklistor (i snitt {size:.1f} KiB) + routine.yaml, "
          "frasmallar och 2 beslutstabeller")

    bare = rutin = float("inf")
    problems = 0
    for _ in range(REPEAT):  # interleaved, so a busy moment hits both
        bare = min(bare, timed(lambda: _bare_parse(paths))[0])
        seconds, problems = timed(lambda: _rutin_in_process(folder))
        rutin = min(rutin, seconds)
    if problems:
        print(f"  VARNING: rutin check hittade {problems} problem i de genererade filerna")

    command = [sys.executable, "-m", "rutin.cli", "check", str(folder)]
    rutin_program, ran = timed(lambda: subprocess.run(command, check=False,
                                                      capture_output=True, text=True), repeat=2)
    if ran.returncode not in (0, 1):  # a crash (2) would otherwise be timed as a fast check
        print(f"  rutin check som program gav felkod {ran.returncode}:\n{ran.stderr[-2000:]}")
        return False

    checker = _program("check-jsonschema")
    if checker is None:
        print("  check-jsonschema finns inte installerat; kör make-målet som installerar det")
        return False
    schema = _bundled_schema(workdir)
    baseline_command = [checker, "--schemafile", str(schema), *map(str, checklists)]
    baseline, completed = timed(lambda: subprocess.run(baseline_command, check=False,
                                                       capture_output=True, text=True))
    if completed.returncode != 0:
        print("  check-jsonschema underkände filerna:\n" + completed.stdout[-2000:])
        return False

    print(line("yaml.load med CSafeLoader (bara tolkning)", bare))
    print(line("rutin check (i processen)", rutin))
    print(line("rutin check (som program)", rutin_program))
    print(line("check-jsonschema (som program)", baseline))
    first, held_first = target("check-jsonschema / rutin check", baseline / rutin_program,
                               FASTER_THAN_CHECK_JSONSCHEMA, at_least=True)
    second, held_second = target("rutin check / bara tolkning", rutin / bare,
                                 AT_MOST_TIMES_BARE_PARSE, at_least=False)
    print(first)
    print(second)
    return held_first and held_second
