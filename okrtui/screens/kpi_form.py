"""New KPI: name, unit, direction and its red-yellow-green band; a department template's
KPI fills the fields in."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.widgets import Input, Select

from okrtui.domain.cycle.templates import TEMPLATES, TemplateKPI
from okrtui.domain.plans import kpis as plans
from okrtui.domain.records.errors import InvalidInput
from okrtui.domain.records.models import KPI, NAME_MAX, TITLE_MAX, UNIT_MAX
from okrtui.domain.records.text import one_line
from okrtui.domain.records.values import parse_number
from okrtui.domain.records.workspace import Workspace
from okrtui.screens.form import FieldErrors, FormScreen
from okrtui.widgets import format as fmt
from okrtui.widgets.form import Field, text_field

NUMBER_CHARS = r"[-+0-9._eE ]*"
DIRECTIONS = [("higher is better", "higher"), ("lower is better", "lower")]
CADENCES = [("weekly", "weekly"), ("daily", "daily"), ("monthly", "monthly")]
TYPES = [("lagging: reports after the fact", "lagging"), ("leading: predicts", "leading")]
# "sales/New inbound leads" -> (team, the template's KPI)
TEMPLATE_KPIS: dict[str, tuple[str, TemplateKPI]] = {
    f"{t.name}/{k.name}": (t.team, k) for t in TEMPLATES for k in t.kpis}
TEMPLATE_CHOICES = [(Text(one_line(f"{key.split('/')[0]}: {k.name}", 52)), key)
                    for key, (_, k) in TEMPLATE_KPIS.items()]


class KpiFormScreen(FormScreen):
    """Template, name, unit, direction, green, red, cadence, type, owner."""

    # The KPI limit is news about the owner as a whole: shown on top at once.
    FIELD_ALIASES: ClassVar[dict[str, str]] = {"kpi": "", "owner": ""}
    DISCARD_QUESTION = "Discard this KPI?"
    TITLE_TEXT = "New KPI"
    AUTO_FOCUS = "#f-name"
    """The name has the cursor; shift+tab reaches the templates."""

    def __init__(self) -> None:
        super().__init__()
        self.team = ""
        self.description = ""
        self.applied: str | None = None  # the template KPI last filled in

    def fields(self) -> list[Field]:
        return [
            Field("Template", Select(TEMPLATE_CHOICES, id="f-template", compact=True,
                                     prompt="none: start from scratch"), name="template"),
            text_field("KPI", "name", max_length=TITLE_MAX,
                       placeholder="what you watch: uptime, response time"),
            text_field("Unit", "unit", max_length=UNIT_MAX, placeholder="%, min, $"),
            Field("Direction", Select(DIRECTIONS, value="higher", id="f-direction",
                                      allow_blank=False, compact=True), name="direction"),
            text_field("Green", "green", restrict=NUMBER_CHARS,
                       placeholder="green at or beyond this value"),
            text_field("Red", "red", restrict=NUMBER_CHARS,
                       placeholder="red at or beyond this value"),
            Field("Cadence", Select(CADENCES, value="weekly", id="f-cadence",
                                    allow_blank=False, compact=True), name="cadence"),
            Field("Type", Select(TYPES, value="lagging", id="f-type", allow_blank=False,
                                 compact=True), name="type"),
            text_field("Owner", "owner", self.services.user, max_length=NAME_MAX),
        ]

    def on_values_changed(self) -> None:
        """A template's KPI fills in the fields (each can still be changed)."""
        select = self.query_one("#f-template", Select)
        if select.is_blank() or self.initial is None:
            return
        key = str(select.value)
        if self.applied == key:
            return  # filling the fields in changes them: fill only once per choice
        self.applied = key
        self.team, kpi = TEMPLATE_KPIS[key]
        self.description = kpi.description
        for name, value in (("name", kpi.name), ("unit", kpi.unit),
                            ("green", fmt.number(kpi.green).replace(",", "")),
                            ("red", fmt.number(kpi.red).replace(",", ""))):
            self.query_one(f"#f-{name}", Input).value = value
        for name, value in (("direction", kpi.direction), ("cadence", kpi.cadence),
                            ("type", kpi.type)):
            self.query_one(f"#f-{name}", Select).value = value

    def parsed(self, values: dict[str, Any]) -> dict[str, Any]:
        """The KPI's fields from the typed text (errors name their field)."""
        out: dict[str, Any] = {name: values[name] for name in ("unit", "direction",
                                                                "cadence", "type")}
        errors: dict[str, str] = {}
        for name in ("green", "red"):
            text = (values[name] or "").strip()
            try:
                out[name] = parse_number(text, name) if text else None
            except InvalidInput as exc:
                errors[name] = exc.message
        if errors:
            raise FieldErrors(errors)
        if self.team:
            out["team"] = self.team
        if self.description:
            out["description"] = self.description
        return out

    def preview(self, ws: Workspace, values: dict[str, Any]) -> KPI:
        """The KPI as it would be saved, checked against the rules (the KPI limit too)."""
        return plans.plan_add_kpi(ws, self.services.actor(), values["name"],
                                  owner=values["owner"], **self.parsed(values))

    def save(self, values: dict[str, Any]) -> tuple[str, Any, tuple[Any, ...], dict[str, Any]]:
        """Add the KPI."""
        return ("KPI added", self.services.add_kpi, (values["name"],),
                {"owner": values["owner"], **self.parsed(values)})
