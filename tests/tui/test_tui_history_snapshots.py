"""The objective screen with the selected key result's check-ins and initiatives, at 80x24
and 120x40, on the sample workspace of 2026-11-22 (snapshots in
snapshots/test_tui_history_snapshots/)."""

from __future__ import annotations

import pytest

from okrtui.app import OkrApp
from tests.support.tui import SIZES, keys

WORK = (("Run the partner webinar series", "alice", True),
        ("Call every lapsed client from 2025", "bob", True),
        ("Publish three case studies", "alice", True),
        ("Hire a second account executive", "carol", False),
        ("Launch the referral programme", "alice", False))


@pytest.fixture(autouse=True)
def _colour(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture
def working_app(sample_app: OkrApp) -> OkrApp:
    """The sample with five initiatives (three done) under alice's first key result."""
    services = sample_app.session.services
    ws = services.workspace()
    kr = ws.key_results(ws.objectives(owner="alice")[0].id)[0]
    for title, owner, done in WORK:
        made = services.add_initiative(kr.id, title, owner=owner)
        if done:
            services.set_initiative_done(made.id)
    return sample_app


@pytest.mark.parametrize("size", SIZES)
def test_objective_with_history_and_initiatives(snap_compare, working_app: OkrApp,  # type: ignore[no-untyped-def]
                                                size: tuple[int, int]) -> None:
    """Alice's objective: the key results, then the first one's check-ins (newest first),
    its chart and its initiatives, "3 of 5 done"."""
    assert snap_compare(working_app, terminal_size=size, run_before=keys("enter"))


@pytest.mark.parametrize("size", SIZES)
def test_history_focused(snap_compare, working_app: OkrApp, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """tab, down: the second newest check-in stands out on the chart; the footer has the
    history's keys."""
    assert snap_compare(working_app, terminal_size=size,
                        run_before=keys("enter", "tab", "down"))


@pytest.mark.parametrize("size", SIZES)
def test_initiatives_focused(snap_compare, working_app: OkrApp, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """tab, tab: the initiatives have the focus; the footer has their keys."""
    assert snap_compare(working_app, terminal_size=size,
                        run_before=keys("enter", "tab", "tab"))


@pytest.mark.parametrize("size", SIZES)
def test_check_in_correction(snap_compare, working_app: OkrApp, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """e on the newest check-in: its value, confidence and note filled in, whose it is."""
    assert snap_compare(working_app, terminal_size=size,
                        run_before=keys("enter", "tab", "e"))
