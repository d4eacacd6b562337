"""What every use case shares: the store, the user, the clock, ids, and reading."""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Self

from okrtui.domain.plans.actor import Actor
from okrtui.domain.records.errors import describe
from okrtui.domain.records.workspace import InvalidRecord, Workspace
from okrtui.services.journal import Entry, Journal
from okrtui.store import Store

Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    """The current time, timezone-aware in UTC."""
    return dt.datetime.now(dt.UTC)


def new_uuid() -> str:
    """A fresh random record id."""
    return str(uuid.uuid4())


class ServiceBase:
    """The workspace and the user every use case acts on and for, and the reads they share."""

    def __init__(self, store: Store, user: str, clock: Clock = utc_now,
                 new_id: Callable[[], str] = new_uuid, *, journal: bool = True) -> None:
        """`journal` False keeps no undo history of this user's actions."""
        self.store = store
        self.user = user
        self.clock = clock
        self.new_id = new_id
        self.journal: Journal | None = Journal(store.path, user) if journal else None
        self._pending = threading.local()  # the undo or redo the next commit records
        store.on_commit = self._committed

    @classmethod
    def open(cls, path: str | Path, user: str, clock: Clock = utc_now,
             new_id: Callable[[], str] = new_uuid, *,
             keep_backups: int | None = None) -> Self:
        """Services for `user` on the workspace file at `path` (created on first save);
        `keep_backups` None keeps as many backups as the workspace's settings say."""
        return cls(Store(path, keep_backups=keep_backups), user, clock, new_id)

    # ---- reading -------------------------------------------------------------------

    def workspace(self) -> Workspace:
        """The workspace as it is on disk now."""
        return self.store.snapshot()

    def workspace_in_memory(self) -> Workspace | None:
        """The version of the workspace last read or written here, without looking at the
        disk (None before the first read): for a first frame; `workspace` reads."""
        return self.store.in_memory()

    @property
    def path(self) -> Path:
        """The workspace file."""
        return self.store.path

    def explain(self, error: Exception) -> str:
        """One line for an error; a broken record names the file and the newest backup."""
        if isinstance(error, InvalidRecord):
            return self.store.explain(error)
        return describe(error)

    def today(self) -> dt.date:
        """Today's date where the user is."""
        return self.clock().astimezone().date()

    def local_now(self) -> dt.datetime:
        """Now, in the user's time zone: its date is their today (what domain plans take)."""
        return self.clock().astimezone()

    def changed_on_disk(self) -> bool:
        """Whether someone else (the CLI, a teammate's sync) changed the file since we read it."""
        return self.store.changed_on_disk()

    def on_external_change(self, callback: Callable[[Workspace, Workspace], None] | None
                           ) -> None:
        """Have `callback(previous, fresh)` told of each version of the file that someone
        else wrote (a teammate, the CLI, a sync tool). It may run in any thread, under the
        store's lock: it must only take note, e.g. append to a queue."""
        self.store.on_external_change = callback

    def resolve(self, ref: str, *tables: str) -> tuple[str, str]:
        """The (table, id) an id prefix names, among `tables` (all when none)."""
        ws = self.workspace()
        return ws.resolve(ref, tables) if tables else ws.resolve(ref)

    def actor(self) -> Actor:
        """Who acts and when, for a domain plan: the user, now in their time zone, and
        this workspace's source of new ids. A form previewing an action builds its plan
        with this too, so the preview and the save run the same plan."""
        return Actor(self.user, self.local_now(), self.new_id)

    def _committed(self, ws: Workspace) -> None:
        """The store's commit hook: journal what this transaction of mine changed (an undo
        or redo in progress files it as the reversal it is)."""
        pending = getattr(self._pending, "entry", None)
        self._pending.entry = None
        if self.journal is None:
            return
        try:
            from okrtui.domain.history.journal import changes_of, label

            changes = changes_of(ws)
            if not changes:
                return
            # A reversal keeps the name of the action it reverses: redo says what it redoes.
            words = label(ws, changes) if pending is None else pending[2]
            entry = Entry(str(uuid.uuid4()), self.clock().isoformat(), words, tuple(changes))
            if pending is None:
                self.journal.done(entry)
            else:
                self.journal.reversed(pending[0], pending[1], entry)
        except Exception:  # the history is a convenience; the save is done already
            return
