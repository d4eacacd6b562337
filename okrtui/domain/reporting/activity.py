"""Who changed what: record changes told as sentences a person reads.

Two questions teams ask of a shared workspace use this module: "what did the file that
just arrived change?" (two versions compared, record by record) and "what happened since I
last looked?" (every record stamped after a moment). Both are answered from the records'
own stamps (`updated_by`, `author`, `updated_at`), so they work the same for a teammate's
process on the same server, a file a sync tool replaced and a git merge.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from okrtui.domain.records.canonical import stored_time
from okrtui.domain.records.models import KIND_NAMES, TABLES, CheckIn, KeyResult, Measurement, Record
from okrtui.domain.records.numbers import with_unit
from okrtui.domain.records.placement import ARCHIVED_TABLES
from okrtui.domain.records.text import one_line
from okrtui.domain.records.workspace import InvalidRecord, Workspace
from okrtui.domain.reporting.history import checkin_phrase, value_words

# Fields that change with every edit and say nothing about what was edited.
_STAMPS = frozenset({"rev", "updated_at", "updated_by"})
_TITLE_WIDTH = 60


@dataclass(frozen=True)
class Activity:
    """One change of one record: when, by whom, and what, in words."""

    at: dt.datetime
    who: str
    text: str
    table: str
    record_id: str
    objective_id: str | None = None
    kr_id: str | None = None

    @property
    def sentence(self) -> str:
        """The change as one sentence: "bob checked in 320 customers on “Acquire …”"."""
        return f"{self.who or 'someone'} {self.text}"


def activity_between(before: Workspace | None, after: Workspace,
                     tables: Iterable[str] = tuple(TABLES)) -> list[Activity]:
    """What `after` changed compared with `before`, oldest first.

    A record absent from `before` was added; one whose stored fields differ was edited,
    deleted (tombstoned) or graded. Records only in `before` are ignored: okrtui never
    removes a record, it leaves a tombstone. The open files are compared (the archives
    are history: a save that writes there writes the open file too, or is a late
    check-in on a graded period); a record that left the open file for an archive (a
    graded objective and its family) is looked up there.
    """
    out: list[Activity] = []
    now, then = _open(after), _open(before) if before is not None else {}
    for table in tables:
        new_rows = now.get(table, {})
        old_rows = then.get(table, {})
        if new_rows is old_rows:
            continue
        for record_id, raw in new_rows.items():
            old = old_rows.get(record_id)
            if old is not raw and old != raw:  # the same object: read once, unchanged
                out.append(describe(after, table, record_id, old))
        gone = [rid for rid in old_rows if rid not in new_rows]
        if gone and table in ARCHIVED_TABLES:
            after.with_history()  # moved to an archive: changed on the way, maybe
            moved = after.tables.get(table, {})
            out.extend(describe(after, table, rid, old_rows[rid]) for rid in gone
                       if moved.get(rid) is not None and moved[rid] != old_rows[rid])
    return sorted(out, key=lambda a: (a.at, a.table, a.record_id))


def _open(ws: Workspace) -> Mapping[str, dict[str, dict[str, Any]]]:
    """The tables of the workspace's open file (without any archive read meanwhile)."""
    return getattr(ws.tables, "open_tables", ws.tables)


def activity_since(ws: Workspace, since: dt.datetime, *, exclude: str | None = None,
                   tables: Iterable[str] = tuple(TABLES)) -> list[Activity]:
    """Every change stamped after `since`, oldest first, leaving out `exclude`'s own.

    Stamps are the writers' clocks: good enough to tell a person what is new, never used
    to decide anything. Only the archives written since then are read.
    """
    ws.with_history(changed_since=since)
    out: list[Activity] = []
    for table in tables:
        for record_id, raw in ws.tables.get(table, {}).items():
            stamp = stored_time(raw.get("updated_at"))
            if stamp is None or stamp <= since:
                continue
            activity = describe(ws, table, record_id, None, since=since)
            if exclude is None or activity.who != exclude:
                out.append(activity)
    return sorted(out, key=lambda a: (a.at, a.table, a.record_id))


def describe(ws: Workspace, table: str, record_id: str, old: dict[str, Any] | None, *,
             since: dt.datetime | None = None) -> Activity:
    """Tell the change of one record as an Activity.

    `old` is the record's previous stored fields when known (None when it is new, or when
    only `since` is known: then a record created after `since` counts as added).
    """
    kind = KIND_NAMES.get(table, table)
    try:
        record = ws.get(table, record_id, TABLES[table])
    except InvalidRecord as exc:
        raw = ws.raw(table, record_id) or {}
        at = stored_time(raw.get("updated_at")) or dt.datetime.min.replace(tzinfo=dt.UTC)
        return Activity(at, str(raw.get("updated_by", "")),
                        f"changed a {kind} okrtui cannot read ({exc})", table, record_id)
    if isinstance(record, CheckIn):
        return _checkin(ws, record, old)
    if isinstance(record, Measurement):
        return _measurement(ws, record, old)
    return _edited(ws, table, record, old, since)


