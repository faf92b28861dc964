"""Each content kind's page builder, as the registry calls it: (context, record) ->
Markdown (model/kinds.py names these)."""

from __future__ import annotations

from rutin.model import tasks
from rutin.model.records import Checklist, DecisionTable, PhraseLibrary, Routine, Task
from rutin.pages import staff_pages
from rutin.pages.staff_pages import PageContext
from rutin.pages.task_page import task_page


def routine(ctx: PageContext, _routine: Routine) -> str:
    return staff_pages.routine_page(ctx)


def checklist(ctx: PageContext, item: Checklist) -> str:
    return staff_pages.checklist_page(ctx, item)


def decision(ctx: PageContext, item: DecisionTable) -> str:
    return staff_pages.decision_page(ctx, item)


def task(ctx: PageContext, item: Task) -> str:
    return task_page(ctx, tasks.resolve(ctx.routine, item))


def phrases(ctx: PageContext, _library: PhraseLibrary) -> str:
    return staff_pages.phrases_page(ctx)
