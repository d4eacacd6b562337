"""The workspace store: one locked transaction per user action.

A transaction takes the lock beside the file, re-reads the file if anyone changed it
since we last saw it, lets the caller change a Workspace built on those fresh records,
and writes once. The lock is never held while a person is typing: screens gather input
first and then run a transaction.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from tinydb import TinyDB

from okrtui.domain.records.errors import OkrError
from okrtui.domain.records.models import TABLES
from okrtui.domain.records.placement import Home
from okrtui.domain.records.workspace import (
    META_TABLE,
    SCHEMA_VERSION,
    SETTINGS_TABLE,
    Workspace,
    schema_of,
)
from okrtui.store import backups, commit
from okrtui.store.archive import Archives, archive_meta, archive_path
from okrtui.store.consistent import ConsistentHistory
from okrtui.store.errors import (
    ReadOnlyWorkspace,
    SyncInProgress,
    WorkspaceFileError,
    WorkspaceLocked,
)
from okrtui.store.files import read_regular
from okrtui.store.jsonfile import atomic_replace
from okrtui.store.lazytables import LazyTables
from okrtui.store.lock import LockTimeout, UnusableLock, WorkspaceLock
from okrtui.store.migrations import migrate, needs_migration
from okrtui.store.storage import ChangedMeanwhile, SafeJSONStorage, Signature

LOCK_TIMEOUT = 15.0
_MERGE_ATTEMPTS = 10

ExternalChange = Callable[[Workspace, Workspace], None]
"""Called with (the version we had, the version someone else wrote) when a read finds one."""


def lock_path(path: Path) -> Path:
    """The stable lock file beside a workspace file."""
    return path.parent / f".{path.name}.lock"


def check_okrtui_tables(path: Path, data: dict) -> None:
    """Refuse JSON tables that are not an okrtui workspace (another app's TinyDB file, or
    a schema version that is not one)."""
    known = {*TABLES, META_TABLE, SETTINGS_TABLE}
    try:
        schema_of(data)
    except OkrError as exc:
        raise WorkspaceFileError(f"{path}: {exc}; it was left as it is; newest backup: "
                                 f"{backups.newest_backup(path)}") from None
    if META_TABLE not in data and not known.intersection(data):
        raise WorkspaceFileError(
            f"{path} is JSON but not an okrtui workspace (its tables are "
            f"{', '.join(sorted(data)[:5])}); it was left as it is; newest backup: "
            f"{backups.newest_backup(path)}"
        )


class Store:
    """Safe access to one workspace file, shared by the CLI and the TUI."""

    def __init__(self, path: str | Path, *, keep_backups: int | None = None,
                 lock_timeout: float = LOCK_TIMEOUT) -> None:
        """`keep_backups` None keeps as many backups as the workspace's settings say."""
        # The real file, resolved once: a workspace path that is a symlink (into a team
        # folder) gets its lock, temporary files and backups beside the file it names,
        # and a save replaces that file, never the link.
        self.path = Path(os.path.realpath(Path(path).expanduser()))
        self._keep_backups = keep_backups
        self.db = TinyDB(self.path, storage=SafeJSONStorage,
                         keep_backups=10 if keep_backups is None else keep_backups)
        self.storage: SafeJSONStorage = self.db.storage  # type: ignore[assignment]
        self._lock = WorkspaceLock(lock_path(self.path), self.path, lock_timeout)
        self.archives = Archives(self.path, keep_backups=self.storage.keep_backups)
        """The archive files beside the workspace (one per year of history)."""
        self._archives_seen: object = None
        self._mutex = threading.RLock()
        self._snapshot: Workspace | None = None
        self._snapshot_of: object = None
        self.on_external_change: ExternalChange | None = None
        self.on_commit: Callable[[Workspace], None] | None = None
        """Told of every transaction of this store that wrote the file, with its workspace
        (whose `touched` says what changed), after the write and still under the lock: an
        undo journal takes note there. It must not raise: the write is done."""
        """Told of every version of the file that another process or a sync tool wrote,
        whichever read finds it first (a screen's load, a save's re-read). It runs under
        the store's mutex, and maybe under the file lock: it must only take note."""

    @property
    def read_only(self) -> bool:
        """Whether the file was written by a newer okrtui (we then only read it)."""
        return self.snapshot().schema > SCHEMA_VERSION

    def snapshot(self) -> Workspace:
        """The workspace as it is on disk now, for reading (no lock needed: saves are atomic)."""
        with self._mutex:
            data = self._read()
            if needs_migration(data):
                data = self._migrate_file()
            archives = self.archives.token()
            if self._snapshot is None or self._snapshot_of is not data or \
                    archives != self._archives_seen:
                self._archives_seen = archives
                return self._adopt(data)
            return self._snapshot

    def in_memory(self) -> Workspace | None:
        """The version of the workspace this store last read or wrote, without looking at
        the disk (None when it has none): what a screen can show at once, before its read
        (`snapshot`) finds what others changed since."""
        # Not under the mutex: a read of a large file in a worker holds it, and this is
        # asked from the UI thread. Taking the attribute is atomic.
        return self._snapshot

    def _adopt(self, data: dict | None) -> Workspace:
        """Make `data`, just read, the version we know, and tell of it when it replaces one
        we had: the storage returns the very object it last read or wrote until the file's
        signature changes, so a new object here means someone else wrote the file."""
        previous = self._snapshot
        fresh = self._snapshot = self._workspace(data)
        if previous is not None and not previous.attached:
            fresh.inherit(previous)
        self._snapshot_of = data
        if previous is not None and self.on_external_change is not None:
            self.on_external_change(previous, fresh)
        return fresh

    def _workspace(self, data: dict | None) -> Workspace:
        """A Workspace on the open file's tables (the version last read or written),
        reading the archives when it needs to, without the lock."""
        return Workspace(data.copy() if data else None, history=self._lock_free_history())

    def _lock_free_history(self) -> ConsistentHistory:
        """The archives for a reader of the open file's version last read or written:
        read so that a save moving records meanwhile cannot hide one (consistent.py)."""
        return ConsistentHistory(self.archives, self._read_open, self.storage.seen)

    def _read_open(self) -> tuple[dict | None, Signature | None]:
        with self._mutex:
            data = self._read()
            return data, self.storage.seen

    def _migrate_file(self) -> dict | None:
        """Move an older file forward on disk, under the lock and after a backup.

        Where the file cannot be written (a read-only mount), it is migrated in memory
        only, so it can still be read.
        """
        try:
            with self.transaction():
                pass  # the transaction migrates whatever it reads
        except (OSError, UnusableLock):
            return migrate(self._read() or {})
        return self._read()

    def _read(self) -> dict | None:
        data = self.storage.read()
        if data:
            check_okrtui_tables(self.path, data)
        return data

    def explain(self, error: Exception) -> str:
        """An error about a record of this file, as one line that names the file, says it
        was left alone and where the newest backup is."""
        return (f"{self.path}: {error}; the file was left as it is; newest backup: "
                f"{backups.newest_backup(self.path)}")

    def changed_on_disk(self) -> bool:
        """Whether someone else changed the workspace (its open file or an archive) since
        we last read or wrote it."""
        return self.storage.changed_on_disk() or self.archives.token() != self._archives_seen

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold this process's mutex and the lock file beside the workspace."""
        with self._mutex:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                self._lock.acquire()
            except LockTimeout as exc:
                raise WorkspaceLocked(
                    f"{self.path} is locked by another okrtui (waited "
                    f"{self._lock.timeout:.0f} s for {self._lock.path}); try again"
                ) from exc
            try:
                yield
            finally:
                self._lock.release()

    @contextmanager
    def transaction(self) -> Iterator[Workspace]:
        """Lock, reload if changed, yield a workspace to change, write once if it changed.

        If the block raises, nothing is written and the cached records stay as they were.
        """
        with self._locked():
            data = on_disk = self._read()
            if self._snapshot is not None and data is not self._snapshot_of and data:
                self._adopt(data)
            migrated = needs_migration(data)
            if migrated:
                if self.storage.keep_backups == 0:
                    backups.keep_backup(self.path)  # a migration always leaves a backup
                data = migrate(data or {})
            ws = Workspace(data.copy() if data else None, history=self.archives)
            if self._snapshot is not None and data is self._snapshot_of and \
                    not self._snapshot.attached:
                ws.inherit(self._snapshot)  # what the last read validated stays valid
            if migrated:
                ws.changed.append(("meta", "migration"))
            if ws.schema > SCHEMA_VERSION:
                raise ReadOnlyWorkspace(
                    f"{self.path} was written by a newer okrtui (schema {ws.schema}, this "
                    f"one knows {SCHEMA_VERSION}); it is open read-only: upgrade okrtui "
                    "to change it"
                )
            yield ws
            if ws.changed:
                if self._keep_backups is None:
                    self.storage.keep_backups = self.archives.keep_backups = ws.settings.backups
                ws.stamp_schema()
                if commit.involves_archives(ws):
                    self._write_files(ws, on_disk)
                    self._snapshot = self._snapshot_of = None  # the next read starts afresh
                else:  # the open file alone, as always: new records spliced in
                    self._write_under_lock(ws, data)
                    self._snapshot = ws
                    self._snapshot_of = self.storage.read()
                    ws.history = self._lock_free_history()  # read later, without the lock
                self._archives_seen = self.archives.token()
                if self.on_commit is not None:
                    self.on_commit(ws)

    def _write_files(self, ws: Workspace, data: dict | None) -> None:
        """Write a transaction that concerns archives: every file with what it gains and
        keeps (the open file first), then the records that left removed (see commit.py),
        each file atomically."""
        empty = self.storage.new_tables()
        files: dict[Home, LazyTables] = {
            None: data if isinstance(data, LazyTables) else self.storage.new_tables(data)}
        for year in commit.years_involved(ws, self.archives.years()):
            files[year] = self.archives.read(year) or empty
        changes = commit.plan(ws, files)
        for home in changes:
            if home not in files:
                files[home] = self.archives.read(home) or empty
        order = sorted(changes, key=lambda home: (home is not None, home or 0))  # open first
        for home in order:
            if changes[home].puts:
                state = commit.with_changes(files[home], changes[home], drops=False)
                files[home] = self._write_one(home, state)
        for home in order:
            change = changes[home]
            if change.drops:
                drops = commit.FileChange(drops=change.drops)
                files[home] = self._write_one(home, commit.with_changes(files[home], drops,
                                                                        drops=True))

    def _write_one(self, home: Home, state: LazyTables) -> LazyTables:
        """Write one file of the workspace; returns its tables as now written."""
        if home is None:
            try:  # a sync tool replacing the file meanwhile: nothing more is written
                self.storage.write(state, guard=True)
            except ChangedMeanwhile:
                raise SyncInProgress(f"{self.path} changed while it was saved; the records "
                                     "saved so far are kept: try again in a moment") from None
            written = self.storage.read()
        else:
            state = commit.stamp_archive(state, archive_meta(self.path, home))
            storage = self.archives.storage(home)
            storage.write(state, like=self.path)
            written = storage.read()
        return written if written is not None else state

    def _write_under_lock(self, ws: Workspace, read: dict | None) -> None:
        """Write `ws`, which was built on `read`, keeping whatever reached the file since.

        The lock keeps other okrtuis out, but not a sync tool: one that replaces the
        workspace while we save would have its version overwritten. The storage checks,
        just before its rename, that the file is still the one we read; if not, the
        new version is merged with our change (as a merge of two devices would) and the
        save is tried again.
        """
        for _attempt in range(_MERGE_ATTEMPTS):
            try:
                self.storage.write(ws.tables, guard=True)
                return
            except ChangedMeanwhile:
                fresh = self._read()
            from okrtui.domain.merge.core import merge3  # rare: not imported by every save

            if self._snapshot is not None and fresh:
                self._adopt(fresh)
            ws.replace_tables(merge3(read or {}, ws.tables, fresh or {}).tables)
            read = fresh
        raise SyncInProgress(f"{self.path} keeps changing while it is saved; nothing was "
                             "saved: try again in a moment")

    def restore(self, backup: Path) -> tuple[Path, Path | None]:
        """Bring `backup` back into the file of the workspace it is a backup of (the open
        file, or the archive its meta record names), keeping the current version of that
        file as a backup too.

        The backup must be a regular file holding a readable workspace; returns (the file
        restored, the backup made of its current version or None when there was none).
        Only that file changes: records in the workspace's other files stay, and read as
        they do (a record in two files reads as the version a merge keeps).
        """
        blob = read_regular(backup, what="backup")  # read once: what is checked is restored
        blank = blob is None or not blob.strip()
        data = None if blank else SafeJSONStorage(backup, keep_backups=0).parse(blob)
        if not data:
            raise WorkspaceFileError(f"{backup} is empty: nothing to restore")
        check_okrtui_tables(Path(backup), data)
        meta = data.get(META_TABLE, {}).get("meta", {})
        year = meta.get("year")
        target = self.path
        if meta.get("archive_of") == self.path.name and isinstance(year, int):
            target = archive_path(self.path, year)
        with self._locked():
            kept = backups.keep_backup(target) if target.exists() else None
            atomic_replace(target, blob, like=self.path)
            return target, kept
