"""The TUI at 80x24: key-result titles get the room, and footers show whole keys only."""

from __future__ import annotations

import pytest
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer

from okrtui.app import OkrApp
from okrtui.widgets.kr_table import KRTable
from tests.support.tui import screen_text, settle

NARROW = (80, 24)
WIDE = (120, 40)

# Every screen with a footer, as a person reaches it from the dashboard.
SCREENS = [
    pytest.param((), id="dashboard"),
    pytest.param(("enter",), id="objective"),
    pytest.param(("enter", "c"), id="check-in"),
    pytest.param(("k",), id="kpis"),
    pytest.param(("t",), id="alignment"),
    pytest.param(("r",), id="review"),
    pytest.param(("w",), id="activity"),
    pytest.param(("g",), id="grade"),
    pytest.param(("g", "s"), id="grade-adjust"),
    pytest.param(("C",), id="carry"),
    pytest.param(("n",), id="objective-form"),
]


async def open_screen(app: OkrApp, pilot, presses: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    for key in presses:
        await pilot.press(key)
        await settle(pilot)


def footer_items(app: OkrApp, screen: Screen[object] | None = None
                 ) -> tuple[list[Widget], Widget | None, Footer]:
    """The footer of `screen` (the one on top): its keys as laid out, and the palette key."""
    footer = (screen or app.screen).query_one(Footer)
    items = [c for c in footer.children if not c.has_class("-command-palette")]
    palette = next((c for c in footer.children if c.has_class("-command-palette")), None)
    return items, palette, footer


def cut_keys(app: OkrApp, screen: Screen[object] | None = None) -> list[str]:
    """The keys shown in the footer that do not fit whole left of the palette key."""
    items, palette, footer = footer_items(app, screen)
    limit = palette.region.x if palette is not None else footer.region.right
    return [str(item.render()) for item in items if item.display and item.region.right > limit]


@pytest.mark.parametrize("presses", SCREENS)
async def test_the_footer_never_cuts_a_key_at_80x24(sample_app: OkrApp,
                                                    presses: tuple[str, ...]) -> None:
    async with sample_app.run_test(size=NARROW) as pilot:
        await open_screen(sample_app, pilot, presses)
        items, _, _ = footer_items(sample_app)
        assert any(item.display for item in items), "the footer shows keys"
        assert cut_keys(sample_app) == [], "keys cut at the right edge"
        if any(getattr(item, "action", "") == "help" for item in items):
            assert "? Help" in screen_text(sample_app).splitlines()[-1]


async def test_the_footer_behind_a_dialog_stays_whole(sample_app: OkrApp) -> None:
    async with sample_app.run_test(size=NARROW) as pilot:
        await open_screen(sample_app, pilot, ("enter", "question_mark"))
        below = sample_app.screen_stack[-2]
        assert cut_keys(sample_app, below) == []
        assert "n N" not in screen_text(sample_app).splitlines()[-1]


async def test_a_wide_footer_shows_every_key(sample_app: OkrApp) -> None:
    async with sample_app.run_test(size=WIDE) as pilot:
        await open_screen(sample_app, pilot, ("enter",))
        items, _, _ = footer_items(sample_app)
        assert all(item.display for item in items)
        assert "n New objective" in screen_text(sample_app).splitlines()[-1]


async def test_the_footer_follows_a_resize(sample_app: OkrApp) -> None:
    async with sample_app.run_test(size=WIDE) as pilot:
        await open_screen(sample_app, pilot, ("enter",))
        await pilot.resize_terminal(*NARROW)
        await settle(pilot)
        assert cut_keys(sample_app) == []
        assert "? Help" in screen_text(sample_app).splitlines()[-1]
        await pilot.resize_terminal(*WIDE)
        await settle(pilot)
        items, _, _ = footer_items(sample_app)
        assert all(item.display for item in items), "widened: every key is back"


async def test_key_result_titles_get_the_room_at_80_columns(sample_app: OkrApp) -> None:
    async with sample_app.run_test(size=NARROW) as pilot:
        await open_screen(sample_app, pilot, ("down", "enter"))  # Increase revenue by 10%
        table = sample_app.screen.query_one(KRTable)
        widths = {str(column.key.value): column.width for column in table.columns.values()}
        assert "start" not in widths, "no Start column at 80 columns"
        assert widths["title"] >= 24, widths
        assert widths["last"] == 5 and widths["value"] == len("29/50 prospects")
        text = screen_text(sample_app)
        assert "Acquire 20 new customers " in text  # whole, where it was cut to 15
        assert "1d ago" not in text and " 1d " in text


async def test_key_result_table_keeps_start_and_age_when_wide(sample_app: OkrApp) -> None:
    async with sample_app.run_test(size=WIDE) as pilot:
        await open_screen(sample_app, pilot, ("down", "enter"))
        table = sample_app.screen.query_one(KRTable)
        widths = {str(column.key.value): column.width for column in table.columns.values()}
        assert widths["start"] == 9 and widths["last"] == 7
        text = screen_text(sample_app)
        assert "Attract 50 new potential customers" in text and "1d ago" in text
