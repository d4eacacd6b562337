"""How the dashboard reads the workspace: the first screenful first (from the version in
memory when `okrtui` has just read it, so that the first frame shows it), then the whole
period, and a teammate's change with the scores of what did not change kept."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from okrtui.domain.records.periods import Period, current_period
from okrtui.domain.records.workspace import SCHEMA_VERSION, Workspace
from okrtui.domain.scoring.kpi import KpiView
from okrtui.domain.scoring.reuse import Reuse
from okrtui.domain.scoring.score import ObjectiveScore
from okrtui.screens.base import WorkspaceScreen
from okrtui.widgets.kpi_strip import SPARK_WIDTH, strip_capacity
from okrtui.widgets.objective_list import owner_groups

FIRST_ROWS = 24
"""Objectives scored for the first screen at the least (more on a taller terminal)."""


@dataclass(frozen=True)
class DashboardData:
    """What the dashboard shows, built in a worker from one read of the workspace."""

    period: Period
    periods: tuple[str, ...]
    objectives: tuple[ObjectiveScore, ...]
    kpis: tuple[KpiView, ...]
    counts: tuple[tuple[str, int], ...]
    kpi_count: int
    """How many KPIs there are: more than `kpis` in the first screenful, whose strip views
    only those it shows."""
    read_only: bool = False


class DashboardLoading(WorkspaceScreen[DashboardData]):
    """The dashboard's reading of the workspace (DashboardScreen shows what it reads)."""

    def __init__(self) -> None:
        super().__init__()
        self.period: Period | None = None
        """The period on show (None before the first read: today's)."""
        # A teammate's check-in changes one objective: the others keep their scores.
        self.reuse = Reuse()

    def reload(self) -> None:
        shown = self.show_from_memory() if self.view is None else None
        if shown is not None:
            # The disk is read once that frame is painted: the rest of the period scored,
            # or nothing more where the whole of it is on show and the file is the same.
            whole, ws = shown
            self.call_after_refresh(self.read_workspace, partial(self._rest, whole, ws),
                                    self._rest_loaded)
            return
        # The first read shows the first screenful as soon as it is scored, then the rest.
        first = self.build_first_view if self.view is None else None
        self.read_workspace(self.build_view, self.view_loaded, first=first)

    def show_from_memory(self) -> tuple[bool, Workspace] | None:
        """Show the first screenful from the version of the workspace in memory
        (`from_memory`): built in a worker instead, it shared the interpreter with the
        app's start-up and came a frame later. Returns whether that was the whole period,
        and the version; None: nothing shown."""

        def build(ws: Workspace) -> tuple[DashboardData, bool]:
            first = self.build_first_view(ws)
            return first or self.build_view(ws), first is None

        made = self.from_memory(build)
        if made is None:
            return None
        (view, whole), ws = made
        self.view_loaded(view)
        return whole, ws

    def _rest(self, whole: bool, shown: Workspace, ws: Workspace) -> DashboardData | None:
        """The view of `ws` after one shown from `shown` (None: the same, nothing to do)."""
        return None if whole and ws is shown else self.build_view(ws)

    def _rest_loaded(self, view: DashboardData | None) -> None:
        if view is not None:
            self.view_loaded(view)

    def build_view(self, ws: Workspace) -> DashboardData:
        """Scores of the period's objectives and the KPI strip (runs in a worker)."""
        view = self._view(ws, None)
        assert view is not None  # only a first screenful may be "all of them"
        return view

    def build_first_view(self, ws: Workspace) -> DashboardData | None:
        """The view with only the objectives that fill the first screen scored (runs in a
        worker; None when that is all of them). An organisation's open quarter has a
        thousand objectives, and scoring them all took seconds before anything showed;
        `build_view`, right after, reuses these scores."""
        return self._view(ws, (max(self.size.height, FIRST_ROWS),
                               strip_capacity(self.size.width)))

    def _view(self, ws: Workspace, screen: tuple[int, int] | None) -> DashboardData | None:
        """The view; with `screen`, (rows, KPIs) that fit, only what fits is scored (None
        when that is all there is)."""
        # Counted without reading them: archived periods are history (see placement).
        found = ws.period_counts()
        names = sorted(found)
        period = self.period or current_period(names, self.today)
        listed = ws.objectives(period=period.name)
        all_kpis = kpis = ws.kpis()
        if screen is not None:
            rows, strip = screen
            if len(listed) <= rows and len(all_kpis) <= strip:
                return None
            # The top of the list, in the order the list shows it.
            ordered = [o for _, mine in owner_groups(listed, lambda o: o.owner) for o in mine]
            on_screen = {o.id for o in ordered[:rows]}
            listed = [o for o in listed if o.id in on_screen]
            kpis = all_kpis[:strip]
        objectives = self.reuse.objective_scores(ws, listed, self.today)
        # The strip shows a sparkline of the last few values only.
        views = self.reuse.kpi_views(ws, kpis, self.today, SPARK_WIDTH)
        counts = tuple((n, found[n]) for n in names)
        read_only = ws.schema > SCHEMA_VERSION
        return DashboardData(period, tuple(names), tuple(objectives), tuple(views), counts,
                             len(all_kpis), read_only)

    def view_loaded(self, view: DashboardData) -> None:
        if self.period is not None and view.period != self.period:
            return  # the period changed while this was read; another load is on its way
        self.period = view.period
        super().view_loaded(view)
