"""Ambition from history: what a linked KPI's past says about a key result's target.

Two checks for a metric key result linked to a KPI with history, both shown by lint:

- not ambitious: the straight line fitted to the KPI's latest measurements from before the
  period (its trend "anyway", before the work on the key result began) reaches the
  target by the period's end;
- unrealistic: the pace the target needs over its own clock (from the later of the
  period's start and its creation to its due date) is several times (the
  workspace's `ambition_pace_factor`, 3 by default) the best pace the KPI has ever shown
  between two measurements, or the KPI has never moved towards the target at all.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from okrtui.domain.records.models import KeyResult, Measurement, Objective, Settings
from okrtui.domain.records.periods import Period
from okrtui.domain.records.workspace import Workspace
from okrtui.domain.scoring.pace import pace_window, window_days

# Fewer measurements than this make a trend or a best pace mean nothing.
MIN_HISTORY = 3

AmbitionRule = Literal["not-ambitious", "unrealistic"]


@dataclass(frozen=True)
class AmbitionFlag:
    """What the history says about one key result's target."""

    kr: KeyResult
    rule: AmbitionRule
    message: str


def daily_points(measurements: Sequence[Measurement]) -> list[tuple[int, float]]:
    """(day ordinal, value) per date, the latest recorded value of each date, in order."""
    by_day: dict[int, tuple[dt.datetime, str, float]] = {}
    for m in measurements:
        if m.deleted:
            continue
        key = m.date.toordinal()
        if key not in by_day or (m.at, m.id) > by_day[key][:2]:
            by_day[key] = (m.at, m.id, m.value)
    return [(day, by_day[day][2]) for day in sorted(by_day)]


def linear_fit(points: Sequence[tuple[int, float]]) -> tuple[float, float] | None:
    """Least-squares slope (per day) and intercept; None for fewer than two distinct days."""
    n = len(points)
    if n < 2:
        return None
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    sxx = sum((x - mean_x) ** 2 for x, _ in points)
    if sxx == 0:
        return None
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / sxx
    return slope, mean_y - slope * mean_x


def best_pace(points: Sequence[tuple[int, float]], sign: int) -> float | None:
    """The fastest move per day in direction `sign` (+1 up, -1 down) between two
    consecutive measurements; None with fewer than two."""
    paces = [sign * (y2 - y1) / (x2 - x1)
             for (x1, y1), (x2, y2) in itertools.pairwise(points)]
    return max(paces) if paces else None


def _per_week(pace: float, unit: str) -> str:
    return f"{pace * 7:+.3g}{' ' + unit if unit else ''}/week"


def ambition_flags(ws: Workspace, objective: Objective, kr: KeyResult,
                   settings: Settings) -> list[AmbitionFlag]:
    """Flags for one key result: empty unless it is a metric linked to a KPI with history,
    in an objective that is not graded yet."""
    if kr.kind != "metric" or kr.kpi_id is None or kr.target is None:
        return []
    if objective.status == "closed":
        return []
    raw = ws.raw("kpis", kr.kpi_id)
    if raw is None or raw.get("deleted_at"):
        return []
    kpi = ws.kpi(kr.kpi_id)
    period = Period.parse(objective.period)
    history = daily_points(ws.measurements(kpi.id))
    if len(history) < MIN_HISTORY:
        return []
    sign = 1 if kr.target > kr.start else -1
    out: list[AmbitionFlag] = []

    # The key result's own clock (pace.py): from the later of the period's start and its
    # creation to its due date. The trend is what the KPI did before that clock started.
    first, last = pace_window(period, kr.created_at, kr.due)
    before = [p for p in history if p[0] < first.toordinal()]
    fit = linear_fit(before[-settings.ambition_trend_points:]) \
        if len(before) >= MIN_HISTORY else None
    if fit is not None:
        slope, intercept = fit
        projected = slope * last.toordinal() + intercept
        if sign * (projected - kr.target) >= 0:
            out.append(AmbitionFlag(kr, "not-ambitious", (
                f"key result '{kr.title}' is not ambitious: KPI '{kpi.name}' is on a trend "
                f"of {_per_week(slope, kpi.unit)} that reaches {kr.target:g} by "
                f"{last} anyway (about {projected:.4g}); aim beyond it")))

    required = sign * (kr.target - kr.start) / window_days(period, kr.created_at, kr.due)
    best = best_pace(history, sign)
    factor = settings.ambition_pace_factor
    if best is not None and best <= 0:
        out.append(AmbitionFlag(kr, "unrealistic", (
            f"key result '{kr.title}' may be unrealistic: KPI '{kpi.name}' has never moved "
            f"towards {kr.target:g} in {len(history)} measurements")))
    elif best is not None and required > factor * best:
        out.append(AmbitionFlag(kr, "unrealistic", (
            f"key result '{kr.title}' may be unrealistic: it needs "
            f"{_per_week(sign * required, kpi.unit)}, {required / best:.1f} times the best "
            f"pace KPI '{kpi.name}' has ever shown ({_per_week(sign * best, kpi.unit)})")))
    return out
