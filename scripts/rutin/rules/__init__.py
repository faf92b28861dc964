"""Consistency rules: one module per rule, each with a `check(content)` function whose
Swedish docstring is the rule's user documentation, ending with a "Godkänt:" and a
"Fel:" example (rulebook.py shows it in the editor guide, with the other stages' ids).

The rules run per routine folder, on the documents that passed their schema, in the
order of REGISTRY.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from types import ModuleType

from rutin.problem import Problem
from rutin.rules import (
    condition_kept,
    confirmation,
    dates,
    decision_size,
    decision_table,
    interpretations,
    kebab_case_ids,
    modality,
    no_raw_html,
    obligation_at_stop,
    quote_form,
    quote_in_source,
    quote_required,
    references_resolve,
    review_dates,
    safeguard_refs,
    same_question,
    scaffold_text,
    scenario,
    scenario_coverage,
    search_aids,
    source_coverage,
    source_identity,
    source_review,
    source_text,
    stop_size,
    task_coverage,
    task_gates,
    task_order,
    task_refs,
    terminology,
    text_agrees,
    unique_ids,
    urgent_items,
    url_scheme,
    visible_text,
)
from rutin.rules.content import RoutineContent

Check = Callable[[RoutineContent], Iterable[Problem]]


@dataclass(frozen=True)
class Rule:
    id: str
    check: Check
    module: ModuleType

    @property
    def documentation(self) -> str:
        """The rule's Swedish user documentation (its check function's docstring)."""
        import inspect

        return inspect.cleandoc(self.check.__doc__ or "")


REGISTRY: tuple[Rule, ...] = tuple(
    Rule(module.RULE_ID, module.check, module)
    for module in (
        unique_ids,
        references_resolve,
        kebab_case_ids,
        url_scheme,
        no_raw_html,
        dates,
        decision_size,
        decision_table,
        terminology,
        review_dates,
        source_identity,
        quote_in_source,
        quote_form,
        source_review,
        quote_required,
        source_coverage,
        modality,
        condition_kept,
        text_agrees,
        interpretations,
        confirmation,
        visible_text,
        scaffold_text,
        source_text,
        task_refs,
        safeguard_refs,
        task_gates,
        task_coverage,
        obligation_at_stop,
        task_order,
        stop_size,
        urgent_items,
        same_question,
        search_aids,
        scenario,
        scenario_coverage,
    )
)

__all__ = ["REGISTRY", "RoutineContent", "Rule"]