def _checkin(ws: Workspace, checkin: CheckIn, old: dict[str, Any] | None) -> Activity:
    kr = _live(ws, "key_results", checkin.kr_id, KeyResult)
    title = _quoted(kr.title if kr else "a deleted key result")
    value = value_words(kr, checkin.value)
    objective_id = kr.objective_id if kr else None
    if checkin.deleted:
        return Activity(checkin.updated_at, checkin.deleted_by or checkin.updated_by,
                        f"deleted the check-in of {value} on {title}", "checkins", checkin.id,
                        objective_id, checkin.kr_id)
    # A correction is told as one, by whoever made it (not the check-in's author).
    if old is not None or checkin.rev > 1:
        return Activity(checkin.updated_at, checkin.updated_by or checkin.author,
                        f"changed a check-in to {value} on {title}", "checkins", checkin.id,
                        objective_id, checkin.kr_id)
    return Activity(checkin.updated_at, checkin.author or checkin.updated_by,
                    f"{checkin_phrase(kr, checkin.value)} on {title}", "checkins",
                    checkin.id, objective_id, checkin.kr_id)


def _measurement(ws: Workspace, measurement: Measurement,
                 old: dict[str, Any] | None) -> Activity:
    raw = ws.raw("kpis", measurement.kpi_id) or {}
    name = _quoted(str(raw.get("name", "a deleted KPI")))
    value = with_unit(measurement.value, str(raw.get("unit", "")))
    if measurement.deleted:
        text = f"deleted the value {value} of {name}"
    else:
        verb = "recorded" if old is None else "changed a value to"
        text = f"{verb} {value} for {name} ({measurement.date:%b} {measurement.date.day})"
    who = measurement.author or measurement.updated_by
    return Activity(measurement.updated_at, who, text, "measurements", measurement.id)


def _edited(ws: Workspace, table: str, record: Record, old: dict[str, Any] | None,
            since: dt.datetime | None) -> Activity:
    kind = KIND_NAMES.get(table, table)
    title = _quoted(str(getattr(record, "title", None) or getattr(record, "name", "")))
    objective_id = getattr(record, "objective_id", None)
    kr_id = getattr(record, "kr_id", None)
    if table == "objectives":
        objective_id = record.id
    elif table == "key_results":
        kr_id = record.id
    elif kr_id is not None and (kr := _live(ws, "key_results", kr_id, KeyResult)):
        objective_id = kr.objective_id
    who = record.updated_by
    created = getattr(record, "created_at", None)
    was_deleted = old is not None and bool(old.get("deleted_at"))
    if record.deleted and not was_deleted:
        text = f"deleted {kind} {title}"
        who = record.deleted_by or who
    elif old is None and (since is None or (created is not None and created > since)):
        text = f"added {kind} {title}"
        if table == "key_results" and objective_id:
            parent = ws.raw("objectives", objective_id) or {}
            text += f" to {_quoted(str(parent.get('title', '')))}"
    elif table == "initiatives" and old is not None and \
            bool(old.get("done")) != getattr(record, "done", False):
        text = f"{'ticked' if getattr(record, 'done', False) else 'unticked'} {kind} {title}"
    elif table == "objectives" and getattr(record, "grade", None) is not None and (
            old is None or old.get("grade") != getattr(record, "grade", None)):
        text = f"graded {kind} {title}: {getattr(record, 'grade', 0.0):.2f}"
    else:
        text = f"edited {kind} {title}"
        fields = _edited_fields(old, ws.raw(table, record.id))
        if fields:
            text += f" ({', '.join(fields)})"
    return Activity(record.updated_at, who, text, table, record.id, objective_id, kr_id)


def _edited_fields(old: dict[str, Any] | None, new: dict[str, Any] | None) -> list[str]:
    """The names of the fields that differ, stamps left out (empty when `old` is unknown)."""
    if old is None or new is None:
        return []
    names = (old.keys() | new.keys()) - _STAMPS
    return sorted(n.replace("_", " ") for n in names if old.get(n) != new.get(n))


def _live(ws: Workspace, table: str, record_id: str, model: type[Any]) -> Any:
    """The record, or None when it is missing or cannot be read."""
    if ws.raw(table, record_id) is None:
        return None
    try:
        return ws.get(table, record_id, model)
    except InvalidRecord:
        return None


def _quoted(title: str) -> str:
    return f"“{one_line(title, _TITLE_WIDTH)}”"
