"""KPIs: every KPI with its trend, latest value, thresholds and RAG; a chart of one."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.events import Resize
from textual.widgets import DataTable, Footer, Static

from okrtui import keys
from okrtui.bindings import bindings
from okrtui.domain.records.models import Measurement
from okrtui.domain.records.workspace import Workspace
from okrtui.domain.scoring.kpi import KpiView, kpi_view
from okrtui.screens.base import OkrScreen, source_lines
from okrtui.screens.legacy import Loaded, ServiceFailed, ServiceMixin
from okrtui.widgets import format as fmt
from okrtui.widgets.kpi_chart import KPIChart
from okrtui.widgets.kr_table import fit_height
from okrtui.widgets.topbar import TopBar, crumbs
from okrtui.widgets.visuals import Palette, plain, rag_text

WIDE = 110


@dataclass(frozen=True)
class KpisData:
    """Every KPI with its measurements, read in a worker."""

    views: tuple[KpiView, ...]
    measurements: dict[str, tuple[Measurement, ...]]
    sources: dict[str, str] = field(default_factory=dict)  # KPI id -> its source, in words


def thresholds(view: KpiView) -> str:
    """"green ≤ 30 · red ≥ 45 min (lower is better)" or that there are none."""
    kpi = view.kpi
    if kpi.green is None or kpi.red is None:
        return "no thresholds yet"
    better, worse = ("≥", "≤") if kpi.direction == "higher" else ("≤", "≥")
    return (f"green {better} {fmt.with_unit(kpi.green, kpi.unit)} · red {worse} "
            f"{fmt.with_unit(kpi.red, kpi.unit)} ({kpi.direction} is better)")


class KPITable(DataTable[Text]):
    """KPIs, one row each; the row key is the KPI id."""

    MAX_HEIGHT = 12
    """Lines the table takes at most (header included); more rows scroll."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=False)
        self._wide: bool | None = None

    def show(self, views: tuple[KpiView, ...], palette: Palette, width: int) -> None:
        """Replace the rows, keeping the cursor on the same KPI."""
        selected = self.selected_id()
        wide = width >= WIDE
        if wide != self._wide:
            self.clear(columns=True)
            fixed = [("trend", "Trend", 12), ("latest", "Latest", 16), ("rag", "RAG", 9)]
            if wide:
                fixed = [("owner", "Owner", 10), *fixed[:2], ("green", "Green", 9),
                         ("red", "Red", 9), fixed[2], ("cadence", "Cadence", 8)]
            name = max(12, width - sum(w for _, _, w in fixed) - 2 * (len(fixed) + 1) - 2)
            for key, label, w in [("name", "KPI", name), *fixed]:
                self.add_column(Text(label, style="bold"), width=w, key=key)
            self._wide = wide
        else:
            self.clear()
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
        fit_height(self, len(views), self.MAX_HEIGHT)
        ids = [v.kpi.id for v in views]
        if selected in ids:
            self.move_cursor(row=ids.index(selected))

    def selected_id(self) -> str | None:
        """The id of the KPI under the cursor."""
        if self.row_count == 0:
            return None
        try:
            key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        except Exception:
            return None
        return str(key.value) if key.value is not None else None


