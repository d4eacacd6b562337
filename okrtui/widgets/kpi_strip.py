"""A strip of KPIs under the dashboard: name, sparkline, latest value and RAG symbol."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.reactive import var
from textual.widgets import Static

from okrtui.domain.scoring.kpi import KpiView
from okrtui.widgets import format as fmt
from okrtui.widgets.visuals import Palette, plain, rag_text

SPARK_WIDTH = 8


def kpi_cells(view: KpiView, palette: Palette) -> list[Text]:
    """The four cells of one KPI in the strip."""
    return [
        plain(view.kpi.name),
        Text(fmt.sparkline(view.values, SPARK_WIDTH), style=palette.style(view.rag),
             no_wrap=True, end=""),
        plain(fmt.with_unit(view.latest, view.kpi.unit, short=True)),
        rag_text(view.rag, palette, word=False),
    ]


def kpi_grid(views: Sequence[KpiView], palette: Palette, per_row: int, *,
             value_width: int = 15) -> RenderableType:
    """KPIs laid out `per_row` to a row, each as name, sparkline, value and RAG symbol."""
    grid = Table.grid(expand=True, padding=(0, 1))
    for index in range(per_row):
        grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        grid.add_column(width=SPARK_WIDTH, no_wrap=True)
        grid.add_column(no_wrap=True, justify="right", max_width=value_width,
                        overflow="ellipsis")
        grid.add_column(width=1, no_wrap=True)
        if index < per_row - 1:
            grid.add_column(width=1, no_wrap=True)
    for start in range(0, len(views), per_row):
        row: list[RenderableType] = []
        chunk = views[start:start + per_row]
        for index in range(per_row):
            row.extend(kpi_cells(chunk[index], palette) if index < len(chunk) else [""] * 4)
            if index < per_row - 1:
                row.append(Text("│", style="dim") if index + 1 < len(chunk) else "")
        grid.add_row(*row)
    return grid


def same_views(old: Sequence[KpiView], new: Sequence[KpiView]) -> bool:
    """Whether `new` shows what `old` did (the same views, or equal ones, in order)."""
    return len(old) == len(new) and all(a is b or a == b for a, b in zip(old, new,
                                                                          strict=True))


class KpiStrip(Static):
    """The KPI strip; shows `views`, at most `max_rows` rows, and says how many more there
    are (hidden when there are none)."""

    DEFAULT_CSS = """
    KpiStrip {
        height: auto;
        max-height: 5;
        border-top: solid $panel-lighten-2;
        border-title-color: $foreground-muted;
        padding: 0 1;
    }
    """

    max_rows = 3

    unseen: var[int] = var(0, init=False)
    """KPIs beyond `views` that there are, not viewed yet (counted in "N more")."""
    views: var[tuple[KpiView, ...]] = var((), always_update=True, init=False)
    """The KPIs on show (a new tuple shows them again, at the screen's width then)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._shown: tuple[list[KpiView], int, int, Palette, int, int] | None = None
        """What the strip last drew: the views, how many in all and more, palette, per row,
        width."""

    def watch_views(self, views: tuple[KpiView, ...]) -> None:
        self.show(views, Palette.of(self.app), self.screen.size.width)

    def show(self, views: Sequence[KpiView], palette: Palette, width: int) -> None:
        """Show `views`, two or three to a row depending on the screen's `width`."""
        self.display = bool(views)
        per_row = _per_row(width)
        shown = list(views)[: per_row * self.max_rows]
        more = len(views) - len(shown) + self.unseen
        value_width = 15 if width < 110 else 20
        # Each filter key and each reload sets the views again, mostly the same ones: a
        # Static re-renders its whole table on `update`, so redraw only what changed.
        drawn = (shown, len(views), more, palette, per_row, value_width)
        if self._shown is not None and same_views(self._shown[0], shown) \
                and self._shown[1:] == drawn[1:]:
            return
        self._shown = drawn
        title = f"KPIs ({len(views)})" if not more else f"KPIs ({more} more: press k)"
        self.border_title = title + "  ● green  ▲ yellow  ✖ red"
        self.update(kpi_grid(shown, palette, per_row, value_width=value_width))


def _per_row(width: int) -> int:
    """KPIs to a row of the strip at a screen `width`."""
    return 3 if width >= 150 else 2


def strip_capacity(width: int) -> int:
    """How many KPIs the strip shows at a screen `width` (the rest it counts)."""
    return _per_row(width) * KpiStrip.max_rows
