"""The documentation every rule id carries: what it checks and why, with a passing
("Godkänt:") and a failing ("Fel:") example, in Swedish for editors.

A consistency rule documents itself in its `check` function's docstring (rules/). An id
that belongs to a stage instead (reading YAML, the schemas, the changelog) is documented
with a `RuleDoc` next to the constant that defines it, so the id and its documentation
have one home. rulebook.py collects both kinds and renders them in the editor guide.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Protocol


class Documented(Protocol):
    """Anything with a rule id and its Swedish documentation (a RuleDoc or a rules.Rule)."""

    @property
    def id(self) -> str: ...

    @property
    def documentation(self) -> str: ...


@dataclass(frozen=True)
class RuleDoc:
    """A rule id that is not a consistency rule, with its documentation.

    `text` is written like a docstring (indented, Markdown allowed): what the rule checks
    and why, then one line starting "Godkänt:" and one starting "Fel:".
    """

    id: str
    text: str

    @property
    def documentation(self) -> str:
        return inspect.cleandoc(self.text)
