"""What the OKR-cycle screens show, at 80x24 and 120x40, on the sample workspace.

Snapshots live in snapshots/test_tui_cycle_snapshots/ (see conftest.py); the set-up is
that of test_tui_snapshots.py: the sample built for 2026-11-22, today fixed, nothing
blinks or animates.
"""

from __future__ import annotations

import random
import uuid

import pytest
from textual.pilot import Pilot

from okrtui.app import OkrApp
from tests.support.tui import SIZES, keys, settle


@pytest.fixture(autouse=True)
def _colour(monkeypatch: pytest.MonkeyPatch) -> None:
    """Snapshots in colour, as in test_tui_snapshots.py."""
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.mark.parametrize("size", SIZES)
def test_grade(snap_compare, sample_app: OkrApp, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """`g`: the dry run of 2026-Q4's grades, colours and verdicts, key by key result."""
    assert snap_compare(sample_app, terminal_size=size, run_before=keys("g"))


@pytest.mark.parametrize("size", SIZES)
def test_grade_adjusted(snap_compare, sample_app: OkrApp, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """An adjusted key-result score and a given grade show in the dry run."""
    assert snap_compare(sample_app, terminal_size=size, run_before=keys(
        "g", "down", "s", *"0.9", "tab", *"two clients signed on Jan 3", "enter",
        "o", *"0.6", "tab", *"Events came too late", "ctrl+s"))  # enter: a new line


@pytest.mark.parametrize("size", SIZES)
def test_grade_adjust_dialog(snap_compare, sample_app: OkrApp, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """Adjusting a final score: the reason is required, and said so under its field."""
    assert snap_compare(sample_app, terminal_size=size,
                        run_before=keys("g", "down", "s", *"0.8", "enter"))


@pytest.mark.parametrize("size", SIZES)
def test_grade_objective_dialog(snap_compare, sample_app: OkrApp, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """Grading an objective by hand: a grade outside 0.0 to 1.0 is refused as typed."""
    assert snap_compare(sample_app, terminal_size=size,
                        run_before=keys("g", "o", *"1.4"))


@pytest.mark.parametrize("size", SIZES)
def test_carry(snap_compare, sample_app: OkrApp, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """`shift+c`: what each unfinished objective takes along to 2027-Q1."""
    assert snap_compare(sample_app, terminal_size=size, run_before=keys("C"))


@pytest.mark.parametrize("size", SIZES)
def test_carry_done(snap_compare, sample_app: OkrApp, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """After confirming: the new drafts, with their short ids (seeded, as the sample's
    are; the toast cleared: its timeout would make the snapshot depend on the machine's
    speed)."""
    rng = random.Random(20270101)
    sample_app.session.services.new_id = lambda: str(uuid.UUID(int=rng.getrandbits(128), version=4))

    async def run(pilot: Pilot) -> None:
        await keys("C", "C", "y")(pilot)
        pilot.app.clear_notifications()
        await settle(pilot)

    assert snap_compare(sample_app, terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_move_key_result(snap_compare, sample_app: OkrApp, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """`m` on a key result: the objectives of its period to move it to."""
    assert snap_compare(sample_app, terminal_size=size,
                        run_before=keys("down", "enter", "m"))


@pytest.mark.parametrize("size", SIZES)
def test_kr_to_kpi(snap_compare, sample_app: OkrApp, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """`shift+k` on a key result short of its target: the refusal, and "anyway?"."""
    assert snap_compare(sample_app, terminal_size=size,
                        run_before=keys("down", "enter", "K"))


@pytest.mark.parametrize("size", SIZES)
def test_objective_form_template(snap_compare, sample_app: OkrApp, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """`n`, then a template chosen with the keyboard: what it would create, for alice
    (who has one objective in 2026-Q4 already)."""
    assert snap_compare(sample_app, terminal_size=size, run_before=keys(
        "n", "shift+tab", "enter", "down", "down", "down", "enter"))


@pytest.mark.parametrize("size", SIZES)
def test_kpi_form_template(snap_compare, sample_app: OkrApp, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """`k`, `a`: a new KPI filled in from a template's KPI."""
    assert snap_compare(sample_app, terminal_size=size, run_before=keys(
        "k", "a", "shift+tab", "enter", "down", "down", "enter"))
