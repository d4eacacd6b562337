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


def oldest_first(checkins: Sequence[CheckIn]) -> list[CheckIn]:
    """Check-ins in the order they were made."""
    return sorted(checkins, key=lambda c: (c.at, c.id))


def checkin_points(checkins: Sequence[CheckIn], period: Period) -> tuple[list[float], list[float]]:
    """Day offsets (from the period's start) and values of the check-ins, oldest first."""
    xs, ys = [], []
    for c in oldest_first(checkins):
        xs.append(float((c.at.date() - period.start).days))
        ys.append(c.value)
    return xs, ys


def day_span(xs: Sequence[float], period: Period) -> tuple[int, int]:
    """The day offsets the chart shows: the period, widened to every check-in.

    A check-in may lie outside the period (today is always a check-in's day, so a key
    result of a past quarter can be checked in late; a teammate's file may hold anything):
    it is drawn, not left off. plotext also raises IndexError drawing the legend of a
    series none of whose points is in view.
    """
    low = min([0, *(int(x) for x in xs)])
    high = max([period.days - 1, *(int(x) for x in xs)])
    return low, high


class KRChart(PlotextPlot):
    """Check-ins (dots joined by a line) against the ideal line, with today marked; the
    check-in chosen in the history list (`show(..., marked=ID)`) stands out."""

    DEFAULT_CSS = """
    KRChart {
        height: 1fr;
        min-height: 6;
    }
    """

    marks: tuple[tuple[float, float], ...] = ()
    """The check-ins drawn, as (day offset from the period's start, value), oldest first."""

    marked_point: tuple[float, float] | None = None
    """Where the check-in chosen in the history list is drawn (None: none chosen)."""

    _shown: tuple[object, ...] | None = None
    """What `show` plotted last."""

    def show(self, kr: KeyResult | None, checkins: Sequence[CheckIn], period: Period,
             today: dt.date, *, marked: str | None = None) -> None:
        """Plot `kr` (or clear the chart when None); the check-in `marked` stands out."""
        # A screen shows its selection when its data arrives and again when the cursor
        # lands: plotting the same again (plotext builds its figure anew) is left out.
        shown = (kr, tuple(checkins), period, today, marked)
        if shown == self._shown:
            return
        self._shown = shown
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        self.marks, self.marked_point = (), None
        if kr is None:
            self.refresh()
            return
        ix, iy = ideal_line(kr, period)
        plt.plot(ix, iy, label="ideal", color="gray", marker="braille")
        xs, ys = checkin_points(checkins, period)
        span = day_span(xs, period)
        if xs:
            plt.plot(xs, ys, color="cyan", marker="braille")
            plt.scatter(xs, ys, label="check-ins", color="cyan", marker="●")
            self.marks = tuple(zip(xs, ys, strict=True))
        ordered = oldest_first(checkins)
        chosen = next((n for n, c in enumerate(ordered) if c.id == marked), None)
        if chosen is not None:
            self.marked_point = self.marks[chosen]
            plt.scatter([xs[chosen]], [ys[chosen]], color="magenta", marker="◆")
        if span[1] > period.days - 1:
            plt.vertical_line(period.days - 1, color="gray")  # where the period ended
        if period.contains(today):
            plt.vertical_line((today - period.start).days, color="yellow")
        offsets, labels = fmt.date_ticks(period.start + dt.timedelta(days=span[0]),
                                         span[1] - span[0])
        plt.xticks([span[0] + o for o in offsets], labels)
        plt.xlim(*span)
        values = [*iy, *ys]
        low, high = min(values), max(values)
        pad = (high - low) * 0.1 or 1.0
        plt.ylim(low - pad, high + pad)
        self.refresh()
