"""What the objective screen does with its key results: add, edit, delete, reorder, move
to another objective, turn into a KPI.

Each action acts on the key result under the table's cursor (`selected`); a form or a
question opens on top, or the same service as the command line runs in a worker and the
screen reads again. A part of ObjectiveScreen (a base of its handlers), kept apart so
that each module keeps one job.
"""

from __future__ import annotations

from typing import TypeVar

from textual import work

from okrtui.domain.records.models import KeyResult
from okrtui.domain.scoring.score import KRScore
from okrtui.screens.base import ASKING, TableScreen
from okrtui.widgets.rows import deletion_question

ViewT = TypeVar("ViewT")


class KeyResultActions(TableScreen[ViewT, KRScore]):
    """The objective screen's actions on its key results."""

    objective_id: str
    """The objective whose key results these are."""

    def saved(self, _: object = None) -> None:
        """A key result moved: read again."""
        self.reload()

    def deleted_kr(self, kr: KeyResult) -> None:
        """Say which key result was deleted, and read again."""
        self.notify(f"Deleted key result: {kr.title}", title="Deleted", markup=False)
        self.reload()

    def action_add_kr(self) -> None:
        """Add a key result to this objective."""
        from okrtui.screens.kr_form import KeyResultFormScreen

        self.app.push_screen(KeyResultFormScreen(self.objective_id))

    def action_edit_kr(self) -> None:
        """Edit the selected key result."""
        from okrtui.screens.kr_form import KeyResultFormScreen

        if (chosen := self.selected()) is not None:
            self.app.push_screen(KeyResultFormScreen(self.objective_id, chosen.kr.id))

    @work(group=ASKING)
    async def action_delete_kr(self) -> None:
        """Delete the selected key result, after a confirmation."""
        if (chosen := self.selected()) is None:
            return
        kid = chosen.kr.id
        question = deletion_question("key result", chosen.kr.title,
                                     f"hide its {chosen.checkins} check-in(s)")
        if await self.confirm(question, "Delete", danger=True):
            self.run_service(lambda: self.services.delete_key_result(kid), self.deleted_kr,
                             self.not_saved("Not saved"))

    def action_move_kr(self, offset: int) -> None:
        """Move the selected key result up (-1) or down (1)."""
        if (chosen := self.selected()) is not None:
            kid = chosen.kr.id
            self.run_service(lambda: self.services.move_key_result(kid, offset), self.saved,
                             self.not_saved("Not saved"))

    def action_move_kr_to(self) -> None:
        """Move the selected key result to another objective of the period."""
        from okrtui.screens.kr_move import MoveKeyResultScreen

        if (chosen := self.selected()) is not None:
            self.app.push_screen(MoveKeyResultScreen(chosen.kr.id))

    def action_kr_to_kpi(self) -> None:
        """Turn the selected key result into a KPI that keeps its level."""
        from okrtui.screens.kr_to_kpi import KeyResultToKpiScreen

        if (chosen := self.selected()) is not None:
            self.app.push_screen(KeyResultToKpiScreen(chosen.kr.id))
