"""The benchmark's figures and how they are printed: medians with min-max, ratios taken
pair by pair, each against its target with met or missed.

Nothing here measures anything; run.py fills the rows.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass
class Row:
    """One line of the results table.

    `values` are the samples of what is measured; `baselines`, when there is a baseline,
    the samples of it taken alternately with them (A B A B ...), so the ratio is taken
    pair by pair and machine noise hits both alike. `limit` is the target: on the ratio
    when `on_ratio`, else on the median value; `first` is a first milestone on the way to
    it (met or not is said for both).
    """

    metric: str
    values: list[float]
    baselines: list[float] | None
    unit: str
    limit: float
    on_ratio: bool = True
    first: float | None = None
    short: str = ""
    note: str = ""
    ratios: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.baselines is not None and not self.ratios:
            self.ratios = [v / b for v, b in zip(self.values, self.baselines, strict=True)
                           if b > 0]

    @property
    def value(self) -> float:
        """The median of the samples."""
        return statistics.median(self.values)

    @property
    def baseline(self) -> float | None:
        """The median of the baseline's samples (None without a baseline)."""
        return statistics.median(self.baselines) if self.baselines else None

    @property
    def ratio(self) -> float | None:
        """The median of the pairwise ratios (None without a baseline)."""
        return statistics.median(self.ratios) if self.ratios else None

    @property
    def judged(self) -> float | None:
        """What the target is set on: the ratio, or the median value."""
        return self.ratio if self.on_ratio else self.value

    @property
    def target(self) -> str:
        """The target as people read it: "<= 1.3 (2 first)" on the ratio, "< 50 ms"."""
        text = f"<= {self.limit:g}" if self.on_ratio else f"< {self.limit:g} {self.unit}"
        return text + (f" ({self.first:g} first)" if self.first is not None else "")

    def meets(self, limit: float) -> bool:
        """Whether the figure is within `limit`."""
        judged = self.judged
        if judged is None:
            return False
        return judged <= limit if self.on_ratio else judged < limit

    @property
    def met(self) -> bool:
        """Whether the target is met."""
        return self.meets(self.limit)

    @property
    def verdict(self) -> str:
        """"met", "first met" (the first milestone only) or "MISSED"."""
        if self.met:
            return "met"
        if self.first is not None and self.meets(self.first):
            return "first met"
        return "MISSED"

    @property
    def excess(self) -> float:
        """What the measured thing costs beyond its baseline (the value itself without a
        baseline, or when it is below its baseline)."""
        baseline = self.baseline
        if baseline is not None and self.value > baseline:
            return self.value - baseline
        return self.value


def spread(samples: Sequence[float], digits: int) -> str:
    """"0.412 (0.398-0.455)": the median with the smallest and largest sample."""
    if not samples:
        return ""
    med = statistics.median(samples)
    return f"{med:.{digits}f} ({min(samples):.{digits}f}-{max(samples):.{digits}f})"


def _digits(unit: str) -> int:
    return 3 if unit == "s" else 1


def table(rows: Sequence[Row]) -> list[str]:
    """The results as a Markdown table, one line per row."""
    head = ("| metric | value, median (min-max) | baseline | ratio, median (min-max) "
            "| target | met |")
    lines = [head, "|---|---|---|---|---|---|"]
    for r in rows:
        digits = _digits(r.unit)
        value = f"{spread(r.values, digits)} {r.unit}"
        baseline = f"{spread(r.baselines, digits)} {r.unit}" if r.baselines else ""
        ratio = spread(r.ratios, 2)
        lines.append(f"| {r.metric} | {value} | {baseline} | {ratio} | {r.target} | "
                     f"{r.verdict} |")
    return lines


def skipped(notes: Sequence[str]) -> list[str]:
    """Lines for the rows that could not be measured here, and why."""
    return [f"skipped: {note}" for note in notes]


def key_line(rows: Sequence[Row]) -> str:
    """The last line: every figure against its target."""
    parts = []
    for r in rows:
        judged = r.judged
        figure = "n/a" if judged is None else (
            f"{judged:.2f}" if r.on_ratio else f"{judged:.0f} {r.unit}")
        parts.append(f"{r.short or r.metric} {figure} ({r.target}: {r.verdict})")
    return "key figures: " + "; ".join(parts)
