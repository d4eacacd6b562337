"""KPI health: a KPI's latest value and its red, yellow or green against its thresholds;
the one view of a KPI (values, latest, colour) that the dashboard's strip, the KPI
screen, the report and the JSON all read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from okrtui.domain.records.latest import measurement_order
from okrtui.domain.records.models import KPI, Measurement
from okrtui.domain.records.workspace import Workspace
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


@dataclass(frozen=True)
class KpiView:
    """What every screen, report and JSON shows of one KPI: its values over time (oldest
    first), the latest measurement, its value and its colour."""

    kpi: KPI
    values: tuple[float, ...]
    latest: float | None
    rag: RAG
    last: Measurement | None = None


def kpi_view(ws: Workspace, kpi: KPI, today: dt.date | None,
             history: int | None = None) -> KpiView:
    """A KPI's view on `today`: with `history`, its newest `history` measurements only
    (what a sparkline shows: years of daily values need not be read for it), else all of
    them. The latest is the newest live measurement by date, then time recorded; one a
    skewed clock dated beyond tomorrow is latest only where nothing else is (latest.py)."""
    ms = ws.measurements(kpi.id) if history is None else \
        ws.recent_measurements(kpi.id, history, today)
    last = latest_measurement(ms, today)
    value = last.value if last else None
    return KpiView(kpi, tuple(m.value for m in ms), value, kpi_rag(kpi, value), last)
