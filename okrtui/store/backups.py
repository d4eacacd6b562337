"""Rotating backups of the workspace file, in a folder sync tools can be told to ignore.

The folder `.okrtui-backups` beside the workspace can hold the backups of several
workspaces (`okrs.json` beside `okrs.sales.json` or last year's `okrs.2025.json`), so a
workspace's backups are exactly the regular files named `<stem>.<UTC time>-<ns><suffix>`
after it: another workspace's backups, links and anything else there are never listed,
restored or rotated away. The folder is used only through a descriptor opened without
following links: a `.okrtui-backups` that is a symlink is refused, never followed.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from okrtui.store.errors import StoreError
from okrtui.store.files import like_workspace, open_folder

BACKUP_DIR = ".okrtui-backups"


def backup_dir(path: Path) -> Path:
    """The folder that holds the backups of `path`."""
    return path.parent / BACKUP_DIR


def backup_pattern(path: Path) -> re.Pattern[str]:
    """The names `keep_backup` gives the backups of `path`, and only those."""
    return re.compile(rf"{re.escape(path.stem)}\.\d{{8}}T\d{{6}}-\d{{9}}{re.escape(path.suffix)}")


@contextmanager
def backups_folder(path: Path, *, create: bool) -> Iterator[int | None]:
    """A descriptor of the backups folder of `path` (None when there is none and it is
    not to be created); UnsafeFolder when it is a symlink or not a folder."""
    fd = open_folder(path.parent, BACKUP_DIR, path, create=create, shown=backup_dir(path))
    try:
        yield fd
    finally:
        if fd is not None:
            os.close(fd)


def _names(fd: int, path: Path) -> list[str]:
    """Names of the backups of `path` in the folder open as `fd`, newest first."""
    pattern = backup_pattern(path)
    found: list[str] = []
    with os.scandir(fd) as entries:
        for entry in entries:
            if pattern.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                found.append(entry.name)
    return sorted(found, reverse=True)


def list_backups(path: Path) -> list[Path]:
    """Backups of `path`, newest first (UnsafeFolder when the folder is a symlink)."""
    with backups_folder(path, create=False) as fd:
        if fd is None:
            return []
        return [backup_dir(path) / name for name in _names(fd, path)]


def newest_backup(path: Path) -> str:
    """The newest backup of `path`, for a message about the file: its path, or "none"."""
    try:
        found = list_backups(path)
    except (StoreError, OSError):
        return f"none usable ({backup_dir(path)} is not a folder of okrtui's own)"
    return str(found[0]) if found else "none"


def keep_backup(path: Path) -> Path:
    """Keep the current version of `path` as a backup before it is replaced.

    A hard link costs nothing however large the file is, and the replaced inode lives on
    as the backup; where links are not possible, the file is copied. A backups folder
    that is a symlink refuses the save (UnsafeFolder, one line): nothing is written.
    """
    with backups_folder(path, create=True) as fd:
        assert fd is not None
        # One reading of the clock for the second and the nanoseconds: read apart, a
        # backup made as a second turned could sort before the one made just before it.
        now = time.time_ns()
        stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime(now // 10**9))
        name = f"{path.stem}.{stamp}-{now % 10**9:09d}{path.suffix}"
        try:
            os.link(path, name, dst_dir_fd=fd, follow_symlinks=False)
        except OSError:
            _copy_into(path, fd, name)
        return backup_dir(path) / name


def _copy_into(path: Path, folder_fd: int, name: str) -> None:
    """Copy `path` as a new file `name` of the folder open as `folder_fd`."""
    out = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC,
                  0o600, dir_fd=folder_fd)
    try:
        with open(path, "rb") as source, open(out, "wb", closefd=False) as target:
            shutil.copyfileobj(source, target)
        like_workspace(out, path)
        st = os.stat(path)
        os.utime(out, ns=(st.st_atime_ns, st.st_mtime_ns))
    finally:
        os.close(out)


def rotate(path: Path, keep: int) -> None:
    """Delete all but the newest `keep` backups of `path` (its own, nothing else)."""
    with backups_folder(path, create=False) as fd:
        if fd is None:
            return
        for name in _names(fd, path)[keep:]:
            with contextlib.suppress(OSError):
                if stat.S_ISREG(os.stat(name, dir_fd=fd, follow_symlinks=False).st_mode):
                    os.unlink(name, dir_fd=fd)
