"""Rotating backups of the workspace file, in a folder sync tools can be told to ignore."""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from pathlib import Path

BACKUP_DIR = ".okrtui-backups"


def backup_dir(path: Path) -> Path:
    """The folder that holds the backups of `path`."""
    return path.parent / BACKUP_DIR


def list_backups(path: Path) -> list[Path]:
    """Backups of `path`, newest first."""
    folder = backup_dir(path)
    if not folder.is_dir():
        return []
    found = [p for p in folder.glob(f"{path.stem}.*{path.suffix}") if p.is_file()]
    return sorted(found, key=lambda p: p.name, reverse=True)


def keep_backup(path: Path) -> Path:
    """Keep the current version of `path` as a backup before it is replaced.

    A hard link costs nothing however large the file is, and the replaced inode lives on
    as the backup; where links are not possible, the file is copied.
    """
    folder = backup_dir(path)
    folder.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    target = folder / f"{path.stem}.{stamp}-{time.time_ns() % 10**9:09d}{path.suffix}"
    try:
        os.link(path, target)
    except OSError:
        shutil.copy2(path, target)
    return target


def rotate(path: Path, keep: int) -> None:
    """Delete all but the newest `keep` backups of `path`."""
    for old in list_backups(path)[keep:]:
        with contextlib.suppress(OSError):
            old.unlink()
