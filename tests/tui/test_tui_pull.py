"""P in the TUI runs the config's sources now, and says what came of each."""

from __future__ import annotations

from okrtui.services import Services
from tests.support.builders import objective_with_krs
from tests.support.config import write_sources
from tests.support.tui import make_app, press, running, screen_text


def notices(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(n.message) for n in app._notifications]


async def test_shift_p_pulls_the_sources_and_the_screen_shows_the_numbers(
        services: Services) -> None:
    _, (kr, other, _) = objective_with_krs(services, "Support", period="2026-Q4")
    write_sources({kr.id[:6]: "echo 7", other.id[:6]: "echo oops"})
    app = make_app(services)
    async with running(app, size=(100, 30)) as pilot:
        await press(pilot, "enter", "P")
        assert services.workspace().latest_checkin(kr.id).value == 7
        assert "Pulling 2 sources…" in notices(app)
        assert (f"1 recorded, 0 unchanged, 1 failed\n“Support KR 1”: 7 x\n{other.id[:6]}: "
                "printed no number (its last line was 'oops')") in notices(app)
        assert "7/10 x" in screen_text(app)


async def test_no_sources_is_one_notice(services: Services) -> None:
    app = make_app(services)
    async with running(app) as pilot:
        await press(pilot, "P")
        (notice,) = notices(app)
        assert notice.startswith("No sources: add a [sources] table to ")
