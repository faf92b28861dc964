"""The forge as the editor: the pipelines check a merge request against its target branch
with annotations on the changed lines (GitHub workflow commands, a GitLab code-quality
report), build a preview with a review page for the change, and the routine owner's
approval is required (CODEOWNERS). Tested on a fixture repository, as a pipeline runs.
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
TRACED = ROOT / "tests" / "fixtures" / "valid" / "traced"
CHECKLIST = "checklists/traced/boka-besok.yaml"


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True,
        env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
             "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}).stdout


def _rutin(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "RUTIN_CONTENT_ROOT"}
    return subprocess.run([sys.executable, "-m", "rutin.cli", *args], cwd=repo, env=env,
                          capture_output=True, text=True, check=False)


@pytest.fixture
def merge_request(tmp_path: Path) -> Path:
    """A repository with the fixture routine on main and a branch that rewords a step,
    misquotes another and forgets the change note."""
    repo = tmp_path / "repo"
    shutil.copytree(TRACED, repo / "checklists" / "traced")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "main")
    _git(repo, "checkout", "-qb", "andring")
    path = repo / CHECKLIST
    text = path.read_text(encoding="utf-8")
    text = text.replace("text: Välj kontakttyp Distansbesök - video.",
                        "text: Välj kontakttypen Distansbesök - video.", 1)
    text = text.replace("      - Välj kontakttyp Distansbesök - video.",
                        "      - Välj kontakttypen Distansbesök - video.", 1)
    path.write_text(text, encoding="utf-8")
    return repo


def _changed_lines(repo: Path) -> set[tuple[str, int]]:
    """(file, line) of every line the branch adds or changes, from git's diff."""
    found: set[tuple[str, int]] = set()
    current = ""
    for line in _git(repo, "diff", "-U0", "main").splitlines():
        if line.startswith("+++ b/"):
            current = line[6:]
        hunk = re.match(r"@@ -\S+ \+(\d+)(?:,(\d+))? @@", line)
        if hunk:
            start, count = int(hunk.group(1)), int(hunk.group(2) or 1)
            found |= {(current, n) for n in range(start, start + count)}
    return found


def test_the_fixture_branch_changes_what_the_test_expects(merge_request: Path) -> None:
    changed = _changed_lines(merge_request)
    assert {f for f, _ in changed} == {CHECKLIST} and len(changed) == 2


def test_github_annotations_land_on_the_changed_lines(merge_request: Path) -> None:
    done = _rutin(merge_request, "check", "--since", "main", "--format", "github")
    assert done.returncode == 1
    annotations = [re.match(r"::(error|warning|notice) file=([^,]+),line=(\d+),col=\d+,"
                            r"title=([^:]+)::(.+)", line) for line in done.stdout.splitlines()]
    assert annotations and all(annotations), done.stdout
    quoted = [(m.group(2), int(m.group(3))) for m in annotations if m
              and m.group(4) == "quote-in-source"]
    assert quoted and set(quoted) <= _changed_lines(merge_request)
    note = [m for m in annotations if m and m.group(4) == "changelog-entry"]
    assert note and note[0].group(2) == CHECKLIST  # the change note it forgot
    assert all(m and "citatet finns inte" in m.group(5) for m in annotations
               if m and m.group(4) == "quote-in-source")


def test_gitlab_code_quality_report_lands_on_the_changed_lines(merge_request: Path) -> None:
    done = _rutin(merge_request, "check", "--since", "main", "--format", "gitlab")
    assert done.returncode == 1
    report = json.loads(done.stdout)
    assert {e["check_name"] for e in report} == {"quote-in-source", "changelog-entry"}
    for entry in report:
        assert set(entry) == {"description", "check_name", "fingerprint", "severity",
                              "location"}
        assert entry["severity"] == "major" and entry["location"]["path"] == CHECKLIST
    quoted = {(e["location"]["path"], e["location"]["lines"]["begin"]) for e in report
              if e["check_name"] == "quote-in-source"}
    assert quoted and quoted <= _changed_lines(merge_request)
    assert len({e["fingerprint"] for e in report}) == len(report)


