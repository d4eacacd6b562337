"""The tables of several files of one workspace, read as one set of tables.

The open file comes first, then the archives a question needed. A table that only one
file has is that file's table itself (nothing copied, nothing parsed that was not
asked for); a table several files have is their records together, and a record found in
two files is the version a merge keeps (`pick_version`). Writes go to tables of the
union's own, as the Workspace makes them (copy on write); where the commit puts each
record is the store's business (commit.py).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, MutableMapping
from typing import Any

Table = dict[str, dict[str, Any]]


def merged(tables: list[Mapping[str, dict[str, Any]]], name: str) -> Table:
    """The records of table `name` of every file that has it, one version of each."""
    biggest = max(tables, key=len)
    out: Table = dict(biggest)
    for table in tables:
        if table is biggest or not table:
            continue
        for rid, record in table.items():
            mine = out.get(rid)
            if mine is None:
                out[rid] = record
            elif mine is not record and mine != record:
                from okrtui.domain.merge.core import pick_version  # rare: only duplicates

                out[rid] = pick_version(name, rid, mine, record)
    return out


class UnionTables(MutableMapping[str, Table]):
    """The open file's tables and some archives' tables, as one mapping of tables.

    `sources[0]` is the open file's (a LazyTables, maybe with records the transaction
    added aside); the others are archives', by year in `years`.
    """

    def __init__(self, sources: list[MutableMapping[str, Table]], years: list[int]) -> None:
        self.sources = sources
        self.years = years
        self._own: dict[str, Table] = {}
        self._merged: dict[str, Table] = {}

    def add(self, source: MutableMapping[str, Table], year: int) -> None:
        """Read an archive's tables too from now on (a table changed here already takes
        its records in, each in the version a merge keeps)."""
        self.sources.append(source)
        self.years.append(year)
        self._merged.clear()
        for name, table in self._own.items():
            if name in source:
                self._own[name] = merged([table, source[name]], name)

    @property
    def open_tables(self) -> MutableMapping[str, Table]:
        """The open file's tables."""
        return self.sources[0]

    def __getitem__(self, name: str) -> Table:
        own = self._own.get(name)
        if own is not None:
            return own
        have = [source for source in self.sources if name in source]
        if not have:
            raise KeyError(name)
        if len(have) == 1:
            return have[0][name]
        table = self._merged.get(name)
        if table is None:
            table = self._merged[name] = merged([source[name] for source in have], name)
        return table

    def __setitem__(self, name: str, table: Table) -> None:
        self._own[name] = table
        self._merged.pop(name, None)

    def __delitem__(self, name: str) -> None:
        raise TypeError("a workspace's tables are never removed")

    def __contains__(self, name: object) -> bool:
        return name in self._own or any(name in source for source in self.sources)

    def __iter__(self) -> Iterator[str]:
        seen: set[str] = set()
        for names in (self._own, *self.sources):
            for name in names:
                if name not in seen:
                    seen.add(name)
                    yield name

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def own(self, name: str) -> bool:
        """Whether table `name` was changed here (it is then the union's own copy)."""
        return name in self._own

    def append_new(self, name: str, key: str, record: dict[str, Any]) -> bool:
        """Add a brand-new record without reading its table, where only the open file has
        that table (it keeps it aside until written); False otherwise."""
        if name in self._own or any(name in source for source in self.sources[1:]):
            return False
        append = getattr(self.sources[0], "append_new", None)
        return bool(append is not None and append(name, key, record))
