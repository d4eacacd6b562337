"""How much work the TUI does to show a screen: counted, never timed."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from okrtui.domain.records.workspace import Workspace
from okrtui.screens.dashboard import DashboardScreen
from okrtui.screens.objective import ObjectiveScreen
from okrtui.services import Services
from okrtui.widgets.footer import KeyFooter
from okrtui.widgets.objective_list import ObjectiveList, OneLine
from tests.support.tui import make_app, press, running, screen_text, settle


def _count_builds(monkeypatch: pytest.MonkeyPatch, screen: type) -> list[str]:
    calls: list[str] = []
    original = screen.build_view

    def counted(self: Any, ws: Workspace) -> Any:
        calls.append(type(self).__name__)
        return original(self, ws)

    monkeypatch.setattr(screen, "build_view", counted)
    return calls


async def test_each_screen_reads_the_workspace_once_when_shown(
        services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    objective = services.add_objective("Grow the company", "2026-Q4")
    services.add_key_result(objective.id, "Reach 100 customers", target=100, unit="x")
    dashboard_builds = _count_builds(monkeypatch, DashboardScreen)
    objective_builds = _count_builds(monkeypatch, ObjectiveScreen)
    app = make_app(services)
    async with running(app, size=(80, 24)) as pilot:
        assert len(dashboard_builds) == 1  # not once on mount and again on resume
        await press(pilot, "enter")
        assert isinstance(app.screen, ObjectiveScreen) and app.screen.view is not None
        assert len(objective_builds) == 1
        await press(pilot, "escape")
        assert len(dashboard_builds) == 2  # back on the dashboard: read again


async def test_typing_in_the_filter_reuses_the_rows_it_can(services: Services) -> None:
    for title in ("Grow the company", "Hire two engineers", "Grow the pipeline"):
        services.add_objective(title, "2026-Q4")
    app = make_app(services)
    async with running(app, size=(80, 24)) as pilot:
        listing = app.screen.query_one("#objectives", ObjectiveList)

        def rows() -> dict[str | None, Any]:
            return {listing.get_option_at_index(i).id: listing.get_option_at_index(i).prompt
                    for i in range(listing.option_count)}

        before = rows()
        assert all(isinstance(v, OneLine) for k, v in before.items() if k is not None)
        await pilot.press("slash", "g", "r", "o", "w")
        await settle(pilot)
        after = rows()
        shown = [k for k in after if k is not None]
        assert len(shown) == 2
        assert all(after[k] is before[k] for k in shown)


async def test_an_objective_opens_with_its_key_results_before_the_read(
        services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    # The first frame of the objective screen shows the objective from the version in
    # memory; a frame without it cost as much again. The read in the worker (held here)
    # follows, and finds nothing new to draw.
    objective = services.add_objective("Grow the company", "2026-Q4")
    services.add_key_result(objective.id, "Reach 100 customers", target=100, unit="x")
    gate = threading.Event()
    build = ObjectiveScreen.build_view
    drawn: list[object] = []

    def held(self: ObjectiveScreen, ws: Workspace) -> Any:
        gate.wait(timeout=120)  # bounded: a test that never lets go still ends
        return build(self, ws)

    monkeypatch.setattr(ObjectiveScreen, "build_view", held)
    show = ObjectiveScreen.show_view
    monkeypatch.setattr(ObjectiveScreen, "show_view",
                        lambda self, view: (drawn.append(view), show(self, view)))
    app = make_app(services)
    async with running(app, size=(80, 24)) as pilot:
        await pilot.press("enter")
        for _ in range(1000):
            if isinstance(app.screen, ObjectiveScreen) and app.screen.is_mounted:
                break
            await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ObjectiveScreen)
        assert "Reach 100 customers" in screen_text(app)
        gate.set()
        await settle(pilot)
        assert len(drawn) == 1  # the worker's equal view is not drawn again
        assert "Reach 100 customers" in screen_text(app)


async def test_a_screen_under_another_composes_its_footer_no_more(
        services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    # The app's back key counts for the dashboard while an objective is open over it:
    # composing the dashboard's footer for it then (Textual calls the screen under the
    # top one current) restyled its keys on every open and every return.
    objective = services.add_objective("Grow the company", "2026-Q4")
    services.add_key_result(objective.id, "Reach 100 customers", target=100, unit="x")
    composed: list[str] = []
    original = KeyFooter.recompose

    async def counted(self: KeyFooter) -> None:
        composed.append(type(self.screen).__name__)
        await original(self)

    monkeypatch.setattr(KeyFooter, "recompose", counted)
    app = make_app(services)
    async with running(app, size=(80, 24)) as pilot:
        composed.clear()
        for _ in range(2):
            await press(pilot, "enter")
            assert isinstance(app.screen, ObjectiveScreen)
            await press(pilot, "escape")
            assert isinstance(app.screen, DashboardScreen)
        assert "DashboardScreen" not in composed
        assert composed.count("ObjectiveScreen") == 1, "kept, the objective's is composed once"


async def test_an_objective_draws_the_selected_key_results_details_once_per_change(
        services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    objective = services.add_objective("Grow the company", "2026-Q4")
    for n in (1, 2):
        services.add_key_result(objective.id, f"Reach {n}00 customers", target=100, unit="x")
    drawn: list[str | None] = []
    original = ObjectiveScreen.show_row

    def counted(self: ObjectiveScreen, row: Any) -> None:
        drawn.append(None if row is None else row.kr.title)
        original(self, row)

    monkeypatch.setattr(ObjectiveScreen, "show_row", counted)
    app = make_app(services)
    async with running(app, size=(80, 24)) as pilot:
        await press(pilot, "enter")
        assert drawn == ["Reach 100 customers"], "the table's own highlight draws no more"
        await press(pilot, "down")
        assert drawn[1:] == ["Reach 200 customers"], "the cursor moved: its details show"