def test_the_review_page_shows_each_changed_item_before_and_after(
        merge_request: Path) -> None:
    routine = merge_request / "checklists" / "traced" / "routine.yaml"
    routine.write_text(routine.read_text(encoding="utf-8").replace(
        "    status: obekräftad\n",
        '    status: bekräftad\n    confirmed_by: vardpersonal\n    confirmed_on: "2026-05-04"\n'),
        encoding="utf-8")
    out = merge_request / "site" / "granskning.html"
    done = _rutin(merge_request, "review", "--since", "main", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "kräver rutinägarens godkännande: Tolkningen ”tolkning-telefon”" in done.stdout
    page = out.read_text(encoding="utf-8")
    step = page[page.index("<section"):page.index("</section>")]
    assert "Boka besök – Steg (ändrat)" in step
    assert "<td>Välj kontakttyp Distansbesök - video.</td>" in step  # before
    assert "<td>Välj kontakttypen Distansbesök - video.</td>" in step  # after
    assert "<ins>Välj kontakttypen Distansbesök - video.</ins> (nytt)" in step
    assert "<del>Välj kontakttyp Distansbesök - video.</del> (borttaget)" in step
    assert "Kräver rutinägarens godkännande" in page
    assert "obekräftad → bekräftad av vardpersonal 2026-05-04" in page


def test_review_needs_a_revision_git_knows(merge_request: Path) -> None:
    done = _rutin(merge_request, "review", "--since", "finns-inte")
    assert done.returncode == 2 and "rutin review: --since finns-inte:" in done.stderr


# --- the pipelines ---------------------------------------------------------------------

def _load(path: str) -> dict[str, object]:
    return yaml.safe_load((ROOT / path).read_text(encoding="utf-8"))


def test_github_pipeline_checks_changed_lines_first_then_tests_then_previews() -> None:
    flow = _load(".github/workflows/ci.yml")
    jobs = flow["jobs"]
    assert isinstance(jobs, dict)
    check = " ".join(str(s.get("run", "")) for s in jobs["check"]["steps"])
    assert "--since origin/$TARGET --format github" in check
    assert jobs["test"]["needs"] == "check" and jobs["preview"]["needs"] == "check"
    preview = " ".join(str(s.get("run", "")) for s in jobs["preview"]["steps"])
    assert 'make --no-print-directory build BUILD_ARGS="--offline"' in preview
    assert "make --no-print-directory review" in preview
    uploads = [s for s in jobs["preview"]["steps"] if "upload-artifact" in str(s.get("uses"))]
    assert uploads and uploads[0]["with"]["path"] == "site-offline/"
    assert "REVIEW_OUT=site-offline/" in preview


def test_gitlab_pipeline_reports_code_quality_then_tests_then_previews() -> None:
    ci = _load(".gitlab-ci.yml")
    assert ci["stages"] == ["check", "test", "preview"]
    check = ci["check"]
    assert isinstance(check, dict)
    assert any("--format gitlab > gl-code-quality-report.json" in line
               for line in check["script"])
    assert check["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    pages = ci["pages"]
    assert isinstance(pages, dict)
    assert "$CI_MERGE_REQUEST_IID" in pages["pages"]["path_prefix"]
    assert any("make --no-print-directory review" in line for line in pages["script"])
    assert pages["environment"]["name"].startswith("forhandsvisning/")


def test_make_check_and_review_pass_their_arguments() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "$(BIN)/rutin check $(CHECK_ARGS)" in makefile
    assert "$(BIN)/rutin review --since $(SINCE) --out $(REVIEW_OUT)" in makefile


# --- the owner's approval ----------------------------------------------------------------

def _owners(path: str) -> list[str]:
    """The owners CODEOWNERS gives a file (the last matching pattern wins)."""
    owners: list[str] = []
    for line in (ROOT / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        pattern, *names = line.split()
        if pattern.endswith("/"):  # a folder: everything in it
            pattern += "*"
        if fnmatch.fnmatch("/" + path, pattern):
            owners = names
    return owners


def test_codeowners_require_the_routine_owner_for_source_and_interpretations() -> None:
    for folder in sorted((ROOT / "checklists").iterdir()):
        if (folder / "routine.yaml").is_file():
            name = folder.name
            for path in (f"checklists/{name}/source.txt", f"checklists/{name}/routine.yaml",
                         f"checklists/{name}/source-reviews.json",
                         f"checklists/{name}/source-history/002.txt"):
                assert _owners(path), path
    assert not _owners("checklists/platform24/tasks/genomfora-videobesok.yaml")


def test_a_changed_interpretation_status_is_marked_for_the_owner(merge_request: Path) -> None:
    routine = merge_request / "checklists" / "traced" / "routine.yaml"
    text = routine.read_text(encoding="utf-8")
    routine.write_text(text.replace(
        "    status: obekräftad\n",
        '    status: bekräftad\n    confirmed_by: vardpersonal\n    confirmed_on: "2026-05-04"\n'
    ).replace("changelog:\n", 'edits:\n  - date: "2026-05-04"\n    text: Bekräftad.\n'
              "changelog:\n"), encoding="utf-8")
    done = _rutin(merge_request, "check", "--since", "main", "--format", "github")
    status_line = 1 + routine.read_text(encoding="utf-8").split("\n").index(
        "    status: bekräftad")
    assert (f"::notice file=checklists/traced/routine.yaml,line={status_line},col=13,"
            "title=owner-approval::interpretations[0].status: statusen har ändrats sedan "
            "main (obekräftad → bekräftad): ändringen kräver rutinägarens godkännande i "
            "granskningen") in done.stdout.splitlines()
