"""A chart of one key result's check-ins against the ideal line from start to target."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from textual_plotext import PlotextPlot

from okrtui.domain.records.models import CheckIn, KeyResult
from okrtui.domain.records.periods import Period
from okrtui.domain.scoring.pace import pace_window
from okrtui.widgets import format as fmt


def ideal_line(kr: KeyResult, period: Period) -> tuple[list[float], list[float]]:
    """Day offsets and values of the ideal path: start to target over the key result's
    own clock (from the later of the period's start and its creation to its due date, the
    pace its status is judged by); a flat line at the band for keep-above/below; 0 to 1
    for a milestone."""
    first, end = pace_window(period, kr.created_at, kr.due)
    target = kr.target if kr.target is not None else 1.0
    if kr.kind in ("above", "below"):
        return [0, period.days - 1], [target, target]
    return [(first - period.start).days, (end - period.start).days], [kr.start, target]


def checkin_points(checkins: Sequence[CheckIn], period: Period) -> tuple[list[float], list[float]]:
    """Day offsets (from the period's start) and values of the check-ins, oldest first."""
    xs, ys = [], []
    for c in sorted(checkins, key=lambda c: (c.at, c.id)):
        xs.append(float((c.at.date() - period.start).days))
        ys.append(c.value)
    return xs, ys


class KRChart(PlotextPlot):
    """Check-ins (dots joined by a line) against the ideal line, with today marked."""

    DEFAULT_CSS = """
    KRChart {
        height: 1fr;
        min-height: 6;
    }
    """

    def show(self, kr: KeyResult | None, checkins: Sequence[CheckIn], period: Period,
             today: dt.date) -> None:
        """Plot `kr` (or clear the chart when None)."""
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        if kr is None:
            self.refresh()
            return
        ix, iy = ideal_line(kr, period)
        plt.plot(ix, iy, label="ideal", color="gray", marker="braille")
        xs, ys = checkin_points(checkins, period)
        if xs:
            plt.plot(xs, ys, color="cyan", marker="braille")
            plt.scatter(xs, ys, label="check-ins", color="cyan", marker="●")
        if period.contains(today):
            plt.vertical_line((today - period.start).days, color="yellow")
        ticks, labels = fmt.date_ticks(period.start, period.days - 1)
        plt.xticks(ticks, labels)
        plt.xlim(0, period.days - 1)
        values = [*iy, *ys]
        low, high = min(values), max(values)
        pad = (high - low) * 0.1 or 1.0
        plt.ylim(low - pad, high + pad)
        self.refresh()
