"""Scores and KPI views of a newer version of a workspace, reusing the last version's
where the records they are read from are the very same.

A teammate's check-in changes one key result; the running TUI reads the new version of
the file and showed it by scoring every objective of the period and every KPI again. A
score depends on nothing but its objective, its key results, their check-ins, the
workspace's settings and the day; a KPI's view on the KPI, its measurements and the day.
Where a newer version holds all of those unchanged (the store keeps the very same stored
records for what did not change), the score made from the last version is the one the
newer version would make, so it is kept: it costs a comparison of records by identity.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, field
from typing import Any

from okrtui.domain.records.models import KPI, Objective
from okrtui.domain.records.workspace import SETTINGS_TABLE, Workspace
from okrtui.domain.scoring.kpi import KpiView, kpi_view
from okrtui.domain.scoring.score import ObjectiveScore
from okrtui.domain.scoring.views import objective_score


@dataclass
class _Made:
    """What one version of a workspace made of one kind, on one day."""

    ws: Workspace
    today: dt.date
    items: dict[tuple[str, int | None], Any] = field(default_factory=dict)


class Reuse:
    """The scores and KPI views a screen last made, for the next version of the file.

    It answers exactly what `objective_score` and `kpi_view` answer on the version it is
    given; it only skips the work where the answer cannot differ. Safe to use from the
    screen's load workers (what a version made is swapped in whole).
    """

    def __init__(self) -> None:
        self._last: dict[str, _Made] = {}
        self._mutex = threading.Lock()

    def _start(self, kind: str, ws: Workspace, today: dt.date) -> tuple[_Made | None, _Made]:
        """What the last version made of `kind` that may serve `ws` on `today` (None:
        nothing may), and a fresh record of what `ws` makes."""
        with self._mutex:
            last = self._last.get(kind)
        if last is not None and (last.today != today or not ws.holds_same(
                last.ws, SETTINGS_TABLE, "settings")):
            last = None
        return last, _Made(ws, today)

    def _keep(self, kind: str, made: _Made) -> None:
        with self._mutex:
            self._last[kind] = made

    def objective_scores(self, ws: Workspace, objectives: list[Objective],
                         today: dt.date) -> list[ObjectiveScore]:
        """`objective_score` of each of `objectives` (read from `ws`) on `today`."""
        last, made = self._start("scores", ws, today)
        out = []
        for objective in objectives:
            key = (objective.id, None)
            score: ObjectiveScore | None = last.items.get(key) if last is not None else None
            if score is None or last is None or not _same_objective(
                    ws, last.ws, objective.id, [k.kr.id for k in score.key_results]):
                score = objective_score(ws, objective, today)
            made.items[key] = score
            out.append(score)
        self._keep("scores", made)
        return out

    def kpi_views(self, ws: Workspace, kpis: list[KPI], today: dt.date,
                  history: int | None) -> list[KpiView]:
        """`kpi_view` of each of `kpis` (read from `ws`) on `today`, with `history`."""
        last, made = self._start("kpis", ws, today)
        out = []
        for kpi in kpis:
            key = (kpi.id, history)
            view: KpiView | None = last.items.get(key) if last is not None else None
            if view is None or last is None or not (last.ws is ws or (
                    ws.holds_same(last.ws, "kpis", kpi.id)
                    and ws.same_children(last.ws, "measurements", kpi.id))):
                view = kpi_view(ws, kpi, today, history)
            made.items[key] = view
            out.append(view)
        self._keep("kpis", made)
        return out


def _same_objective(ws: Workspace, before: Workspace, objective_id: str,
                    kr_ids: list[str]) -> bool:
    """Whether `ws` holds what `before` held of an objective's score: the objective, its
    key results (`kr_ids` were its live ones) and their check-ins."""
    if before is ws:
        return True
    return (ws.holds_same(before, "objectives", objective_id)
            and ws.same_children(before, "key_results", objective_id)
            and all(ws.same_children(before, "checkins", kid) for kid in kr_ids))
