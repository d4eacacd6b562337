"""Grade one objective by hand and write its retrospective note, for the grading screen."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar

from rich.text import Text
from textual.widgets import Input, Static

from okrtui.domain.cycle.grading import ObjectiveGrade
from okrtui.domain.plans.cycle import plan_grade_objectives
from okrtui.domain.records.errors import InvalidInput
from okrtui.domain.records.models import NOTE_MAX
from okrtui.domain.records.values import parse_number
from okrtui.domain.records.workspace import Workspace
from okrtui.screens.form import FieldErrors, FormScreen
from okrtui.services import GradePlan
from okrtui.widgets.form import Field, text_field


class GradeObjectiveScreen(FormScreen):
    """Grade (empty: the weighted average of the final scores) and retrospective.

    Nothing is written here: the grading screen previews and saves when the person grades.
    """

    FIELD_ALIASES: ClassVar[dict[str, str]] = {"objective": "", "period": "", "kr": ""}
    DISCARD_QUESTION = "Discard this grade and note?"
    TITLE_TEXT = "Grade and retrospective"
    CONTEXT = True

    def __init__(self, period: str, objective_id: str, plan: GradePlan) -> None:
        super().__init__()
        self.period = period
        self.objective_id = objective_id
        self.plan = plan

    def fields(self) -> list[Field]:
        return [
            text_field("Grade", "grade", restrict=r"[-+0-9._eE ]*",
                       placeholder="empty: the weighted average", hint="0.0 to 1.0"),
            text_field("Retro", "retrospective", max_length=NOTE_MAX,
                       placeholder="what worked, what did not"),
        ]

    def fill(self, ws: Workspace) -> None:
        """The objective; a grade given before and the retrospective are filled in."""
        objective = ws.objective(self.objective_id)
        text = Text(objective.title, style="bold")
        text.append("\naspirational: 0.7 is a success" if not objective.committed
                    else "\ncommitted: must reach 1.0", style="dim")
        text.append("; saved when you grade", style="dim")
        self.query_one("#context", Static).update(text)
        if self.plan.grade is not None:
            self.query_one("#f-grade", Input).value = f"{self.plan.grade:g}"
        retro = self.plan.retrospective
        self.query_one("#f-retrospective", Input).value = \
            objective.retrospective if retro is None else retro
        self.query_one("#f-grade", Input).focus()

    def parsed(self, values: dict[str, Any]) -> tuple[float | None, str]:
        """The typed grade (None when empty) and the retrospective."""
        text = (values["grade"] or "").strip()
        grade = None
        if text:
            try:
                grade = parse_number(text, "grade")
            except InvalidInput as exc:
                raise FieldErrors({"grade": exc.message}) from exc
        return grade, values["retrospective"]

    def preview(self, ws: Workspace, values: dict[str, Any]) -> list[ObjectiveGrade]:
        """The objective's grading with this grade and note, through the grading service."""
        grade, retro = self.parsed(values)
        plan = replace(self.plan, grade=grade, retrospective=retro)
        return plan_grade_objectives(ws, self.services.actor(), self.period,
                                     {self.objective_id: plan})

    def action_save(self) -> None:
        """Hand the grade and note back to the grading screen (nothing is saved yet)."""
        self.touched.update(f.field_name for f in self.query(Field))
        if self.validate_form():
            self.dismiss(self.parsed(self.values()))
