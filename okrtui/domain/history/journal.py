"""An action's changes, told and reversed: the rules behind undo and redo.

Every transaction that writes records leaves, in its workspace, the stored fields of each
record before and after (`Workspace.touched`). `changes_of` turns that into the few facts
an undo needs: the record, whether it was new, and the before and after of each changed
field. `plan_reversal` reverses them on the workspace as it is *now*, field by field: a
field that still holds what my action wrote goes back to what it was before, and a field
a teammate has changed since is left as they made it, and said so. Undo is therefore a
new change on top of everyone's, never a restore of an old file; redo is the reversal of
the undo.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from okrtui.domain.records.canonical import STAMPS, TOMBSTONE, same
from okrtui.domain.records.models import KIND_NAMES, TABLES
from okrtui.domain.records.text import one_line
from okrtui.domain.records.workspace import PARENT_FIELD, Workspace
from okrtui.domain.reporting import activity

PAST = {"undo": "undone", "redo": "redone"}
"""How an undo or a redo is told once it happened ("Nothing undone", "redone of: ..."),
by the command line and the TUI alike."""

# Which change names an action: the objective of a delete before its key results, the
# check-in of a pull before nothing else.
RANK = {"objectives": 0, "kpis": 1, "key_results": 2, "checkins": 3, "measurements": 4,
         "initiatives": 5}


def _parent_table(table: str) -> str:
    return {"key_results": "objectives", "checkins": "key_results",
            "measurements": "kpis", "initiatives": "key_results"}[table]


CHILD_TABLES: dict[str, tuple[str, ...]] = {
    parent: tuple(t for t in PARENT_FIELD if _parent_table(t) == parent) for parent in TABLES}


@dataclass(frozen=True)
class Change:
    """What one action did to one record."""

    table: str
    record_id: str
    created: bool
    before: Mapping[str, Any]  # the changed fields as they were (empty for a new record)
    after: Mapping[str, Any]  # the changed fields as the action left them (a new record:
    #                           all its fields but the stamps)
    rev: int  # the record's revision the action left

    def as_data(self) -> dict[str, Any]:
        """The change as JSON data (for the journal file)."""
        return {"table": self.table, "id": self.record_id, "created": self.created,
                "before": dict(self.before), "after": dict(self.after), "rev": self.rev}

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Change:
        """A change read back from the journal file (raises KeyError/TypeError if broken)."""
        table = str(data["table"])
        if table not in TABLES:
            raise KeyError(table)
        return cls(table, str(data["id"]), bool(data["created"]), dict(data["before"]),
                   dict(data["after"]), int(data["rev"]))


def changes_of(ws: Workspace) -> list[Change]:
    """The record changes a transaction made in `ws` (settings and file stamps left out)."""
    out: list[Change] = []
    for (table, record_id), (before, after) in ws.touched.items():
        if table not in TABLES:
            continue
        rev = int(after.get("rev", 1))
        if before is None:
            content = {k: v for k, v in after.items() if k not in STAMPS}
            out.append(Change(table, record_id, True, {}, content, rev))
            continue
        names = sorted((before.keys() | after.keys()) - set(STAMPS))
        changed = [n for n in names if not same(before.get(n), after.get(n))]
        if changed:
            out.append(Change(table, record_id, False, {n: before.get(n) for n in changed},
                              {n: after.get(n) for n in changed}, rev))
    return out


def label(ws: Workspace, changes: list[Change]) -> str:
    """The action in words, as the activity list tells it: "checked in 12 x on “Close 40
    tickets”", "deleted objective “Grow” (and 3 more changes)"."""
    if not changes:
        return "nothing"
    main = min(changes, key=lambda c: (RANK.get(c.table, 9), not c.created))
    before = None if main.created else {**(ws.raw(main.table, main.record_id) or {}),
                                        **main.before}
    text = activity.describe(ws, main.table, main.record_id, before).text
    more = len(changes) - 1
    if more:
        text += f" (and {more} more change{'s' if more != 1 else ''})"
    return text


