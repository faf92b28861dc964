"""The review page for a change (`rutin review --since REV`): what a merge request
changes, item by item, for the reviewer and the routine owner who approve it.

For every content file that differs from git revision REV, the items staff act on
(trace.py: steps, warnings, notes, outcomes, actions, questions, stops, phrases, …) are
compared before and after: each added, removed or changed item is shown with its text
before and after and its quotes. What needs the routine owner's approval is listed
first (CODEOWNERS enforces it in the forge): a changed source text and every change of an
interpretation's status. New lines under `edits` and new owner requests are listed too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rutin.check import trace
from rutin.check.changes import GitError, git
from rutin.load.yaml_reader import load_bytes, load_file
from rutin.model import kinds
from rutin.model.records import current_keys
from rutin.pages.safe_html import Html, inline


@dataclass(frozen=True)
class ItemChange:
    """One item added (before None), removed (after None) or changed."""

    file: Path
    before: trace.Traced | None
    after: trace.Traced | None

    @property
    def item(self) -> trace.Traced:
        found = self.after or self.before
        assert found is not None
        return found

    @property
    def what(self) -> str:
        if self.before is None:
            return "nytt"
        if self.after is None:
            return "borttaget"
        return "ändrat"


@dataclass
class ChangeReview:
    rev: str
    files: list[Path] = field(default_factory=list)  # changed content files (shown paths)
    items: list[ItemChange] = field(default_factory=list)
    owner_approval: list[str] = field(default_factory=list)  # why the owner must approve
    edits: list[tuple[str, str]] = field(default_factory=list)  # new `edits` lines
    requests: list[tuple[str, str, str]] = field(default_factory=list)  # new requests


def _old_data(rev: str, relative: str, top: Path, path: Path) -> dict[str, Any] | None:
    try:
        text = git("show", f"{rev}:{relative}", cwd=top)
    except GitError:
        return None  # a new file
    old = load_bytes(path, text.encode("utf-8"))
    return current_keys(old.data) if isinstance(old.data, dict) else None


def _new_data(path: Path) -> dict[str, Any] | None:
    if not path.is_file():
        return None  # removed
    data = load_file(path).data
    return data if isinstance(data, dict) else None


def _keyed(items: Iterable[trace.Traced]) -> dict[tuple[str, str, int], trace.Traced]:
    """Items by (kind, anchor, n-th of that key): stable across a reworded text."""
    found: dict[tuple[str, str, int], trace.Traced] = {}
    for item in items:
        n = 0
        while (item.kind, item.anchor, n) in found:
            n += 1
        found[(item.kind, item.anchor, n)] = item
    return found


def _same(a: trace.Traced, b: trace.Traced) -> bool:
    return (a.text, a.quotes, a.interpretations, a.critical, a.not_stated) == (
        b.text, b.quotes, b.interpretations, b.critical, b.not_stated)


def _items_of(kind: kinds.ContentKind, path: Path,
              data: dict[str, Any] | None) -> list[trace.Traced]:
    walk = kind.hook("trace")  # each kind's trace walker (model/kinds.py)
    if walk is None or data is None or ("id" not in data and not kind.single):
        return []
    try:
        return list(walk(path, data))
    except (KeyError, TypeError, AttributeError):
        return []  # a file that does not follow its schema: rutin check reports it


def _routine_changes(review: ChangeReview, old: dict[str, Any], new: dict[str, Any]) -> None:
    before = {i.get("id"): i for i in old.get("interpretations") or () if isinstance(i, dict)}
    for reading in new.get("interpretations") or ():
        if not isinstance(reading, dict):
            continue
        was = before.get(reading.get("id"), {})
        status = reading.get("status")
        if status != was.get("status") or (
                status == "bekräftad" and (reading.get("confirmed_by"), reading.get(
                    "confirmed_on")) != (was.get("confirmed_by"), was.get("confirmed_on"))):
            by = (f" av {reading.get('confirmed_by')} {reading.get('confirmed_on')}"
                  if status == "bekräftad" else "")
            review.owner_approval.append(
                f"Tolkningen ”{reading.get('id')}”: {was.get('status') or 'ny'} → "
                f"{status}{by}")
    old_edits = {(e.get("date"), e.get("text")) for e in old.get("edits") or ()
                 if isinstance(e, dict)}
    review.edits += [(str(e.get("date")), str(e.get("text"))) for e in new.get("edits") or ()
                     if isinstance(e, dict) and (e.get("date"), e.get("text")) not in old_edits]
    old_requests = [r for r in old.get("requests") or () if isinstance(r, dict)]
    review.requests += [(str(r.get("date")), str(r.get("asked_by")), str(r.get("request")))
                        for r in new.get("requests") or ()
                        if isinstance(r, dict) and r not in old_requests]


def _changed_files(root: Path, rev: str, top: Path) -> list[Path]:
    listed = git("diff", "--name-only", rev, "--", str(root.resolve()), cwd=top).splitlines()
    listed += git("ls-files", "--others", "--exclude-standard", "--",
                  str(root.resolve()), cwd=top).splitlines()
    return sorted({top / name for name in listed if name})


def review_change(root: Path, rev: str) -> ChangeReview:
    """What changed in the content under `root` since git revision `rev`."""
    top = Path(git("rev-parse", "--show-toplevel", cwd=root).strip())
    git("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}", cwd=top)
    review = ChangeReview(rev)
    for path in _changed_files(root, rev, top):
        relative = path.relative_to(top).as_posix()
        if path.name.endswith(".txt"):
            review.files.append(Path(relative))
            review.owner_approval.append(f"Källtexten {relative} har ändrats")
            continue
        kind = kinds.kind_of(path)
        if kind.trace is None:
            continue
        review.files.append(Path(relative))
        old, new = _old_data(rev, relative, top, path), _new_data(path)
        if kind.name == kinds.ROUTINE:
            _routine_changes(review, old or {}, new or {})
        before = _keyed(_items_of(kind, path, old))
        after = _keyed(_items_of(kind, path, new))
        for key in [*after, *(k for k in before if k not in after)]:
            a, b = before.get(key), after.get(key)
            if a is None or b is None or not _same(a, b):
                review.items.append(ItemChange(Path(relative), a, b))
    return review


# --- the page ----------------------------------------------------------------------------

_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
    "line-height:1.5}table{border-collapse:collapse;width:100%}td,th{border:1px solid #888;"
    "padding:.4rem;vertical-align:top;text-align:left}del{background:#fdd}ins{background:#dfd;"
    "text-decoration:none}.rutin-owner{border-left:.3rem solid #b00;padding-left:.8rem}"
)


def _quotes(change: ItemChange) -> Html:
    old = change.before.quotes if change.before else ()
    new = change.after.quotes if change.after else ()
    rows = [Html("<li>{}</li>").format(q) if q in old else Html("<li><ins>{}</ins> (nytt)</li>"
                                                                  ).format(q) for q in new]
    rows += [Html("<li><del>{}</del> (borttaget)</li>").format(q) for q in old if q not in new]
    if not rows:
        return Html("<p>Inga citat.</p>")
    return Html("<p>Citat ur källan:</p><ul>{}</ul>").format(Html().join(rows))


def _item(change: ItemChange) -> Html:
    item = change.item
    before = inline(change.before.text.strip()) if change.before else Html("<em>(fanns inte)</em>")
    after = inline(change.after.text.strip()) if change.after else Html("<em>(borttaget)</em>")
    return Html(
        '<section class="rutin-change"><h3>{owner} – {label} ({what})</h3>'
        "<p><code>{file}</code>, <code>{anchor}</code></p>"
        "<table><thead><tr><th scope=\"col\">Före</th><th scope=\"col\">Efter</th></tr>"
        "</thead><tbody><tr><td>{before}</td><td>{after}</td></tr></tbody></table>"
        "{quotes}</section>\n"
    ).format(owner=item.owner_title, label=trace.KIND_LABEL[item.kind], what=change.what,
             file=str(change.file), anchor=item.anchor, before=before, after=after,
             quotes=_quotes(change))


def review_page(review: ChangeReview) -> str:
    """The review page as a standalone HTML document (a pipeline artifact)."""
    owner = (Html('<div class="rutin-owner"><h2>Kräver rutinägarens godkännande</h2>'
                  "<ul>{}</ul></div>").format(Html().join(
                      Html("<li>{}</li>").format(line) for line in review.owner_approval))
             if review.owner_approval else Html(
                 "<p>Inget i ändringen kräver rutinägarens godkännande.</p>"))
    edits = Html().join(Html("<li>{}: {}</li>").format(d, inline(t)) for d, t in review.edits)
    requests = Html().join(Html("<li>{} ({}): {}</li>").format(d, who, inline(what))
                           for d, who, what in review.requests)
    files = Html().join(Html("<li><code>{}</code></li>").format(str(f)) for f in review.files)
    return str(Html(
        '<!doctype html>\n<html lang="sv"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Granskning av ändringen</title><style>{style}</style></head><body>"
        "<h1>Granskning av ändringen</h1>"
        "<p>Jämfört med <code>{rev}</code>: {count} ändrade punkter i {nfiles} filer. "
        "Varje punkt visas före och efter, med citaten ur källan.</p>{owner}"
        "<h2>Ändringar i webbversionen (edits)</h2>{edits}"
        "<h2>Nya önskemål (requests)</h2>{requests}"
        "<h2>Ändrade punkter</h2>{items}"
        "<h2>Ändrade filer</h2><ul>{files}</ul></body></html>\n"
    ).format(style=_STYLE, rev=review.rev, count=len(review.items),
             nfiles=len(review.files), owner=owner,
             edits=Html("<ul>{}</ul>").format(edits) if review.edits else Html("<p>Inga nya.</p>"),
             requests=Html("<ul>{}</ul>").format(requests) if review.requests
             else Html("<p>Inga nya.</p>"),
             items=Html().join(_item(c) for c in review.items) or Html("<p>Inga.</p>"),
             files=files))


def summary(review: ChangeReview) -> list[str]:
    """The same in a few lines for the pipeline log."""
    lines = [f"{len(review.items)} ändrade punkter i {len(review.files)} filer sedan "
             f"{review.rev}"]
    lines += [f"kräver rutinägarens godkännande: {line}" for line in review.owner_approval]
    return lines


__all__ = ["ChangeReview", "GitError", "ItemChange", "review_change", "review_page", "summary"]
