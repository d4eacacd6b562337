"""The archive files of a workspace: one per year of history, beside the open file.

`okrs.json` holds what is open (see `okrtui.domain.records.placement`); graded periods,
with their key results, check-ins and initiatives, and KPI values older than the newest
few, live in `okrs.archive-2025.json`, `okrs.archive-2026.json`, ... in the same folder.
Each is a workspace file like the open one (TinyDB JSON in the canonical layout, one
record per line, a `meta` record saying whose archive of which year it is), so a person
can read it, git can diff and merge it, and okrtui's merges, backups and restore treat it
as they treat the open file. One lock, the open file's, covers every file.

Archives are found by name: exactly `{stem}.archive-{year}{suffix}` beside the open file,
regular files only. A sync tool's conflict copy of an archive has another name, and is
merged like a conflict copy of the open file.

The files are read only when a question needs them (`Archives` is the Workspace's
History). Counting a year's objectives by period reads that archive's objectives table
and nothing else, and keeps only the counts.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import orjson

from okrtui.domain.records.archived import Tables
from okrtui.domain.records.workspace import META_TABLE, SCHEMA_VERSION
from okrtui.store.errors import WorkspaceFileError
from okrtui.store.lazytables import LazyTables, split_tables
from okrtui.store.storage import SafeJSONStorage, Signature, signature
from okrtui.store.union import UnionTables

ARCHIVE_INFIX = ".archive-"


def archive_path(path: Path, year: int) -> Path:
    """The archive of `year` of the workspace file `path`."""
    return path.with_name(f"{path.stem}{ARCHIVE_INFIX}{year:04d}{path.suffix}")


def archive_pattern(path: Path) -> re.Pattern[str]:
    """File names of the archives of `path` (the year in group 1)."""
    return re.compile(rf"^{re.escape(path.stem)}{re.escape(ARCHIVE_INFIX)}(\d{{4}})"
                      rf"{re.escape(path.suffix)}$")


def find_archives(path: Path) -> dict[int, Path]:
    """The archives beside the workspace file `path`, by year (regular files only: a
    symlink or a folder of that name is not an archive okrtui reads or writes)."""
    pattern = archive_pattern(path)
    found: dict[int, Path] = {}
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return found
    for entry in entries:
        match = pattern.match(entry.name)
        if match is None:
            continue
        try:
            if stat.S_ISREG(entry.stat(follow_symlinks=False).st_mode):
                found[int(match[1])] = Path(entry.path)
        except OSError:
            continue
    return dict(sorted(found.items()))


def archive_meta(path: Path, year: int) -> dict[str, Any]:
    """The meta record of the archive of `year` of workspace `path`."""
    return {"app": "okrtui", "schema": SCHEMA_VERSION, "archive_of": path.name, "year": year}


def _live_counts(objectives: Mapping[str, Mapping[str, Any]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for raw in objectives.values():
        period = raw.get("period")
        if isinstance(period, str) and not raw.get("deleted_at"):
            counts[period] = counts.get(period, 0) + 1
    return counts


class Archives:
    """The archives of one workspace, read when asked for (the Workspace's History)."""

    def __init__(self, path: Path, *, keep_backups: int = 10) -> None:
        self.path = path
        self.keep_backups = keep_backups
        self._lock = threading.RLock()
        self._storages: dict[int, SafeJSONStorage] = {}
        self._counts: dict[int, tuple[Signature, dict[str, int]]] = {}

    # ---- History -------------------------------------------------------------------

    def years(self, changed_since: dt.datetime | None = None) -> tuple[int, ...]:
        """The years that have an archive (written after `changed_since`, when given)."""
        found = find_archives(self.path)
        if changed_since is None:
            return tuple(found)
        moment = changed_since.timestamp()
        out = []
        for year, file in found.items():
            try:
                if file.stat().st_mtime >= moment:
                    out.append(year)
            except OSError:
                continue
        return tuple(out)

    def period_counts(self, years: Iterable[int]) -> dict[str, int]:
        """Live objectives per period in the archives of `years`, from each archive's
        objectives table alone (kept per version of the file, not its records)."""
        total: dict[str, int] = {}
        for year in years:
            for period, n in self._counts_of(year).items():
                total[period] = total.get(period, 0) + n
        return total

    def attach(self, tables: Tables, years: Iterable[int]) -> UnionTables:
        """`tables` with the archives of `years`, as one set of tables."""
        union = tables if isinstance(tables, UnionTables) else UnionTables([tables], [])
        for year in years:
            if year in union.years:
                continue
            data = self.read(year)
            union.add(data.copy() if data is not None else LazyTables({}, _no_parse), year)
        return union

    # ---- files ---------------------------------------------------------------------

    def storage(self, year: int) -> SafeJSONStorage:
        """The storage of the archive of `year` (whether or not the file exists yet)."""
        with self._lock:
            found = self._storages.get(year)
            if found is None:
                found = self._storages[year] = SafeJSONStorage(
                    archive_path(self.path, year), keep_backups=self.keep_backups)
            return found

    def read(self, year: int) -> LazyTables | None:
        """The tables of the archive of `year` as the file holds them now (None when there
        is no such file)."""
        with self._lock:
            storage = self.storage(year)
            data = storage.read()
            if data is not None:
                _check_archive(storage.path, data)
            return data

    def token(self) -> tuple[tuple[int, Signature | None], ...]:
        """What tells, without reading them, that the archives changed: which there are,
        and each one's signature (an archive another okrtui or a sync tool wrote, added
        or removed gives another token)."""
        return tuple((year, signature(file)) for year, file in find_archives(self.path).items())

    def _counts_of(self, year: int) -> dict[str, int]:
        file = archive_path(self.path, year)
        with self._lock:
            sig = signature(file)
            cached = self._counts.get(year)
            if cached is not None and cached[0] == sig:
                return cached[1]
            counts = self._read_counts(file)
            if sig is not None:
                self._counts[year] = (sig, counts)
            return counts

    def _read_counts(self, file: Path) -> dict[str, int]:
        """Counts from the objectives table of `file` alone: in the canonical layout it is
        the last table but for tables a newer okrtui added, so only the file's tail is
        read; anything else is read as the storage reads it."""
        try:
            tail = read_tail(file, TAIL_FROM)
        except FileNotFoundError:
            return {}
        except OSError as exc:
            raise WorkspaceFileError(f"{file} cannot be read: {exc.strerror}") from exc
        segments = split_tables(b"{" + tail) if tail is not None else None
        if segments is None or "objectives" not in segments:
            data = SafeJSONStorage(file, keep_backups=0, sync_wait=0).read() or {}
            return _live_counts(data.get("objectives", {}))
        try:
            table = orjson.loads(segments["objectives"])
        except orjson.JSONDecodeError as exc:
            raise WorkspaceFileError(f"{file}: table 'objectives' is not valid JSON ({exc}); "
                                     "the file was left as it is") from exc
        if not isinstance(table, dict) or not all(isinstance(r, dict) for r in table.values()):
            raise WorkspaceFileError(f"{file} is not an okrtui archive (its objectives are "
                                     "not records); the file was left as it is")
        return _live_counts(table)


TAIL_FROM = b'\n  "meta": '
"""The header of the table from which an archive's tail holds its meta and objectives."""


def read_tail(file: Path, header: bytes, first: int = 1 << 16) -> bytes | None:
    """The end of a canonical file from the last table `header` on (None when there is no
    such header, or the file does not end as a canonical file does), reading no more of
    the file than that: tables are sorted by name, so what sorts last is at the end."""
    fd = os.open(file, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    with open(fd, "rb") as handle:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            return None  # not a file of okrtui's: the storage's read says what it is
        size = st.st_size
        want = min(first, size)
        while True:
            handle.seek(size - want)
            chunk = handle.read(want)
            if not chunk.endswith(b"\n}\n"):
                return None
            at = chunk.rfind(header)
            if at != -1:
                return chunk[at:]
            if want >= size:
                return None
            want = min(want * 4, size)


def _check_archive(path: Path, data: LazyTables) -> None:
    """Refuse an archive from a newer okrtui (its records may mean something else)."""
    meta = data.get(META_TABLE, {}).get("meta", {})
    schema = meta.get("schema", SCHEMA_VERSION)
    if not isinstance(schema, int) or schema > SCHEMA_VERSION:
        raise WorkspaceFileError(f"{path} was written by a newer okrtui (schema {schema}); "
                                 "upgrade okrtui to read it")


def _no_parse(name: str, segment: Any) -> dict[str, dict[str, Any]]:
    return {}
