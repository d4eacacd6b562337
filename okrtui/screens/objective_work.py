"""What the objective screen does with the selected key result's history and work: correct
or remove a check-in, add, tick, edit or delete an initiative.

The history list and the initiatives list say what the person wants (their intent
messages); these handlers ask where a deed cannot be taken back, run the same services as
the command line in a worker, and read the screen again when the file changed. A part of
ObjectiveScreen (a mixin of its handlers), kept apart so that each module keeps one job.
"""

from __future__ import annotations

from typing import TypeVar

from rich.text import Text
from textual import on, work

from okrtui.domain.records.models import CheckIn, Initiative
from okrtui.screens.base import ASKING, WorkspaceScreen
from okrtui.widgets import format as fmt
from okrtui.widgets.checkin_history import CheckInHistory
from okrtui.widgets.initiative_list import InitiativeList

ViewT = TypeVar("ViewT")


def removal_question(row_when: str, value: str, who: str) -> Text:
    """"Remove the check-in of Nov 21 (29 prospects, by bob)?" (user text stays plain)."""
    question = Text(f"Remove the check-in of {row_when} (")
    question.append(value)
    question.append(", by ")
    question.append(who or "someone")
    question.append(")? The file keeps a record of who removed it.")
    return question


def initiative_question(item: Initiative) -> Text:
    """"Delete the initiative “Run the webinar series”?" (the title stays plain)."""
    question = Text("Delete the initiative “")
    question.append(item.title)
    question.append("”?")
    return question


class KeyResultWork(WorkspaceScreen[ViewT]):
    """The objective screen's handlers for the history list and the initiatives list."""

    def selected_kr_id(self) -> str | None:
        """The key result whose history and initiatives are on show (None: none)."""
        raise NotImplementedError

    def changed(self, _: object = None) -> None:
        """A service changed the file: read the screen again (a form that saved is read
        again when the screen resumes)."""
        self.reload()

    # ---- check-ins --------------------------------------------------------------------

    @on(CheckInHistory.EditRequested)
    def _edit_check_in(self, message: CheckInHistory.EditRequested) -> None:
        from okrtui.screens.checkin_edit import CheckInEditScreen

        self.app.push_screen(CheckInEditScreen(message.checkin_id))

    @on(CheckInHistory.RemoveRequested)
    @work(group=ASKING)
    async def _remove_check_in(self, message: CheckInHistory.RemoveRequested) -> None:
        row = message.widget.selected_row() if isinstance(
            message.widget, CheckInHistory) else None
        if row is None or row.id != message.checkin_id:
            return
        when = f"{row.at.astimezone():%b} {row.at.astimezone().day}"
        if await self.confirm(removal_question(when, row.value_text, row.who), "Remove",
                              danger=True):
            cid = row.id
            self.run_service(lambda: self.services.remove_check_in(cid),
                             self.removed_check_in, self.not_saved("Not removed"))

    def removed_check_in(self, checkin: CheckIn) -> None:
        """Say which check-in went, and read again."""
        self.notify(f"Removed the check-in of {fmt.moment(checkin.at)}.", title="Removed",
                    markup=False)
        self.reload()

    # ---- initiatives ------------------------------------------------------------------

    def action_add_initiative(self) -> None:
        """Add an initiative under the selected key result."""
        from okrtui.screens.initiative_form import InitiativeFormScreen

        if (kid := self.selected_kr_id()) is not None:
            self.app.push_screen(InitiativeFormScreen(kid))

    @on(InitiativeList.AddRequested)
    def _add_initiative(self) -> None:
        self.action_add_initiative()

    @on(InitiativeList.TickRequested)
    def _tick(self, message: InitiativeList.TickRequested) -> None:
        iid, done = message.initiative_id, message.done
        self.run_service(lambda: self.services.set_initiative_done(iid, done), self.changed,
                         self.not_saved("Not saved"))

    @on(InitiativeList.EditRequested)
    def _edit_initiative(self, message: InitiativeList.EditRequested) -> None:
        from okrtui.screens.initiative_form import InitiativeFormScreen

        if (kid := self.selected_kr_id()) is not None:
            self.app.push_screen(InitiativeFormScreen(kid, message.initiative_id))

    @on(InitiativeList.DeleteRequested)
    @work(group=ASKING)
    async def _delete_initiative(self, message: InitiativeList.DeleteRequested) -> None:
        widget = message.widget
        item = widget.selected() if isinstance(widget, InitiativeList) else None
        if item is None or item.id != message.initiative_id:
            return
        if await self.confirm(initiative_question(item), "Delete", danger=True):
            iid = item.id
            self.run_service(lambda: self.services.remove_initiative(iid),
                             self.deleted_initiative, self.not_saved("Not deleted"))

    def deleted_initiative(self, item: Initiative) -> None:
        """Say which initiative went, and read again."""
        self.notify(f"Deleted initiative: {item.title}", title="Deleted", markup=False)
        self.reload()

