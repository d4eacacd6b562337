"""Files and folders in a shared folder, handled as if a hostile teammate put them there.

Every teammate, device and sync tool can put files beside the workspace. okrtui reads
only regular files of plausible size, never through a symlink, and without hanging on a
FIFO or a device; it creates its own files and folders with the workspace file's mode
and group, so that one teammate's umask cannot lock the others out; and it works inside
its own folders through descriptors opened without following links, so a folder
swapped for a symlink never makes it write, move or delete somewhere else.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from okrtui.store.errors import StoreError, WorkspaceFileError

MAX_FILE_BYTES = 1 << 30
"""No workspace comes near this (a team's eight quarters are 20 MiB, ten teams' 200 MiB);
a file beyond it is not read: a sparse or runaway file must not exhaust memory."""

_READ_CHUNK = 1 << 24


class UnsafeFolder(StoreError):
    """One of okrtui's own folders is a symlink or not a folder: refused, never followed."""


def kind_of(mode: int) -> str:
    """What a file that is not a regular file is, in words."""
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISREG(mode):
        return "a regular file"  # where a folder belongs (.okrtui-backups, say)
    return "not a regular file"


def is_regular(path: Path) -> bool:
    """Whether `path` itself (a link is not followed) is a regular file."""
    try:
        return stat.S_ISREG(os.stat(path, follow_symlinks=False).st_mode)
    except OSError:
        return False


def read_regular(path: Path, *, what: str = "workspace file") -> bytes | None:
    """The bytes of the regular file `path`; None when there is none.

    A symlink (not followed), a folder, a FIFO, a device or a file beyond MAX_FILE_BYTES
    is refused with one line (WorkspaceFileError) that says what it is; nothing is read.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    except PermissionError as exc:
        raise WorkspaceFileError(f"{path} cannot be read: permission denied") from exc
    except OSError as exc:
        try:
            mode = os.stat(path, follow_symlinks=False).st_mode
        except OSError:
            raise exc from None
        raise WorkspaceFileError(f"{path} is {kind_of(mode)}, not a {what}; okrtui reads "
                                 "only regular files and left it alone") from None
    with open(fd, "rb", closefd=True) as handle:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise WorkspaceFileError(f"{path} is {kind_of(st.st_mode)}, not a {what}; okrtui "
                                     "reads only regular files and left it alone")
        if st.st_size > MAX_FILE_BYTES:
            raise WorkspaceFileError(
                f"{path} is {st.st_size:,} bytes, far beyond any plausible {what} (okrtui "
                f"reads at most {MAX_FILE_BYTES:,}); it was left as it is")
        if st.st_size:
            return handle.read()
        # Size 0 can still hold bytes (files of /proc): read them, but never without bound.
        chunks: list[bytes] = []
        total = 0
        while chunk := handle.read(_READ_CHUNK):
            chunks.append(chunk)
            total += len(chunk)
            if total > MAX_FILE_BYTES:
                raise WorkspaceFileError(f"{path} keeps growing beyond any plausible {what}; "
                                         "it was left as it is")
        return b"".join(chunks)



# ---- what okrtui creates: the workspace file's mode and group ----------------------------


def _workspace_stat(like: Path) -> os.stat_result | None:
    try:
        return os.stat(like, follow_symlinks=False)
    except OSError:
        return None


def like_workspace(fd: int, like: Path, *, folder: bool = False) -> None:
    """Give the file (or `folder`) open as `fd`, which okrtui just created, the workspace
    file's permissions and group; with no workspace file yet, the umask's say stays.

    A folder gets search permission wherever the file has read permission (0660 -> 0770)
    and keeps the set-group-id bit it inherited from a 2770 team folder.
    """
    st = _workspace_stat(like)
    if st is None:
        return
    mode = st.st_mode & 0o666
    if folder:
        mode |= (mode & 0o444) >> 2
        mode |= os.fstat(fd).st_mode & stat.S_ISGID
    with contextlib.suppress(PermissionError):
        os.fchmod(fd, mode)
    if os.fstat(fd).st_gid != st.st_gid:
        # Only possible for a member of the group, which is the case that matters.
        with contextlib.suppress(PermissionError):
            os.fchown(fd, -1, st.st_gid)


def open_folder(parent: Path | int, name: str, like: Path, *, create: bool,
                shown: Path) -> int | None:
    """A descriptor of okrtui's own folder `name` in `parent` (a path or a descriptor),
    created with the workspace's mode and group when `create`; None when it does not
    exist and is not to be created.

    A symlink or anything but a folder there is refused with one line (UnsafeFolder):
    okrtui keeps its files only in folders of its own. `shown` is the path to name.
    """
    dir_fd = parent if isinstance(parent, int) else None
    target: str | Path = name if dir_fd is not None else Path(parent) / name
    flags = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
    made = False
    while True:
        try:
            fd = os.open(target, flags, dir_fd=dir_fd)
            break
        except FileNotFoundError:
            if not create:
                return None
            try:
                os.mkdir(target, 0o777, dir_fd=dir_fd)
                made = True
            except FileExistsError:
                pass  # another save made it meanwhile
        except OSError:
            try:
                mode = os.stat(target, dir_fd=dir_fd, follow_symlinks=False).st_mode
            except OSError:
                mode = stat.S_IFDIR
            if not stat.S_ISDIR(mode):
                raise UnsafeFolder(_refusal(shown, mode)) from None
            raise
    if made:
        like_workspace(fd, like, folder=True)
    return fd


def _refusal(shown: Path, mode: int) -> str:
    return (f"{shown} is {kind_of(mode)}, not a folder of okrtui's own: okrtui keeps its "
            "backups and conflict copies only in a real folder beside the workspace and "
            "never follows a link there; remove it (okrtui makes the folder again)")
