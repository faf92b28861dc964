from __future__ import annotations

from pathlib import Path

from support.validation import CHECKLIST, DECISION, ROUTINE, messages, routine_copy

RULE = "unique-ids"


def test_valid_routine_has_unique_ids(tmp_path: Path) -> None:
    assert messages(routine_copy(tmp_path), RULE) == []


def test_duplicate_step_id_in_one_file(tmp_path: Path) -> None:
    folder = routine_copy(tmp_path, {CHECKLIST: ("  - id: skicka-kallelse",
                                                 "  - id: valj-kontakttyp")})
    assert messages(folder, RULE) == [
        'boka-besok.yaml:18:9: steps[1].id: id "valj-kontakttyp" används redan '
        "(rad 15, steps[0].id); varje id måste vara unikt i rutinen"]


def test_ids_share_one_namespace_across_files(tmp_path: Path) -> None:
    folder = routine_copy(tmp_path, {DECISION: ("  - id: distans", "  - id: videobesok")})
    assert messages(folder, RULE) == [
        'val-av-besok.yaml:19:9: rules[1].id: id "videobesok" används redan (routine.yaml '
        "rad 27, functions[0].id); varje id måste vara unikt i rutinen"]


def test_id_must_equal_file_name(tmp_path: Path) -> None:
    folder = routine_copy(tmp_path, {CHECKLIST: ("id: boka-besok", "id: boka"),
                                     ROUTINE: ("[boka-besok,", "[boka,")})
    assert messages(folder, RULE) == [
        'boka-besok.yaml:1:5: id: id "boka" ska vara samma som filnamnet utan .yaml '
        '("boka-besok"); byt namn på filen eller ändra id']
