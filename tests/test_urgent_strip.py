"""The strip of what is urgent (routine.yaml `urgent`) says, at the item, when the item
rests on a reading the owner has not confirmed: the strip has no underlag to open, so a
reader of the start page would otherwise take an interpretation for the routine's words.
Checked on the content's own routine with its readings set both ways (the browser test
in tests/test_browser_lean_view.py checks the same on the built pages)."""

from __future__ import annotations

import dataclasses
import re

from rutin.model.records import Routine
from rutin.pages import components
from support.project import content_routines

FLAG = "Tolkning, ej bekräftad"


def _urgent_routine() -> Routine:
    routine = next(r for r in content_routines() if r.urgent and components.urgent_texts(r))
    assert routine.interpretations
    return routine


def _with_reading_on_first_item(routine: Routine) -> Routine:
    """The routine with its first urgent item resting on the first interpretation (as an
    editor would write `interpretations:` on it), whatever today's content says."""
    assert routine.urgent is not None
    first, reading = routine.urgent.items[0], routine.interpretations[0].id

    def rest(item: object) -> object:
        if getattr(item, "id", None) == first:
            return dataclasses.replace(item, interpretations=(reading,))  # type: ignore[type-var]
        return item

    checklists = tuple(dataclasses.replace(
        c, steps=tuple(rest(s) for s in c.steps), warnings=tuple(rest(w) for w in c.warnings))
        for c in routine.checklists)
    return dataclasses.replace(routine, checklists=checklists)


def _status(routine: Routine, status: str) -> Routine:
    return dataclasses.replace(routine, interpretations=tuple(
        dataclasses.replace(i, status=status) for i in routine.interpretations))


def _flagged(routine: Routine) -> dict[str, bool]:
    html = str(components.urgent_strip(routine, "x/"))
    items = re.findall(r'<li data-urgent-item="([^"]+)">(.*?)</li>', html)
    assert [i for i, _ in items] == [i for i, _ in components.urgent_texts(routine)]
    return {i: FLAG in body for i, body in items}


def test_an_item_on_an_unconfirmed_reading_is_marked_in_the_strip() -> None:
    routine = _with_reading_on_first_item(_urgent_routine())
    assert routine.urgent is not None
    first = routine.urgent.items[0]
    unconfirmed = _flagged(_status(routine, "obekräftad"))
    assert unconfirmed[first] is True
    assert unconfirmed == components.urgent_unconfirmed(_status(routine, "obekräftad"))


def test_a_confirmed_reading_leaves_the_item_unmarked() -> None:
    routine = _status(_with_reading_on_first_item(_urgent_routine()), "bekräftad")
    assert not any(_flagged(routine).values())
    assert not any(components.urgent_unconfirmed(routine).values())


def test_the_items_text_is_the_contents_own() -> None:
    routine = _urgent_routine()
    html = str(components.urgent_strip(routine, "x/"))
    for item_id, _text in components.urgent_texts(routine):
        assert f'data-urgent-item="{item_id}"><span class="rutin-urgent-text">' in html
