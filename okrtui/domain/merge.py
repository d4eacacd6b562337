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

import datetime as dt
import hashlib
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import orjson
from pydantic import ValidationError

from okrtui.domain.errors import OkrError, describe
from okrtui.domain.models import KIND_NAMES, TABLES, Settings
from okrtui.domain.text import one_line, safe_text
from okrtui.domain.workspace import META_TABLE, SETTINGS_TABLE

Record = dict[str, Any]
Table = dict[str, Record]
RawTables = dict[str, Table]

CONFLICTS_TABLE = "conflicts"
STAMPS = ("rev", "updated_at", "updated_by")
TOMBSTONE = ("deleted_at", "deleted_by")

# child table -> (field naming its parent, parent table); children before their parents,
# so bringing back a key result can bring back its objective in the same pass.
PARENTS: dict[str, tuple[str, str]] = {
    "checkins": ("kr_id", "key_results"),
    "measurements": ("kpi_id", "kpis"),
    "initiatives": ("kr_id", "key_results"),
    "key_results": ("objective_id", "objectives"),
}


class _Missing:
    """A field a record does not have (distinct from a null value)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


class MergeRefused(OkrError):
    """A side of a merge is not a workspace okrtui can merge."""


# ---- canonical comparison ----------------------------------------------------------------


def canonical(value: Any) -> bytes:
    """The value's canonical JSON bytes (sorted keys): 1 and 1.0 and True all differ."""
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)


def same(x: Any, y: Any) -> bool:
    """Whether two JSON values are the same, as they would be written to the file."""
    if x is y:
        return True
    if x is MISSING or y is MISSING:
        return False
    return x == y and canonical(x) == canonical(y)


def _content(record: Record) -> Record:
    return {k: v for k, v in record.items() if k not in STAMPS}


def _body(record: Record) -> Record:
    return {k: v for k, v in record.items() if k not in STAMPS and k not in TOMBSTONE}


def _rev(record: Record) -> int:
    rev = record.get("rev", 1)
    return rev if isinstance(rev, int) and not isinstance(rev, bool) else 0


def _time(value: Any) -> tuple[int, float]:
    """A sortable save time: parsed ISO 8601 (naive read as UTC), else nothing."""
    if isinstance(value, str):
        try:
            parsed = dt.datetime.fromisoformat(value)
        except ValueError:
            return (0, 0.0)
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=dt.UTC)
        return (1, parsed.timestamp())
    return (0, 0.0)


def rank(record: Record) -> tuple[int, tuple[int, float], str, str]:
    """How a record ranks against another version of itself: more edits first, then the
    later save, then the author's name, then a hash of its content. Every part is read
    from the record, so both sides of a merge reach the same verdict."""
    digest = hashlib.sha256(canonical(record)).hexdigest()
    return (_rev(record), _time(record.get("updated_at")), str(record.get("updated_by", "")),
            digest)


def _value_rank(value: Any) -> tuple[int, float, bytes]:
    """The order of plain values (for records without an edit counter): numbers by size."""
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return (1, float(value), canonical(value))
    return (0, 0.0, b"" if value is MISSING else canonical(value))


# ---- conflicts ---------------------------------------------------------------------------


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
        what = f"{KIND_NAMES.get(self.table, self.table)} {self.record_id[:8]}"
        if self.title:
            what += f' "{one_line(safe_text(self.title), 40)}"'
        if self.kind == "field":
            return (f"{what}: {self.field}: kept {_show(self.kept)} ({self.kept_by or '?'}), "
                    f"not {_show(self.dropped)} ({self.dropped_by or '?'}): {self.reason}")
        return f"{what}: {self.reason}"

    def as_record(self) -> Record:
        """The conflict as a record of the `conflicts` table."""
        return {"kind": self.kind, "table": self.table, "record_id": self.record_id,
                "title": self.title, "field": self.field, "kept": _plain(self.kept),
                "dropped": _plain(self.dropped), "kept_by": self.kept_by,
                "dropped_by": self.dropped_by, "reason": self.reason, "message": self.line()}


def _plain(value: Any) -> Any:
    return None if value is MISSING else value


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


def _title(record: Record | None) -> str:
    if not record:
        return ""
    for key in ("title", "name", "note"):
        value = record.get(key)
        if isinstance(value, str) and value:
            return value
    return ""


