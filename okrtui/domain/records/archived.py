"""What a Workspace asks of the files that hold its history (the store answers).

A Workspace starts on its open file alone (see `placement`). When a question needs the
history (a graded period, every objective, a KPI's whole series, an id that is not in the
open file), the Workspace asks its History to add the archives of the years it needs to
its tables; from then on it reads those tables as one.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from typing import Any, Protocol, Self

from okrtui.domain.records.errors import AmbiguousId, InvalidInput, NotFound
from okrtui.domain.records.models import KIND_NAMES, TABLES, Objective
from okrtui.domain.records.placement import ARCHIVED_TABLES

Tables = MutableMapping[str, dict[str, dict[str, Any]]]
ID_PREFIX_MIN = 4
_ID_CHARS = re.compile(r"^[0-9a-fA-F-]+$")


class History(Protocol):
    """The archives of one workspace."""

    def years(self, changed_since: dt.datetime | None = None) -> tuple[int, ...]:
        """The years that have an archive (only those written after `changed_since`)."""
        ...

    def period_counts(self, years: Iterable[int]) -> Mapping[str, int]:
        """How many live objectives each period has in the archives of `years` (read
        without the rest of those archives)."""
        ...

    def attach(self, tables: Tables, years: Iterable[int]) -> Tables:
        """`tables` together with the archives of `years`: the tables to read from now on."""
        ...


class ReadsHistory:
    """What a Workspace knows of its other files and versions: which archives its tables
    include, an id looked up in the open records first, and what an earlier version of
    it validated (kept where the records did not change)."""

    tables: Tables
    history: History | None
    attached: set[int]
    _attaching: threading.Lock
    _cache: dict[Any, Any]
    _children: dict[str, Any]

    def _records(self, table: str, model: Any, *, deleted: bool = False) -> Iterator[Any]:
        raise NotImplementedError  # the Workspace's

    def _child_ids(self, table: str, parent_id: str) -> list[str]:
        raise NotImplementedError  # the Workspace's

    def archive_years(self) -> tuple[int, ...]:
        """The years that have an archive."""
        return self.history.years() if self.history is not None else ()

    def attach(self, years: Iterable[int | None]) -> None:
        """Read the archives of `years` too from now on (those that exist)."""
        if self.history is None:
            return
        with self._attaching:
            wanted = set(self.history.years()) & {y for y in years if y is not None}
            wanted -= self.attached
            if not wanted:
                return
            self.tables = self.history.attach(self.tables, sorted(wanted))
            self.attached |= wanted
            # A record found in an archive too may now read as another version of itself.
            self._cache.clear()
            self._children.clear()

    def with_history(self, changed_since: dt.datetime | None = None) -> Self:
        """This workspace with every archive read (only those written after
        `changed_since`, when given); for code that reads the raw tables whole."""
        if self.history is not None:
            self.attach(self.history.years(changed_since))
        return self

    def _whole(self, table: str) -> None:
        """Every archive, before reading the whole of a table that archives hold."""
        if table in ARCHIVED_TABLES:
            self.with_history()

    def period_counts(self) -> dict[str, int]:
        """How many live objectives each period has (the archives' counted without
        reading the rest of them)."""
        counts = Counter(o.period for o in self._records("objectives", Objective))
        if self.history is not None:
            rest = [y for y in self.history.years() if y not in self.attached]
            counts.update(self.history.period_counts(rest))
        return dict(counts)

    def inherit(self, previous: ReadsHistory) -> None:
        """Keep what `previous` (an earlier version of the same workspace) validated and
        indexed, where this version holds the very same stored records: a teammate's
        check-in then costs the records it changed, not a whole dashboard of them."""
        tables: dict[str, tuple[Any, Any]] = {}
        for table, _rid in list(previous._cache):
            if table not in tables:
                mine = self.tables.get(table) if table in self.tables else None
                tables[table] = (mine, previous.tables.get(table))
        for (table, rid), record in list(previous._cache.items()):
            mine, theirs = tables[table]
            if mine is not None and theirs is not None and \
                    mine.get(rid) is not None and mine.get(rid) is theirs.get(rid):
                self._cache[(table, rid)] = record
        for table, index in list(previous._children.items()):
            if table in self.tables and _same_rows(self.tables.get(table),
                                                   previous.tables.get(table)):
                # A copy: this version's writes add to its index, never to the other's
                # (which a reader in another thread may be using).
                self._children[table] = {parent: list(ids) for parent, ids in index.items()}

    def holds_same(self, previous: ReadsHistory, table: str, record_id: str) -> bool:
        """Whether `previous` (an earlier version) holds the very same stored record (or
        neither holds one): nothing read from it can have changed between the two."""
        return self.tables.get(table, {}).get(record_id) is \
            previous.tables.get(table, {}).get(record_id)

    def same_children(self, previous: ReadsHistory, table: str, parent_id: str) -> bool:
        """Whether `previous` holds the very same records of `table` under `parent_id`
        (tombstones too), in the same order: none was added, changed or removed."""
        mine, theirs = self._child_ids(table, parent_id), previous._child_ids(table, parent_id)
        if mine != theirs:
            return False
        rows, old = self.tables.get(table, {}), previous.tables.get(table, {})
        return rows is old or all(rows[i] is old[i] for i in mine)

    def resolve(self, prefix: str, tables: tuple[str, ...] = tuple(TABLES)) -> tuple[str, str]:
        """Find the (table, id) an id or unique prefix of at least 4 characters names."""
        prefix = prefix.strip().lower()
        if len(prefix) < ID_PREFIX_MIN or not _ID_CHARS.match(prefix):
            raise InvalidInput(
                f"'{prefix}' is not an id (give at least {ID_PREFIX_MIN} characters of one)",
                field="id",
            )
        # The open records first: a prefix that names one of them means it (history is
        # read only for a prefix that names nothing open).
        try:
            return self._resolve(prefix, tables)
        except NotFound:
            if self.history is None or not any(t in ARCHIVED_TABLES for t in tables) or \
                    not set(self.history.years()) - self.attached:
                raise
        self.with_history()
        return self._resolve(prefix, tables)

    def _resolve(self, prefix: str, tables: tuple[str, ...]) -> tuple[str, str]:
        hits: list[tuple[str, str]] = []
        for table in tables:
            rows = self.tables.get(table, {})
            if prefix in rows and not rows[prefix].get("deleted_at"):
                return table, prefix
            hits.extend(
                (table, i) for i, raw in rows.items()
                if i.startswith(prefix) and not raw.get("deleted_at")
            )
        if not hits:
            kinds = " or ".join(KIND_NAMES[t] for t in tables)
            raise NotFound(f"no {kinds} has an id starting with '{prefix}'", field="id")
        if len(hits) > 1:
            raise AmbiguousId(
                f"'{prefix}' matches {len(hits)} records; give more characters", field="id"
            )
        return hits[0]


def _same_rows(mine: Mapping[str, Any] | None, theirs: Mapping[str, Any] | None) -> bool:
    """Whether two tables hold the very same records under the same keys, in the same
    order: the same table, or after a save the file's table and the saved workspace's,
    built apart from the same records (checked record by record, which is far cheaper
    than indexing a quarter's check-ins again)."""
    if mine is theirs:
        return True
    if mine is None or theirs is None or len(mine) != len(theirs):
        return False
    return all(a == b and x is y for (a, x), (b, y)
               in zip(mine.items(), theirs.items(), strict=True))
