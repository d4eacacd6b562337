"""A TinyDB Storage that is safe under sync tools, crashes and other processes.

TinyDB's own JSONStorage keeps a handle open and writes in place. This one opens the file
by path at each read, never keeps a handle, and replaces the file atomically on write. It
also remembers the file's signature (inode, size, mtime_ns) so that a file nobody changed
is not parsed again.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, NamedTuple

from tinydb.storages import Storage

from okrtui.domain.records.canonical import MAX_NESTING, nesting_problem
from okrtui.domain.records.text import shown
from okrtui.store import backups
from okrtui.store.errors import StoreError, SyncInProgress, WorkspaceFileError
from okrtui.store.files import read_regular
from okrtui.store.jsonfile import atomic_replace, decode, encode, remove_stale_temps
from okrtui.store.lazytables import LazyTables, Segment, same_bytes, split_tables

RawTables = dict[str, dict[str, dict[str, Any]]]


class Signature(NamedTuple):
    """What tells us, without reading it, that a file changed."""

    inode: int
    size: int
    mtime_ns: int


def signature(path: Path) -> Signature | None:
    """The file's signature, or None when it does not exist."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return Signature(st.st_ino, st.st_size, st.st_mtime_ns)


class ChangedMeanwhile(Exception):
    """The file changed after it was read and before a guarded write replaced it."""


class SafeJSONStorage(Storage):
    """Atomic, handle-free JSON storage for TinyDB with reload-if-changed.

    `read()` returns LazyTables shared with the cache: callers take `.copy()` before
    changing anything, and copy a table before changing it (the Workspace does both).
    Tables of a file in the canonical layout are parsed only when read.
    """

    def __init__(self, path: str | Path, *, keep_backups: int = 10,
                 sync_wait: float = 2.0) -> None:
        self.path = Path(path)
        self.keep_backups = keep_backups
        self.sync_wait = sync_wait
        self._signature: Signature | None = None
        self._data: LazyTables | None = None
        self._blob: list[Segment] | None = None

    # TinyDB calls read() for every operation; the signature check keeps that cheap.
    def read(self) -> LazyTables | None:  # type: ignore[override]
        """The file's tables, parsed again only when its signature changed."""
        deadline = time.monotonic() + self.sync_wait
        while True:
            sig = signature(self.path)
            if sig is not None and sig == self._signature and self._data is not None:
                return self._data
            blob = self._read_bytes()
            if not _blank(blob) and signature(self.path) == sig:
                break
            if not _blank(blob):
                if time.monotonic() >= deadline:
                    raise SyncInProgress(f"{self.path} keeps changing while it is read; try again")
                continue  # it changed while we read it: read again
            if blob is None and not self._seen_good():
                return None  # a new workspace: nothing was ever here
            # An empty file is never taken for a new workspace: sync tools create the file
            # before its content arrives, and writing ours over it would lose theirs.
            if time.monotonic() >= deadline:
                raise SyncInProgress(self._blank_message(blob))
            time.sleep(0.1)
        self._data = self._load(blob)
        self._signature = sig
        self._blob = [blob]
        return self._data

    def new_tables(self, tables: RawTables | None = None) -> LazyTables:
        """Tables for this file that parse as its own do (empty, or `tables`)."""
        return LazyTables.from_tables(dict(tables or {}), self._parse_table)

    def write(self, data: RawTables | LazyTables, *, guard: bool = False,
              like: Path | None = None) -> None:
        """Replace the file with `data` atomically; write nothing when nothing changed.

        With `guard`, raise ChangedMeanwhile (and write nothing) when the file is no
        longer the version last read or written: checked just before the rename. A file
        made new takes the mode and group of `like` (an archive, of its workspace's file).
        """
        if isinstance(data, LazyTables):
            chunks, segments = data.encode()
            settled = data.settled(segments)
        else:
            chunks = [encode(data)]
            settled = LazyTables.from_tables(dict(data), self._parse_table)
        if self._unchanged(chunks) and signature(self.path) == self._signature:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temps(self.path)
        keep = backups.keep_backup if self.keep_backups > 0 else None
        atomic_replace(self.path, chunks, before_replace=keep,
                       guard=self._still_as_read if guard else None, like=like)
        if self.keep_backups > 0:
            backups.rotate(self.path, self.keep_backups)
        self._data = settled
        self._blob = chunks
        self._signature = signature(self.path)

    def _unchanged(self, chunks: list[Segment]) -> bool:
        """Whether `chunks` hold exactly the bytes last read or written (lengths first:
        a changed file almost always differs in size)."""
        return self._blob is not None and same_bytes(chunks, self._blob)

    def _still_as_read(self) -> None:
        if signature(self.path) != self._signature:
            raise ChangedMeanwhile(str(self.path))

    def changed_on_disk(self) -> bool:
        """Whether the file differs from what we last read or wrote."""
        return signature(self.path) != self._signature

    @property
    def seen(self) -> Signature | None:
        """The signature of the version we last read or wrote."""
        return self._signature

    def close(self) -> None:
        """Nothing to close: no handle is ever kept."""

    # ---- helpers -------------------------------------------------------------------

    def _read_bytes(self) -> bytes | None:
        # Only a regular file, never through a link, never a FIFO or a device, never
        # beyond any plausible size (see files.read_regular).
        return read_regular(self.path)

    def _blank_message(self, blob: bytes | None) -> str:
        """Why a missing or empty file is not read, and what to do about it."""
        if blob is None:
            return (f"{self.path} is missing but a good version existed (newest backup: "
                    f"{self._newest_backup()}); a sync may be in progress: try again in a "
                    "moment, or bring back a backup with `okrtui restore`")
        if self._seen_good():
            return (f"{self.path} is empty but a good version existed (newest backup: "
                    f"{self._newest_backup()}); a sync may be in progress: try again in a "
                    "moment, or bring back a backup with `okrtui restore`; it was left as it is")
        return (f"{self.path} is empty; it was left as it is: if a sync tool is still bringing "
                "it, try again in a moment; to start a new workspace there, delete it")

    def _seen_good(self) -> bool:
        if self._data is not None:
            return True
        try:
            return bool(backups.list_backups(self.path))
        except (StoreError, OSError):
            return False

    def _newest_backup(self) -> str:
        return backups.newest_backup(self.path)

    def parse(self, blob: bytes) -> LazyTables:
        """The tables of `blob`, bytes read from this storage's file (errors name it)."""
        return self._load(blob)

    def _load(self, blob: bytes) -> LazyTables:
        spans: dict[str, tuple[int, int]] = {}
        segments = split_tables(blob, spans)
        if segments is None:
            return LazyTables.from_tables(self._parse(blob), self._parse_table)
        views = dict(segments)

        def parse(name: str, segment: Segment) -> dict[str, dict[str, Any]]:
            if segment is views.get(name):
                walk = _may_nest(blob, *spans[name])
            else:  # new bytes (records spliced in): counted as they are
                data = bytes(segment)
                walk = _may_nest(data, 0, len(data))
            return self._parse_table(name, segment, walk=walk)

        lazy = LazyTables(segments, parse)
        if self._data is not None:
            # Another version of the same file (a teammate's save): what did not change
            # is not parsed again, and stays the same objects.
            lazy.adopt(self._data)
        return lazy

    def _parse_table(self, name: str, segment: Segment, *, walk: bool = True
                     ) -> dict[str, dict[str, Any]]:
        """Parse one table's segment (on first read of that table); `walk` checks how
        deeply its records nest."""
        try:
            table = decode(segment)
        except ValueError as exc:
            raise WorkspaceFileError(
                f"{self.path}: table '{name}' is not valid JSON ({exc}); the file was left "
                f"as it is; newest backup: {self._newest_backup()}"
            ) from exc
        problem = _shape_problem({name: table}, walk=walk)
        if problem:
            raise WorkspaceFileError(
                f"{self.path} is not an okrtui workspace ({problem}); it was left as it is; "
                f"newest backup: {self._newest_backup()}"
            )
        return table

    def _parse(self, blob: bytes) -> RawTables:
        try:
            data = decode(blob)
        except ValueError as exc:
            raise WorkspaceFileError(
                f"{self.path} is not valid JSON ({exc}); it was left as it is; "
                f"newest backup: {self._newest_backup()}"
            ) from exc
        problem = _shape_problem(data)
        if problem:
            raise WorkspaceFileError(
                f"{self.path} is not an okrtui workspace ({problem}); it was left as it is; "
                f"newest backup: {self._newest_backup()}"
            )
        return data


