"""An unreadable workspace opens on a screen that says why; nothing is written; `r` retries."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from okrtui.app import OkrApp
from okrtui.screens.dashboard import DashboardScreen
from okrtui.screens.workspace_error import WorkspaceErrorScreen
from okrtui.services import Services
from okrtui.store import Store
from tests.support.clock import TODAY
from tests.support.tui import press


async def test_broken_file_shows_the_reason_and_retry_opens_it(db_path: Path) -> None:
    db_path.write_text('{"objectives": {"a": ')
    services = Services(Store(db_path), "alice")
    try:
        services.workspace()
    except Exception as exc:  # what the command line catches before opening the TUI
        reason = str(exc)
    app = OkrApp(services, today=TODAY, startup_error=reason)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, WorkspaceErrorScreen)
        text = str(app.screen.query_one("#error-message", Static).render())
        assert str(db_path) in text and "not valid JSON" in text
        await pilot.press("n")  # needs a workspace: does nothing here
        assert isinstance(app.screen, WorkspaceErrorScreen)
        assert db_path.read_text() == '{"objectives": {"a": '
        # Someone restores a good file; r reads it again and the dashboard opens.
        db_path.unlink()
        Services(Store(db_path), "bob").add_objective("Back in business", "2026-Q4")
        await press(pilot, "r")
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("escape", "escape")
        assert isinstance(app.screen, DashboardScreen)


async def test_quitting_from_the_error_screen_exits_2(db_path: Path) -> None:
    db_path.write_text("[1, 2, 3]")
    app = OkrApp(Services(Store(db_path), "alice"), today=TODAY, startup_error="broken")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
    assert app.return_code == 2
    assert db_path.read_text() == "[1, 2, 3]"
