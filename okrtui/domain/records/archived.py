"""What a Workspace asks of the files that hold its history (the store answers).

A Workspace starts on its open file alone (see `placement`). When a question needs the
history (a graded period, every objective, a KPI's whole series, an id that is not in the
open file), the Workspace asks its History to add the archives of the years it needs to
its tables; from then on it reads those tables as one.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from typing import Any, Protocol, Self

from okrtui.domain.records.models import Objective
from okrtui.domain.records.placement import ARCHIVED_TABLES

Tables = MutableMapping[str, dict[str, dict[str, Any]]]


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
    """The Workspace's side of its History: which archives its tables include."""

    tables: Tables
    history: History | None
    attached: set[int]
    _attaching: threading.Lock
    _cache: dict[Any, Any]
    _children: dict[str, Any]

    def _records(self, table: str, model: Any, *, deleted: bool = False) -> Iterator[Any]:
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
