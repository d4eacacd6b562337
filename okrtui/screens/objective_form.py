"""New or edit objective: a dialog validated as you type; a new one can start from a
department template (the objective, its key results and KPIs, as `okrtui template
apply` makes them)."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Input, Select, Static

from okrtui.domain.cycle.templates import TEMPLATES, AppliedTemplate
from okrtui.domain.plans import objectives as plans
from okrtui.domain.plans.cycle import plan_apply_template
from okrtui.domain.records.errors import OkrError
from okrtui.domain.records.models import NAME_MAX, TITLE_MAX, Objective
from okrtui.domain.records.text import one_line
from okrtui.domain.records.workspace import Workspace
from okrtui.messages import EditObjective, Navigate, OpenObjective
from okrtui.screens.base import Opening
from okrtui.screens.form import FieldErrors, FormScreen
from okrtui.widgets.form import Field, text_field

LEVELS = [("personal", "personal"), ("team", "team"), ("company", "company")]
STATUSES = [("active", "active"), ("draft", "draft"), ("closed", "closed")]
AMBITIONS = [("aspirational: 0.7 is a success", False),
             ("committed: must reach 1.0", True)]
CADENCES = [("weekly check-ins", "weekly"), ("daily check-ins", "daily"),
            ("monthly check-ins", "monthly")]
# Cut to fit a select at 80 columns (a Select wraps its value rather than cutting it).
TEMPLATE_CHOICES = [(Text(one_line(f"{t.name}: {t.summary}", 52)), t.name) for t in TEMPLATES]
# What a template decides itself: hidden while one is chosen.
TEMPLATE_DECIDES = ("title", "team", "level", "committed", "parent_id", "cadence",
                    "description")


def template_preview(applied: AppliedTemplate) -> Text:
    """What applying a template would create: objective, key results, new and reused KPIs."""
    template = applied.template
    text = Text(f"The {template.name} template creates:", style="bold")
    for o in applied.objectives:
        text.append("\nObjective ")
        text.append(o.title, style="bold")
        text.append(f" ({o.team or 'no team'}, {o.level}, "
                    f"{'committed' if o.committed else 'aspirational'}, {o.status})",
                    style="dim")
        for kr in (k for k in applied.key_results if k.objective_id == o.id):
            text.append("\n  · ")
            text.append(kr.title)
    made = [k.name for k in applied.kpis]
    reused = [k.name for k in template.kpis if k.name not in made]
    if made:
        text.append("\nKPIs: ")
        text.append(", ".join(made))
    if reused:
        text.append(f"\nReused, the owner has them already: {', '.join(reused)}", style="dim")
    return text


class ObjectiveFormScreen(FormScreen):
    """Title, period, owner, team, level, ambition, alignment, status, cadence."""

    FIELD_ALIASES: ClassVar[dict[str, str]] = {"parent": "parent_id"}
    DISCARD_QUESTION = "Discard your changes to this objective?"
    AUTO_FOCUS = "#f-title"
    """The title has the cursor; shift+tab reaches the templates."""

    def __init__(self, objective_id: str | None = None, *, period: str = "") -> None:
        super().__init__()
        self.objective_id = objective_id
        self.period = period
        self.TITLE_TEXT = "Edit objective" if objective_id else "New objective"
        self.TYPED_ON_RECORD = objective_id is not None

    @classmethod
    def from_message(cls, message: EditObjective, opening: Opening) -> ObjectiveFormScreen:
        """The form of the objective the message names, or of a new one in the period on
        show."""
        return cls(message.objective_id, period=opening.period)

    def leads_to(self, result: Any) -> Navigate | None:
        """A new objective (or a template's first) opens once made."""
        if self.objective_id is None and isinstance(result, Objective):
            return OpenObjective(result.id)
        return None

    def fields(self) -> list[Field]:
        template = [] if self.objective_id is not None else [
            Field("Template", Select(TEMPLATE_CHOICES, id="f-template", compact=True,
                                     prompt="none: start from scratch"), name="template")]
        return [
            *template,
            text_field("Objective", "title", max_length=TITLE_MAX,
                       placeholder="what you want to achieve"),
            text_field("Period", "period", self.period, placeholder="2026-Q4, 2026-H1, 2026"),
            text_field("Owner", "owner", self.services.user, max_length=NAME_MAX),
            text_field("Team", "team", max_length=NAME_MAX),
            Field("Level", Select(LEVELS, value="personal", id="f-level", allow_blank=False,
                                  compact=True), name="level"),
            Field("Ambition", Select(AMBITIONS, value=False, id="f-committed",
                                     allow_blank=False, compact=True), name="committed"),
            Field("Aligned to", Select([], id="f-parent_id", prompt="no parent objective",
                                       compact=True), name="parent_id"),
            Field("Status", Select(STATUSES, value="active", id="f-status",
                                   allow_blank=False, compact=True), name="status"),
            Field("Cadence", Select(CADENCES, value="weekly", id="f-cadence",
                                    allow_blank=False, compact=True), name="cadence"),
            text_field("Description", "description", placeholder="why it matters (optional)"),
        ]

    def after_fields(self) -> list[Widget]:
        return [Static("", id="template-preview", classes="context")]

    def template(self) -> str | None:
        """The template chosen (new objectives only), or None to start from scratch."""
        if self.objective_id is not None:
            return None
        select = self.query_one("#f-template", Select)
        return None if select.is_blank() else str(select.value)

    def on_values_changed(self) -> None:
        """A template decides the title, team, level and the rest: hide those fields."""
        chosen = self.template() is not None
        for name in TEMPLATE_DECIDES:
            self.query_one(f"#field-{name}").display = not chosen
        preview = self.query_one("#template-preview", Static)
        preview.display = chosen
        if not chosen:
            preview.update(Text(""))

    def fill(self, ws: Workspace) -> None:
        """Offer every other objective to align to; show the objective being edited."""
        self.on_values_changed()  # no template chosen yet: no preview
        parents = [(Text(f"{p.period} · {p.title}"), p.id) for p in ws.objectives()
                   if p.id != self.objective_id]
        self.query_one("#f-parent_id", Select).set_options(parents)
        if self.objective_id is None:
            return
        o: Objective = ws.objective(self.objective_id)
        for name in ("title", "period", "owner", "team", "description"):
            self.query_one(f"#f-{name}", Input).value = getattr(o, name)
        self.query_one("#f-level", Select).value = o.level
        self.query_one("#f-status", Select).value = o.status
        self.query_one("#f-cadence", Select).value = o.cadence
        self.query_one("#f-committed", Select).value = o.committed
        if o.parent_id and any(pid == o.parent_id for _, pid in parents):
            self.query_one("#f-parent_id", Select).value = o.parent_id

    @staticmethod
    def _changes(values: dict[str, Any]) -> dict[str, Any]:
        return {name: values[name] for name in ("owner", "team", "level", "committed",
                                                "parent_id", "status", "cadence",
                                                "description")}

    def preview(self, ws: Workspace, values: dict[str, Any]) -> Objective | AppliedTemplate:
        """The objective as it would be saved (or what the template would create),
        checked against the rules."""
        if (name := self.template()) is not None:
            return self.preview_template(ws, name, values)
        actor = self.services.actor()
        if self.objective_id is not None:
            return plans.plan_edit_objective(ws, actor, self.objective_id, title=values["title"],
                                             period=values["period"], **self._changes(values))
        return plans.plan_add_objective(ws, actor, values["title"], values["period"],
                                        **self._changes(values))

    def preview_template(self, ws: Workspace, name: str,
                         values: dict[str, Any]) -> AppliedTemplate:
        """What `template apply` would create; its refusal shows under the template."""
        if values["status"] == "closed":
            raise FieldErrors({"status": "a template makes active or draft objectives"})
        try:
            applied = plan_apply_template(
                ws, self.services.actor(), name, values["period"], owner=values["owner"],
                draft=values["status"] == "draft")
        except OkrError as exc:
            self.query_one("#template-preview", Static).update(Text(""))
            if exc.field == "period":
                raise
            # A sixth objective or a thirteenth KPI: news about the template as a whole.
            raise FieldErrors({"template": exc.message}) from exc
        self.query_one("#template-preview", Static).update(template_preview(applied))
        return applied

    def saved(self, toast: str, result: Any) -> None:
        """After a template: say what was made, and open its (first) objective."""
        if not isinstance(result, AppliedTemplate):
            super().saved(toast, result)
            return
        self.saving = False
        applied = result
        self.notify(f"Template {applied.template.name}: {len(applied.objectives)} objective, "
                    f"{len(applied.key_results)} key results, {len(applied.kpis)} new KPIs",
                    title="Saved", markup=False)
        self.dismiss(applied.objectives[0] if applied.objectives else None)

    def save(self, values: dict[str, Any]) -> tuple[str, Any, tuple[Any, ...], dict[str, Any]]:
        """Add or edit the objective, or apply the chosen template."""
        if (name := self.template()) is not None:
            return ("Template applied", self.services.apply_template,
                    (name, values["period"]),
                    {"owner": values["owner"], "draft": values["status"] == "draft"})
        changes = self._changes(values)
        if self.objective_id is None:
            return ("Objective added", self.services.add_objective,
                    (values["title"], values["period"]), changes)
        # Only what the person changed: a teammate's edit of another field stays.
        edited = self.edited(values)
        changes = {k: v for k, v in {"title": values["title"], "period": values["period"],
                                     **changes}.items() if k in edited}
        return ("Objective saved", self.services.edit_objective, (self.objective_id,), changes)
