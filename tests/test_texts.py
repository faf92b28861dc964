"""User-facing phrases have one spelling (rutin.texts), also where code cannot import it."""

from __future__ import annotations

from pathlib import Path

from rutin import texts

ROOT = Path(__file__).resolve().parents[1]

# The spelling texts.NOT_STATED replaced; it must not come back anywhere an editor or a
# reader sees text. (Built here so this file does not contain it.)
OLD_NOT_STATED = " ".join(("anges", "inte", "i", "rutinen"))
SEARCHED = ("scripts", "docs", "schemas", "checklists")  # theme overrides: in scripts
SUFFIXES = {".py", ".md", ".html", ".js", ".css", ".json", ".yaml", ".yml", ".txt"}


def test_not_stated_phrase_is_the_content_s_spelling() -> None:
    assert texts.NOT_STATED == "anges ej i rutinen"
    assert texts.NOT_STATED_SENTENCE == "Anges ej i rutinen"


def test_decision_script_says_the_same_dead_end_sentence() -> None:
    """decision.js cannot import Python: its sentence must be texts.NO_OUTCOME."""
    script = (ROOT / "docs" / "assets" / "decision.js").read_text(encoding="utf-8")
    assert texts.NO_OUTCOME in script
    assert texts.NOT_STATED in texts.NO_OUTCOME


def test_only_one_spelling_of_not_stated() -> None:
    files = [ROOT / "README.md"] + [
        path for folder in SEARCHED for path in sorted((ROOT / folder).rglob("*"))
        if path.is_file() and path.suffix in SUFFIXES
        and path.name != "source.txt"  # the routine's own words, quoted as written
        and not any(part.endswith(".egg-info") for part in path.parts)
    ]
    found = [str(path.relative_to(ROOT)) for path in files
             if OLD_NOT_STATED in path.read_text(encoding="utf-8", errors="replace").lower()]
    assert found == []
