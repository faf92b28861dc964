"""The machine-readable export: site/api/<routine>.json (schemas/export.schema.json)."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any

from rutin.model.records import Routine
from rutin.site import site_paths


def _plain_data(value: Any, root: Path | None) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {}
        for f in fields(value):
            if f.metadata.get("derived"):  # what validation proved, not content
                continue
            v = getattr(value, f.name)
            if f.name == "file":
                if v is not None and root is not None:
                    out["file"] = Path(v).resolve().relative_to(root.resolve()).as_posix()
                continue
            if v is None:
                continue
            out[f.name] = _plain_data(v, root)
        return out
    if isinstance(value, dict):
        return {k: _plain_data(v, root) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [_plain_data(v, root) for v in value]
    return value


def export(routine: Routine, site_url: str, content_root: Path | None = None) -> dict[str, Any]:
    """The whole validated routine as plain JSON data (schemas/export.schema.json),
    with each page's address, for other systems. A task's stops list the ids of the
    steps and decision tables they use (found in `checklists` and `decisions`), each
    stop with its address on the task's page."""
    data: dict[str, Any] = _plain_data(routine, content_root)
    data["url"] = site_paths.absolute_url(site_url, site_paths.routine_page(routine.id))
    for item in data["checklists"]:
        item["url"] = site_paths.absolute_url(
            site_url, site_paths.checklist_page(routine.id, item["id"])
        )
    for item in data["decisions"]:
        item["url"] = site_paths.absolute_url(
            site_url, site_paths.decision_page(routine.id, item["id"])
        )
    for item in data["tasks"]:
        src = site_paths.task_page(routine.id, item["id"])
        item["url"] = site_paths.absolute_url(site_url, src)
        for stop in item["pause_points"]:
            stop["url"] = f"{item['url']}#{stop['id']}"
    if "phrases" in data:
        data["phrases"]["url"] = site_paths.absolute_url(
            site_url, site_paths.phrases_page(routine.id)
        )
    return {"format": "rutin-export", "format_version": 2, "routine": data}
