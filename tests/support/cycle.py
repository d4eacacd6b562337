"""Helpers of the TUI cycle tests (grading, carry-over, key result to KPI, templates):
a quarter to grade, the screen's text, and a reader of the file as it is on disk."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import OptionList

from okrtui.domain.records.models import KeyResult, Objective
from okrtui.services import Services
from okrtui.store import Store
from tests.support.tui import screen_text, settle

SIZE = (80, 24)


def flat(app: object) -> str:
    """The screen's text with its lines joined, so a sentence that wraps still matches."""
    return " ".join(screen_text(app).split())  # type: ignore[arg-type]


def shown(app: object, selector: str) -> str:
    """The plain text a Static of the current screen shows."""
    return " ".join(str(app.screen.query_one(selector).render()).split())  # type: ignore[attr-defined]


def fresh(services: Services) -> Services:
    """Services on the same file with nothing cached: what is on disk now."""
    return Services(Store(services.store.path), "reader")


def quarter(services: Services) -> tuple[Objective, list[KeyResult], Objective]:
    """An aspirational objective (one key result reached, one half way) and a committed
    one at half, both in 2026-Q4."""
    a = services.add_objective("Grow the community", "2026-Q4")
    k1 = services.add_key_result(a.id, "Run 10 meetups", target=10, unit="meetups")
    k2 = services.add_key_result(a.id, "Gain 10 sponsors", target=10, unit="sponsors")
    services.check_in(k1.id, 10)
    services.check_in(k2.id, 5)
    b = services.add_objective("Ship the mobile app", "2026-Q4", committed=True)
    k3 = services.add_key_result(b.id, "Release 4 betas", target=4, unit="betas")
    services.check_in(k3.id, 2)
    return a, [k1, k2, k3], b


async def highlight(pilot: Pilot, option_id: str) -> None:
    """Put the list's cursor on an option, as the arrow keys would."""
    listing = pilot.app.screen.query_one(OptionList)
    listing.highlighted = listing.get_option_index(option_id)
    await settle(pilot)


async def open_dashboard(pilot: Pilot, *keys: str) -> None:
    await settle(pilot)
    for key in keys:
        await pilot.press(key)
        await settle(pilot)
