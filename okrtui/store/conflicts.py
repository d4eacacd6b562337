"""Sync tools' conflict copies of the workspace file: finding, reading, putting away.

Syncthing leaves `okrs.sync-conflict-20261122-093000-ABCDEFG.json` and Dropbox leaves
`okrs (Alice's conflicted copy 2026-11-22).json` (also with ` (1)` after it) beside
`okrs.json`. A merged copy is moved into `.okrtui-backups/conflict-copies/`, never
deleted; a copy that cannot be read stays where it is. Only a regular file is a copy: a
symlink named like one (to someone's private workspace, say) is named and left alone,
and the folders a copy moves into are never followed through a link.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from okrtui.domain.merge.clean import clean_tables
from okrtui.domain.merge.core import RawTables, Record, check_tables, differing, pick_base
from okrtui.domain.records.errors import OkrError
from okrtui.domain.records.workspace import SCHEMA_VERSION
from okrtui.store import backups
from okrtui.store.archive import ARCHIVE_INFIX, archive_path
from okrtui.store.errors import StoreError, WorkspaceFileError
from okrtui.store.files import is_regular, open_folder, read_regular
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
    """Everything beside the workspace file `path` named as its conflict copies, sorted
    by name (reading one refuses anything but a regular file, in one line)."""
    folder = path.parent
    pattern = copy_pattern(path)
    try:
        names = os.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return []
    return sorted(folder / name for name in names if pattern.match(name))


def workspace_copies(path: Path) -> list[tuple[Path, Path]]:
    """Conflict copies of every file of the workspace `path` (its open file and its
    archives, those of a year whose archive is gone too): (copy, the file it copies)."""
    try:
        names = os.listdir(path.parent)
    except (FileNotFoundError, NotADirectoryError):
        return []
    archive = re.compile(rf"^{re.escape(path.stem)}{re.escape(ARCHIVE_INFIX)}(\d{{4}})")
    years = {m[1] for name in names if (m := archive.match(name))}
    out = [(copy, path) for copy in find_copies(path)]
    for year in sorted(years):
        archive = archive_path(path, int(year))
        out.extend((copy, archive) for copy in find_copies(archive))
    return sorted(out)


def load_workspace_file(path: Path, *, empty_ok: bool = False,
                        known: RawTables | None = None, check: bool = True) -> RawTables:
    """Every table of a workspace file, moved forward to this okrtui's schema and with
    every record checked by its model (but those equal to their version in `known`;
    none with `check` False), and its text cleaned as a merge stores it. Raises
    WorkspaceFileError (one line naming the file) for anything else; `empty_ok` reads
    an empty file as an empty workspace (git gives an empty base when both branches added
    the file)."""
    blob = read_regular(path)  # a regular file, or one line saying what it is instead
    if blob is not None and not blob.strip():
        if empty_ok:
            return {}
        blob = None  # an empty side: not a workspace, said below in this file's words
    data = SafeJSONStorage(path, keep_backups=0).parse(blob) if blob is not None else None
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
    return clean_tables(tables)


def assemble_base(path: Path, a: RawTables, b: RawTables) -> RawTables:
    """A base for merging `a` and `b`: per record both have in different versions, the
    ancestor version found among the backups of `path` (see merge.pick_base)."""
    wanted = differing(a, b)
    if not wanted:
        return {}
    versions: dict[tuple[str, str], list[Record]] = {key: [] for key in wanted}
    try:
        found = backups.list_backups(path)
    except (StoreError, OSError):
        found = []  # no backups folder of okrtui's own: no base; records are decided whole
    for backup in found:
        try:
            data = clean_tables(SafeJSONStorage(backup, keep_backups=0, sync_wait=0).read() or {})
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


def prepare_copies_folder(path: Path) -> None:
    """Make sure merged copies of `path` can be put away (before anything is merged):
    the folders are made if need be, and UnsafeFolder says, in one line, that one of
    them is a symlink or not a folder."""
    with backups.backups_folder(path, create=True) as backup_fd:
        assert backup_fd is not None
        fd = open_folder(backup_fd, COPIES_DIR, path, create=True, shown=copies_dir(path))
        if fd is not None:
            os.close(fd)


def put_away(copy: Path, path: Path) -> Path:
    """Move a merged conflict copy into the backups folder (never over another file, and
    only a regular file: anything else was never merged)."""
    with backups.backups_folder(path, create=True) as backup_fd:
        assert backup_fd is not None
        copies_fd = open_folder(backup_fd, COPIES_DIR, path, create=True,
                                shown=copies_dir(path))
        assert copies_fd is not None
        try:
            return copies_dir(path) / _move_into(copy, copies_fd)
        finally:
            os.close(copies_fd)


def _move_into(copy: Path, folder_fd: int) -> str:
    """Move the regular file `copy` into the folder open as `folder_fd`, under its own
    name or a numbered one; the name it got."""
    if not is_regular(copy):
        raise WorkspaceFileError(f"{copy} is no longer a regular file; it was left alone")
    name, number = copy.name, 1
    while True:
        try:
            # A link cannot replace an existing file, and it never follows a symlink.
            os.link(copy, name, dst_dir_fd=folder_fd, follow_symlinks=False)
            break
        except FileExistsError:
            name = f"{copy.stem}.{number}{copy.suffix}"
            number += 1
        except OSError:
            return _copy_into(copy, folder_fd, name)  # no links on this file system
    copy.unlink()
    return name


def _copy_into(copy: Path, folder_fd: int, name: str) -> str:
    """Move by copying, where the folder's file system has no hard links."""
    number = 1
    while True:
        try:
            out = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
                          | os.O_CLOEXEC, 0o600, dir_fd=folder_fd)
            break
        except FileExistsError:
            name = f"{copy.stem}.{number}{copy.suffix}"
            number += 1
    try:
        with open(out, "wb", closefd=False) as target:
            target.write(read_regular(copy, what="conflict copy") or b"")
            os.fchmod(out, os.stat(copy, follow_symlinks=False).st_mode & 0o777)
    finally:
        os.close(out)
    copy.unlink()
    return name
