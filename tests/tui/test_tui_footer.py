"""The footer offers a screen's actions once the data they need arrives, however late.

Screens hide actions with check_action until their data is there (carrying over needs a
dry run with something in it). On a loaded machine the footer is drawn before the data
arrives; the screen must then tell it to look again. Each test holds the screen's view
in its worker until the footer has been drawn without the data, then lets it go.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Footer

from okrtui.screens.carry import CarryScreen
from okrtui.services import Services
from tests.support.tui import make_app, press, running, screen_text, settle

SIZE = (80, 24)


def footer(pilot: Pilot) -> str:
    """The key descriptions the current screen's footer shows."""
    bar = pilot.app.screen.query(Footer)
    return " ".join(str(key.render()) for key in bar.first().children) if bar else ""


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Holds the carry screen's dry run in its worker until the test sets the event."""
    event = threading.Event()
    build = CarryScreen.build_view

    def held(self: CarryScreen, ws: Any) -> Any:
        event.wait(timeout=120)  # bounded: a test that never lets go still ends
        return build(self, ws)

    monkeypatch.setattr(CarryScreen, "build_view", held)
    yield event
    event.set()


async def test_carry_over_is_offered_once_the_dry_run_arrives_after_the_footer(
        services: Services, gate: threading.Event) -> None:
    objective = services.add_objective("Grow the community", "2026-Q4")
    services.add_key_result(objective.id, "Gain 10 sponsors", target=10, unit="sponsors")
    app = make_app(services)
    async with running(app, size=SIZE) as pilot:
        await pilot.press("C")
        for _ in range(1000):  # until the carry screen's footer is drawn, data or not
            if isinstance(app.screen, CarryScreen) and "Back" in footer(pilot):
                break
            await pilot.pause()
        assert "Back" in footer(pilot) and "Carry over" not in footer(pilot)
        gate.set()
        await settle(pilot)
        assert "Dry run" in screen_text(app)
        assert "Carry over" in footer(pilot)


async def test_the_footer_composes_its_keys_again_only_when_they_change(
        services: Services) -> None:
    # A screen refreshes its bindings whenever its data or selection may change them;
    # composing the same keys again restyled every key, the largest cost of opening an
    # objective. The same keys stay the same widgets; a key that comes or goes does.
    objective = services.add_objective("Grow the community", "2026-Q4")
    services.add_key_result(objective.id, "Gain 10 sponsors", target=10, unit="sponsors")
    app = make_app(services)
    async with running(app, size=SIZE) as pilot:
        keys_before = list(app.screen.query_one(Footer).children)
        assert "Filter" in footer(pilot) and "Clear filter" not in footer(pilot)
        app.screen.refresh_bindings()
        await settle(pilot)
        assert list(app.screen.query_one(Footer).children) == keys_before
        await press(pilot, "slash")
        assert "Clear filter" in footer(pilot)
        await press(pilot, "escape")
        assert "Clear filter" not in footer(pilot)
