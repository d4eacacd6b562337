"""Use cases of my own history: undo my last action, redo what I undid.

An undo is a new change that reverses mine on the workspace as it is now (a teammate's
changes made meanwhile stay), never a restore of an older file. A field a teammate has
changed since is left as they made it, and the result says so. Undo and redo each run
in one transaction, with the journal read and written under the same lock.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from okrtui.domain.records.errors import OkrError
from okrtui.domain.records.models import TABLES
from okrtui.domain.records.workspace import Workspace
from okrtui.services.base import ServiceBase
from okrtui.services.journal import Entry, Journal


class NothingToUndo(OkrError):
    """The history has no action to undo (or to redo)."""


@dataclass(frozen=True)
class UndoResult:
    """What an undo (or redo) did, or with `dry_run` would do."""

    kind: str  # "undo" or "redo"
    action: str  # the action reversed, in words
    reversed: bool  # whether anything was reversed (False: a teammate changed it all)
    kept: tuple[str, ...] = ()  # what stays as a teammate made it, one sentence each
    dry_run: bool = False


class HistoryUseCases(ServiceBase):
    """Use cases of my own history: undo my last action, redo what I undid."""

    def undo(self, *, dry_run: bool = False) -> UndoResult:
        """Reverse my newest action that is not undone yet."""
        return self._reverse("undo", dry_run)

    def redo(self, *, dry_run: bool = False) -> UndoResult:
        """Reverse my newest undo (as long as I did nothing new since)."""
        return self._reverse("redo", dry_run)

    def history(self) -> tuple[list[Entry], list[Entry]]:
        """(what undo would reverse, what redo would), newest last."""
        return self._journal().load()

    def _journal(self) -> Journal:
        if self.journal is None:
            raise NothingToUndo("this okrtui keeps no undo history")
        return self.journal

    def _reverse(self, kind: str, dry_run: bool) -> UndoResult:
        from okrtui.domain.history.journal import plan_reversal

        journal = self._journal()
        if dry_run:
            ws = self.workspace()
            entry = self._newest(journal, kind)
            plan = plan_reversal(ws, entry.changes, self.user, self.clock().isoformat())
            self._apply(Workspace(ws.tables.copy()), plan)  # a scratch copy: refusals show
            return UndoResult(kind, entry.label, not plan.empty, plan.kept, dry_run=True)
        self._pending.entry = None
        try:
            with self.store.transaction() as ws:
                entry = self._newest(journal, kind)
                plan = plan_reversal(ws, entry.changes, self.user, self.clock().isoformat())
                if plan.empty:
                    journal.reversed(kind, entry.id, None)  # nothing to reverse: drop it
                else:
                    self._apply(ws, plan)
                    # The commit hook, told of this transaction's write, files it as the
                    # reversal of `entry`.
                    self._pending.entry = (kind, entry.id, entry.label)
            left = self._pending.entry
        finally:
            self._pending.entry = None
        if left is not None:  # nothing was written after all: the entry is spent
            journal.reversed(kind, entry.id, None)
        return UndoResult(kind, entry.label, not plan.empty, plan.kept)

    @staticmethod
    def _newest(journal: Journal, kind: str) -> Entry:
        undo, redo = journal.load()
        stack = undo if kind == "undo" else redo
        if not stack:
            raise NothingToUndo(f"nothing to {kind}")
        return stack[-1]

    def _apply(self, ws: Workspace, plan: Any) -> None:
        """Make the plan's updates through the models and the rules: a reversal that
        would break one (a sixth key result brought back) is refused whole."""
        from okrtui.domain.history.journal import RANK
        from okrtui.domain.reporting.exchange import check_imported

        now = self.clock()
        for update in sorted(plan.updates, key=lambda u: RANK.get(u.table, 9)):
            record = ws.get(update.table, update.record_id, TABLES[update.table])
            revised = record.revise(self.user, now, **update.fields)
            if revised is not record:
                ws.put(update.table, revised)
        for update in plan.updates:
            check_imported(ws, update.table,
                           ws.get(update.table, update.record_id, TABLES[update.table]))
