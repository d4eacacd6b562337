"""The workspace aggregate: typed, lazily validated access to a file's raw tables.

A workspace file can hold years of a team's history. Validating every record on every
command would make history expensive, so records are validated when they are read and
written, and the raw dictionaries (with any fields a newer okrtui added) are kept as they
are for everything a command does not touch.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from typing import Any, TypeVar

import orjson
from pydantic import ValidationError

from okrtui.domain.records.archived import History, ReadsHistory
from okrtui.domain.records.canonical import stored_time
from okrtui.domain.records.errors import NotFound, OkrError, describe
from okrtui.domain.records.latest import checkin_order, horizon, measurement_order, not_future
from okrtui.domain.records.models import (
    KIND_NAMES,
    KPI,
    CheckIn,
    Initiative,
    KeyResult,
    Measurement,
    Objective,
    Record,
    Settings,
)
from okrtui.domain.records.placement import ARCHIVED_TABLES, FAMILY, period_year

R = TypeVar("R", bound=Record)
RawTables = dict[str, dict[str, dict[str, Any]]]

SCHEMA_VERSION = 2
META_TABLE = "meta"
SETTINGS_TABLE = "settings"

# Which field of a child table points at its parent record.
PARENT_FIELD: dict[str, str] = {
    "key_results": "objective_id",
    "checkins": "kr_id",
    "measurements": "kpi_id",
    "initiatives": "kr_id",
}


class InvalidRecord(OkrError):
    """A record in the file breaks the model (a teammate's hand edit, a broken sync)."""


def schema_of(tables: Mapping[str, Any] | None) -> int:
    """The schema version that tables declare: 0 when they declare none (a file from
    before okrtui stamped its files). A declared version that is not a whole number of
    at least 0 (a hand edit: "abc", -1, null, a list) is an InvalidRecord."""
    meta = tables.get(META_TABLE, {}).get("meta", {}) if tables else {}
    value = meta.get("schema", 0)
    if type(value) is not int or value < 0:
        try:
            written = orjson.dumps(value).decode()[:40]
        except TypeError:
            written = type(value).__name__
        raise InvalidRecord(f"meta: schema is {written}, not a version number (a whole "
                            "number from 0)")
    return value


class Workspace(ReadsHistory):
    """Records of one workspace over raw TinyDB-shaped tables (table -> id -> document).

    The tables are the open file's; `history`, when given, adds the archives of the years
    a question needs (see `placement` and `archived`). Every reading method below sees the
    whole workspace: it adds the archives it needs first.
    """

    def __init__(self, tables: MutableMapping[str, dict[str, dict[str, Any]]] | None = None,
                 history: History | None = None) -> None:
        # The store hands in tables that parse themselves on first read (a team's history
        # is large), so tables are only ever read with .get() when a command needs them.
        self.tables = tables if tables is not None else {}
        self.history = history
        self.attached: set[int] = set()
        """The years whose archives the tables include."""
        self._attaching = threading.Lock()
        self._cache: dict[tuple[str, str], Record] = {}
        self._children: dict[str, dict[str, list[str]]] = {}
        self._owned: set[str] = set()
        self.changed: list[tuple[str, str]] = []
        self.touched: dict[tuple[str, str], tuple[dict[str, Any] | None, dict[str, Any]]] = {}
        """Each record this workspace wrote: (its stored fields before the first write,
        None for a new record; its stored fields now). What an undo journal records."""

    def scratch(self) -> Workspace:
        """A copy to try an action's records on, one after another (a plan checks each
        against the ones before it); this workspace stays as it is. Tables are copied only
        when the copy first changes them, and nothing already parsed is parsed again."""
        tables = self.tables
        return Workspace(tables.copy() if hasattr(tables, "copy") else dict(tables))

    # ---- reading -------------------------------------------------------------------

    @property
    def schema(self) -> int:
        """Schema version the file declares (0 for a file that declares none)."""
        return schema_of(self.tables)

    @property
    def settings(self) -> Settings:
        """Workspace settings, defaults where the file says nothing."""
        raw = self.tables.get(SETTINGS_TABLE, {}).get("settings", {})
        try:
            return Settings.model_validate(raw)
        except ValidationError as exc:
            raise InvalidRecord(f"settings are invalid: {describe(exc)}") from exc

    def raw(self, table: str, record_id: str) -> dict[str, Any] | None:
        """The stored dictionary of a record, unvalidated (None when there is none)."""
        found = self.tables.get(table, {}).get(record_id)
        if found is None and table in ARCHIVED_TABLES and self.history is not None:
            self.with_history()  # not an open record: maybe history
            found = self.tables.get(table, {}).get(record_id)
        return found

    def get(self, table: str, record_id: str, model: type[R]) -> R:
        """The validated record `record_id` of `table` (tombstones included)."""
        key = (table, record_id)
        cached = self._cache.get(key)
        if cached is None:
            raw = self.tables.get(table, {}).get(record_id)
            if raw is None and table in ARCHIVED_TABLES:
                self.with_history()  # not an open record: maybe history
                raw = self.tables.get(table, {}).get(record_id)
            if raw is None:
                raise NotFound(f"no {KIND_NAMES.get(table, table)} with id {record_id}")
            try:
                cached = model.model_validate({**raw, "id": record_id})
            except ValidationError as exc:
                raise InvalidRecord(
                    f"{KIND_NAMES.get(table, table)} {record_id[:8]} is invalid: {describe(exc)}"
                ) from exc
            self._cache[key] = cached
        return cached  # type: ignore[return-value]

    def records(self, table: str, model: type[R], *, deleted: bool = False) -> Iterator[R]:
        """Every record of a table, live ones only unless `deleted`."""
        self._whole(table)
        yield from self._records(table, model, deleted=deleted)

    def _records(self, table: str, model: type[R], *, deleted: bool = False) -> Iterator[R]:
        """Every record of the tables as they are read now (no archive added)."""
        for record_id, raw in self.tables.get(table, {}).items():
            if not deleted and raw.get("deleted_at"):
                continue
            yield self.get(table, record_id, model)

    def _child_ids(self, table: str, parent_id: str) -> list[str]:
        """Ids of every record of `table` (tombstones too) whose parent is `parent_id`."""
        parent_table = FAMILY.get(table, (None, None))[1]
        if parent_table and self.history is not None and \
                parent_id not in self.tables.get(parent_table, {}):
            self.with_history()  # children live with their parent: maybe in an archive
        index = self._children.get(table)
        if index is None:
            index = {}
            field = PARENT_FIELD[table]
            for record_id, raw in self.tables.get(table, {}).items():
                index.setdefault(str(raw.get(field)), []).append(record_id)
            self._children[table] = index
        return index.get(parent_id, [])

    def children(self, table: str, parent_id: str, model: type[R]) -> list[R]:
        """Live records of `table` whose parent field points at `parent_id`."""
        out = [self.get(table, i, model) for i in self._child_ids(table, parent_id)]
        return [r for r in out if not r.deleted]

    def newest_children(self, table: str, parent_id: str, model: type[R], field: str,
                        order: Callable[[R], Any], count: int,
                        limit: dt.datetime | None = None) -> list[R]:
        """The last `count` live children of `parent_id` in `order`, oldest first, where
        `order` starts with `field`, an ISO date or date-time.

        Only those records (and any that share their `field`) are validated: the newest
        check-in of each key result or the last days of a KPI are what scores and
        sparklines show, and a team's years of older records need not be. The raw field
        picks them out; where it does not read as an ISO date or time, every child is
        validated, as `children` does. With a horizon `limit` (see latest.py), records
        dated at or after it rank below all others, as `order` must rank them too.
        """
        rows = self.tables.get(table, {})
        # Dates compare as dates and times as times: a date string read as a time is
        # midnight, which orders the same, so one parser serves both (a time without a
        # zone is UTC, as the models read it).
        keyed: list[tuple[bool, dt.datetime, str]] | None = []
        for i in self._child_ids(table, parent_id):
            raw = rows[i]
            if raw.get("deleted_at"):
                continue
            moment = stored_time(raw.get(field))
            if moment is None:
                keyed = None  # not as this okrtui writes it: validation says what is wrong
                break
            keyed.append((not_future(moment, limit), moment, i))
        if keyed is not None:
            keyed.sort(reverse=True)
        if keyed is None:
            return sorted(self.children(table, parent_id, model), key=order)[-count:]
        if len(keyed) > count:
            cut = keyed[count - 1][:2]
            keyed = [k for k in keyed if k[:2] >= cut]
        chosen = [self.get(table, i, model) for _, _, i in keyed]
        return sorted((r for r in chosen if not r.deleted), key=order)[-count:]

    def live_count(self, table: str, parent_id: str) -> int:
        """How many live children `parent_id` has in `table`, without validating them."""
        rows = self.tables.get(table, {})
        return sum(1 for i in self._child_ids(table, parent_id)
                   if not rows[i].get("deleted_at"))

    def objective(self, record_id: str) -> Objective:
        """The objective with this exact id."""
        return self.get("objectives", record_id, Objective)

    def key_result(self, record_id: str) -> KeyResult:
        """The key result with this exact id."""
        return self.get("key_results", record_id, KeyResult)

    def kpi(self, record_id: str) -> KPI:
        """The KPI with this exact id."""
        return self.get("kpis", record_id, KPI)

    def objectives(self, period: str | None = None, owner: str | None = None) -> list[Objective]:
        """Live objectives, optionally of one period and owner, in a stable order."""
        if period is None:
            self.with_history()
        elif self.history is not None:
            # A graded period lives in its year's archive; the open period is read from
            # the open file alone unless that archive has objectives of it too.
            year = period_year(period)
            if year in self.history.years() and year not in self.attached and \
                    self.history.period_counts([year]).get(period):
                self.attach([year])
        out = [
            o
            for o in self._records("objectives", Objective)
            if (period is None or o.period == period) and (owner is None or o.owner == owner)
        ]
        return sorted(out, key=lambda o: (o.period, o.owner.lower(), o.created_at, o.id))

    def key_results(self, objective_id: str) -> list[KeyResult]:
        """Live key results of an objective, in their order."""
        krs = self.children("key_results", objective_id, KeyResult)
        return sorted(krs, key=lambda k: (k.position, k.created_at, k.id))

    def checkins(self, kr_id: str) -> list[CheckIn]:
        """Live check-ins of a key result, oldest first."""
        return sorted(self.children("checkins", kr_id, CheckIn), key=lambda c: (c.at, c.id))

    def latest_checkin(self, kr_id: str, today: dt.date | None = None) -> CheckIn | None:
        """The newest live check-in of a key result (validating only it); with `today`,
        one dated beyond tomorrow by a skewed clock is newest only where nothing else is
        (see latest.py)."""
        found = self.newest_children("checkins", kr_id, CheckIn, "at", checkin_order(today),
                                     1, horizon(today))
        return found[-1] if found else None

    def kpis(self, owner: str | None = None) -> list[KPI]:
        """Live KPIs, optionally of one owner, by name."""
        out = [k for k in self.records("kpis", KPI) if owner is None or k.owner == owner]
        return sorted(out, key=lambda k: (k.name.lower(), k.id))

    def measurements(self, kpi_id: str) -> list[Measurement]:
        """Live measurements of a KPI, oldest first (its whole history)."""
        self._whole("measurements")
        ms = self.children("measurements", kpi_id, Measurement)
        return sorted(ms, key=lambda m: (m.date, m.at, m.id))

    def recent_measurements(self, kpi_id: str, count: int,
                            today: dt.date | None = None) -> list[Measurement]:
        """The newest `count` live measurements of a KPI, oldest first (validating only
        those): what a sparkline and a latest value need of years of history. With
        `today`, values dated beyond tomorrow rank first (see latest.py)."""
        return self.newest_children("measurements", kpi_id, Measurement, "date",
                                    measurement_order(today), count, horizon(today))

    def initiatives(self, kr_id: str) -> list[Initiative]:
        """Live initiatives of a key result."""
        return self.children("initiatives", kr_id, Initiative)

    def periods(self) -> list[str]:
        """Every period that has a live objective, sorted."""
        return sorted(self.period_counts())

    # ---- writing -------------------------------------------------------------------

    def _table_for_write(self, table: str) -> dict[str, dict[str, Any]]:
        # Copy-on-write: the tables may be shared with the store's cache of the file, which
        # must stay as it was if this change is refused half-way.
        if table not in self._owned:
            self.tables[table] = dict(self.tables.get(table, {}))
            self._owned.add(table)
        return self.tables[table]

    def insert(self, table: str, record: Record) -> None:
        """Store a brand-new record (a fresh id) without reading the rest of its table.

        Tables from the store can take a new record aside (`append_new`) and splice it into
        the file, so a check-in does not parse years of older check-ins.
        """
        raw = record.model_dump(mode="json", exclude={"id"})
        append = getattr(self.tables, "append_new", None)
        if append is None or not append(table, record.id, raw):
            self.put(table, record)
            return
        self._cache[(table, record.id)] = record
        field = PARENT_FIELD.get(table)
        index = self._children.get(table)
        if field and index is not None:
            index.setdefault(str(raw.get(field)), []).append(record.id)
        self.changed.append((table, record.id))
        self.touched[(table, record.id)] = (None, raw)

    def put(self, table: str, record: Record) -> None:
        """Store a record, keeping any fields of the stored one this okrtui does not know."""
        rows = self._table_for_write(table)
        old = rows.get(record.id)
        new = record.model_dump(mode="json", exclude={"id"})
        rows[record.id] = {**old, **new} if old else new
        first = self.touched.get((table, record.id))
        self.touched[(table, record.id)] = (old if first is None else first[0],
                                            rows[record.id])
        self._cache[(table, record.id)] = record
        field = PARENT_FIELD.get(table)
        index = self._children.get(table)
        if field and index is not None:
            parent = str(new.get(field))
            before = str(old.get(field)) if old else None
            if before != parent:
                if before is not None and record.id in index.get(before, []):
                    index[before].remove(record.id)
                index.setdefault(parent, []).append(record.id)
        self.changed.append((table, record.id))

    def put_settings(self, settings: Settings) -> None:
        """Store workspace settings."""
        rows = self._table_for_write(SETTINGS_TABLE)
        rows["settings"] = {**rows.get("settings", {}), **settings.model_dump(mode="json")}
        self.changed.append((SETTINGS_TABLE, "settings"))

    def replace_tables(self, tables: RawTables) -> None:
        """Hold `tables` from now on (a merge's result): every table that differs is
        replaced, and what was read from the old tables is forgotten."""
        for name, table in tables.items():
            if name not in self.tables or self.tables[name] != table:
                self.tables[name] = table
                self._owned.add(name)
                self.changed.append((name, "*"))
        self._cache.clear()
        self._children.clear()

    def stamp_schema(self) -> None:
        """Declare the schema version this okrtui writes."""
        meta = self.tables.get(META_TABLE, {}).get("meta", {})
        if meta.get("schema") != SCHEMA_VERSION or meta.get("app") != "okrtui":
            rows = self._table_for_write(META_TABLE)
            rows["meta"] = {**meta, "schema": SCHEMA_VERSION, "app": "okrtui"}
            self.changed.append((META_TABLE, "meta"))
