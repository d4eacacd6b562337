"""Adjust a key result's final score for grading: a score and the reason it differs."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from rich.text import Text
from textual.widgets import Input, Static

from okrtui.domain.records.errors import InvalidInput
from okrtui.domain.records.values import parse_number
from okrtui.domain.records.workspace import Workspace
from okrtui.domain.scoring.views import kr_score
from okrtui.screens.form import FieldErrors
from okrtui.screens.grade_plan_form import GradePlanForm
from okrtui.services import GradePlan
from okrtui.widgets import format as fmt


class AdjustScoreScreen(GradePlanForm):
    """Final score (0.0 to 1.0) and a required reason; saving returns them to grading.

    Nothing is written here: the grading screen previews the grades with the adjustment
    and saves when the person grades.
    """

    DISCARD_QUESTION = "Discard this adjusted score?"
    TITLE_TEXT = "Adjust a final score"
    SCORE = ("Final score", "score", "the final score")
    NOTE = ("Reason", "reason", "why it differs from the progress")

    def __init__(self, period: str, objective_id: str, kr_id: str, plan: GradePlan) -> None:
        super().__init__(period, objective_id, plan)
        self.kr_id = kr_id

    def fill(self, ws: Workspace) -> None:
        """The key result and its progress; a score adjusted before is filled in."""
        kr = ws.key_result(self.kr_id)
        progress = kr_score(ws, kr, self.today).progress
        text = Text(kr.title, style="bold")
        text.append(f"\nprogress {fmt.percent(progress)}, so a final score of "
                    f"{round(progress, 2):.2f} unless you give another; saved when you "
                    "grade", style="dim")
        self.query_one("#context", Static).update(text)
        before = self.plan.adjustments.get(self.kr_id)
        if before is None and kr.final_reason and kr.final_score is not None:
            before = (kr.final_score, kr.final_reason)
        if before is not None:
            self.query_one("#f-score", Input).value = f"{before[0]:g}"
            self.query_one("#f-reason", Input).value = before[1]

    def parsed(self, values: dict[str, Any]) -> tuple[float, str]:
        """The typed score and reason (errors name their field)."""
        text = (values["score"] or "").strip()
        try:
            score = parse_number(text, "score")
        except InvalidInput as exc:
            raise FieldErrors({"score": exc.message if text else "type a score"}) from exc
        return score, values["reason"]

    def planned(self, parsed: tuple[Any, ...]) -> GradePlan:
        """The plan with this key result's score and reason."""
        return replace(self.plan, adjustments={**self.plan.adjustments, self.kr_id: parsed})

    def answer(self, parsed: tuple[Any, ...]) -> tuple[float, str]:
        """The score and the reason, trimmed."""
        score, reason = parsed
        return score, reason.strip()