def _may_nest(blob: bytes, start: int, end: int) -> bool:
    """Whether the table segment blob[start:end] could nest a record MAX_NESTING deep.

    In the canonical layout each record is one line holding one `{`, so a table with not
    many more brackets than lines nests nothing deeply and is not walked for it: a few
    byte counts of the table being parsed, where a walk of its records costs ten times
    as much. (Brackets inside strings only make it walk when it need not.)
    """
    brackets = blob.count(b"[", start, end) + blob.count(b"{", start, end)
    return brackets - blob.count(b"\n", start, end) >= MAX_NESTING


def _blank(blob: bytes | None) -> bool:
    """Whether a file's bytes are missing or only white space (without copying them)."""
    return blob is None or not blob or (blob[:1].isspace() and not blob.strip())


def _shape_problem(data: Any, *, walk: bool = True) -> str | None:
    """Why `data` is not TinyDB-shaped tables of records, or None when it is (`walk`:
    also refuse a record nested deeper than okrtui could write back)."""
    if not isinstance(data, dict):
        return f"the top level is a JSON {type(data).__name__}, not an object"
    for name, table in data.items():
        if shown(name) != name:
            return f"table '{name}' has control characters in its name"
        if not isinstance(table, dict):
            return f"table '{name}' is not an object"
        for key, record in table.items():
            if not isinstance(record, dict):
                return f"record '{key}' of table '{name}' is not an object"
        if walk and (problem := nesting_problem(name, table)):
            return problem
    return None
