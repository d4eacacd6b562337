"""Helpers for the OKR-cycle tests: objectives with key results, check-ins on chosen days."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from okrtui.domain.records.models import KeyResult, Objective
from okrtui.services import Services

if TYPE_CHECKING:  # conftest is pytest's to import; the tests only need its type
    from tests.conftest import FixedClock

# The conftest clock's fixed now; tests move the clock and put it back here.
NOW = dt.datetime(2026, 11, 22, 9, 30, tzinfo=dt.UTC)
TODAY = NOW.date()


def on_day(clock: FixedClock, day: dt.date, hour: int = 12) -> None:
    """Move the test clock to `day` at `hour` UTC."""
    clock.now = dt.datetime.combine(day, dt.time(hour), dt.UTC)


def reset(clock: FixedClock) -> None:
    """Put the test clock back at the fixed now (2026-11-22 09:30 UTC)."""
    clock.now = NOW


def objective_with_krs(services: Services, title: str,
                       krs: Sequence[tuple[float, float]] = ((0, 10), (0, 10), (0, 10)),
                       period: str = "2026-Q4", **fields: object
                       ) -> tuple[Objective, list[KeyResult]]:
    """An objective with metric key results going from start to target (unit "x")."""
    objective = services.add_objective(title, period, **fields)
    made = [services.add_key_result(objective.id, f"{title} KR {n + 1}", start=start,
                                    target=target, unit="x")
            for n, (start, target) in enumerate(krs)]
    return objective, made


def check_in_on(services: Services, clock: FixedClock, kr_id: str, value: float,
                day: dt.date, **fields: object) -> None:
    """A check-in as if made on `day`; the clock goes back to now afterwards."""
    on_day(clock, day)
    try:
        services.check_in(kr_id, value, **fields)  # type: ignore[arg-type]
    finally:
        reset(clock)


def sha(path: Path) -> str:
    """The SHA-256 of a file, to prove a refusal left it byte for byte as it was."""
    return hashlib.sha256(path.read_bytes()).hexdigest()
