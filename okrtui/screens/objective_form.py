"""New or edit objective: a dialog validated as you type."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.widgets import Input, Select

from okrtui.domain.models import NAME_MAX, TITLE_MAX, Objective
from okrtui.domain.workspace import Workspace
from okrtui.screens.form import FormScreen
from okrtui.widgets.form import Field, text_input

LEVELS = [("personal", "personal"), ("team", "team"), ("company", "company")]
STATUSES = [("active", "active"), ("draft", "draft"), ("closed", "closed")]
AMBITIONS = [("aspirational: 0.7 is a success", False),
             ("committed: must reach 1.0", True)]
CADENCES = [("weekly check-ins", "weekly"), ("daily check-ins", "daily"),
            ("monthly check-ins", "monthly")]


class ObjectiveFormScreen(FormScreen):
    """Title, period, owner, team, level, ambition, alignment, status, cadence."""

    FIELD_ALIASES: ClassVar[dict[str, str]] = {"parent": "parent_id"}
    DISCARD_QUESTION = "Discard your changes to this objective?"

    def __init__(self, objective_id: str | None = None, *, period: str = "") -> None:
        super().__init__()
        self.objective_id = objective_id
        self.period = period
        self.TITLE_TEXT = "Edit objective" if objective_id else "New objective"

    def fields(self) -> list[Field]:
        return [
            Field("Objective", text_input("title", max_length=TITLE_MAX,
                                          placeholder="what you want to achieve"),
                  name="title"),
            Field("Period", text_input("period", self.period,
                                       placeholder="2026-Q4, 2026-H1, 2026"), name="period"),
            Field("Owner", text_input("owner", self.services.user, max_length=NAME_MAX),
                  name="owner"),
            Field("Team", text_input("team", max_length=NAME_MAX), name="team"),
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
            Field("Description", text_input("description",
                                            placeholder="why it matters (optional)"),
                  name="description"),
        ]

    def fill(self, ws: Workspace) -> None:
        """Offer every other objective to align to; show the objective being edited."""
        parents = [(Text(f"{p.period} · {p.title}"), p.id) for p in ws.objectives()
                   if p.id != self.objective_id]
        self.query_one("#f-parent_id", Select).set_options(parents)
        if self.objective_id is None:
            self.query_one("#f-title", Input).focus()
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
        self.query_one("#f-title", Input).focus()

    @staticmethod
    def _changes(values: dict[str, Any]) -> dict[str, Any]:
        return {name: values[name] for name in ("owner", "team", "level", "committed",
                                                "parent_id", "status", "cadence",
                                                "description")}

    def preview(self, ws: Workspace, values: dict[str, Any]) -> Objective:
        """The objective as it would be saved, checked against the rules."""
        return self.services.preview_objective(
            ws, values["title"], values["period"], objective_id=self.objective_id,
            **self._changes(values))

    def save(self, values: dict[str, Any]) -> tuple[str, Any, tuple[Any, ...], dict[str, Any]]:
        """Add or edit the objective."""
        changes = self._changes(values)
        if self.objective_id is None:
            return ("Objective added", self.services.add_objective,
                    (values["title"], values["period"]), changes)
        # Only what the person changed: a teammate's edit of another field stays.
        edited = self.edited(values)
        changes = {k: v for k, v in {"title": values["title"], "period": values["period"],
                                     **changes}.items() if k in edited}
        return ("Objective saved", self.services.edit_objective, (self.objective_id,), changes)
