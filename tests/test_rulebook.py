"""The rule book: every rule id a problem can carry is defined once, documented with a
passing and a failing example, and shown in the editor guide."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from rutin.check import rulebook
from rutin.check.rule_doc import Documented, RuleDoc
from rutin.rules import REGISTRY

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "scripts" / "rutin"
INVALID = ROOT / "tests" / "fixtures" / "invalid"
RULE_AT_END = re.compile(r"\(([a-z0-9]+(?:-[a-z0-9]+)*)\)$")

# A module-level constant that holds a rule id: RULE_ID, RULE_SCHEMA, RULE_COERCION …
RULE_CONSTANT = re.compile(r"RULE(?:_[A-Z0-9_]+)?$")

# Where each problem-making call takes its rule id (positional index).
RULE_ARGUMENT = {"Problem": 5, "problem": 2, "_file_problem": 4}


def _modules() -> list[tuple[Path, ast.Module]]:
    return [(path, ast.parse(path.read_text(encoding="utf-8"), str(path)))
            for path in sorted(PACKAGE.rglob("*.py"))]


def _rule_constants() -> list[tuple[str, str]]:
    """(where, id) for every module-level `RULE… = "id"` in the package."""
    found = []
    for path, tree in _modules():
        for node in tree.body:
            target = node.target if isinstance(node, ast.AnnAssign) else (
                node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1
                else None)
            value = getattr(node, "value", None)
            if (isinstance(target, ast.Name) and RULE_CONSTANT.match(target.id)
                    and isinstance(value, ast.Constant) and isinstance(value.value, str)):
                found.append((f"{path.relative_to(ROOT)}:{target.id}", value.value))
    return found


def _expected_rule_ids() -> set[str]:
    ids = set()
    for expected in sorted(INVALID.glob("*.expected")):
        for line in expected.read_text(encoding="utf-8").splitlines():
            match = RULE_AT_END.search(line)
            assert match, f"{expected.name}: the line does not end with (rule-id): {line}"
            ids.add(match.group(1))
    return ids


def test_every_rule_in_the_invalid_fixtures_is_documented() -> None:
    used = _expected_rule_ids()
    assert used, "no rule ids found in tests/fixtures/invalid/*.expected"
    assert used - set(rulebook.ids()) == set()


def test_each_id_is_in_the_rule_book_once() -> None:
    ids = rulebook.ids()
    assert len(ids) == len(set(ids)), ids


@pytest.mark.parametrize("rule", list(rulebook.all_rules()), ids=lambda r: r.id)
def test_every_rule_has_documentation_with_examples(rule: Documented) -> None:
    documentation = rule.documentation
    assert documentation.strip()
    assert "Godkänt" in documentation and "Fel" in documentation
    assert rulebook.problems(rule) == []
    split = rulebook.parts(rule)
    assert split.description and all(text for _, text in split.examples)


def test_consistency_rules_keep_their_running_order() -> None:
    """The rule book shows the consistency rules exactly as validate.py runs them."""
    [chapter] = [c for c in rulebook.RULEBOOK if c.rules and c.rules[0] is REGISTRY[0]]
    assert chapter.rules is REGISTRY


def test_every_rule_id_constant_is_registered_and_defined_once() -> None:
    constants = _rule_constants()
    by_id: dict[str, list[str]] = {}
    for where, rule_id in constants:
        by_id.setdefault(rule_id, []).append(where)
    assert {i: w for i, w in by_id.items() if len(w) > 1} == {}, "one home per id"
    assert set(by_id) - set(rulebook.ids()) == set(), "an id the rule book does not document"
    assert set(rulebook.ids()) - set(by_id) == set(), "a documented id without a constant"


def test_problems_name_their_rule_through_a_constant() -> None:
    """A rule id written as a literal where a problem is made would bypass the constants
    (and so the rule book)."""
    literals = []
    for path, tree in _modules():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else (
                func.attr if isinstance(func, ast.Attribute) else "")
            if name not in RULE_ARGUMENT:
                continue
            index = RULE_ARGUMENT[name]
            args = [*node.args[index:index + 1],
                    *(k.value for k in node.keywords if k.arg == "rule")]
            literals += [f"{path.relative_to(ROOT)}:{node.lineno}" for arg in args
                         if isinstance(arg, ast.Constant)]
    assert literals == []


def test_the_scan_finds_the_known_homes() -> None:
    """The static scan itself: it sees constants of every shape used in the package."""
    homes = dict((rule_id, where) for where, rule_id in _rule_constants())
    assert homes["yaml-syntax"].endswith("yaml_reader.py:RULE_SYNTAX")
    assert homes["schema"].endswith("schema_messages.py:RULE_SCHEMA")
    assert homes["changelog-entry"].endswith("changes.py:RULE_ID")
    assert homes["visible-text"].endswith("visible_text.py:RULE_ID")


def test_rendered_rule_book_shows_every_rule() -> None:
    markdown = rulebook.render_markdown()
    for rule in rulebook.all_rules():
        assert f"#### `{rule.id}` {{: #{rulebook.anchor(rule.id)} }}" in markdown
    assert markdown.count("- **Godkänt:**") == len(rulebook.ids())
    assert markdown.count("- **Fel:**") >= len(rulebook.ids())
    for marker in rulebook.TEMPLATE_MARKERS:
        assert marker not in markdown


def test_rendering_escapes_html_outside_code() -> None:
    rule = RuleDoc("prov", """
        Texten <b>fet</b> & `<b>kod</b>` visas som skriven.

        Godkänt: `a`
        Fel: <script>
        """)
    split = rulebook.parts(rule)
    assert rulebook.to_markdown(split.description) == (
        "Texten &lt;b&gt;fet&lt;/b&gt; &amp; `<b>kod</b>` visas som skriven.")
    assert split.examples == (("Godkänt:", "`a`"), ("Fel:", "<script>"))


def test_documentation_without_examples_is_refused() -> None:
    rule = RuleDoc("prov", "Bara en beskrivning med {{ mall }}.")
    assert rulebook.problems(rule) == [
        "exemplet ”Godkänt:” saknas", "exemplet ”Fel:” saknas",
        "innehåller mallkoden '{{'", "innehåller mallkoden '}}'"]


def test_editor_guide_page_shows_the_rule_book(built_site: Path) -> None:
    page = (built_site / "redigera" / "index.html").read_text(encoding="utf-8")
    assert 'id="regler"' in page
    for rule_id in rulebook.ids():
        assert f'id="{rulebook.anchor(rule_id)}"' in page, f"{rule_id} saknas i guiden"
        assert f"<code>{rule_id}</code>" in page
    assert page.count("<strong>Godkänt:</strong>") == len(rulebook.ids())
