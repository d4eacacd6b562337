"""Check-ins as plans: record one (now or back-dated), correct one, remove one.

History stays honest: a correction is a new revision of the record (`rev` grows by one,
`updated_by` and `updated_at` say who and when, `author` stays who checked in), and a
removal is a tombstone, so a merge with a teammate's copy can tell "removed" from "never
seen" and an edit on one side from an untouched record on the other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from okrtui.domain.plans.actor import Actor
from okrtui.domain.records.errors import RuleViolation
from okrtui.domain.records.models import CheckIn, KeyResult, tombstone
from okrtui.domain.records.periods import Period
from okrtui.domain.records.text import one_line
from okrtui.domain.records.workspace import Workspace
from okrtui.domain.rules import checks as rules
from okrtui.domain.rules.dates import check_not_future
from okrtui.domain.rules.editable import check_editable
from okrtui.domain.rules.outliers import outlier_warning

# A back-dated check-in is placed at noon of its day where the person is: the middle of
# the day keeps it on that day in every time zone a team shares.
BACKDATED_TIME = dt.time(12, 0)
EDITABLE = ("value", "confidence", "note", "on")


@dataclass(frozen=True)
class CheckInPlan:
    """The check-in an action would write, its key result, and a typo warning."""

    checkin: CheckIn
    key_result: KeyResult
    outlier: str | None = None
    changed: bool = True


def _utc(now: dt.datetime) -> dt.datetime:
    return now.astimezone(dt.UTC)


def checkin_moment(on: dt.date | None, now: dt.datetime) -> dt.datetime:
    """When a check-in for the day `on` is (None or today: now; another day: its noon)."""
    if on is None or on == now.date():
        return _utc(now)
    return _utc(dt.datetime.combine(on, BACKDATED_TIME, now.tzinfo))


def check_checkin_day(ws: Workspace, kr: KeyResult, on: dt.date, now: dt.datetime) -> None:
    """Refuse back-dating to a day that has not come or lies outside the key result's
    period. Today is always a check-in's day, even after the period (a late check-in)."""
    if on == now.date():
        return
    check_not_future(on, now, what="a check-in", field="at")
    period = Period.parse(ws.objective(kr.objective_id).period)
    if not period.contains(on):
        raise RuleViolation(
            f"a check-in of '{one_line(kr.title, 60)}' must be dated inside its period "
            f"{period.name} ({period.start} to {period.end}), not {on}", field="at")


def plan_check_in(ws: Workspace, actor: Actor, kr_ref: str, value: float, *,
                  confidence: int | None = None, note: str = "",
                  on: dt.date | None = None) -> CheckInPlan:
    """Check in `value` on a key result, today or back-dated to the day `on`."""
    _, kid = ws.resolve(kr_ref, ("key_results",))
    kr = ws.key_result(kid)
    if on is not None:
        check_checkin_day(ws, kr, on, actor.now)
    checkin = CheckIn.model_validate(
        {"id": actor.new_id(), **actor.stamp(), "kr_id": kid, "value": value,
         "confidence": confidence, "note": note, "author": actor.user,
         "at": checkin_moment(on, actor.now)})
    rules.check_checkin(kr, checkin)
    return CheckInPlan(checkin, kr, outlier_warning(kr, value))


def plan_edit_check_in(ws: Workspace, actor: Actor, ref: str,
                       changes: Mapping[str, Any]) -> CheckInPlan:
    """Correct a check-in's value, confidence, note or day (`on`); the record says who
    corrected it and when. Changing nothing changes nothing (no new revision)."""
    check_editable(changes, EDITABLE, "a check-in's value, confidence, note and day")
    _, cid = ws.resolve(ref, ("checkins",))
    old = ws.get("checkins", cid, CheckIn)
    kr = ws.key_result(old.kr_id)
    now = actor.now
    fields = {k: v for k, v in changes.items() if k != "on"}
    on = changes.get("on")
    if on is not None and on != old.at.astimezone(now.tzinfo).date():
        check_checkin_day(ws, kr, on, now)
        fields["at"] = checkin_moment(on, now)
    checkin = old.revise(actor.user, actor.at, **fields)
    rules.check_checkin(kr, checkin)
    warning = outlier_warning(kr, checkin.value) if "value" in changes else None
    return CheckInPlan(checkin, kr, warning, changed=checkin is not old)


def plan_remove_check_in(ws: Workspace, actor: Actor, ref: str) -> CheckInPlan:
    """Remove a mistaken check-in: a tombstone that says who removed it and when."""
    _, cid = ws.resolve(ref, ("checkins",))
    old = ws.get("checkins", cid, CheckIn)
    gone = tombstone(old, actor.user, actor.at)
    return CheckInPlan(gone, ws.key_result(old.kr_id))