def _why(winner: Record, loser: Record, *, whole: bool) -> str:
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
    for name in sorted(a.keys() | b.keys() | base.keys()):
        va, vb, vo = a.get(name, MISSING), b.get(name, MISSING), base.get(name, MISSING)
        if same(va, vb):
            value = va
        elif same(va, vo):
            value = vb
        elif same(vb, vo):
            value = va
        else:
            value, lost = (va, vb) if _value_rank(va) > _value_rank(vb) else (vb, va)
            if notes is not None:
                notes.add(Conflict("field", table, rid, _title(a) or rid, name, value, lost,
                                   "", "", "changed on both sides; the larger value was kept"))
        if value is not MISSING:
            out[name] = value
    return out


def _merge_record(table: str, rid: str, base: Record | None, a: Record, b: Record,
                  notes: _Notes) -> Record:
    """One record present on both sides."""
    if same(a, b):
        return a
    if "rev" not in a and "rev" not in b:
        quiet = table in (META_TABLE, CONFLICTS_TABLE)
        return _merge_plain(base, a, b, None if quiet else notes, table, rid)
    winner, loser = (a, b) if rank(a) > rank(b) else (b, a)
    title = _title(winner) or _title(loser)
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
    title = _title(merged) or title  # conflicts name the record as it now is
    if dead_a != dead_b and not base.get("deleted_at"):
        live, dead = (b, a) if dead_a else (a, b)
        if not same(_body(live), _body(base)):
            for name in TOMBSTONE:
                merged.pop(name, None)
            changed = [n for n in sorted(_body(live).keys() | _body(base).keys())
                       if not same(live.get(n, MISSING), base.get(n, MISSING))]
            notes.add(Conflict(
                "delete", table, rid, title, "deleted_at", "kept", "deleted",
                str(live.get("updated_by", "")), str(dead.get("deleted_by", "")),
                f"kept: {dead.get('deleted_by') or 'someone'} deleted it, but "
                f"{live.get('updated_by') or 'someone'} changed {', '.join(changed)}"))
    for name, value, lost in fields:
        notes.add(Conflict("field", table, rid, title, name, value, lost,
                           str(winner.get("updated_by", "")), str(loser.get("updated_by", "")),
                           _why(winner, loser, whole=False)))
    content = _content(merged)
    if same(content, _content(winner)):
        return winner
    if same(content, _content(loser)):
        return loser
    later = max(a.get("updated_at"), b.get("updated_at"), key=lambda v: (_time(v), str(v)))
    merged.update(rev=max(_rev(a), _rev(b)) + 1, updated_at=later,
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
        if same(_body(live), _body(dead)):
            return dead  # the delete saw this very version: it stands, nothing to say
        title = _title(live) or title
        # A delete adds one edit to the version it saw; a live side with as many edits
        # changed the record after that version, so its work is kept.
        if _rev(live) >= _rev(dead):
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
            f"({_rev(dead)} against {_rev(live)}) than "
            f"{live.get('updated_by') or 'the other side'}'s version has"))
        return dead
    why = extra or _why(winner, loser, whole=True)
    for name in sorted(_body(a).keys() | _body(b).keys()):
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
        if mine is None or _value_rank(record) > _value_rank(mine):
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
    revived: set[tuple[str, str]] = set()
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
                        revived.add((parent_table, pid))
                        kind = KIND_NAMES.get(child_table, child_table)
                        who = str(child.get("author") or child.get("updated_by") or "")
                        if (child_table, cid) in revived:
                            why = f"its {kind} {cid[:8]} was kept"
                        else:
                            why = f"{who or 'someone'} added a {kind} to it"
                        notes.add(Conflict(
                            "parent", parent_table, pid, _title(theirs), "deleted_at", "kept",
                            "deleted", who, str(parent.get("deleted_by", "")),
                            f"kept: {parent.get('deleted_by') or 'someone'} deleted it, but "
                            f"{why}"))
                        changed = True
                        break


