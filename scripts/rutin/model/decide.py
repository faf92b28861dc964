"""Decision tables: evaluate answers, and prove a table complete by enumerating every
combination of answers (inputs are finite, so the proof is exhaustive).

The browser wizard evaluates `table_json(table)` with the same semantics as `evaluate`:
a rule matches when, for every input it names, the answer is one of its accepted values;
inputs a rule does not name match any answer. FIRST: the first matching rule wins.
UNIQUE: exactly one rule may match; several matches are a content error.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from rutin.model.records import DecisionTable, Example, Rule


def matches(rule: Rule, answers: Mapping[str, str]) -> bool:
    """True when every input the rule names has one of the rule's accepted answers."""
    return all(answers.get(input_id) in accepted for input_id, accepted in rule.when.items())


def matching_rules(table: DecisionTable, answers: Mapping[str, str]) -> list[Rule]:
    return [rule for rule in table.rules if matches(rule, answers)]


def evaluate(table: DecisionTable, answers: Mapping[str, str]) -> Rule | None:
    """The rule that applies to `answers`, or None when no rule matches.

    Raises ValueError for a UNIQUE table where several rules match (an overlap).
    """
    if table.hit_policy == "FIRST":
        return next((rule for rule in table.rules if matches(rule, answers)), None)
    hits = matching_rules(table, answers)
    if len(hits) > 1:
        ids = ", ".join(rule.id for rule in hits)
        raise ValueError(f"{table.id}: flera regler stämmer ({ids}) i en UNIQUE-tabell")
    return hits[0] if hits else None


def combinations(table: DecisionTable) -> Iterator[dict[str, str]]:
    """Every full set of answers, one option per input, in input and option order."""
    ids = [q.id for q in table.inputs]
    values = [[o.value for o in q.options] for q in table.inputs]
    for combo in itertools.product(*values):
        yield dict(zip(ids, combo, strict=True))


def _completions(table: DecisionTable, partial: Mapping[str, str]) -> Iterator[dict[str, str]]:
    known = {q.id for q in table.inputs}
    fixed = {k: v for k, v in partial.items() if k in known}
    open_inputs = [q for q in table.inputs if q.id not in fixed]
    ids = [q.id for q in open_inputs]
    values = [[o.value for o in q.options] for q in open_inputs]
    for combo in itertools.product(*values):
        yield {**fixed, **dict(zip(ids, combo, strict=True))}


def determined(table: DecisionTable, partial_answers: Mapping[str, str]) -> Rule | None:
    """The rule that every completion of the unanswered inputs leads to, or None.

    The wizard shows an outcome as soon as it no longer depends on the open questions.
    Answers to unknown inputs are ignored. A gap or a UNIQUE overlap in any completion
    means the outcome is not determined.
    """
    found: Rule | None = None
    for answers in _completions(table, partial_answers):
        try:
            rule = evaluate(table, answers)
        except ValueError:
            return None
        if rule is None or (found is not None and rule.id != found.id):
            return None
        found = rule
    return found


def _outcome(table: DecisionTable, answers: Mapping[str, str]) -> str | None:
    try:
        rule = evaluate(table, answers)
    except ValueError:
        return None
    return rule.id if rule is not None else None


def relevant(table: DecisionTable, partial_answers: Mapping[str, str], input_id: str) -> bool:
    """True when the answer to `input_id` can change the outcome, given the answers so
    far: for some completion of the other open questions, two of its options lead to
    different rules. The wizard does not ask a question whose answer cannot matter
    (e.g. the telephone attempt when the patient answers in the chat)."""
    question = next(q for q in table.inputs if q.id == input_id)
    others = {k: v for k, v in partial_answers.items() if k != input_id}
    for completion in _completions(table, {**others, input_id: question.options[0].value}):
        seen = {_outcome(table, {**completion, input_id: o.value}) for o in question.options}
        if len(seen) > 1:
            return True
    return False


def next_question(table: DecisionTable, partial_answers: Mapping[str, str]) -> str | None:
    """The id of the question the wizard asks next: the first unanswered one whose answer
    can change the outcome; None once the outcome is determined."""
    if determined(table, partial_answers) is not None:
        return None
    for q in table.inputs:
        if q.id not in partial_answers and relevant(table, partial_answers, q.id):
            return q.id
    return None


@dataclass
class Analysis:
    """What is wrong with a decision table, found by trying every combination of answers."""

    gaps: list[dict[str, str]] = field(default_factory=list)
    overlaps: list[tuple[dict[str, str], list[str]]] = field(default_factory=list)
    dead_rules: list[str] = field(default_factory=list)
    failing_examples: list[tuple[Example, str | None]] = field(default_factory=list)
    rules_without_example: list[str] = field(default_factory=list)
    # (answers, the "anges ej" rule that applies, the quoted rule it hides)
    silence_first: list[tuple[dict[str, str], str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (
            self.gaps
            or self.overlaps
            or self.dead_rules
            or self.failing_examples
            or self.rules_without_example
            or self.silence_first
        )


def example_result(table: DecisionTable, example: Example) -> str | None:
    """The id of the rule an example's answers lead to (None: no single rule)."""
    rule = determined(table, example.given)
    return rule.id if rule is not None else None


def analyse(table: DecisionTable) -> Analysis:
    """Gaps, UNIQUE overlaps, rules that never fire, failing examples, rules without example."""
    result = Analysis()
    fired: set[str] = set()
    for answers in combinations(table):
        hits = matching_rules(table, answers)
        if not hits:
            result.gaps.append(answers)
        elif table.hit_policy == "FIRST":
            fired.add(hits[0].id)
            hidden = next((r for r in hits[1:] if not r.then.not_stated), None)
            if hits[0].then.not_stated and hidden is not None:
                result.silence_first.append((answers, hits[0].id, hidden.id))
        else:
            fired.update(rule.id for rule in hits)
            if len(hits) > 1:
                result.overlaps.append((answers, [rule.id for rule in hits]))
    result.dead_rules = [rule.id for rule in table.rules if rule.id not in fired]
    for example in table.examples:
        actual = example_result(table, example)
        if actual != example.expect:
            result.failing_examples.append((example, actual))
    expected = {example.expect for example in table.examples}
    result.rules_without_example = [rule.id for rule in table.rules if rule.id not in expected]
    return result


def table_json(table: DecisionTable) -> dict[str, Any]:
    """The table as JSON for the browser wizard (same semantics as `evaluate`).

    Only what the wizard decides with: it shows an outcome by copying the rule's row of
    the static table (render.decision_rows), so outcome and actions are rendered once.
    """
    return {
        "id": table.id,
        "title": table.title,
        "hit_policy": table.hit_policy,
        "inputs": [
            {
                "id": q.id,
                "question": q.question,
                **({"help": q.help} if q.help else {}),
                "options": [{"value": o.value, "label": o.label} for o in q.options],
            }
            for q in table.inputs
        ],
        "rules": [
            {
                "id": rule.id,
                "when": {k: list(v) for k, v in rule.when.items()},
                "critical": rule.then.critical,
            }
            for rule in table.rules
        ],
    }
