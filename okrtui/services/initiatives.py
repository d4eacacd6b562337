"""Use cases of initiatives: the work under a key result (add, tick, edit, remove, list)."""

from __future__ import annotations

from typing import Any

from okrtui.domain.plans import initiatives as plans
from okrtui.domain.records.models import Initiative
from okrtui.domain.reporting.initiatives import Completion, completion, initiative_order
from okrtui.services.base import ServiceBase


class InitiativeUseCases(ServiceBase):
    """Use cases of initiatives: add, tick or untick, edit, remove, list."""

    def add_initiative(self, kr_ref: str, title: str, *, owner: str | None = None,
                       done: bool = False) -> Initiative:
        """Add an initiative under a key result (its owner defaults to the user)."""
        with self.store.transaction() as ws:
            made = plans.plan_add_initiative(ws, self.actor(), kr_ref, title, owner=owner,
                                             done=done)
            ws.insert("initiatives", made)
            return made

    def edit_initiative(self, ref: str, **changes: Any) -> Initiative:
        """Change an initiative's title, owner or done mark."""
        with self.store.transaction() as ws:
            edited = plans.plan_edit_initiative(ws, self.actor(), ref, changes)
            if edited.rev != ws.get("initiatives", edited.id, Initiative).rev:
                ws.put("initiatives", edited)
            return edited

    def set_initiative_done(self, ref: str, done: bool = True) -> Initiative:
        """Tick (or untick) an initiative: who did it and when are recorded."""
        return self.edit_initiative(ref, done=done)

    def remove_initiative(self, ref: str) -> Initiative:
        """Remove an initiative (a tombstone saying who removed it and when)."""
        with self.store.transaction() as ws:
            gone = plans.plan_remove_initiative(ws, self.actor(), ref)
            ws.put("initiatives", gone)
            return gone

    def initiatives(self, kr_ref: str) -> tuple[list[Initiative], Completion]:
        """A key result's live initiatives in the order they were added, and how many
        are done ("3 of 5 done")."""
        ws = self.workspace()
        _, kid = ws.resolve(kr_ref, ("key_results",))
        listed = initiative_order(ws.initiatives(kid))
        return listed, completion(listed)
