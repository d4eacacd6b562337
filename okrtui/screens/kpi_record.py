"""Record a KPI's value on a date; shows the colour the new value gets."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Static

from okrtui.domain.plans import kpis as plans
from okrtui.domain.records.errors import InvalidInput
from okrtui.domain.records.models import KPI, Measurement
from okrtui.domain.records.values import parse_date, parse_number
from okrtui.domain.records.workspace import Workspace
from okrtui.domain.scoring.kpi import kpi_rag, kpi_view
from okrtui.screens.form import FieldErrors
from okrtui.screens.record_form import RecordFormScreen
from okrtui.widgets import format as fmt
from okrtui.widgets.form import Field, text_field
from okrtui.widgets.visuals import Palette, rag_text


class RecordKpiScreen(RecordFormScreen):
    """Value (focused) and date (today unless changed); enter saves."""

    RECORD = "kpi"
    DISCARD_QUESTION = "Discard this value?"
    TITLE_TEXT = "Record a KPI value"

    kpi: KPI | None = None
    """The KPI as last read."""

    def fields(self) -> list[Field]:
        return [
            text_field("Value", "value", placeholder="the value measured"),
            text_field("Date", "date", self.today.isoformat(), hint="YYYY-MM-DD"),
        ]

    def after_fields(self) -> list[Widget]:
        return [Static("", id="rag-preview", classes="context")]

    def fill(self, ws: Workspace) -> None:
        """The KPI, its latest value and thresholds; the value field gets the focus."""
        self.kpi = kpi = ws.kpi(self.record_id)
        latest = kpi_view(ws, kpi, self.today, 1).last
        text = Text(kpi.name, style="bold")
        text.append("\nLatest: ", style="dim")
        if latest is None:
            text.append("no value yet", style="dim")
        else:
            text.append(f"{fmt.with_unit(latest.value, kpi.unit)} on {latest.date}", style="dim")
        self.query_one("#context", Static).update(text)

    def parsed(self, values: dict[str, Any]) -> tuple[float, Any]:
        """The typed value and date (errors name their field)."""
        errors: dict[str, str] = {}
        value, day = 0.0, None
        try:
            value = parse_number(values["value"] or "", "value")
        except InvalidInput as exc:
            errors["value"] = exc.message if values["value"].strip() else "type the value"
        try:
            day = parse_date(values["date"], "date") if values["date"].strip() else None
        except InvalidInput as exc:
            errors["date"] = exc.message
        if errors:
            raise FieldErrors(errors)
        return value, day

    def preview(self, ws: Workspace, values: dict[str, Any]) -> Measurement:
        """The measurement as it would be saved; shows the colour it gives."""
        box = self.query_one("#rag-preview", Static)
        try:
            value, day = self.parsed(values)
        except FieldErrors:
            box.update(Text(""))
            raise
        measurement = plans.plan_record_kpi(ws, self.services.actor(), self.record_id, value,
                                             day)
        if self.kpi is not None:
            text = Text("New value: ", style="bold")
            text.append(f"{fmt.with_unit(value, self.kpi.unit)}  ")
            text.append_text(rag_text(kpi_rag(self.kpi, value), Palette.of(self.app)))
            box.update(text)
        return measurement

    def save(self, values: dict[str, Any]) -> tuple[str, Any, tuple[Any, ...], dict[str, Any]]:
        """Record the value."""
        value, day = self.parsed(values)
        return ("Value recorded", self.services.record_kpi, (self.record_id, value), {"on": day})
