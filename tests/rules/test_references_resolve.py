from __future__ import annotations

from pathlib import Path

import pytest

from support.validation import CHECKLIST, DECISION, PHRASES, ROUTINE, messages, routine_copy

RULE = "references-resolve"


def test_valid_routine_resolves(tmp_path: Path) -> None:
    assert messages(routine_copy(tmp_path), RULE) == []


@pytest.mark.parametrize(("file", "old", "new", "expected"), [
    (CHECKLIST, "related: [val-av-besok]", "related: [okand]",
     'boka-besok.yaml:25:11: related[0]: "okand" finns inte bland rutinens checklistor och '
     "beslutsstöd"),
    (CHECKLIST, "phrase: kallelse", "phrase: kallelsen",
     'boka-besok.yaml:20:13: steps[1].phrase: "kallelsen" finns inte bland frasmallarna i '
     'phrases.yaml (menade du "kallelse"?)'),
    (CHECKLIST, "references: [manual]", "references: [lag]",
     'boka-besok.yaml:24:14: references[0]: "lag" finns inte bland rutinens referenser i '
     "routine.yaml"),
    (CHECKLIST, "roles: [vardpersonal]", "roles: [lakare]",
     'boka-besok.yaml:6:9: roles[0]: "lakare" finns inte bland rutinens roller i routine.yaml'),
    (CHECKLIST, "when: {tolk: ja}", "when: {tolk: [ja, kanske]}",
     'boka-besok.yaml:23:23: steps[2].when.tolk[1]: "kanske" finns inte bland svaren på '
     'frågan "tolk"'),
    (DECISION, "    expect: distans", "    expect: okand",
     'val-av-besok.yaml:28:13: examples[1].expect: "okand" finns inte bland tabellens regler'),
    (DECISION, "    when: {akut: ja}", "    when: {akut: kanske}",
     'val-av-besok.yaml:15:18: rules[0].when.akut: "kanske" finns inte bland svaren på '
     'frågan "akut"'),
    (PHRASES, "    source: Boka besök", "    source: Bokning",
     'phrases.yaml:8:13: phrases[0].source: källrubriken "Bokning" finns inte i routine.yaml '
     "(source_headings)"),
    (ROUTINE, "items: [boka-besok, val-av-besok]", "items: [boka-besok, val-av-besok, x]",
     'routine.yaml:35:39: groups[0].items[2]: "x" finns inte bland rutinens checklistor och '
     "beslutsstöd"),
])
def test_unresolved_reference(tmp_path: Path, file: str, old: str, new: str,
                              expected: str) -> None:
    assert messages(routine_copy(tmp_path, {file: (old, new)}), RULE) == [expected]


def test_every_item_in_exactly_one_group(tmp_path: Path) -> None:
    folder = routine_copy(tmp_path, {ROUTINE: (
        "    items: [boka-besok, val-av-besok]",
        "    items: [boka-besok]\n  - id: andra\n    title: Andra\n    items: [boka-besok]")})
    assert messages(folder, RULE) == [
        'val-av-besok.yaml:1:5: id: "val-av-besok" står inte i någon grupp; lägg till id '
        "under groups i routine.yaml",
        'routine.yaml:38:13: groups[1].items[0]: "boka-besok" står redan i gruppen "video"; '
        "varje checklista och beslutsstöd ska stå i exakt en grupp",
    ]


def test_broken_target_file_is_not_reported_again(tmp_path: Path) -> None:
    folder = routine_copy(tmp_path, {DECISION: ("hit_policy: FIRST", "hit_policy: first")})
    assert messages(folder, RULE) == []
