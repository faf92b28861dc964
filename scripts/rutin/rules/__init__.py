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

from ..problem import Problem
from . import (
    condition_kept,
    dates,
    decision_table,
    interpretations,
    kebab_case_ids,
    modality,
    no_raw_html,
    pause_points,
    quote_in_source,
    quote_required,
    references_resolve,
    review_dates,
    same_question,
    search_aids,
    source_coverage,
    task_coverage,
    task_order,
    task_refs,
    terminology,
    unique_ids,
    urgent_items,
    url_scheme,
    visible_text,
)
from .content import RoutineContent

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
        decision_table,
        terminology,
        review_dates,
        quote_in_source,
        quote_required,
        source_coverage,
        modality,
        condition_kept,
        interpretations,
        visible_text,
        task_refs,
        task_coverage,
        task_order,
        pause_points,
        urgent_items,
        same_question,
        search_aids,
    )
)

__all__ = ["REGISTRY", "RoutineContent", "Rule"]
