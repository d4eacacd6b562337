"""Files and folders in a shared folder, handled as if a hostile teammate put them there.

Every teammate, device and sync tool can put files beside the workspace. okrtui creates
its own files and folders with the workspace file's mode and group, so that one
teammate's umask cannot lock the others out.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

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
