"""The dashboard's first read shows the first screenful as soon as it is scored, then the
whole period: an organisation's open quarter has a thousand objectives, and scoring them
all before anything showed took seconds."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.screen import Screen

from okrtui.app import OkrApp
from okrtui.domain.records.workspace import Workspace
from okrtui.screens.dashboard import DashboardScreen
from okrtui.screens.dashboard_load import FIRST_ROWS, DashboardData
from okrtui.services import Services
from okrtui.widgets.kpi_strip import KpiStrip, strip_capacity
from okrtui.widgets.objective_list import ObjectiveList
from tests.support.tui import make_app, running, screen_text, settle

OWNERS = ("zoe", "Bob", "alice", "carol", "dave", "Erin", "frank", "grace", "heidi", "Ivan",
          "judy", "mallory")
"""Twelve owners (at most five objectives each a period), not all lower case."""


def objectives(services: Services, count: int) -> None:
    """`count` objectives of 2026-Q4, their owners taken in turn from OWNERS."""
    for n in range(count):
        owner = OWNERS[n % len(OWNERS)]
        services.add_objective(f"Objective {n:02d} of {owner}", "2026-Q4", owner=owner)


def seen(monkeypatch: pytest.MonkeyPatch, titles: list[str] | None = None
         ) -> list[DashboardData]:
    """Every view the dashboard is handed, in order (and the KPI strip's title once each
    is shown, into `titles`)."""
    views: list[DashboardData] = []
    loaded = DashboardScreen.view_loaded

    def keep(screen: DashboardScreen, view: DashboardData) -> None:
        views.append(view)
        loaded(screen, view)
        if titles is not None:
            titles.append(str(screen.query_one(KpiStrip).border_title))

    monkeypatch.setattr(DashboardScreen, "view_loaded", keep)
    return views


def listed(app) -> list[str]:  # type: ignore[no-untyped-def]
    """The objective ids of the list, top to bottom (headings left out)."""
    listing = app.screen.query_one(ObjectiveList)
    return [o.id for o in listing.options if o.id is not None]


async def test_the_first_screenful_comes_first_then_the_rest(
        services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    objectives(services, 2 * FIRST_ROWS + 3)
    views = seen(monkeypatch)
    app = make_app(services)
    async with running(app, size=(80, 24)):
        assert len(views) == 2
        first, whole = views
        assert len(whole.objectives) == 2 * FIRST_ROWS + 3
        assert len(first.objectives) == FIRST_ROWS
        # The first view holds what the top of the whole list shows, and scores it alike.
        top = listed(app)[:FIRST_ROWS]
        assert sorted(s.objective.id for s in first.objectives) == sorted(top)
        by_id = {s.objective.id: s for s in whole.objectives}
        assert all(s == by_id[s.objective.id] for s in first.objectives)
        assert listed(app) == [s.objective.id for s in sorted(
            whole.objectives, key=lambda s: s.objective.owner.lower())]
        assert first.kpis == whole.kpis and first.counts == whole.counts


async def test_a_taller_terminal_gets_a_taller_first_screenful(
        services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    objectives(services, 2 * FIRST_ROWS + 3)
    views = seen(monkeypatch)
    async with running(make_app(services), size=(100, 40)):
        assert [len(v.objectives) for v in views] == [40, 2 * FIRST_ROWS + 3]


async def test_a_period_that_fits_the_screen_is_shown_once(
        services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    objectives(services, FIRST_ROWS)
    views = seen(monkeypatch)
    async with running(make_app(services), size=(80, 24)):
        assert [len(v.objectives) for v in views] == [FIRST_ROWS]


async def test_a_later_read_is_whole_at_once(
        services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    """A teammate's change, or coming back to the dashboard: the screen has a view to show
    until the new one is whole."""
    objectives(services, 2 * FIRST_ROWS + 3)
    views = seen(monkeypatch)
    async with running(make_app(services), size=(80, 24)) as pilot:
        views.clear()
        pilot.app.screen.reload()
        await settle(pilot)
        assert [len(v.objectives) for v in views] == [2 * FIRST_ROWS + 3]


async def test_the_first_screenful_views_the_kpis_on_show_and_counts_the_rest(
        services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    objectives(services, 3)
    for n in range(12):
        services.add_kpi(f"KPI {n:02d}", green=60, red=40)
    titles: list[str] = []
    views = seen(monkeypatch, titles)
    async with running(make_app(services), size=(80, 24)):
        first, whole = views
        shown = strip_capacity(80)
        assert shown == 6
        assert [v.kpi.name for v in first.kpis] == [f"KPI {n:02d}" for n in range(shown)]
        assert first.kpis == whole.kpis[:shown] and len(whole.kpis) == 12
        assert first.objectives == whole.objectives
        # The strip says the same before and after the rest is viewed: 6 more.
        assert titles[0] == titles[1]
        assert titles[1].startswith("KPIs (6 more: press k)")


def frames_of_the_dashboard(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """For each frame the dashboard paints, in order: whether it had a view to show."""
    frames: list[bool] = []
    display = OkrApp._display

    def told(app: OkrApp, screen: Screen[object], renderable: object) -> None:
        if renderable is not None and isinstance(screen, DashboardScreen):
            frames.append(screen.view is not None)
        display(app, screen, renderable)  # type: ignore[arg-type]

    monkeypatch.setattr(OkrApp, "_display", told)
    return frames


async def test_the_first_frame_shows_the_objectives_okrtui_read_before_it_opened(
        services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    """`okrtui` reads the workspace before it opens the TUI: the dashboard's first frame
    shows the first screenful from that version (built in a worker, it came a frame later,
    and the worker shared the interpreter with the app's start-up). The disk is read
    after that frame, and the rest of the period shows then."""
    objectives(services, 2 * FIRST_ROWS + 3)
    services.workspace()
    frames = frames_of_the_dashboard(monkeypatch)
    views = seen(monkeypatch)
    async with running(make_app(services), size=(80, 24)):
        assert frames[0] is True
        assert [len(v.objectives) for v in views] == [FIRST_ROWS, 2 * FIRST_ROWS + 3]


async def test_without_a_version_in_memory_the_first_screenful_is_read_in_a_worker(
        services: Services, make_services: Callable[..., Services],
        monkeypatch: pytest.MonkeyPatch) -> None:
    objectives(services, 2 * FIRST_ROWS + 3)
    fresh = make_services("alice")  # has read nothing yet
    assert fresh.workspace_in_memory() is None
    frames = frames_of_the_dashboard(monkeypatch)
    views = seen(monkeypatch)
    events: list[str] = []
    build = DashboardScreen.build_view

    def counted(screen: DashboardScreen, ws: Workspace) -> DashboardData:
        events.append(f"build after {sum(frames)} frames with a view")
        return build(screen, ws)

    monkeypatch.setattr(DashboardScreen, "build_view", counted)
    async with running(make_app(fresh), size=(80, 24)):
        assert frames[0] is False  # the frame, then the view
        assert [len(v.objectives) for v in views] == [FIRST_ROWS, 2 * FIRST_ROWS + 3]
        # The rest of the period is scored once the first screenful is on the terminal:
        # scoring it holds the interpreter, and that frame waited for it.
        assert len(events) == 1 and events[0] != "build after 0 frames with a view"


async def test_a_teammates_change_between_the_read_and_the_first_frame_shows_after_it(
        services: Services, make_services: Callable[..., Services],
        monkeypatch: pytest.MonkeyPatch) -> None:
    objectives(services, 3)
    services.workspace()
    make_services("bob").add_objective("Bob's late objective", "2026-Q4", owner="bob")
    views = seen(monkeypatch)
    app = make_app(services)
    async with running(app, size=(80, 24)):
        # Memory first, then the disk (the watch may tell of bob's change once more).
        assert len(views[0].objectives) == 3
        assert {len(v.objectives) for v in views[1:]} == {4}
        assert "Bob's late objective" in screen_text(app)
