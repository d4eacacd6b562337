"""KPI health: a KPI's latest value and its red, yellow or green against its thresholds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from okrtui.domain.records.latest import measurement_order
from okrtui.domain.records.models import KPI, Measurement
from okrtui.domain.scoring.status import RAG


def kpi_rag(kpi: KPI, value: float | None) -> RAG:
    """Red, yellow or green for a KPI value against its thresholds ("none" without them)."""
    if value is None or kpi.green is None or kpi.red is None:
        return "none"
    if kpi.direction == "higher":
        return "green" if value >= kpi.green else "red" if value <= kpi.red else "yellow"
    return "green" if value <= kpi.green else "red" if value >= kpi.red else "yellow"


def latest_measurement(measurements: Sequence[Measurement],
                       today: dt.date | None = None) -> Measurement | None:
    """The newest live measurement (by date, then time recorded); with `today`, one dated
    beyond tomorrow is latest only where nothing else is (see latest.py)."""
    live = [m for m in measurements if not m.deleted]
    return max(live, key=measurement_order(today)) if live else None
