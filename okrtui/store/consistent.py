"""The archives as a reader without the lock sees them: one version of the workspace.

A reader reads the open file, and an archive later, when a question needs it. A save that
moves records between files (grading, reopening) writes the open file first, then the
archives; one that finished between the two reads can leave a record in neither as read
(a key result reopened after the open file was read and before its archive was). Such a
save always changes the open file, so a reader that finds the open file unchanged after
reading an archive has one version; one that finds it changed reads both again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from okrtui.domain.records.archived import Tables
from okrtui.store.archive import Archives
from okrtui.store.errors import SyncInProgress
from okrtui.store.storage import Signature, signature

ATTEMPTS = 20

OpenFile = Callable[[], tuple[Any, Signature | None]]
"""The open file's tables as they are now, and the signature of that version."""


class ConsistentHistory:
    """A lock-free snapshot's History: the archives, read so that they and the open
    tables they join are one version of the workspace."""

    def __init__(self, archives: Archives, open_file: OpenFile, seen: Signature | None
                 ) -> None:
        """`seen` is the signature of the open file's version the snapshot holds."""
        self.archives = archives
        self._open_file = open_file
        self._seen = seen

    def years(self, changed_since: dt.datetime | None = None) -> tuple[int, ...]:
        """The years that have an archive."""
        return self.archives.years(changed_since)

    def period_counts(self, years: Iterable[int]) -> Mapping[str, int]:
        """Live objectives per period in the archives of `years`."""
        return self.archives.period_counts(years)

    def attach(self, tables: Tables, years: Iterable[int]) -> Tables:
        """`tables` with the archives of `years`; when the open file changed meanwhile,
        the open file as it is now with every archive the tables had and `years`."""
        wanted = list(years)
        for _attempt in range(ATTEMPTS):
            joined = self.archives.attach(tables, wanted)
            if signature(self.archives.path) == self._seen:  # the open file, as it is now
                return joined
            fresh, self._seen = self._open_file()
            wanted = list(joined.years)
            tables = fresh.copy() if fresh else {}
        raise SyncInProgress(f"{self.archives.path} keeps changing while it is read; "
                             "try again in a moment")
