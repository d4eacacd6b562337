"""Moving in the record tables: home and end go to the first and the last row."""

from __future__ import annotations

from textual.widgets import DataTable

from okrtui.app import OkrApp
from tests.support.tui import settle

SIZE = (80, 24)


async def test_home_and_end_in_the_key_result_table(sample_app: OkrApp) -> None:
    async with sample_app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # 4 key results
        await settle(pilot)
        table = sample_app.screen.query_one("#krs", DataTable)
        assert table.row_count == 4 and table.cursor_row == 0
        await pilot.press("end")
        await settle(pilot)
        assert table.cursor_row == 3
        await pilot.press("home")
        await settle(pilot)
        assert table.cursor_row == 0


async def test_home_and_end_in_the_kpi_table(sample_app: OkrApp) -> None:
    async with sample_app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("k")
        await settle(pilot)
        table = sample_app.screen.query_one("#kpi-table", DataTable)
        assert table.row_count > 2
        await pilot.press("end")
        await settle(pilot)
        assert table.cursor_row == table.row_count - 1
        await pilot.press("home")
        await settle(pilot)
        assert table.cursor_row == 0
