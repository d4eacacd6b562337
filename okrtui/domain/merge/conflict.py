"""A decision of a merge, said in words a person understands, and kept in the file."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from okrtui.domain.records.canonical import MISSING, Record, Table, canonical, rank
from okrtui.domain.records.models import KIND_NAMES
from okrtui.domain.records.text import one_line, safe_text, shown

CONFLICTS_TABLE = "conflicts"


@dataclass(frozen=True)
class Conflict:
    """One decision a person should know about, in words they understand."""

    kind: str  # "field", "delete" (edit vs delete), "parent" (brought back), "rule"
    table: str
    record_id: str
    title: str
    field: str
    kept: Any
    dropped: Any
    kept_by: str
    dropped_by: str
    reason: str

    def __post_init__(self) -> None:
        # What a merge stores is clean: names and titles come from either side's records
        # as they are in the file (a teammate's, a copy's, a branch's), unvalidated.
        for name in ("title", "kept_by", "dropped_by", "reason"):
            object.__setattr__(self, name, safe_text(str(getattr(self, name))))

    @property
    def id(self) -> str:
        """A stable id made from what the conflict is about (not from who won or why), so
        the same conflict found again by a later merge is the same record."""
        values = sorted([canonical(_plain(self.kept)), canonical(_plain(self.dropped))])
        about = canonical([self.kind, self.table, self.record_id, self.field,
                           [v.decode() for v in values]])
        return hashlib.sha256(about).hexdigest()[:32]

    def line(self) -> str:
        """One line for a person: what, which record, both values, who won and why."""
        # Table, id and field names are the file's own (an unknown table of a newer okrtui,
        # a hand-made id): shown, never obeyed.
        what = f"{KIND_NAMES.get(self.table, shown(self.table))} {shown(self.record_id[:8])}"
        if self.record_id == self.table:
            what = shown(self.table)  # a table of one record, like the settings
        if self.title:
            what += f' "{one_line(self.title, 40)}"'
        if self.kind == "field":
            return (f"{what}: {shown(self.field)}: kept {_show(self.kept)} "
                    f"({self.kept_by or '?'}), not {_show(self.dropped)} "
                    f"({self.dropped_by or '?'}): {self.reason}")
        return f"{what}: {self.reason}"

    def as_record(self) -> Record:
        """The conflict as a record of the `conflicts` table."""
        return {"kind": self.kind, "table": shown(self.table),
                "record_id": shown(self.record_id), "title": self.title,
                "field": shown(self.field), "kept": _clean(_plain(self.kept)),
                "dropped": _clean(_plain(self.dropped)), "kept_by": self.kept_by,
                "dropped_by": self.dropped_by, "reason": self.reason, "message": self.line()}


def _plain(value: Any) -> Any:
    return None if value is MISSING else value


def _clean(value: Any) -> Any:
    return safe_text(value, multiline=True) if isinstance(value, str) else value


def _show(value: Any) -> str:
    if value is MISSING or value is None:
        return "(nothing)"
    if isinstance(value, str):
        return f'"{one_line(safe_text(value), 60)}"'
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    return one_line(safe_text(str(value)), 60)


def title_of(record: Record | None) -> str:
    """What a person calls a record: its title, name or note (empty when none)."""
    if not record:
        return ""
    for key in ("title", "name", "note"):
        value = record.get(key)
        if isinstance(value, str) and value:
            return value
    return ""


def why_won(winner: Record, loser: Record, *, whole: bool) -> str:
    """Why the winner won, in words."""
    w, lo = rank(winner), rank(loser)
    who = str(winner.get("updated_by") or "the other side")
    if w[0] != lo[0]:
        why = f"{who}'s version has more edits ({w[0]} against {lo[0]})"
    elif w[1] != lo[1]:
        why = f"same number of edits; {who} saved later ({winner.get('updated_at')})"
    elif w[2] != lo[2]:
        why = "same edits and save time; decided by the authors' names"
    else:
        why = "a tie on edits, time and author; decided by the records' content"
    return why + ("; no common earlier version, so the whole record was decided" if whole
                  else "")


def recorded_conflicts(tables: Mapping[str, Table]) -> list[Record]:
    """The conflicts a workspace keeps from earlier merges, each with its `id`, sorted by
    record and field (records of a newer okrtui's shape are kept as they are, their text
    as `shown` makes it: a teammate's file may have put anything there)."""
    rows = [{**{k: shown(v) if isinstance(v, str) else v for k, v in record.items()},
             "id": shown(cid)} for cid, record in tables.get(CONFLICTS_TABLE, {}).items()]
    return sorted(rows, key=lambda r: (str(r.get("table")), str(r.get("record_id")),
                                       str(r.get("field")), r["id"]))
