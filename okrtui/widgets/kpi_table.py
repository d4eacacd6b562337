"""The KPI screen's table: every KPI with its trend, latest value, thresholds and RAG."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.reactive import var
from textual.widgets import DataTable

from okrtui.domain.scoring.kpi import KpiView
from okrtui.widgets import format as fmt
from okrtui.widgets.chosen import Chosen
from okrtui.widgets.record_table import RecordTable
from okrtui.widgets.visuals import Palette, plain, rag_text

WIDE = 110
"""From this screen width on, the table also shows owner, thresholds and cadence."""


def thresholds(view: KpiView) -> str:
    """"green ≤ 30 · red ≥ 45 min (lower is better)" or that there are none."""
    kpi = view.kpi
    if kpi.green is None or kpi.red is None:
        return "no thresholds yet"
    better, worse = ("≥", "≤") if kpi.direction == "higher" else ("≤", "≥")
    return (f"green {better} {fmt.with_unit(kpi.green, kpi.unit)} · red {worse} "
            f"{fmt.with_unit(kpi.red, kpi.unit)} ({kpi.direction} is better)")


class KPITable(RecordTable):
    """KPIs, one row each; the row key is the KPI id. It shows `views` (more columns on a
    wide screen) and posts `RecordRequested` when one is chosen (enter, a click)."""

    MAX_HEIGHT = 12

    views: var[tuple[KpiView, ...]] = var((), always_update=True, init=False)
    """The KPIs on show, in order (a new tuple shows them again)."""

    class RecordRequested(Chosen):
        """The person chose a KPI to record a value of."""

        @property
        def kpi_id(self) -> str:
            """The KPI's id."""
            return self.record_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=False)

    def watch_views(self, views: tuple[KpiView, ...]) -> None:
        self.show(views, Palette.of(self.app), self.screen.size.width)

    def show(self, views: tuple[KpiView, ...], palette: Palette, width: int) -> None:
        """Replace the rows, keeping the cursor on the same KPI."""
        selected = self.selected_id()
        wide = width >= WIDE
        fixed = [("trend", "Trend", 12), ("latest", "Latest", 16), ("rag", "RAG", 9)]
        if wide:
            fixed = [("owner", "Owner", 10), *fixed[:2], ("green", "Green", 9),
                     ("red", "Red", 9), fixed[2], ("cadence", "Cadence", 8)]
        name = max(12, width - sum(w for _, _, w in fixed) - 2 * (len(fixed) + 1) - 2)
        # The columns follow the width only between narrow and wide, not every resize.
        self.set_columns([("name", "KPI", name), *fixed], wide)
        keys = [str(c.key.value) for c in self.columns.values()]
        for view in views:
            kpi = view.kpi
            cells = {
                "name": plain(kpi.name),
                "owner": plain(kpi.owner),
                "trend": Text(fmt.sparkline(view.values, 12), style=palette.style(view.rag)),
                "latest": plain(fmt.with_unit(view.latest, kpi.unit, short=True)),
                "green": plain(fmt.compact(kpi.green) if kpi.green is not None else "—"),
                "red": plain(fmt.compact(kpi.red) if kpi.red is not None else "—"),
                "rag": rag_text(view.rag, palette),
                "cadence": plain(kpi.cadence),
            }
            self.add_row(*(cells[k] for k in keys), key=kpi.id)
        self.fit_height(len(views))
        ids = [v.kpi.id for v in views]
        if selected in ids:
            self.move_cursor(row=ids.index(selected))

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.RecordRequested(self, str(event.row_key.value)))
