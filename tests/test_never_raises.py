"""The loader and the validator never raise, whatever the input.

Under CI=true the "ci" profile runs at least 500 examples per test; locally fewer.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rutin.check.validate import check
from rutin.load.yaml_reader import load_bytes

settings.register_profile("ci", max_examples=500, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=100, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci" if os.environ.get("CI") else "dev")

F = Path("f.yaml")

# Text built from the pieces YAML is made of, so examples reach the parser's corners.
_yamlish = st.lists(
    st.sampled_from([
        "id: ", "steps:", "\n", "  ", "- ", ": ", "&a ", "*a", "!t ", "!!str ", "'", '"',
        "{", "}", "[", "]", ",", "#", "|", ">", "---", "...", "\t", "yes", "2026-01-01",
        "1e3", "~", "? ", "ä", "<b>", "{{", "\ufeff", "\x07", "%YAML 1.1", "text: ", "a",
        "when: {x: y}",
    ]) | st.text(max_size=4),
    max_size=40,
).map("".join)

_json_like = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
    | st.text(max_size=8) | st.sampled_from(["read-do", "FIRST", "ja", "2026-01-01"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["id", "title", "summary", "kind", "steps", "text", "when", "rules",
                         "inputs", "options", "value", "label", "then", "outcome", "source",
                         "functions", "roles", "related", "phrase", "examples", "given"])
        | st.text(max_size=5), inner, max_size=5),
    max_leaves=25,
)


@given(raw=st.binary(max_size=300))
def test_loader_never_raises_on_bytes(raw: bytes) -> None:
    doc = load_bytes(F, raw)
    assert doc.data is not None or doc.problems


@given(text=_yamlish)
def test_loader_never_raises_on_yamlish_text(text: str) -> None:
    doc = load_bytes(F, text.encode("utf-8"))
    for problem in doc.problems:
        assert problem.message and problem.rule


def _write_routine(folder: Path, checklist: str, decision: str) -> None:
    minimal = Path(__file__).resolve().parent / "fixtures" / "valid" / "minimal"
    (folder / "decisions").mkdir(parents=True, exist_ok=True)
    (folder / "routine.yaml").write_bytes((minimal / "routine.yaml").read_bytes())
    (folder / "boka-besok.yaml").write_text(checklist, encoding="utf-8")
    (folder / "decisions" / "val-av-besok.yaml").write_text(decision, encoding="utf-8")


@given(checklist=_json_like, decision=_json_like)
def test_validator_never_raises_on_structures(tmp_path_factory: Any, checklist: Any,
                                              decision: Any) -> None:
    folder = tmp_path_factory.mktemp("r")
    dump = yaml.safe_dump
    _write_routine(folder, dump(checklist, allow_unicode=True),
                   dump(decision, allow_unicode=True))
    report = check(folder, [folder])
    assert all(p.message for p in report.problems)


@given(text=_yamlish)
def test_validator_never_raises_on_yamlish_text(tmp_path_factory: Any, text: str) -> None:
    folder = tmp_path_factory.mktemp("r")
    _write_routine(folder, "id: boka-besok\n" + text, text)
    check(folder, [folder])


_pageish = st.lists(
    st.sampled_from([
        "{{", "}}", "{%", "%}", "{#", "#}", "(", ")", "[", "]", "{", "}", "'", '"', ",", "\\",
        "checklist_link", "task_links", "config", ".__class__", "=", "\n", "---\n", " ", "ä",
        "[x](", "javascript:", "a.md", "\u202e", "\ufe0f", "C\u043esmic", "](#a)", "`", "```\n",
    ]) | st.text(max_size=4),
    max_size=40,
).map("".join)


@given(text=_pageish)
def test_page_checks_never_raise(text: str) -> None:
    """A hand-written page: the macro scanner, the expander and the page check answer
    with problems, never an exception."""
    from rutin.check import docs_check
    from rutin.pages import macros

    _expanded, problems = macros.expand(text, macros.Page("index.md", None))
    assert all(p.message for p in problems)
    found = docs_check.page_problems(F, "index.md", text, None, {"index.md"})
    assert all(p.message and p.rule for p in found)
