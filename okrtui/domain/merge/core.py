"""Merging two versions of a workspace's raw tables: pure, commutative and idempotent.

Inputs are TinyDB-shaped tables (table -> id -> record dict), as in the file. The rules:

- Records are keyed by UUID. A record present on one side only is kept (check-ins and
  measurements of both sides always survive); a record gone from both sides stays gone.
- With a base (the common ancestor), each field is merged three-way: a field changed on
  one side takes that change; a field changed on both sides to different values is a
  conflict, decided for the whole record by `rank` (edit counter, then save time, then
  author, then a hash of the record), so that the rule is the same whichever side is
  "ours" and no wall clock decides alone. Without a base, a record that differs is
  decided whole by the same rule.
- An edit on one side and a delete (tombstone) on the other keeps the record. A live
  record added on one side under a parent the other side deleted (a check-in on a deleted
  key result) brings the parent back. Both are reported.
- Records without an edit counter (settings, meta, unknown tables from a newer okrtui)
  merge field by field; a field changed on both sides keeps the larger value.
- Unknown fields and tables are kept. Stamps of a record that mixes both sides: one edit
  more than either side (`rev`), the later `updated_at`, the winner's `updated_by`; a
  result equal in content to one side is that side's record, stamps included. That is
  what makes merging the result again with either side change nothing.

Every decision a person should know about is a `Conflict`, kept in the result's
`conflicts` table (CONFLICTS_TABLE) under an id made from what it is about, so merging
again neither repeats nor loses it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from okrtui.domain.merge.base import differing, pick_base
from okrtui.domain.merge.checks import MergeRefused, check_tables, rule_notes
from okrtui.domain.merge.conflict import (
    CONFLICTS_TABLE,
    Conflict,
    recorded_conflicts,
    title_of,
    why_won,
)
from okrtui.domain.records.canonical import (
    MISSING,
    STAMPS,
    TOMBSTONE,
    RawTables,
    Record,
    Table,
    body,
    content,
    rank,
    rev_of,
    same,
    save_time,
    value_rank,
)
from okrtui.domain.records.models import KIND_NAMES, TABLES
from okrtui.domain.records.workspace import META_TABLE

# What callers of the merge use, from one place.
__all__ = [
    "CONFLICTS_TABLE",
    "Conflict",
    "MergeRefused",
    "MergeResult",
    "RawTables",
    "Record",
    "check_tables",
    "differing",
    "merge2",
    "merge3",
    "pick_base",
    "pick_version",
    "recorded_conflicts",
    "rule_notes",
]

# child table -> (field naming its parent, parent table); children before their parents,
# so bringing back a key result can bring back its objective in the same pass.
PARENTS: dict[str, tuple[str, str]] = {
    "checkins": ("kr_id", "key_results"),
    "measurements": ("kpi_id", "kpis"),
    "initiatives": ("kr_id", "key_results"),
    "key_results": ("objective_id", "objectives"),
}


# ---- results -----------------------------------------------------------------------------


@dataclass(frozen=True)
class MergeResult:
    """The merged tables and the conflicts this merge decided (new ones only)."""

    tables: RawTables
    conflicts: tuple[Conflict, ...] = ()

    def lines(self) -> list[str]:
        """Every conflict as one line."""
        return [c.line() for c in self.conflicts]


@dataclass
class _Notes:
    found: list[Conflict] = field(default_factory=list)

    def add(self, conflict: Conflict) -> None:
        self.found.append(conflict)


# ---- one record --------------------------------------------------------------------------


def _merge_plain(base: Record | None, a: Record, b: Record, notes: _Notes | None,
                 table: str, rid: str) -> Record:
    """Field by field, for records without an edit counter: a conflict keeps the larger
    value (the same whichever side is which)."""
    out: Record = {}
    base = base or {}
    decided: list[tuple[str, Any, Any]] = []
    for name in sorted(a.keys() | b.keys() | base.keys()):
        va, vb, vo = a.get(name, MISSING), b.get(name, MISSING), base.get(name, MISSING)
        if same(va, vb):
            value = va
        elif same(va, vo):
            value = vb
        elif same(vb, vo):
            value = va
        else:
            value, lost = (va, vb) if value_rank(va) > value_rank(vb) else (vb, va)
            decided.append((name, value, lost))
        if value is not MISSING:
            out[name] = value
    for name, value, lost in decided if notes is not None else ():
        notes.add(Conflict("field", table, rid, title_of(out), name, value, lost, "", "",
                           "changed on both sides; the larger value was kept"))
    return out


def pick_version(table: str, rid: str, a: Record, b: Record) -> Record:
    """Of two versions of one record found in two files of a workspace (a crash between
    the writes that move it from one file to another, or two devices that moved it
    differently), the one the workspace holds: what a merge without a common version
    keeps, whichever is given first."""
    return _merge_record(table, rid, None, a, b, _Notes())


def _merge_record(table: str, rid: str, base: Record | None, a: Record, b: Record,
                  notes: _Notes) -> Record:
    """One record present on both sides."""
    if same(a, b):
        return a
    if "rev" not in a and "rev" not in b:
        quiet = table in (META_TABLE, CONFLICTS_TABLE)
        return _merge_plain(base, a, b, None if quiet else notes, table, rid)
    winner, loser = (a, b) if rank(a) > rank(b) else (b, a)
    title = title_of(winner) or title_of(loser)
    dead_a, dead_b = bool(a.get("deleted_at")), bool(b.get("deleted_at"))
    if base is None:
        return _decide_whole(table, rid, a, b, winner, loser, title, notes)

    merged: Record = {}
    fields: list[tuple[str, Any, Any]] = []
    for name in sorted((a.keys() | b.keys() | base.keys()) - set(STAMPS)):
        va, vb, vo = a.get(name, MISSING), b.get(name, MISSING), base.get(name, MISSING)
        if same(va, vb):
            value = va
        elif same(va, vo):
            value = vb
        elif same(vb, vo):
            value = va
        else:
            value = winner.get(name, MISSING)
            lost = loser.get(name, MISSING)
            if name not in TOMBSTONE:
                fields.append((name, value, lost))
        if value is not MISSING:
            merged[name] = value
    title = title_of(merged) or title  # conflicts name the record as it now is
    if dead_a != dead_b and not base.get("deleted_at"):
        live, dead = (b, a) if dead_a else (a, b)
        if not same(body(live), body(base)):
            for name in TOMBSTONE:
                merged.pop(name, None)
            changed = [n for n in sorted(body(live).keys() | body(base).keys())
                       if not same(live.get(n, MISSING), base.get(n, MISSING))]
            notes.add(Conflict(
                "delete", table, rid, title, "deleted_at", "kept", "deleted",
                str(live.get("updated_by", "")), str(dead.get("deleted_by", "")),
                f"kept: {dead.get('deleted_by') or 'someone'} deleted it, but "
                f"{live.get('updated_by') or 'someone'} changed {', '.join(changed)}"))
    for name, value, lost in fields:
        notes.add(Conflict("field", table, rid, title, name, value, lost,
                           str(winner.get("updated_by", "")), str(loser.get("updated_by", "")),
                           why_won(winner, loser, whole=False)))
    result = content(merged)
    if same(result, content(winner)):
        return winner
    if same(result, content(loser)):
        return loser
    later = max(a.get("updated_at"), b.get("updated_at"), key=lambda v: (save_time(v), str(v)))
    merged.update(rev=max(rev_of(a), rev_of(b)) + 1, updated_at=later,
                  updated_by=winner.get("updated_by", ""))
    if not _valid(table, rid, merged):
        # Edits of different fields can break a rule together (green crossing red): the
        # record is then decided whole, as if there were no common version.
        notes.found[:] = [c for c in notes.found if c.record_id != rid or c.table != table]
        return _decide_whole(table, rid, a, b, winner, loser, title, notes,
                             extra="the two sides' edits together break a rule")
    return merged


def _decide_whole(table: str, rid: str, a: Record, b: Record, winner: Record,
                  loser: Record, title: str, notes: _Notes, extra: str = "") -> Record:
    """No common version (or one that cannot be combined): the rule decides the record."""
    dead_a, dead_b = bool(a.get("deleted_at")), bool(b.get("deleted_at"))
    if dead_a != dead_b:
        live, dead = (b, a) if dead_a else (a, b)
        if same(body(live), body(dead)):
            return dead  # the delete saw this very version: it stands, nothing to say
        title = title_of(live) or title
        # A delete adds one edit to the version it saw; a live side with as many edits
        # changed the record after that version, so its work is kept.
        if rev_of(live) >= rev_of(dead):
            notes.add(Conflict(
                "delete", table, rid, title, "deleted_at", "kept", "deleted",
                str(live.get("updated_by", "")), str(dead.get("deleted_by", "")),
                f"kept: {dead.get('deleted_by') or 'someone'} deleted it, but "
                f"{live.get('updated_by') or 'someone'} had edited it too"))
            return live
        notes.add(Conflict(
            "delete", table, rid, title, "deleted_at", "deleted", "kept",
            str(dead.get("deleted_by", "")), str(live.get("updated_by", "")),
            f"deleted: {dead.get('deleted_by') or 'someone'} deleted it after more edits "
            f"({rev_of(dead)} against {rev_of(live)}) than "
            f"{live.get('updated_by') or 'the other side'}'s version has"))
        return dead
    why = extra or why_won(winner, loser, whole=True)
    for name in sorted(body(a).keys() | body(b).keys()):
        kept, lost = winner.get(name, MISSING), loser.get(name, MISSING)
        if not same(kept, lost):
            notes.add(Conflict("field", table, rid, title, name, kept, lost,
                               str(winner.get("updated_by", "")),
                               str(loser.get("updated_by", "")), why))
    return winner


def _valid(table: str, rid: str, record: Record) -> bool:
    model = TABLES.get(table)
    if model is None:
        return True
    try:
        model.model_validate({**record, "id": rid})
    except ValidationError:
        return False
    return True


# ---- whole workspaces --------------------------------------------------------------------


def merge3(base: Mapping[str, Table] | None, ours: Mapping[str, Table],
           theirs: Mapping[str, Table]) -> MergeResult:
    """Three-way merge of two workspaces that share the ancestor `base` (git's merge).

    Commutative (`merge3(o, a, b)` and `merge3(o, b, a)` give the same tables) and
    idempotent (merging the result again with either side changes nothing).
    """
    return _merge(base or {}, ours, theirs)


def merge2(a: Mapping[str, Table], b: Mapping[str, Table],
           base: Mapping[str, Table] | None = None) -> MergeResult:
    """Merge two versions of a workspace (a sync tool's conflict copy into the file).

    `base` may hold, per record, an ancestor version of it (see `pick_base`); records
    without one that differ are decided whole by the rule.
    """
    return _merge(base or {}, a, b)


def _merge(base: Mapping[str, Table], a: Mapping[str, Table],
           b: Mapping[str, Table]) -> MergeResult:
    notes = _Notes()
    out: RawTables = {}
    for name in sorted(a.keys() | b.keys()):
        if name == CONFLICTS_TABLE:
            continue
        ta, tb, to = a.get(name, {}), b.get(name, {}), base.get(name, {})
        table: Table = {}
        for rid in sorted(ta.keys() | tb.keys()):
            ra, rb = ta.get(rid), tb.get(rid)
            if ra is None or rb is None:
                table[rid] = ra if rb is None else rb  # type: ignore[assignment]
            else:
                table[rid] = _merge_record(name, rid, to.get(rid), ra, rb, notes)
        out[name] = table
    _bring_back_parents(out, a, b, notes)
    notes.found.extend(rule_notes(out))
    known = {**a.get(CONFLICTS_TABLE, {})}
    for rid, record in b.get(CONFLICTS_TABLE, {}).items():
        mine = known.get(rid)
        if mine is None or value_rank(record) > value_rank(mine):
            known[rid] = record
    new: dict[str, Conflict] = {}
    for conflict in notes.found:
        if conflict.id not in known:
            new.setdefault(conflict.id, conflict)
    if known or new:
        out[CONFLICTS_TABLE] = {**known, **{cid: c.as_record() for cid, c in new.items()}}
    ordered = sorted(new.values(), key=lambda c: (c.table, c.record_id, c.kind, c.field))
    return MergeResult(out, tuple(ordered))


def _live(record: Record | None) -> bool:
    return record is not None and not record.get("deleted_at")


def _bring_back_parents(out: RawTables, a: Mapping[str, Table], b: Mapping[str, Table],
                        notes: _Notes) -> None:
    """A live record one side added under a parent the other side deleted (a check-in on a
    key result deleted meanwhile) brings the parent back, as that side has it."""
    changed = True
    while changed:
        changed = False
        for child_table, (link, parent_table) in PARENTS.items():
            parents = out.get(parent_table, {})
            for cid, child in out.get(child_table, {}).items():
                pid = child.get(link)
                parent = parents.get(pid) if isinstance(pid, str) else None
                if not _live(child) or parent is None or _live(parent):
                    continue
                for side, other in ((a, b), (b, a)):
                    theirs = side.get(parent_table, {}).get(pid)
                    if (_live(theirs) and _live(side.get(child_table, {}).get(cid))
                            and not _live(other.get(child_table, {}).get(cid))):
                        parents[pid] = theirs  # type: ignore[assignment]
                        kind = KIND_NAMES.get(child_table, child_table)
                        who = str(child.get("author") or child.get("updated_by") or "")
                        if other.get(child_table, {}).get(cid) is None:
                            why = f"{who or 'someone'} added a {kind} to it"
                        else:  # kept itself (edited against a delete, or brought back)
                            why = f"its {kind} {cid[:8]} was kept"
                        notes.add(Conflict(
                            "parent", parent_table, pid, title_of(theirs), "deleted_at", "kept",
                            "deleted", who, str(parent.get("deleted_by", "")),
                            f"kept: {parent.get('deleted_by') or 'someone'} deleted it, but "
                            f"{why}"))
                        changed = True
                        break
