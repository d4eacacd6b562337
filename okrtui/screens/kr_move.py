"""Move a key result, with its check-ins, to another objective of the same period."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.widgets import Select, Static

from okrtui.domain.plans import key_results as plans
from okrtui.domain.records.models import KeyResult
from okrtui.domain.records.workspace import Workspace
from okrtui.screens.form import FieldErrors
from okrtui.screens.record_form import RecordFormScreen
from okrtui.widgets.form import Field


class MoveKeyResultScreen(RecordFormScreen):
    """Choose the objective; the service's refusal (a sixth key result, a graded
    objective) shows under the choice, as `okrtui kr move` prints it."""

    RECORD = "kr"
    FIELD_ALIASES: ClassVar[dict[str, str]] = {"position": ""}
    DISCARD_QUESTION = "Do not move the key result?"
    TITLE_TEXT = "Move key result"

    def fields(self) -> list[Field]:
        return [Field("To", Select([], id="f-objective", prompt="choose an objective",
                                   compact=True), name="objective")]

    def fill(self, ws: Workspace) -> None:
        """The key result; the other objectives of its period to choose from."""
        kr = ws.key_result(self.record_id)
        source = ws.objective(kr.objective_id)
        text = Text(kr.title, style="bold")
        text.append("\nfrom ", style="dim")
        text.append(source.title, style="dim")
        text.append(f"\nIts check-ins go along. Objectives of {source.period}:", style="dim")
        self.query_one("#context", Static).update(text)
        others = [(Text(o.title + (" (graded)" if o.status == "closed" else "")), o.id)
                  for o in ws.objectives(period=source.period) if o.id != source.id]
        select = self.query_one("#f-objective", Select)
        select.set_options(others)

    def preview(self, ws: Workspace, values: dict[str, Any]) -> KeyResult:
        """The key result as it would be moved, checked by the service."""
        if not values["objective"]:
            raise FieldErrors({"objective": "choose the objective to move it to"})
        return plans.plan_move_key_result_to(ws, self.services.actor(), self.record_id,
                                             values["objective"])

    def save(self, values: dict[str, Any]) -> tuple[str, Any, tuple[Any, ...], dict[str, Any]]:
        """Move it."""
        return ("Key result moved", self.services.move_key_result_to,
                (self.record_id, values["objective"]), {})
