"""Promote a KPI to a key result: it starts at the KPI's latest value, linked to it."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import Select, Static

from okrtui.domain.plans import kpis as plans
from okrtui.domain.records.errors import InvalidInput
from okrtui.domain.records.models import TITLE_MAX, KeyResult
from okrtui.domain.records.values import parse_number
from okrtui.domain.records.workspace import Workspace
from okrtui.domain.scoring.kpi import kpi_view
from okrtui.screens.form import FieldErrors
from okrtui.screens.record_form import RecordFormScreen
from okrtui.widgets import format as fmt
from okrtui.widgets.form import Field, text_field


class PromoteKpiScreen(RecordFormScreen):
    """Objective (of the period on show), target, and an optional title."""

    RECORD = "kpi"
    DISCARD_QUESTION = "Discard this promotion?"
    TITLE_TEXT = "Promote KPI to a key result"
    AUTO_FOCUS = "#f-target"
    """The target has the cursor: the owner's own objective is chosen already."""

    def __init__(self, kpi_id: str, period: str) -> None:
        super().__init__(kpi_id)
        self.period = period

    def fields(self) -> list[Field]:
        return [
            Field("Objective", Select([], id="f-objective", prompt="choose an objective",
                                      compact=True), name="objective"),
            text_field("Target", "target", restrict=r"[-+0-9._eE ]*",
                       placeholder="where the KPI should get to"),
            text_field("Title", "title", max_length=TITLE_MAX,
                       placeholder="(optional) KPI: from X to Y"),
        ]

    def fill(self, ws: Workspace) -> None:
        """The KPI and its latest value; objectives of the period on show to choose from."""
        kpi = ws.kpi(self.record_id)
        latest = kpi_view(ws, kpi, self.today, 1).last
        text = Text(kpi.name, style="bold")
        text.append(f"\n{kpi.direction} is better · latest ", style="dim")
        text.append(fmt.with_unit(latest.value, kpi.unit) if latest else "no value yet",
                    style="dim")
        text.append(f"\nThe key result starts there and is linked to this KPI "
                    f"(objectives of {self.period}).", style="dim")
        self.query_one("#context", Static).update(text)
        mine = sorted(ws.objectives(period=self.period), key=lambda o: o.owner != kpi.owner)
        objectives = [(Text(o.title), o.id) for o in mine]
        select = self.query_one("#f-objective", Select)
        select.set_options(objectives)
        if objectives:  # the KPI owner's own objective first: the likeliest home
            select.value = objectives[0][1]

    def parsed(self, values: dict[str, Any]) -> tuple[str, float]:
        """The chosen objective and the typed target (errors name their field)."""
        errors: dict[str, str] = {}
        if not values["objective"]:
            errors["objective"] = "choose the objective the key result belongs to"
        target = 0.0
        try:
            target = parse_number(values["target"] or "", "target")
        except InvalidInput as exc:
            errors["target"] = exc.message if values["target"].strip() else "type a target"
        if errors:
            raise FieldErrors(errors)
        return values["objective"], target

    def preview(self, ws: Workspace, values: dict[str, Any]) -> KeyResult:
        """The key result as it would be made, checked against the rules."""
        objective, target = self.parsed(values)
        return plans.plan_promote_kpi(ws, self.services.actor(), self.record_id, objective,
                                      target, title=values["title"].strip() or None)

    def save(self, values: dict[str, Any]) -> tuple[str, Any, tuple[Any, ...], dict[str, Any]]:
        """Create the key result."""
        objective, target = self.parsed(values)
        return ("Key result created from the KPI", self.services.promote_kpi,
                (self.record_id, objective, target), {"title": values["title"].strip() or None})
