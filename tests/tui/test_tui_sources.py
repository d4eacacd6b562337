"""The TUI says which key results and KPIs have a source, and how its last pull went."""

from __future__ import annotations

from okrtui.services import Services
from tests.support.builders import objective_with_krs
from tests.support.config import write_sources
from tests.support.tui import make_app, press, running, screen_text


async def test_a_key_result_and_a_kpi_with_a_source_say_so(services: Services) -> None:
    _, (kr, *_) = objective_with_krs(services, "Support", period="2026-Q4")
    kpi = services.add_kpi("Response time", unit="min")
    write_sources({kr.id[:6]: "echo 4", "kpi:" + kpi.id[:6]: "exit 3"})
    app = make_app(services)
    async with running(app, size=(110, 32)) as pilot:
        await press(pilot, "enter")
        assert f"from the source '{kr.id[:6]}' · never pulled" in screen_text(app)
        await press(pilot, "P")
        text = screen_text(app)
        assert f"from the source '{kr.id[:6]}' · pulled " in text and ": recorded 4" in text
        await press(pilot, "k")
        text = screen_text(app)
        assert f"from the source 'kpi:{kpi.id[:6]}' · failed " in text
        assert "exited with status 3" in text
