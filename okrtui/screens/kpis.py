"""KPIs: every KPI with its trend, latest value, thresholds and RAG; a chart of one."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.events import Resize
from textual.reactive import var
from textual.widgets import Static

from okrtui import keys
from okrtui.bindings import bindings
from okrtui.domain.records.models import Measurement
from okrtui.domain.records.workspace import Workspace
from okrtui.domain.scoring.kpi import KpiView, kpi_view
from okrtui.messages import OpenKpis
from okrtui.screens.base import Opening, TableScreen
from okrtui.screens.hooks import source_lines
from okrtui.widgets import format as fmt
from okrtui.widgets.kpi_chart import KPIChart
from okrtui.widgets.kpi_table import KPITable, thresholds
from okrtui.widgets.rows import record_details
from okrtui.widgets.topbar import crumbs
from okrtui.widgets.visuals import Palette, rag_text


@dataclass(frozen=True)
class KpisData:
    """Every KPI with its measurements, read in a worker."""

    views: tuple[KpiView, ...]
    measurements: dict[str, tuple[Measurement, ...]]
    sources: dict[str, str] = field(default_factory=dict)  # KPI id -> its source, in words


class KpisScreen(TableScreen[KpisData, KpiView]):
    """All KPIs; record a value, promote one to a key result; a chart of the selected one."""

    AUTO_FOCUS = "#kpi-table"
    TABLE_ID = "kpi-table"
    BINDINGS: ClassVar[list[BindingType]] = bindings(keys.KPIS)
    SELECTION_ACTIONS = frozenset({"record", "promote"})

    kpis: var[tuple[KpiView, ...]] = var((), always_update=True, init=False)
    """The KPIs on show, bound down to the table."""

    def __init__(self, period: str, *, kpi_id: str | None = None) -> None:
        super().__init__()
        self.period = period
        self._select = kpi_id  # the KPI to put the cursor on once loaded

    @classmethod
    def from_message(cls, message: OpenKpis, opening: Opening) -> KpisScreen:
        """Every KPI, promotions into the period on show."""
        return cls(opening.period, kpi_id=message.kpi_id)

    def compose_body(self) -> ComposeResult:
        yield KPITable(id="kpi-table").data_bind(views=KpisScreen.kpis)
        yield self.empty_state()
        yield Static(id="kpi-detail")
        yield KPIChart(id="kpi-chart")

    def crumbs(self) -> Text:
        return crumbs("KPIs")

    @property
    def period_name(self) -> str:
        """The period new objectives and promotions go into."""
        return self.period

    def build_view(self, ws: Workspace) -> KpisData:
        """Every KPI's values, latest and colour (in a worker)."""
        views = tuple(kpi_view(ws, kpi, self.today) for kpi in ws.kpis())
        measurements = {v.kpi.id: tuple(ws.measurements(v.kpi.id)) for v in views}
        return KpisData(views, measurements, source_lines(self.services, "kpis"))

    def on_resize(self, event: Resize) -> None:
        if self.view is not None:
            self.show_view(self.view)

    def show_view(self, view: KpisData) -> None:
        """Show the KPIs (again after a resize)."""
        self.kpis = view.views
        ids = [v.kpi.id for v in view.views]
        if self._select in ids:
            self.query_one("#kpi-table", KPITable).move_cursor(row=ids.index(self._select))
            self._select = None
        has = bool(view.views)
        for selector in ("#kpi-table", "#kpi-detail", "#kpi-chart"):
            self.query_one(selector).display = has
        self.show_empty(None if has else Text(
            "No KPIs yet.\n\nA KPI is a health metric you watch all the time (uptime, "
            "response time, web traffic), with a green and a red threshold.\nPress a to add "
            "one, from a department template or from scratch.\nFrom a shell: "
            "okrtui kpi add NAME --unit U --green N --red N"))
        if has:
            self.show_selected()

    def rows(self, view: KpisData) -> dict[str, KpiView]:
        """The KPIs, by id."""
        return {v.kpi.id: v for v in view.views}

    def show_row(self, view: KpiView | None) -> None:
        """Details and chart of the KPI under the cursor."""
        assert self.view is not None
        detail = self.query_one("#kpi-detail", Static)
        chart = self.query_one("#kpi-chart", KPIChart)
        if view is None:
            detail.update("")
            chart.show(None, ())
            return
        kpi = view.kpi
        facts = [f"latest {fmt.with_unit(view.latest, kpi.unit, short=True)}",
                 thresholds(view), f"owner {kpi.owner or '—'}", f"{kpi.cadence}, {kpi.type}"]
        detail.update(record_details(kpi.name, facts, self.view.sources.get(kpi.id),
                                     rag_text(view.rag, Palette.of(self.app))))
        chart.show(kpi, self.view.measurements.get(kpi.id, ()))

    def action_record(self) -> None:
        """Record a value of the selected KPI."""
        self.open_selected()

    def open_row(self, kpi_id: str) -> None:
        """Record a value of the KPI `kpi_id` (chosen in the table: enter, a click)."""
        from okrtui.screens.kpi_record import RecordKpiScreen

        self.app.push_screen(RecordKpiScreen(kpi_id))

    def action_add_kpi(self) -> None:
        """Add a KPI (a department template's KPI fills the form in)."""
        from okrtui.screens.kpi_form import KpiFormScreen

        self.app.push_screen(KpiFormScreen())

    def action_promote(self) -> None:
        """Turn the selected KPI into a key result of an objective."""
        from okrtui.screens.kpi_promote import PromoteKpiScreen

        if (view := self.selected()) is not None:
            self.app.push_screen(PromoteKpiScreen(view.kpi.id, self.period))
