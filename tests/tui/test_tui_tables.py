"""Moving in the record tables: home and end go to the first and the last row."""

from __future__ import annotations

from textual.widgets import DataTable

from okrtui.app import OkrApp
from tests.support.tui import press, running

SIZE = (80, 24)


async def test_home_and_end_in_the_key_result_table(sample_app: OkrApp) -> None:
    async with running(sample_app, size=SIZE) as pilot:
        await press(pilot, "enter")  # 4 key results
        table = sample_app.screen.query_one("#krs", DataTable)
        assert table.row_count == 4 and table.cursor_row == 0
        await press(pilot, "end")
        assert table.cursor_row == 3
        await press(pilot, "home")
        assert table.cursor_row == 0


async def test_home_and_end_in_the_kpi_table(sample_app: OkrApp) -> None:
    async with running(sample_app, size=SIZE) as pilot:
        await press(pilot, "k")
        table = sample_app.screen.query_one("#kpi-table", DataTable)
        assert table.row_count > 2
        await press(pilot, "end")
        assert table.cursor_row == table.row_count - 1
        await press(pilot, "home")
        assert table.cursor_row == 0
