"""The workspace's lock: flock(2) on a file of okrtui's own beside the workspace file,
and on the folder that holds them.

A lock file in a shared or synced folder is a file anyone there can replace or delete: a
sync tool bringing another device's `.okrs.json.lock`, a teammate tidying up. A lock held
on an inode that has lost the lock's name locks nobody out, so:

- the folder itself is locked too: a sync tool replaces files, never the folder they are
  in, so whoever holds the folder's lock is alone whatever happened to the lock file
  (where the folder cannot be locked, NFS for one, the lock file alone serves);
- the lock file is still taken first, so that older okrtui versions, which lock only it,
  are kept out as before; after taking it, the path must still name the inode that was
  locked, else it is taken again on the file the path names now;
- the lock file is never deleted (deleting it is exactly what lets two writers in), is
  never opened through a symlink, must be a regular file, and is created with the
  workspace file's mode and group, so that a teammate with umask 022 cannot lock the
  others out.

flock locks belong to an open file, not to a process: two stores in one process exclude
each other as two processes do, and a killed process's locks go with it.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import stat
import time
from pathlib import Path

from okrtui.store.errors import StoreError
from okrtui.store.files import like_workspace

# Polling: flock has no timeout of its own. Start fast (a save takes milliseconds) and
# back off, so that waiters do not spin while a large workspace is written.
_FIRST_DELAY = 0.001
_MAX_DELAY = 0.05


class LockTimeout(Exception):
    """The lock stayed taken for longer than the timeout."""


class UnusableLock(StoreError):
    """The lock's path holds something okrtui will not lock: a symlink, a folder, a FIFO."""


class WorkspaceLock:
    """An exclusive lock on `path`, a file beside the workspace file `like`.

    Re-entrant within its owner (the store holds a mutex around it): a nested acquire
    counts, and only the outermost release unlocks.
    """

    def __init__(self, path: Path, like: Path, timeout: float) -> None:
        self.path = path
        self.like = like
        self.timeout = timeout
        self._fd: int | None = None
        self._folder_fd: int | None = None
        self._depth = 0

    @property
    def held(self) -> bool:
        """Whether this lock is taken (by its owner)."""
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock, waiting up to the timeout (LockTimeout after that)."""
        if self._fd is not None:
            self._depth += 1
            return
        deadline = time.monotonic() + self.timeout
        fd = self._take(deadline)
        try:
            self._folder_fd = _lock_folder(self.path.parent, deadline)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        self._depth = 1

    def release(self) -> None:
        """Let go of the lock (the lock file stays: deleting it would let two in)."""
        if self._fd is None:
            return
        self._depth -= 1
        if self._depth > 0:
            return
        for fd in (self._folder_fd, self._fd):
            if fd is not None:
                with contextlib.suppress(OSError):
                    fcntl.flock(fd, fcntl.LOCK_UN)
                os.close(fd)
        self._fd = self._folder_fd = None

    # ---- helpers -------------------------------------------------------------------

    def _take(self, deadline: float) -> int:
        """An open, locked descriptor of the file the lock's path names."""
        while True:
            fd = self._open()
            try:
                _flock(fd, deadline, str(self.path))
                if _names(self.path, fd):
                    return fd
            except BaseException:
                os.close(fd)
                raise
            # The file we locked lost its name meanwhile: lock the one named now.
            os.close(fd)
            if time.monotonic() >= deadline:
                raise LockTimeout(str(self.path))

    def _open(self) -> int:
        """Open (or create, with the workspace file's mode and group) the lock file."""
        base = os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK  # NONBLOCK: a FIFO never hangs
        while True:
            try:
                fd = os.open(self.path, base | os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o666)
            except FileExistsError:
                pass
            except OSError as exc:
                raise self._refusal(exc) from None
            else:
                like_workspace(fd, self.like)
                return fd
            try:
                # flock needs no write access: a lock file another account made read-only
                # for us still locks (NFS alone wants it writable, so try that first).
                try:
                    fd = os.open(self.path, base | os.O_RDWR)
                except PermissionError:
                    fd = os.open(self.path, base | os.O_RDONLY)
            except FileNotFoundError:
                continue  # deleted between our two opens: create it again
            except OSError as exc:
                raise self._refusal(exc) from None
            mode = os.fstat(fd).st_mode
            if not stat.S_ISREG(mode):
                os.close(fd)
                raise UnusableLock(f"{self.path} is not a regular file; okrtui locks only "
                                   "a lock file of its own there: remove it and try again")
            return fd

    def _refusal(self, exc: OSError) -> Exception:
        if exc.errno == errno.ELOOP:
            return UnusableLock(f"{self.path} is a symbolic link; okrtui locks only a lock "
                                "file of its own, never through a link: remove it and try "
                                "again")
        if exc.errno == errno.EISDIR:
            return UnusableLock(f"{self.path} is a folder, not a lock file; okrtui locks "
                                "only a lock file of its own there: remove it and try again")
        return exc


def _names(path: Path, fd: int) -> bool:
    """Whether `path` (not followed if it is a link) is the file open as `fd`."""
    try:
        st = os.stat(path, follow_symlinks=False)
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (st.st_dev, st.st_ino) == (mine.st_dev, mine.st_ino)


def _flock(fd: int, deadline: float, what: str) -> None:
    """Lock `fd` exclusively, polling until `deadline` (flock has no timeout)."""
    delay = _FIRST_DELAY
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise LockTimeout(what) from None
            time.sleep(delay)
            delay = min(delay * 2, _MAX_DELAY)


def _lock_folder(folder: Path, deadline: float) -> int | None:
    """A locked descriptor of `folder`; None where folders cannot be locked (NFS emulates
    flock with byte-range locks, which a folder opened for reading cannot take)."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        _flock(fd, deadline, str(folder))
    except LockTimeout:
        os.close(fd)
        raise
    except OSError:
        os.close(fd)
        return None
    return fd
