"""Change notes: a changed checklist must say so (`rutin check --since REV`).

A checklist, decision table or task whose content differs from the version in git
revision REV must have a new `changed` date, and routine.yaml must have an entry for that
date: in `edits` (changes to this web version) or, when the change comes from a new
version of the routine document, in `changelog` (which stays as the document writes it).
Versions shown on the site then always match a written change note.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from rutin.check.rule_doc import RuleDoc
from rutin.load.layout import content_files, routine_dir_of
from rutin.load.yaml_reader import load_bytes, load_file
from rutin.model import kinds
from rutin.model.records import current_keys
from rutin.problem import Problem

RULE_ID = "changelog-entry"

# The editor documentation of RULE_ID, in the editor guide (rulebook.py).
RULES: tuple[RuleDoc, ...] = (
    RuleDoc(RULE_ID, """
        Med `rutin check --since REV` (till exempel `--since origin/main`) jämförs varje
        checklista, beslutsstöd och uppgift med versionen i git-revisionen REV. Har
        innehållet ändrats ska `changed` ha ett nytt datum (redan dagens datum räcker, vid
        en andra ändring samma dag), och `routine.yaml` ska ha en ny
        post med samma datum, en egen rad för ändringen: i `edits` (ändringar i
        webbversionen), eller i `changelog` när ändringen kommer från en ny version av
        rutindokumentet. En rad från samma dag som fanns redan i REV räknas inte. Då hör
        versionen som visas på webbplatsen alltid ihop med en skriven ändringsnotis, och
        rutinägaren ser ändringen i `routine.yaml`.

        Godkänt: ett ändrat steg, `changed: "2026-11-20"` och en post med
        `date: "2026-11-20"` i `edits`
        Fel: ett ändrat steg och samma `changed` som förut, från en tidigare dag
        """),
)


RULE_OWNER = "owner-approval"

# The notice of RULE_OWNER, documented beside RULE_ID.
RULES += (
    RuleDoc(RULE_OWNER, """
        Med `rutin check --since REV` får varje tolkning vars status (eller bekräftelse)
        har ändrats sedan REV en upplysning vid raden: ändringen kräver rutinägarens
        godkännande i granskningen. Forgen kräver godkännandet (`CODEOWNERS`); upplysningen
        visar granskaren var det gäller. Den stoppar aldrig kontrollen.

        Godkänt: en ändring som inte rör någon tolknings status (ingen upplysning)
        Fel: ingen – `status: "bekräftad"` i en ändring ger upplysningen ”statusen har
        ändrats …: kräver rutinägarens godkännande”
        """),
)


class GitError(Exception):
    """git is missing, the folder is not a repository, or REV is unknown."""


def _git(*args: str, cwd: Path) -> str:
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True, check=False
        )
    except FileNotFoundError as exc:
        raise GitError("git finns inte installerat") from exc
    if done.returncode != 0:
        raise GitError(done.stderr.strip() or f"git {' '.join(args)} misslyckades")
    return done.stdout


git = _git  # for the other git readers (change_review.py)


def _old_version(rev: str, path: Path, top: Path) -> dict[str, Any] | None:
    relative = path.resolve().relative_to(top).as_posix()
    try:
        text = _git("show", f"{rev}:{relative}", cwd=top)
    except GitError:
        return None  # a new file: nothing to compare with
    # The same strict loader, so both versions read values the same way.
    old = load_bytes(path, text.encode("utf-8"))
    if old.problems or not isinstance(old.data, dict):
        return None
    return current_keys(old.data)  # a key renamed since is no change


def _today() -> str:
    from rutin.rules.review_dates import today  # RUTIN_TODAY pins it, as for every rule

    return today().isoformat()


def _without_changed(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k != "changed"}


def check_changes(root: Path, rev: str) -> list[Problem]:
    """Problems for checklists and decisions changed since `rev` without a change note."""
    top = Path(_git("rev-parse", "--show-toplevel", cwd=root).strip())
    _git("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}", cwd=top)
    problems: list[Problem] = []
    for path in content_files(root):
        if not kinds.kind_of(path).changed:  # the kinds that carry `changed`
            continue
        doc = load_file(path)
        old = _old_version(rev, path, top)
        if doc.problems or not isinstance(doc.data, dict) or old is None:
            continue
        new = doc.data
        if _without_changed(new) == _without_changed(old):
            continue
        changed = new.get("changed")
        # A second edit on the day of the first keeps its date: nothing newer exists.
        if not changed or (changed == old.get("changed") and changed != _today()):
            problems.append(doc.problem(
                ("changed",) if changed else (),
                f"innehållet har ändrats sedan {rev}: sätt `changed` till dagens datum "
                "och skriv en rad om ändringen i `edits` (ändringar i webbversionen) i "
                "routine.yaml",
                RULE_ID,
            ))
            continue
        routine_path = routine_dir_of(path) / "routine.yaml"
        routine = (load_file(routine_path).data or {})
        notes = _notes(routine)
        dates = {date for date, _text in notes}
        # The change's own note: an entry that was not there at REV. Another change of
        # the same day already noted at REV does not count (it would leave routine.yaml,
        # and with it the owner's review of the file, untouched).
        before = _old_version(rev, routine_path, top)
        new_dates = {date for date, text in notes - _notes(before or {})} if before else dates
        if changed in dates and changed not in new_dates:
            problems.append(doc.problem(
                ("changed",),
                f"routine.yaml har ingen ny rad daterad {changed} sedan {rev}: skriv en "
                "egen rad om den här ändringen i `edits`, också när det redan finns en "
                "från samma dag",
                RULE_ID,
            ))
            continue
        if changed not in dates:
            problems.append(doc.problem(
                ("changed",),
                f"routine.yaml saknar en post daterad {changed} som beskriver ändringen: "
                "skriv den i `edits` (ändringar i webbversionen), eller i `changelog` om "
                "den kommer från en ny version av rutindokumentet",
                RULE_ID,
            ))
    problems += _status_changes(root, rev, top)
    return problems


def _notes(routine: dict[str, Any]) -> set[tuple[Any, Any]]:
    """(date, text) of every entry in routine.yaml's `edits` and `changelog`."""
    return {(c.get("date"), str(c.get("text"))) for key in ("edits", "changelog")
            for c in routine.get(key) or () if isinstance(c, dict)}


def _status_changes(root: Path, rev: str, top: Path) -> list[Problem]:
    """A notice at each interpretation whose status or confirmation changed since `rev`."""
    notices: list[Problem] = []
    for path in sorted(root.rglob("routine.yaml")):
        doc = load_file(path)
        old = _old_version(rev, path, top)
        if doc.problems or not isinstance(doc.data, dict) or old is None:
            continue
        before = {i.get("id"): i for i in old.get("interpretations") or ()
                  if isinstance(i, dict)}
        for n, reading in enumerate(doc.data.get("interpretations") or ()):
            if not isinstance(reading, dict):
                continue
            was = before.get(reading.get("id"), {})
            fields = ("status", "confirmed_by", "confirmed_on")
            if was and any(reading.get(f) != was.get(f) for f in fields):
                notices.append(doc.problem(
                    ("interpretations", n, "status"),
                    f"statusen har ändrats sedan {rev} ({was.get('status')} → "
                    f"{reading.get('status')}): ändringen kräver rutinägarens godkännande i "
                    "granskningen", RULE_OWNER, severity="notice"))
    return notices
