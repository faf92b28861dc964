"""Following the editor guide never turns CI red: the guide's own edits – a step's text
changed, with `changed` and an `edits` line; an interpretation confirmed by the routine
owner, with its role, date and `edits` line – are made on a copy of the content in a git
repository, and `rutin check`, `rutin check --since` and every fast test that reads the
content pass on it. A test that pinned today's content (a date, a status) fails here.
"""

from __future__ import annotations

import datetime
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from rutin.check.content import CONTENT_ROOT_ENV, content_root

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "redigera" / "index.md"
ROUTINE = "platform24"

# The fast tests that read the live content (through content_root(ROOT)). The slow ones
# (site build, browser) read it the same way and run in `make test` on the real content.
CONTENT_TESTS = (
    "tests/test_content_faithful.py",
    "tests/test_source.py",
    "tests/test_trust_corrections.py",
    "tests/test_tasks.py",
    "tests/test_site_plan.py",
    "tests/test_editor_tools.py",
)


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"})


def _replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _first_step(folder: Path) -> tuple[Path, str]:
    """A checklist and the text of its first step, as the file writes it."""
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and data.get("steps"):
            return path, data["steps"][0]["text"]
    raise AssertionError("no checklist with steps")


def _change_a_step(folder: Path, today: str) -> None:
    """Guide "Ändra ett steg": the text, `changed: "<today>"`, a line under `edits`."""
    path, text = _first_step(folder)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.lstrip().startswith("text:")
              and yaml.safe_load(line.split(":", 1)[1]) == text)
    indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
    changed = text.rstrip(".") + " (enligt rutinen)."
    lines[at] = f"{indent}text: {_quoted(changed)}\n"
    body = "".join(lines)
    if re.search(r"^changed:", body, re.M):
        body = re.sub(r'^changed: .*$', f'changed: "{today}"', body, count=1, flags=re.M)
    else:
        body = re.sub(r"^(title: .*\n)", rf'\1changed: "{today}"\n', body, count=1,
                      flags=re.M)
    path.write_text(body, encoding="utf-8")
    _add_edit(folder / "routine.yaml", today, "Ett steg fick tydligare ordalydelse.")


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _add_edit(routine: Path, today: str, text: str) -> None:
    entry = f'  - date: "{today}"\n    text: "{text}"\n'
    body = routine.read_text(encoding="utf-8")
    if re.search(r"^edits:\n", body, re.M):
        _replace_once(routine, "\nedits:\n", "\nedits:\n" + entry)
    else:
        _replace_once(routine, "\nchangelog:\n", "\nedits:\n" + entry + "changelog:\n")


def _confirm_the_interpretations(folder: Path, today: str) -> None:
    """Guide "Tolkningar": the owner confirms – here every open interpretation, so no
    test may depend on one staying open – with status, confirmed_by (a role of the
    routine), confirmed_on and an `edits` line with the same date."""
    routine = folder / "routine.yaml"
    data = yaml.safe_load(routine.read_text(encoding="utf-8"))
    open_ = [i["id"] for i in data.get("interpretations") or () if i["status"] != "bekräftad"]
    role = data["roles"][0]["id"]
    body = routine.read_text(encoding="utf-8")
    for reading in open_:
        start = body.index(f'- id: "{reading}"')
        at = body.index('status: "obekräftad"', start)
        indent = body[body.rindex("\n", 0, at) + 1: at]
        body = (body[:at] + f'status: "bekräftad"\n{indent}confirmed_by: "{role}"\n'
                f'{indent}confirmed_on: "{today}"' + body[at + len('status: "obekräftad"'):])
    routine.write_text(body, encoding="utf-8")
    if open_:
        _add_edit(routine, today, "Rutinägaren bekräftade tolkningarna " + ", ".join(open_) + ".")


def test_the_guide_describes_these_edits() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    for words in ('changed: "', "under `edits`", 'status: "bekräftad"', "confirmed_by",
                  "confirmed_on", "roles"):
        assert words in guide, words


@pytest.mark.slow
def test_following_the_guide_keeps_every_check_green(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    content = repo / "checklists"
    shutil.copytree(content_root(ROOT), content)
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "före")
    today = datetime.date.today().isoformat()  # what an editor writes
    _change_a_step(content / ROUTINE, today)
    _confirm_the_interpretations(content / ROUTINE, today)

    env = {**os.environ, CONTENT_ROOT_ENV: str(content), "NO_MKDOCS_2_WARNING": "1"}
    rutin = [sys.executable, "-m", "rutin.cli", "check"]
    for args in ([], ["--since", "HEAD"]):
        done = subprocess.run([*rutin, *args], cwd=repo, env=env, capture_output=True,
                              text=True, check=False)
        assert done.returncode == 0, done.stdout + done.stderr
        assert done.stderr.startswith("Inga fel i "), done.stderr
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m",
         "not slow and not browser", *CONTENT_TESTS],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=600)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]


# --- owner requests: recorded, never written into the content --------------------------

def test_owner_requests_are_listed_on_the_owners_questions_page(tmp_path: Path) -> None:
    from rutin.check.validate import check
    from rutin.pages.owner_pages import questions_page
    from rutin.pages.page_parts import PageContext

    root = tmp_path / "checklists"
    shutil.copytree(ROOT / "tests" / "fixtures" / "valid" / "traced", root / "traced")
    routine_file = root / "traced" / "routine.yaml"
    ctx = PageContext(routine=_routine(root), site_url="https://rutiner.example.se/")
    assert "Inga registrerade." in questions_page(ctx, None)
    _replace_once(routine_file, "\nunquoted:\n",
                  '\nrequests:\n  - date: "2026-05-04"\n    asked_by: "Rutinägaren"\n'
                  '    request: "Ett steg om **återbesök**."\nunquoted:\n')
    assert check(root).errors == []
    page = questions_page(PageContext(routine=_routine(root), site_url=""), None)
    section = page[page.index("Önskemål som rutinen inte stöder ännu"):]
    assert "2026-05-04" in section and "Rutinägaren" in section
    assert "Ett steg om <strong>återbesök</strong>." in section


def _routine(root: Path) -> Any:
    from rutin.check.validate import check

    library = check(root).library
    assert library is not None
    return library.routine("traced")
