"""Use cases of the workspace's own safety net: listing backups and bringing one back."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from okrtui.domain.records.errors import InvalidInput, NotFound
from okrtui.services.base import ServiceBase
from okrtui.store.archive import find_archives
from okrtui.store.backups import backup_dir, list_backups


@dataclass(frozen=True)
class Backup:
    """One backup of the workspace: its number in the list (1 is the newest backup of the
    open file; None for an archive's, restored by its path) and file."""

    number: int | None
    path: Path
    size: int
    saved: dt.datetime
    of: Path | None = None
    """The file of the workspace it is a backup of (None: the open file)."""


class SafetyUseCases(ServiceBase):
    """Use cases of the workspace's own safety net: listing backups and bringing one back."""

    @property
    def backup_folder(self) -> Path:
        """The folder that holds the workspace's backups."""
        return backup_dir(self.store.path)

    def backups(self) -> list[Backup]:
        """The backups of the workspace's open file, newest first."""
        out: list[Backup] = []
        for number, path in enumerate(list_backups(self.store.path), 1):
            st = path.stat(follow_symlinks=False)
            out.append(Backup(number, path, st.st_size, dt.datetime.fromtimestamp(st.st_mtime)))
        return out

    def archive_backups(self) -> list[Backup]:
        """The backups of each of the workspace's archives, by archive, newest first."""
        out: list[Backup] = []
        for archive in find_archives(self.store.path).values():
            for path in list_backups(archive):
                st = path.stat(follow_symlinks=False)
                out.append(Backup(None, path, st.st_size,
                                  dt.datetime.fromtimestamp(st.st_mtime), archive))
        return out

    def restore(self, spec: str) -> tuple[Path, Path | None, Path]:
        """Bring back the backup `spec` names (a number from `backups`, or a file path),
        keeping the version it replaces as a backup too; returns (the backup restored,
        the backup made of the replaced version or None when there was none, the file
        restored: the open file, or the archive the backup is of)."""
        chosen = self._choose_backup(spec)
        target, kept = self.store.restore(chosen)
        return chosen, kept, target

    def _choose_backup(self, spec: str) -> Path:
        if spec.isdigit():
            found = list_backups(self.store.path)
            number = int(spec)
            if not 1 <= number <= len(found):
                raise NotFound(f"there is no backup number {number} (there are {len(found)})",
                               field="backup")
            return found[number - 1]
        candidate = Path(spec).expanduser()
        if not candidate.is_file():
            raise InvalidInput(f"{spec} is neither a backup number nor a file", field="backup")
        return candidate.resolve()  # a path the person gave: the file it names