@dataclass(frozen=True)
class Update:
    """Fields to give one record so that it reverses a change."""

    table: str
    record_id: str
    fields: Mapping[str, Any]


@dataclass(frozen=True)
class Reversal:
    """How to reverse an action now: the updates to make, and what is left and why."""

    updates: tuple[Update, ...] = ()
    kept: tuple[str, ...] = field(default_factory=tuple)  # one sentence each

    @property
    def empty(self) -> bool:
        """Whether nothing can be reversed."""
        return not self.updates


def plan_reversal(ws: Workspace, changes: Iterable[Change], who: str,
                  at: str) -> Reversal:
    """Reverse `changes` on `ws` as it is now, by `who` at `at` (an ISO time).

    A new record is deleted (a tombstone) unless someone changed it since, or gave it
    children of their own (a check-in on my new key result). A changed field goes back to
    its value before, unless it no longer holds the value the action wrote: then someone
    changed it since, and it is kept, with a sentence that says who and what.
    """
    changes = list(changes)
    own = {(c.table, c.record_id) for c in changes}
    updates: list[Update] = []
    kept: list[str] = []
    for change in changes:
        raw = ws.raw(change.table, change.record_id)
        name = _name(ws, change.table, change.record_id)
        if raw is None:
            kept.append(f"{name} is no longer in the workspace")
            continue
        who_since = str(raw.get("updated_by") or "someone")
        if change.created:
            if raw.get("deleted_at"):
                continue  # deleted already: nothing to reverse
            edited = [k for k, v in change.after.items()
                      if k not in TOMBSTONE and not same(raw.get(k), v)]
            if edited:
                kept.append(f"{who_since} has changed {name} since; it stays")
                continue
            child = _foreign_child(ws, change, own)
            if child:
                kept.append(f"{child} since; {name} stays")
                continue
            updates.append(Update(change.table, change.record_id,
                                  {"deleted_at": at, "deleted_by": who}))
            continue
        if raw.get("deleted_at") and "deleted_at" not in change.after:
            kept.append(f"{raw.get('deleted_by') or who_since} has deleted {name} since")
            continue
        fields: dict[str, Any] = {}
        for key, value in change.after.items():
            if same(raw.get(key), value):
                fields[key] = change.before.get(key)
            elif key not in ("deleted_by", "rev"):
                kept.append(f"{who_since} has changed {_field(key)} of {name} since; "
                            "it stays as they made it")
        if "deleted_at" in fields and "deleted_by" not in fields and \
                "deleted_by" in change.after:
            fields["deleted_by"] = change.before.get("deleted_by")
        if fields:
            updates.append(Update(change.table, change.record_id, fields))
    return Reversal(tuple(updates), tuple(kept))


def _foreign_child(ws: Workspace, change: Change, own: set[tuple[str, str]]) -> str:
    """"bob added a check-in to it" when someone else gave the new record a live child
    that the action did not make, else ""."""
    for table in CHILD_TABLES.get(change.table, ()):
        parent_field = PARENT_FIELD[table]
        for record_id, raw in ws.tables.get(table, {}).items():
            if raw.get(parent_field) == change.record_id and not raw.get("deleted_at") \
                    and (table, record_id) not in own:
                by = raw.get("author") or raw.get("created_by") or raw.get("updated_by")
                return f"{by or 'someone'} added a {KIND_NAMES[table]} to it"
    return ""


def _name(ws: Workspace, table: str, record_id: str) -> str:
    raw = ws.raw(table, record_id) or {}
    title = raw.get("title") or raw.get("name")
    kind = KIND_NAMES.get(table, table)
    if title:
        return f"{kind} “{one_line(str(title), 60)}”"
    return f"{kind} {record_id[:8]}"


def _field(key: str) -> str:
    return {"deleted_at": "the deletion"}.get(key, key.replace("_", " "))