def rule_notes(tables: Mapping[str, Table]) -> list[Conflict]:
    """What a merge result breaks of the OKR limits (records are all kept; a person
    decides): more key results per objective, objectives per owner and period, or KPIs
    per owner than the workspace's settings allow."""
    try:
        settings = Settings.model_validate(tables.get(SETTINGS_TABLE, {}).get("settings", {}))
    except ValidationError:
        settings = Settings()
    found: list[Conflict] = []
    objectives = {i: r for i, r in tables.get("objectives", {}).items() if _live(r)}
    counts: dict[str, int] = {}
    for kr in tables.get("key_results", {}).values():
        oid = kr.get("objective_id")
        if _live(kr) and isinstance(oid, str) and oid in objectives:
            counts[oid] = counts.get(oid, 0) + 1
    for oid, count in sorted(counts.items()):
        if count > settings.max_key_results:
            found.append(Conflict(
                "rule", "objectives", oid, _title(objectives[oid]), "key_results", count,
                settings.max_key_results, "", "",
                f"has {count} key results after the merge (at most "
                f"{settings.max_key_results}): all were kept; remove or move one"))
    groups: dict[tuple[str, str], list[str]] = {}
    for oid, o in objectives.items():
        if o.get("owner") and o.get("status") != "draft":
            groups.setdefault((str(o.get("owner")), str(o.get("period"))), []).append(oid)
    for (owner, period), ids in sorted(groups.items()):
        if len(ids) > settings.max_objectives_per_owner:
            found.append(Conflict(
                "rule", "objectives", min(ids), f"{owner}, {period}", "owner", len(ids),
                settings.max_objectives_per_owner, "", "",
                f"{owner} has {len(ids)} objectives in {period} after the merge (at most "
                f"{settings.max_objectives_per_owner}): all were kept; make one a draft"))
    kpis: dict[str, list[str]] = {}
    for kid, k in tables.get("kpis", {}).items():
        if _live(k) and k.get("owner"):
            kpis.setdefault(str(k.get("owner")), []).append(kid)
    for owner, ids in sorted(kpis.items()):
        if len(ids) > settings.max_kpis_per_owner:
            found.append(Conflict(
                "rule", "kpis", min(ids), owner, "owner", len(ids),
                settings.max_kpis_per_owner, "", "",
                f"{owner} has {len(ids)} KPIs after the merge (at most "
                f"{settings.max_kpis_per_owner}): all were kept; delete one"))
    return found


def recorded_conflicts(tables: Mapping[str, Table]) -> list[Record]:
    """The conflicts a workspace keeps from earlier merges, each with its `id`, sorted by
    record and field (records of a newer okrtui's shape are shown as they are)."""
    rows = [{**record, "id": cid} for cid, record in tables.get(CONFLICTS_TABLE, {}).items()]
    return sorted(rows, key=lambda r: (str(r.get("table")), str(r.get("record_id")),
                                       str(r.get("field")), r["id"]))


# ---- checking inputs and choosing a base ---------------------------------------------------


def check_tables(tables: Mapping[str, Table]) -> None:
    """Refuse tables whose records do not validate through their models (one line that
    names the first bad record); a merge never starts from a broken side."""
    for name, model in TABLES.items():
        for rid, raw in tables.get(name, {}).items():
            try:
                model.model_validate({**raw, "id": rid})
            except ValidationError as exc:
                raise MergeRefused(f"{KIND_NAMES[name]} {rid[:8]} is invalid: "
                                   f"{describe(exc)}") from None
    try:
        Settings.model_validate(tables.get(SETTINGS_TABLE, {}).get("settings", {}))
    except ValidationError as exc:
        raise MergeRefused(f"settings are invalid: {describe(exc)}") from None


def differing(a: Mapping[str, Table], b: Mapping[str, Table]) -> list[tuple[str, str]]:
    """(table, id) of the records both sides have in different versions."""
    out: list[tuple[str, str]] = []
    for name in sorted(a.keys() & b.keys()):
        ta, tb = a[name], b[name]
        out.extend((name, rid) for rid in sorted(ta.keys() & tb.keys())
                   if not same(ta[rid], tb[rid]))
    return out


def pick_base(versions: Iterable[Record], a: Record, b: Record) -> Record | None:
    """The ancestor of two versions of one record, among older versions of it (backups).

    A candidate has no more edits than either side (`rev`), and is the very version of any
    side with as many edits. When one of the sides holds, in a field where it differs
    from the candidate, the value of a still older version, that side predates the
    candidate: an older one is tried. Erring towards an older base only turns a merged
    field into a reported conflict; a too-new base would silently undo an edit.
    """
    unique: dict[bytes, Record] = {}
    for version in versions:
        unique.setdefault(canonical(version), version)
    ordered = sorted(unique.values(), key=rank, reverse=True)
    low = min(_rev(a), _rev(b))
    for index, candidate in enumerate(ordered):
        rev = _rev(candidate)
        if rev > low:
            continue
        if any(rev == _rev(side) and not same(candidate, side) for side in (a, b)):
            continue
        older = ordered[index + 1:]
        if any(_predates(side, candidate, older) for side in (a, b)):
            continue
        return candidate
    return None


def _predates(side: Record, candidate: Record, older: list[Record]) -> bool:
    for name in _content(side).keys() | _content(candidate).keys():
        value = side.get(name, MISSING)
        if not same(value, candidate.get(name, MISSING)) and any(
                same(value, o.get(name, MISSING)) for o in older):
            return True
    return False
