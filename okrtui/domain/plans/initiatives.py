"""Initiatives as plans: the work planned to move a key result (it does not count towards
the score). Add one, tick or untick it, edit its title or owner, remove it.

Ticking records who did it and when (`done_by`, `done_at`), which the weekly review lists;
unticking clears both. A removal is a tombstone, as for every record.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from okrtui.domain.plans.actor import Actor
from okrtui.domain.records.errors import RuleViolation
from okrtui.domain.records.models import Initiative, KeyResult, tombstone
from okrtui.domain.records.workspace import Workspace
from okrtui.domain.rules.editable import check_editable

EDITABLE = ("title", "owner", "done")


def _live_key_result(ws: Workspace, kr_id: str) -> KeyResult:
    kr = ws.key_result(kr_id)
    if kr.deleted:
        raise RuleViolation("this key result was deleted", field="kr")
    return kr


def plan_add_initiative(ws: Workspace, actor: Actor, kr_ref: str, title: str, *,
                        owner: str | None = None, done: bool = False) -> Initiative:
    """A new initiative under a key result; its owner defaults to the person adding it."""
    _, kid = ws.resolve(kr_ref, ("key_results",))
    _live_key_result(ws, kid)
    user, new_id, stamp = actor.user, actor.new_id(), actor.at
    position = max((i.position for i in ws.initiatives(kid)), default=-1) + 1
    return Initiative.model_validate({
        "position": position,
        "id": new_id, "kr_id": kid, "title": title, "owner": user if owner is None else owner,
        "created_at": stamp, "created_by": user, "updated_at": stamp, "updated_by": user,
        "done": done, "done_at": stamp if done else None, "done_by": user if done else "",
    })


def plan_edit_initiative(ws: Workspace, actor: Actor, ref: str,
                         changes: Mapping[str, Any]) -> Initiative:
    """An initiative with a new title, owner or done mark; changing nothing changes nothing
    (the same record back, no new revision)."""
    check_editable(changes, EDITABLE, "an initiative's title, owner and done mark")
    _, iid = ws.resolve(ref, ("initiatives",))
    old = ws.get("initiatives", iid, Initiative)
    _live_key_result(ws, old.kr_id)
    fields = dict(changes)
    user, stamp = actor.user, actor.at
    if "done" in fields and bool(fields["done"]) != old.done:
        fields["done_at"] = stamp if fields["done"] else None
        fields["done_by"] = user if fields["done"] else ""
    return old.revise(user, stamp, **fields)


def plan_remove_initiative(ws: Workspace, actor: Actor, ref: str) -> Initiative:
    """The tombstone of an initiative, saying who removed it and when."""
    _, iid = ws.resolve(ref, ("initiatives",))
    return tombstone(ws.get("initiatives", iid, Initiative), actor.user, actor.at)
