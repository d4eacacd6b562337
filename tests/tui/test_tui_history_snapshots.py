"""The objective screen with the selected key result's check-ins and initiatives, at 80x24
and 120x40, on the sample workspace of 2026-11-22 (snapshots in
snapshots/test_tui_history_snapshots/)."""

from __future__ import annotations

import pytest

from okrtui.app import OkrApp
from tests.support.tui import SIZES, keys


@pytest.fixture(autouse=True)
def _colour(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture
def working_app(sample_app: OkrApp) -> OkrApp:
    """The sample, whose alice's first key result has five initiatives, three done."""
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
