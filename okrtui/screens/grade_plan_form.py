"""The base of the grading screen's two dialogs (a key result's final score, an objective's
grade and retrospective): a form that changes one objective's grading plan.

Nothing is written here: the form previews the objective's grading with the typed values
through the same plan the grading screen saves with, and hands the values back to it.
"""

from __future__ import annotations

from typing import Any, ClassVar

from okrtui.domain.cycle.grading import ObjectiveGrade
from okrtui.domain.plans.cycle import plan_grade_objectives
from okrtui.domain.records.models import NOTE_MAX
from okrtui.domain.records.workspace import Workspace
from okrtui.screens.form import FormScreen
from okrtui.screens.hooks import required
from okrtui.services import GradePlan
from okrtui.widgets.form import Field, text_area_field, text_field


class GradePlanForm(FormScreen):
    """A score and a note for one objective's grading plan (`SCORE` and `NOTE` name each:
    label, field name, placeholder); saving hands them back (`answer`)."""

    FIELD_ALIASES: ClassVar[dict[str, str]] = {"objective": "", "period": "", "kr": ""}
    CONTEXT = True
    SCORE: ClassVar[tuple[str, str, str]]
    NOTE: ClassVar[tuple[str, str, str]]
    NOTE_LINES: ClassVar[bool] = False
    """Whether the note takes several lines (a text area: enter starts a new line)."""

    def __init__(self, period: str, objective_id: str, plan: GradePlan) -> None:
        super().__init__()
        self.period = period
        self.objective_id = objective_id
        self.plan = plan

    def fields(self) -> list[Field]:
        (label, name, placeholder), note = self.SCORE, self.NOTE
        return [
            text_field(label, name, restrict=r"[-+0-9._eE ]*", placeholder=placeholder,
                       hint="0.0 to 1.0"),
            text_area_field(note[0], note[1], placeholder=note[2]) if self.NOTE_LINES
            else text_field(note[0], note[1], max_length=NOTE_MAX, placeholder=note[2]),
        ]

    @required
    def parsed(self, values: dict[str, Any]) -> tuple[Any, ...]:
        """The typed values, checked (a FieldErrors names the field at fault)."""
        raise NotImplementedError

    @required
    def planned(self, parsed: tuple[Any, ...]) -> GradePlan:
        """The objective's grading plan with the typed values."""
        raise NotImplementedError

    def answer(self, parsed: tuple[Any, ...]) -> tuple[Any, ...]:
        """What the grading screen gets back."""
        return parsed

    def preview(self, ws: Workspace, values: dict[str, Any]) -> list[ObjectiveGrade]:
        """The objective's grading with the typed values, by the grading plan."""
        plan = self.planned(self.parsed(values))
        return plan_grade_objectives(ws, self.services.actor(), self.period,
                                     {self.objective_id: plan})

    def action_save(self) -> None:
        """Hand the typed values back to the grading screen (nothing is saved yet)."""
        self.touched.update(f.field_name for f in self.query(Field))
        if self.validate_form():
            self.dismiss(self.answer(self.parsed(self.values())))
