"""What is due: key results due for a check-in, KPIs due for a measurement.

One rule, used by `okrtui due`, the status line and the TUI's check-in queue. A key result
is due when its objective is running (active, not graded, its period under way), it is not
done, and it was never checked in or a whole cadence has gone by since its last check-in
(a weekly key result checked in last Monday is due again this Monday). A KPI is due when
it was never measured or its last value is a cadence old. A stale key result (a cadence
and more without a check-in) is always due; a due one is not always stale yet.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from okrtui.domain.records.models import KPI, KeyResult, Objective
from okrtui.domain.records.periods import Period
from okrtui.domain.records.workspace import Workspace
from okrtui.domain.scoring.kpi import kpi_view
from okrtui.domain.scoring.progress import reached
from okrtui.domain.scoring.score import KRScore
from okrtui.domain.scoring.staleness import cadence_days, fresh_since
from okrtui.domain.scoring.views import kr_score

DueKind = Literal["key_result", "kpi"]


def kr_due_since(kr: KeyResult, objective: Objective, last: dt.datetime | None,
                 today: dt.date) -> dt.date | None:
    """The day a key result became due for a check-in, or None when it is not due.

    Never checked in: due from the later of its period's start and its creation. Else a
    cadence after the last check-in. Not due at all outside its period, in a draft or a
    graded objective, or once done (a milestone marked done, a metric at its target).
    """
    period = Period.parse(objective.period)
    if objective.status != "active" or objective.grade is not None:
        return None
    if not period.start <= today <= period.end:
        return None
    if last is None:
        return fresh_since(period, None, kr.created_at)
    return _cadence_after(last.date(), objective.cadence, today)


def kr_done(kr: KeyResult, current: float | None) -> bool:
    """A milestone marked done, or a metric key result that reached its target: nothing
    left to check in (`progress.reached`, which the status word "done" uses too). A
    keep-above/below key result is watched to the end."""
    return reached(kr, current)


def kpi_due_since(kpi: KPI, last: dt.date | None, today: dt.date) -> dt.date | None:
    """The day a KPI became due for a measurement (never measured: from its creation),
    or None when its last value is younger than its cadence."""
    if last is None:
        return min(kpi.created_at.date(), today)
    return _cadence_after(last, kpi.cadence, today)


def _cadence_after(last: dt.date, cadence: str, today: dt.date) -> dt.date | None:
    since = last + dt.timedelta(days=cadence_days(cadence))
    return since if since <= today else None


@dataclass(frozen=True)
class DueItem:
    """One thing due: a key result to check in on, or a KPI to measure."""

    kind: DueKind
    id: str
    title: str
    owner: str
    objective: str | None
    objective_id: str | None
    last_at: dt.datetime | dt.date | None
    due_since: dt.date
    stale: bool = False

    def days_overdue(self, today: dt.date) -> int:
        """Whole days since it became due (0 on the day it did)."""
        return (today - self.due_since).days

    def as_json(self) -> dict[str, Any]:
        """`{kind, id, title, objective, last_at, due_since}` and the owner, objective id
        and staleness, as plain data."""
        return {"kind": self.kind, "id": self.id, "title": self.title,
                "objective": self.objective, "objective_id": self.objective_id,
                "owner": self.owner,
                "last_at": self.last_at.isoformat() if self.last_at is not None else None,
                "due_since": self.due_since.isoformat(), "stale": self.stale}


def kr_due_item(score: KRScore, objective: Objective, today: dt.date) -> DueItem | None:
    """The key result of `score` as a due item, or None when it is not due."""
    kr = score.kr
    if kr_done(kr, score.current):
        return None
    since = kr_due_since(kr, objective, score.last_checkin, today)
    if since is None:
        return None
    return DueItem("key_result", kr.id, kr.title, kr.owner, objective.title, objective.id,
                   score.last_checkin, since, stale=score.status == "stale")


def _order(item: DueItem) -> tuple[Any, ...]:
    # Most overdue first; a stale key result before a KPI due since the same day.
    return (item.due_since, not item.stale, item.kind != "key_result", item.title.lower(),
            item.id)


def due_items(ws: Workspace, today: dt.date, period: str, owner: str) -> list[DueItem]:
    """`owner`'s key results of `period` due for a check-in and KPIs due for a
    measurement, the most overdue first."""
    out: list[DueItem] = []
    for objective in ws.objectives(period=period):
        for kr in ws.key_results(objective.id):
            if (kr.owner or objective.owner) != owner:
                continue
            item = kr_due_item(kr_score(ws, kr, today, objective), objective, today)
            if item is not None:
                out.append(item)
    for kpi in ws.kpis(owner=owner):
        latest = kpi_view(ws, kpi, today, 1).last
        since = kpi_due_since(kpi, latest.date if latest else None, today)
        if since is not None:
            out.append(DueItem("kpi", kpi.id, kpi.name, kpi.owner, None, None,
                               latest.date if latest else None, since))
    return sorted(out, key=_order)


@dataclass(frozen=True)
class DueList:
    """What is due for one owner in one period, the most overdue first."""

    owner: str
    period: str
    items: tuple[DueItem, ...]

    @property
    def summary(self) -> str:
        """"3 due for alice" (a status line's tail); "nothing due for alice"."""
        count = len(self.items)
        return f"{count} due for {self.owner}" if count else f"nothing due for {self.owner}"


@dataclass(frozen=True)
class QueueEntry:
    """A key result in the check-in queue: its objective, its score today (last value,
    confidence), its last note, and whether it is due (and since when)."""

    objective: Objective
    score: KRScore
    last_note: str
    due: DueItem | None


def checkin_queue(ws: Workspace, today: dt.date, period: str, owner: str) -> list[QueueEntry]:
    """`owner`'s key results of `period` in the order the check-in queue visits them:
    the due ones, stale first and the most overdue first, then the rest of theirs in the
    objectives' order. Drafts and graded objectives have nothing to check in."""
    due: list[QueueEntry] = []
    rest: list[QueueEntry] = []
    for objective in ws.objectives(period=period):
        if objective.status != "active" or objective.grade is not None:
            continue
        for kr in ws.key_results(objective.id):
            if (kr.owner or objective.owner) != owner:
                continue
            score = kr_score(ws, kr, today, objective)
            last = ws.latest_checkin(kr.id, today)
            entry = QueueEntry(objective, score, last.note if last else "",
                               kr_due_item(score, objective, today))
            (due if entry.due is not None else rest).append(entry)
    due.sort(key=lambda e: (not e.due.stale, *_order(e.due)) if e.due is not None else ())
    return due + rest