class KpisScreen(ServiceMixin, OkrScreen[None]):
    """All KPIs; record a value, promote one to a key result; a chart of the selected one."""

    AUTO_FOCUS = "#kpi-table"
    BINDINGS: ClassVar[list[BindingType]] = bindings(keys.KPIS)

    def __init__(self, period: str, *, kpi_id: str | None = None) -> None:
        super().__init__()
        self.period = period
        self.data: KpisData | None = None
        self._select = kpi_id  # the KPI to put the cursor on once loaded

    def compose(self) -> ComposeResult:
        yield TopBar(id="topbar")
        yield KPITable(id="kpi-table")
        yield Static(id="empty", classes="empty-state")
        yield Static(id="kpi-detail")
        yield KPIChart(id="kpi-chart")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#topbar", TopBar).show(crumbs("KPIs"), Text(self.services.user))
        self.query_one("#empty", Static).display = False

    def on_screen_resume(self) -> None:
        # Also the first load: a screen is resumed when it is first shown.
        self.reload()

    def reload(self) -> None:
        """Read the workspace again in a worker."""
        self.load()

    @property
    def period_name(self) -> str:
        """The period new objectives and promotions go into."""
        return self.period

    def build_view(self, ws: Workspace) -> KpisData:
        """Every KPI's values, latest and colour (in a worker)."""
        views = tuple(kpi_view(ws, kpi, self.today) for kpi in ws.kpis())
        measurements = {v.kpi.id: tuple(ws.measurements(v.kpi.id)) for v in views}
        return KpisData(views, measurements, source_lines(self.services, "kpis"))

    def on_loaded(self, message: Loaded[Any]) -> None:
        self.data = message.data
        self.render_data()

    def on_service_failed(self, message: ServiceFailed) -> None:
        self.notify(message.text, title="Cannot read the workspace", severity="error",
                    markup=False)

    def on_resize(self, event: Resize) -> None:
        self.render_data()

    def render_data(self) -> None:
        """Show the KPIs (again after a resize)."""
        if self.data is None:
            return
        table = self.query_one("#kpi-table", KPITable)
        table.show(self.data.views, Palette.of(self.app), self.size.width)
        ids = [v.kpi.id for v in self.data.views]
        if self._select in ids:
            table.move_cursor(row=ids.index(self._select))
            self._select = None
        has = bool(self.data.views)
        for selector in ("#kpi-table", "#kpi-detail", "#kpi-chart"):
            self.query_one(selector).display = has
        empty = self.query_one("#empty", Static)
        empty.display = not has
        empty.update(Text(
            "No KPIs yet.\n\nA KPI is a health metric you watch all the time (uptime, "
            "response time, web traffic), with a green and a red threshold.\nPress a to add "
            "one, from a department template or from scratch.\nFrom a shell: "
            "okrtui kpi add NAME --unit U --green N --red N"))
        if has:
            self.show_selected()

    def selected(self) -> KpiView | None:
        """The KPI under the cursor."""
        if self.data is None:
            return None
        kid = self.query_one("#kpi-table", KPITable).selected_id()
        return next((v for v in self.data.views if v.kpi.id == kid), None)

    def show_selected(self) -> None:
        """Details and chart of the KPI under the cursor."""
        # The footer shows only the actions check_action allows, and those follow
        # the selection: without this it keeps whatever it read first.
        self.refresh_bindings()
        assert self.data is not None
        view = self.selected()
        detail = self.query_one("#kpi-detail", Static)
        chart = self.query_one("#kpi-chart", KPIChart)
        if view is None:
            detail.update("")
            chart.show(None, ())
            return
        kpi = view.kpi
        text = plain(kpi.name, "bold")
        text.append("  ")
        text.append_text(rag_text(view.rag, Palette.of(self.app)))
        text.append("\n")
        facts = [f"latest {fmt.with_unit(view.latest, kpi.unit, short=True)}",
                 thresholds(view), f"owner {kpi.owner or '—'}", f"{kpi.cadence}, {kpi.type}"]
        text.append(" · ".join(facts), style="dim")
        if kpi.id in self.data.sources:
            text.append("\n" + self.data.sources[kpi.id], style="dim")
        detail.update(text)
        chart.show(kpi, self.data.measurements.get(kpi.id, ()))

    @on(DataTable.RowHighlighted, "#kpi-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self.data is not None:
            self.show_selected()

    @on(DataTable.RowSelected, "#kpi-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_record()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Recording and promoting need a KPI under the cursor."""
        if action in ("record", "promote"):
            return self.selected() is not None
        return True

    def action_record(self) -> None:
        """Record a value of the selected KPI."""
        from okrtui.screens.kpi_record import RecordKpiScreen

        if (view := self.selected()) is not None:
            self.app.push_screen(RecordKpiScreen(view.kpi.id))

    def action_add_kpi(self) -> None:
        """Add a KPI (a department template's KPI fills the form in)."""
        from okrtui.screens.kpi_form import KpiFormScreen

        self.app.push_screen(KpiFormScreen())

    def action_promote(self) -> None:
        """Turn the selected KPI into a key result of an objective."""
        from okrtui.screens.kpi_promote import PromoteKpiScreen

        if (view := self.selected()) is not None:
            self.app.push_screen(PromoteKpiScreen(view.kpi.id, self.period))
