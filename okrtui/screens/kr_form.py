"""Add or edit a key result: every field, validated as you type by the domain."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.widgets import Input, Select

from okrtui.domain.plans import key_results as plans
from okrtui.domain.records.errors import InvalidInput
from okrtui.domain.records.models import NAME_MAX, TITLE_MAX, UNIT_MAX, KeyResult
from okrtui.domain.records.periods import Period
from okrtui.domain.records.values import parse_date, parse_number
from okrtui.domain.records.workspace import Workspace
from okrtui.screens.form import FieldErrors
from okrtui.screens.record_form import RecordFormScreen
from okrtui.widgets import format as fmt
from okrtui.widgets.form import Field, text_field

KINDS = [
    ("metric: from a start value to a target", "metric"),
    ("milestone: done or not done", "milestone"),
    ("keep above a value", "above"),
    ("keep below a value", "below"),
]
NUMBER_CHARS = r"[-+0-9._eE ]*"


class KeyResultFormScreen(RecordFormScreen):
    """Title, kind, start, target, unit, owner, weight, due date, linked KPI."""

    RECORD = "objective"
    FIELD_ALIASES: ClassVar[dict[str, str]] = {"kpi": "kpi_id"}
    DISCARD_QUESTION = "Discard your changes to this key result?"

    def __init__(self, objective_id: str, kr_id: str | None = None) -> None:
        super().__init__(objective_id)
        self.kr_id = kr_id
        self.TITLE_TEXT = "Edit key result" if kr_id else "New key result"
        self.TYPED_ON_RECORD = kr_id is not None

    def fields(self) -> list[Field]:
        return [
            text_field("Key result", "title", max_length=TITLE_MAX,
                       placeholder="how you will know, in numbers"),
            Field("Kind", Select(KINDS, value="metric", id="f-kind", allow_blank=False,
                                 compact=True), name="kind"),
            text_field("Start", "start", "0", restrict=NUMBER_CHARS),
            text_field("Target", "target", restrict=NUMBER_CHARS,
                       placeholder="the number that means done"),
            text_field("Unit", "unit", max_length=UNIT_MAX, placeholder="customers, %, min"),
            text_field("Owner", "owner", max_length=NAME_MAX),
            text_field("Weight", "weight", "1", restrict=NUMBER_CHARS,
                       hint="in the objective's score"),
            text_field("Due", "due", placeholder="YYYY-MM-DD (optional)"),
            Field("KPI", Select([], id="f-kpi_id", prompt="no linked KPI", compact=True),
                  name="kpi_id"),
        ]

    def fill(self, ws: Workspace) -> None:
        """KPIs to link, the objective's period in the heading, the record being edited."""
        objective = ws.objective(self.record_id)
        period = Period.parse(objective.period)
        kpis = [(Text(k.name), k.id) for k in ws.kpis()]
        self.query_one("#f-kpi_id", Select).set_options(kpis)
        heading = Text("for ", style="dim")
        heading.append(objective.title)
        heading.append(f"  ({period.name}: {period.start} to {period.end})", style="dim")
        self.query_one("#context").update(heading)
        owner = self.query_one("#f-owner", Input)
        owner.value = objective.owner or self.services.user
        if self.kr_id is not None:
            kr: KeyResult = ws.key_result(self.kr_id)
            self.query_one("#f-title", Input).value = kr.title
            self.query_one("#f-kind", Select).value = kr.kind
            self.query_one("#f-start", Input).value = fmt.number(kr.start).replace(",", "")
            self.query_one("#f-target", Input).value = (
                "" if kr.target is None else fmt.number(kr.target).replace(",", ""))
            self.query_one("#f-unit", Input).value = kr.unit
            owner.value = kr.owner
            self.query_one("#f-weight", Input).value = fmt.number(kr.weight).replace(",", "")
            self.query_one("#f-due", Input).value = kr.due.isoformat() if kr.due else ""
            if kr.kpi_id and any(kid == kr.kpi_id for _, kid in kpis):
                self.query_one("#f-kpi_id", Select).value = kr.kpi_id
        self.show_kind(self.query_one("#f-kind", Select).value)

    def on_values_changed(self) -> None:
        self.show_kind(self.query_one("#f-kind", Select).value)

    def show_kind(self, kind: object) -> None:
        """A milestone has no start or target to type."""
        milestone = kind == "milestone"
        self.query_one("#field-start").display = kind == "metric"
        self.query_one("#field-target").display = not milestone

    def parsed(self, values: dict[str, Any]) -> dict[str, Any]:
        """The typed text turned into the key result's fields (InvalidInput names the field)."""
        kind = values["kind"]
        out: dict[str, Any] = {"kind": kind, "unit": values["unit"], "owner": values["owner"],
                               "kpi_id": values["kpi_id"]}
        errors: dict[str, str] = {}

        def read(name: str, parse: Any, text: str, default: Any = None) -> None:
            text = text.strip()
            if not text:
                out[name] = default
                return
            try:
                out[name] = parse(text, name)
            except InvalidInput as exc:
                errors[name] = exc.message

        if kind == "metric":
            read("start", parse_number, values["start"], 0.0)
        if kind != "milestone":
            read("target", parse_number, values["target"])
        read("weight", parse_number, values["weight"], 1.0)
        read("due", parse_date, values["due"])
        if errors:
            raise FieldErrors(errors)
        return out

    def preview(self, ws: Workspace, values: dict[str, Any]) -> KeyResult:
        """The key result as it would be saved, checked against the rules."""
        actor, fields = self.services.actor(), self.parsed(values)
        if self.kr_id is not None:
            return plans.plan_edit_key_result(ws, actor, self.kr_id, title=values["title"],
                                              **fields)
        return plans.plan_add_key_result(ws, actor, self.record_id, values["title"],
                                         **fields)

    def save(self, values: dict[str, Any]) -> tuple[str, Any, tuple[Any, ...], dict[str, Any]]:
        """Add or edit the key result."""
        fields = self.parsed(values)
        if self.kr_id is None:
            return ("Key result added", self.services.add_key_result,
                    (self.record_id, values["title"]), fields)
        # Only what the person changed: a teammate's edit of another field stays.
        edited = self.edited(values)
        changes = {k: v for k, v in {"title": values["title"], **fields}.items() if k in edited}
        return ("Key result saved", self.services.edit_key_result, (self.kr_id,), changes)

