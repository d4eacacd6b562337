"""What's new reads as sentences: "alice checked in ...", in the terminal and in a
screenshot of it."""

from __future__ import annotations

from okrtui.app import OkrApp
from tests.support.svg import drawn_lines
from tests.support.tui import press, running, screen_text

SIZE = (80, 24)


async def test_names_and_what_they_did_are_apart(sample_app: OkrApp) -> None:
    async with running(sample_app, size=SIZE) as pilot:
        await press(pilot, "w")
        text = screen_text(sample_app)
        assert " checked in " in text
        drawn = "\n".join(drawn_lines(sample_app.export_screenshot()))
        for name in ("alice", "bob", "carol", "dave", "erin"):
            assert f"{name}checked" not in drawn and f"{name}recorded" not in drawn
        assert "alice checked in" in drawn and "bob checked in" in drawn
