"""What my check-ins (the check-in queue) shows, at 80x24 and 120x40.

Snapshots live in snapshots/test_checkin_queue_snapshots/; update them with
`pytest tests/tui/test_checkin_queue_snapshots.py --snapshot-update` and look at them.
"""

from __future__ import annotations

import datetime as dt

import pytest

from okrtui.app import OkrApp
from okrtui.services import Services
from tests.support.builders import check_in_on, objective_with_krs
from tests.support.clock import TODAY, FixedClock
from tests.support.tui import SIZES, keys, make_app


@pytest.fixture(autouse=True)
def _colour(monkeypatch: pytest.MonkeyPatch) -> None:
    """Snapshots in colour."""
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture
def due_app(services: Services, clock: FixedClock) -> OkrApp:
    """Alice with three key results due in three objectives (one stale for weeks, with a
    note), and one she checked in today."""
    _, (blog,) = objective_with_krs(services, "Increase blog traffic by 25%",
                                    krs=((3000, 4150),))
    _, (hires,) = objective_with_krs(services, "Build the platform team", krs=((0, 2),))
    _, (deals,) = objective_with_krs(services, "Increase revenue by 10%", krs=((0, 20),))
    _, (fresh,) = objective_with_krs(services, "Enhance customer satisfaction",
                                     krs=((40, 28),))
    for day, value in ((40, 3100), (26, 3300)):
        check_in_on(services, clock, blog.id, value, TODAY - dt.timedelta(days=day),
                    confidence=6, note="two guest posts slipped to December")
    check_in_on(services, clock, deals.id, 6, TODAY - dt.timedelta(days=9), confidence=8)
    check_in_on(services, clock, fresh.id, 33, TODAY, confidence=7)
    assert hires.id
    return make_app(services)


@pytest.mark.parametrize("size", SIZES)
def test_check_in_queue(snap_compare, sample_app: OkrApp, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """`c` on the demo: alice's first key result, its last check-in and note, the
    confidence prefilled, a small chart; the value field has the cursor."""
    assert snap_compare(sample_app, terminal_size=size, run_before=keys("c"))


@pytest.mark.parametrize("size", SIZES)
def test_check_in_queue_stale_first(snap_compare, due_app: OkrApp,  # type: ignore[no-untyped-def]
                                    size: tuple[int, int]) -> None:
    """The key result stale for weeks comes first, with what was said last time."""
    assert snap_compare(due_app, terminal_size=size, run_before=keys("c"))


@pytest.mark.parametrize("size", SIZES)
def test_check_in_queue_end(snap_compare, due_app: OkrApp,  # type: ignore[no-untyped-def]
                            size: tuple[int, int]) -> None:
    """One saved, two skipped, one not due: the end says what was saved and what is
    still due."""
    presses = ("c", *"3420", "enter", "pagedown", "pagedown", "pagedown")
    assert snap_compare(due_app, terminal_size=size, run_before=keys(*presses))
