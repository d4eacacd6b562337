"""Encoding, decoding and crash-safe replacement of the workspace file."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import orjson

from okrtui.store.errors import SaveFailed
from okrtui.store.files import like_workspace
from okrtui.store.lazytables import assemble, encode_table


def encode(data: dict[str, dict[str, Any]]) -> bytes:
    """The canonical file layout: tables and records sorted, one record per line.

        {
          "checkins": {
            "0b7e...": {"at":"2026-11-22T09:30:00Z","kr_id":"...","value":120.0},
            "5c1d...": {...}
          },
          "initiatives": {},
          ...
        }

    One record per line makes `git diff` show exactly which records changed and lets git
    merge edits of different records; sorted keys make saving the same data give the
    same bytes; and okrtui can add a record without parsing its table (lazytables.py).
    """
    return assemble({name: encode_table(table, name) for name, table in data.items()})


def decode(blob: bytes | memoryview) -> Any:
    """Parse JSON bytes (raises orjson.JSONDecodeError, a ValueError)."""
    return orjson.loads(blob)


def temp_prefix(path: Path) -> str:
    """Name prefix of the temporary files a save of `path` creates beside it."""
    return f".{path.name}.tmp-"


def _temp_pattern(path: Path) -> re.Pattern[str]:
    """Exactly the names `atomic_replace` gives its temporary files (pid, random hex)."""
    return re.compile(re.escape(temp_prefix(path)) + r"\d+-[0-9a-f]{8}")


def fsync_dir(directory: Path) -> None:
    """Make a rename in `directory` durable (a no-op where directories cannot be opened)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_replace(path: Path, blob: bytes | Sequence[bytes | memoryview], *,
                   before_replace: Any = None, guard: Any = None,
                   like: Path | None = None) -> None:
    """Write `blob` (bytes, or chunks written in order) to `path` so that a crash leaves
    either the old file or the new one.

    The bytes go to a temporary file in the same folder, are fsynced, take the old file's
    mode and group, and replace the file with one rename; the folder is fsynced after.
    `guard()` runs just before the rename and may raise to write nothing (the caller's
    check that nobody replaced the file meanwhile); then `before_replace(path)` (used to
    keep a backup). A file made new takes the mode and group of `like`, when given (an
    archive, of its workspace's open file).
    """
    try:
        _replace(path, blob, before_replace, guard, like)
    except SaveFailed:
        raise
    except OSError as exc:
        # One line that names the file and says that nothing changed: "file: No space
        # left on device" said neither.
        why = exc.strerror or str(exc)
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            why = f"the disk is full ({why})"
        raise SaveFailed(f"{path} could not be saved: {why}; nothing was saved, the file "
                         "is as it was") from exc


def _replace(path: Path, blob: bytes | Sequence[bytes | memoryview], before_replace: Any,
             guard: Any, like: Path | None = None) -> None:
    directory = path.parent
    try:
        old = os.stat(path, follow_symlinks=False)
    except FileNotFoundError:
        old = None
    tmp = directory / f"{temp_prefix(path)}{os.getpid()}-{os.urandom(4).hex()}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC,
                 0o666 if old is None else 0o600)
    try:
        # Locked while it is written: a save that finds it (remove_stale_temps) can tell
        # a live save's file from one a killed save left, whatever the workspace lock did.
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        for chunk in [blob] if isinstance(blob, bytes) else blob:
            view = memoryview(chunk)
            while view:
                view = view[os.write(fd, view):]
        if old is not None:
            os.fchmod(fd, old.st_mode & 0o7777)
            if old.st_gid != os.fstat(fd).st_gid:
                # A team file on a server must stay in the team's group; only possible
                # when we belong to it, which is the case that matters.
                with contextlib.suppress(PermissionError):
                    os.fchown(fd, -1, old.st_gid)
        elif like is not None:
            like_workspace(fd, like)
        os.fsync(fd)
        if guard is not None:
            guard()
        if before_replace is not None and old is not None:
            before_replace(path)
        os.replace(tmp, path)  # still locked: the file is never taken for a leftover
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    finally:
        os.close(fd)
    fsync_dir(directory)


def remove_stale_temps(path: Path) -> int:
    """Delete the temporary files that killed saves left beside `path`.

    Only regular files named exactly as a save names them, and only those no save holds
    locked (a live save keeps its file locked until the rename): another writer's file
    in progress is never touched, and no file okrtui did not make is deleted.
    """
    removed = 0
    pattern = _temp_pattern(path)
    try:
        names = [n for n in os.listdir(path.parent) if pattern.fullmatch(n)]
    except OSError:
        return 0
    for name in names:
        leftover = path.parent / name
        try:
            fd = os.open(leftover, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
        except OSError:
            continue  # gone already, a symlink, or not ours to open
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                continue
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue  # a save in progress
            st = os.stat(leftover, follow_symlinks=False)
            if (st.st_dev, st.st_ino) == (os.fstat(fd).st_dev, os.fstat(fd).st_ino):
                leftover.unlink()
                removed += 1
        except OSError:
            continue
        finally:
            os.close(fd)
    return removed
