"""Sync tools' conflict copies of the workspace file: finding, reading, putting away.

Syncthing leaves `okrs.sync-conflict-20261122-093000-ABCDEFG.json` and Dropbox leaves
`okrs (Alice's conflicted copy 2026-11-22).json` (also with ` (1)` after it) beside
`okrs.json`. A merged copy is moved into `.okrtui-backups/conflict-copies/`, never
deleted; a copy that cannot be read stays where it is.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from okrtui.domain.merge.core import RawTables, Record, check_tables, differing, pick_base
from okrtui.domain.records.errors import OkrError
from okrtui.domain.records.workspace import SCHEMA_VERSION
from okrtui.store import backups
from okrtui.store.errors import SyncInProgress, WorkspaceFileError
from okrtui.store.migrations import migrate, needs_migration, schema_of
from okrtui.store.storage import SafeJSONStorage
from okrtui.store.store import check_okrtui_tables

COPIES_DIR = "conflict-copies"


def copy_pattern(path: Path) -> re.Pattern[str]:
    """File names of conflict copies of `path`, in Syncthing's and Dropbox's styles."""
    stem, suffix = re.escape(path.stem), re.escape(path.suffix)
    syncthing = rf"{stem}\.sync-conflict-\d{{8}}-\d{{6}}-[A-Za-z0-9]+"
    # Dropbox: "okrs (Alice's conflicted copy 2026-11-22)", maybe numbered " (1)" after.
    numbered = r"(?: \(\d+\))?"
    dropbox = rf"{stem} \(.+?['’]s conflicted copy \d{{4}}-\d{{2}}-\d{{2}}{numbered}\){numbered}"
    return re.compile(rf"^(?:{syncthing}|{dropbox}){suffix}$")


def find_copies(path: Path) -> list[Path]:
    """Conflict copies of the workspace file `path` beside it, sorted by name."""
    folder = path.parent
    if not folder.is_dir():
        return []
    pattern = copy_pattern(path)
    return sorted(p for p in folder.iterdir() if pattern.match(p.name) and p.is_file())


def load_workspace_file(path: Path, *, empty_ok: bool = False,
                        known: RawTables | None = None, check: bool = True) -> RawTables:
    """Every table of a workspace file, moved forward to this okrtui's schema and with
    every record checked by its model (but those equal to their version in `known`;
    none with `check` False). Raises WorkspaceFileError (one line naming the file) for
    anything else; `empty_ok` reads an empty file as an empty workspace (git gives an
    empty base when both branches added the file)."""
    try:  # only a tiny file can be blank: a large one is not read twice
        blank = path.stat().st_size < 4096 and not path.read_bytes().strip()
    except OSError:
        blank = False  # missing or unreadable: the storage's read below says which
    if blank and empty_ok:
        return {}
    try:
        data = SafeJSONStorage(path, keep_backups=0, sync_wait=0).read()
    except SyncInProgress:
        data = None  # an empty side: not a workspace, said below in this file's words
    if data is None:
        if empty_ok:
            return {}
        raise WorkspaceFileError(f"{path} is empty or missing, not a workspace")
    if data:
        check_okrtui_tables(path, data)
    tables = {name: data[name] for name in data}
    if schema_of(tables) > SCHEMA_VERSION:
        raise WorkspaceFileError(
            f"{path} was written by a newer okrtui (schema {schema_of(tables)}); merge it "
            "with that version")
    if needs_migration(tables):
        tables = migrate(tables)
    try:
        if check:
            check_tables(tables, known)
    except OkrError as exc:  # one line about the first bad record
        raise WorkspaceFileError(f"{path}: {exc}") from None
    return tables


def assemble_base(path: Path, a: RawTables, b: RawTables) -> RawTables:
    """A base for merging `a` and `b`: per record both have in different versions, the
    ancestor version found among the backups of `path` (see merge.pick_base)."""
    wanted = differing(a, b)
    if not wanted:
        return {}
    versions: dict[tuple[str, str], list[Record]] = {key: [] for key in wanted}
    for backup in backups.list_backups(path):
        try:
            data = SafeJSONStorage(backup, keep_backups=0, sync_wait=0).read() or {}
            for table, rid in wanted:
                record = data.get(table, {}).get(rid) if table in data else None
                if isinstance(record, dict):
                    versions[(table, rid)].append(record)
        except (WorkspaceFileError, OSError, ValueError):
            continue  # a broken backup is no base; the merge then decides whole
    base: RawTables = {}
    for (table, rid), found in versions.items():
        chosen = pick_base(found, a[table][rid], b[table][rid])
        if chosen is not None:
            base.setdefault(table, {})[rid] = chosen
    return base


def copies_dir(path: Path) -> Path:
    """Where merged conflict copies of `path` are kept."""
    return backups.backup_dir(path) / COPIES_DIR


def put_away(copy: Path, path: Path) -> Path:
    """Move a merged conflict copy into the backups folder (never over another file)."""
    folder = copies_dir(path)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / copy.name
    number = 1
    while target.exists():
        target = folder / f"{copy.stem}.{number}{copy.suffix}"
        number += 1
    try:
        os.rename(copy, target)
    except OSError:
        shutil.move(copy, target)  # another file system: copy, then remove
    return target
