"""A KPI's values over time, with its green and red thresholds drawn."""

from __future__ import annotations

from collections.abc import Sequence

from textual_plotext import PlotextPlot

from okrtui.domain.records.models import KPI, Measurement
from okrtui.widgets import format as fmt


class KPIChart(PlotextPlot):
    """Values as a line with dots; green and red thresholds as labelled lines."""

    DEFAULT_CSS = """
    KPIChart {
        height: 1fr;
        min-height: 6;
    }
    """

    def show(self, kpi: KPI | None, measurements: Sequence[Measurement]) -> None:
        """Plot `kpi` (or clear the chart when None or without values)."""
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        if kpi is None or not measurements:
            self.refresh()
            return
        first = measurements[0].date
        last = measurements[-1].date
        xs = [float((m.date - first).days) for m in measurements]
        ys = [m.value for m in measurements]
        plt.plot(xs, ys, color="cyan", marker="braille")
        plt.scatter(xs, ys, color="cyan", marker="●", label=kpi.unit or "value")
        levels = [(n, v, c) for n, v, c in (("green", kpi.green, "green"),
                                             ("red", kpi.red, "red")) if v is not None]
        values = [*ys, *(v for _, v, _ in levels)]
        low, high = min(values), max(values)
        pad = (high - low) * 0.1 or 1.0
        for name, level, colour in levels:
            plt.horizontal_line(level, color=colour)
            # The word sits just above its line, so the lines read without colour too.
            plt.text(name, x=xs[-1], y=level + pad * 0.6, color=colour, alignment="right")
        ticks, labels = fmt.date_ticks(first, max(1, (last - first).days))
        plt.xticks(ticks, labels)
        plt.ylim(low - pad, high + pad)
        self.refresh()
