"""Grade one objective by hand and write its retrospective note, for the grading screen."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from rich.text import Text
from textual.widgets import Input, Static, TextArea

from okrtui.domain.records.errors import InvalidInput
from okrtui.domain.records.values import parse_number
from okrtui.domain.records.workspace import Workspace
from okrtui.screens.form import FieldErrors
from okrtui.screens.grade_plan_form import GradePlanForm
from okrtui.services import GradePlan


class GradeObjectiveScreen(GradePlanForm):
    """Grade (empty: the weighted average of the final scores) and retrospective.

    Nothing is written here: the grading screen previews and saves when the person grades.
    """

    DISCARD_QUESTION = "Discard this grade and note?"
    TITLE_TEXT = "Grade and retrospective"
    SCORE = ("Grade", "grade", "empty: the weighted average")
    NOTE = ("Retro", "retrospective", "what worked, what did not, what next")
    NOTE_LINES = True

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
        self.query_one("#f-retrospective", TextArea).text = \
            objective.retrospective if retro is None else retro

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

    def planned(self, parsed: tuple[Any, ...]) -> GradePlan:
        """The plan with this grade and retrospective."""
        grade, retro = parsed
        return replace(self.plan, grade=grade, retrospective=retro)
