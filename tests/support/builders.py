"""Builders shared by the tests: objectives with key results, check-ins on chosen days,
and a file hash that proves a refusal left the file as it was."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from pathlib import Path

from okrtui.domain.records.models import KeyResult, Objective
from okrtui.services import Services
from tests.support.clock import FixedClock, on_day, reset


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
