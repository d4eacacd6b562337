"""Writing one transaction to the files of a workspace, in an order that loses nothing.

Most saves touch the open file alone (a check-in on an open key result, an edit, a new
objective): the transaction then writes that one file, as it always did. A save that
involves an archive (grading moves a period's objectives, with their key results,
check-ins and initiatives, into its year's archive; a late check-in on a graded key result
goes to that archive; a merge puts every record where it belongs) is planned here:

1. every changed record, and every member of a family whose objective changed files, is
   given its home (`okrtui.domain.records.placement`);
2. every file that the transaction changes is written with what it gains and with the
   final version of every record it holds, those that are leaving it included; the open
   file first, then the archives;
3. only then are the records that left removed from the files they left.

Each file is replaced atomically, so a crash at any moment leaves every record in at
least one file: between steps 2 and 3 a moved record is in both, the same version twice,
and reading the workspace keeps one (the version a merge keeps). The open file never
holds an older version of a record than another file does, so what is open can always
be read from the open file alone. A record is removed from a file only when its home,
another file, has it. All of this happens under the one lock of the workspace, so no
other okrtui writes meanwhile.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from okrtui.domain.records.placement import (
    ARCHIVED_TABLES,
    COMPACT_AT,
    FAMILY,
    Home,
    measurements_to_archive,
    objective_home,
)
from okrtui.domain.records.workspace import META_TABLE, Workspace
from okrtui.store.lazytables import LazyTables
from okrtui.store.union import merged

Record = dict[str, Any]
Files = dict[Home, LazyTables]


@dataclass
class FileChange:
    """What one file gains (records put, new or changed) and loses (records dropped)."""

    puts: dict[str, dict[str, Record]] = field(default_factory=dict)
    drops: dict[str, set[str]] = field(default_factory=dict)

    def put(self, table: str, rid: str, record: Record) -> None:
        self.puts.setdefault(table, {})[rid] = record

    def drop(self, table: str, rid: str) -> None:
        self.drops.setdefault(table, set()).add(rid)


def involves_archives(ws: Workspace) -> bool:
    """Whether the transaction's changes concern an archive (else the open file alone is
    written, as it is: records added aside are spliced in without parsing their table)."""
    if ws.attached or any(rid == "*" and table in ARCHIVED_TABLES
                          for table, rid in ws.changed):
        return True
    if ("meta", "migration") in ws.changed and ws.tables.get("objectives"):
        return True  # an older file: its graded periods move out once
    changed = {table for table, _ in ws.changed}
    if "objectives" in changed:
        rows = ws.tables.get("objectives", {})
        if any(objective_home(rows.get(rid) or {}) is not None
               for table, rid in ws.changed if table == "objectives"):
            return True
    if "measurements" in changed:
        rows = ws.tables.get("measurements", {})
        kpis = {str((rows.get(rid) or {}).get("kpi_id"))
                for table, rid in ws.changed if table == "measurements"}
        counts: dict[str, int] = {}
        for raw in rows.values():
            kpi = str(raw.get("kpi_id"))
            if kpi in kpis and not raw.get("deleted_at"):
                counts[kpi] = counts.get(kpi, 0) + 1
        if any(n >= COMPACT_AT for n in counts.values()):
            return True
    return False


def years_involved(ws: Workspace, archive_years: tuple[int, ...]) -> set[int]:
    """The archives a planned commit must read: those the transaction read, and every
    one for a merge or a migration (they put every record where it belongs)."""
    if any(rid == "*" for _, rid in ws.changed) or ("meta", "migration") in ws.changed:
        return set(archive_years)
    return set(ws.attached)


class _Plan:
    """Works out where each record goes."""

    def __init__(self, ws: Workspace, files: Files) -> None:
        self.ws = ws
        self.files = files
        self.edited: set[tuple[str, str]] = set()
        self._homes: dict[tuple[str, str], Home] = {}
        self._compacted: dict[str, int] = {}
        self._children: dict[str, list[tuple[str, str]]] | None = None
        self._values: dict[tuple[str, str], Record | None] = {}

    def present(self, table: str, rid: str) -> list[Home]:
        """The files that hold a version of the record now."""
        return [home for home, data in self.files.items()
                if rid in (data.get(table) or {})]

    def value(self, table: str, rid: str) -> Record | None:
        """The record as the transaction leaves it: its changed version, else the version
        a merge keeps of those the files hold."""
        key = (table, rid)
        if key in self._values:
            return self._values[key]
        if key in self.edited:
            found = (self.ws.tables.get(table) or {}).get(rid)
        else:
            versions = [self.files[h][table][rid] for h in self.present(table, rid)]
            if not versions:
                found = (self.ws.tables.get(table) or {}).get(rid)
            elif len(versions) == 1:
                found = versions[0]
            else:
                found = merged([{rid: v} for v in versions], table)[rid]
        self._values[key] = found
        return found

    def home(self, table: str, rid: str) -> Home:
        """Where the record belongs."""
        key = (table, rid)
        if key in self._homes:
            return self._homes[key]
        self._homes[key] = None  # a broken chain of parents (a cycle) ends in the open file
        raw = self.value(table, rid) or {}
        if table == "objectives":
            home = objective_home(raw)
        elif table in FAMILY:
            link, parent_table = FAMILY[table]
            parent = raw.get(link)
            if isinstance(parent, str) and self.value(parent_table, parent) is not None:
                home = self.home(parent_table, parent)
            else:  # an orphan (a merge kept a child of a missing parent): stays put
                where = self.present(table, rid)
                home = where[0] if where else None
        elif table == "measurements":
            where = [h for h in self.present(table, rid) if h is not None]
            home = self._compacted.get(rid, where[0] if where else None)
        else:
            home = None
        self._homes[key] = home
        return home

    def family(self, objective_id: str) -> list[tuple[str, str]]:
        """The key results of an objective, with their check-ins and initiatives."""
        if self._children is None:
            self._children = {}
            for table, (link, _) in FAMILY.items():
                for rid, raw in (self.ws.tables.get(table) or {}).items():
                    parent = raw.get(link)
                    if isinstance(parent, str):
                        self._children.setdefault(parent, []).append((table, rid))
        members: list[tuple[str, str]] = []
        for member in self._children.get(objective_id, []):
            if member[0] == "key_results":
                members.append(member)
                members.extend(self._children.get(member[1], []))
        return members

    def compact(self, kpis: set[str]) -> list[tuple[str, str]]:
        """Measurements of `kpis` that leave the open file for an archive."""
        rows = self.files[None].get("measurements") or {}
        by_kpi: dict[str, dict[str, Record]] = {}
        for rid, raw in rows.items():
            if str(raw.get("kpi_id")) in kpis:
                by_kpi.setdefault(str(raw.get("kpi_id")), {})[rid] = raw
        for key, raw in (self.ws.tables.get("measurements") or {}).items():
            if ("measurements", key) in self.edited and str(raw.get("kpi_id")) in kpis:
                by_kpi.setdefault(str(raw.get("kpi_id")), {})[key] = raw
        moving: list[tuple[str, str]] = []
        for series in by_kpi.values():
            for rid, year in measurements_to_archive(series).items():
                self._compacted[rid] = year
                moving.append(("measurements", rid))
        return moving


def plan(ws: Workspace, files: Files) -> dict[Home, FileChange]:
    """Per file, what the transaction makes it gain and lose."""
    p = _Plan(ws, files)
    changed: list[tuple[str, str]] = []
    marks = list(ws.changed)
    if ("meta", "migration") in marks:
        # A migration may have changed any table: every record is placed (and written).
        marks.extend((table, "*") for table in ws.tables)
    for table, rid in dict.fromkeys(marks):
        if (table, rid) == ("meta", "migration"):
            continue
        if rid == "*":
            ids = set(ws.tables.get(table) or {})
            for data in files.values():
                ids |= set(data.get(table) or {})
            changed.extend((table, i) for i in sorted(ids))
        else:
            changed.append((table, rid))
    p.edited = {key for key in changed if key[1] != "*"}
    todo = list(dict.fromkeys(changed))
    for table, rid in list(todo):
        if table == "objectives":
            todo.extend(p.family(rid))
    kpis = {str((ws.tables.get("measurements") or {}).get(rid, {}).get("kpi_id"))
            for table, rid in todo if table == "measurements"}
    if kpis:
        todo.extend(p.compact(kpis))
    out: dict[Home, FileChange] = {}
    for table, rid in dict.fromkeys(todo):
        record = p.value(table, rid)
        if record is None:
            continue  # nowhere to be found: nothing to write (never a removal)
        home = p.home(table, rid)
        target = files.get(home)
        current = (target.get(table) or {}).get(rid) if target is not None else None
        if current is None or current != record:
            out.setdefault(home, FileChange()).put(table, rid, record)
        for elsewhere in p.present(table, rid):
            if elsewhere != home:
                change = out.setdefault(elsewhere, FileChange())
                if files[elsewhere][table][rid] != record:
                    change.put(table, rid, record)  # its final version, until it leaves
                change.drop(table, rid)
    return out


def with_changes(data: LazyTables, change: FileChange, *, drops: bool) -> LazyTables:
    """A copy of `data` with `change`'s puts (and its drops, when `drops`) applied. New
    records are spliced into their table's lines and dropped ones cut out of them (a
    table's bytes are not encoded again for that); a changed record replaces its table."""
    out = data.copy()
    for table, rows in change.puts.items():
        existing = out.get(table) or {}
        fresh = {rid: record for rid, record in rows.items() if rid not in existing}
        if len(fresh) < len(rows) or not all(out.append_new(table, rid, record)
                                             for rid, record in fresh.items()):
            out[table] = {**(out.get(table) or {}), **rows}
    if drops:
        for table, ids in change.drops.items():
            if not out.remove(table, set(ids)):
                out[table] = {rid: r for rid, r in (out.get(table) or {}).items()
                              if rid not in ids}
    return out


def stamp_archive(data: LazyTables, meta: Mapping[str, Any]) -> LazyTables:
    """`data` with the archive's meta record (a copy, when it changes)."""
    current = (data.get(META_TABLE) or {}).get("meta", {})
    if all(current.get(k) == v for k, v in meta.items()):
        return data
    out = data.copy()
    out[META_TABLE] = {"meta": {**current, **meta}}
    return out
