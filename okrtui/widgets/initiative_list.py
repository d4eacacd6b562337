"""The work planned under the selected key result: its initiatives with a done mark, and
how far they are ("3 of 5 done"). Initiatives do not count towards the score."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.binding import BindingType
from textual.message import Message
from textual.reactive import var
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from okrtui import keys
from okrtui.bindings import bindings
from okrtui.domain.records.models import Initiative
from okrtui.domain.reporting.initiatives import completion
from okrtui.widgets.chosen import Chosen

DONE, OPEN = "✔", "○"
"""The marks of a done and an open initiative (a symbol, never a colour alone)."""
EMPTY = "none yet · i adds one"


def initiative_line(item: Initiative, *, owner_shown: bool) -> Text:
    """"✔ Run the webinar series  carol": mark, title, owner (plain user text)."""
    text = Text(no_wrap=True, overflow="ellipsis", end="")
    text.append(f"{DONE if item.done else OPEN} ", style="bold green" if item.done else "")
    text.append(item.title, style="dim" if item.done else "")
    if owner_shown and item.owner:
        text.append("  ")
        text.append(item.owner, style="dim")
    return text


class InitiativeChosen(Chosen):
    """An initiative the person chose in the list, for something to do with it."""

    @property
    def initiative_id(self) -> str:
        """The initiative's id."""
        return self.record_id


class InitiativeList(OptionList):
    """A key result's initiatives (`items`, in their order); the option id is the
    initiative's id. It posts `TickRequested` (space), `EditRequested` (e, enter),
    `DeleteRequested` (d) for the one highlighted, and `AddRequested` (i)."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(keys.INITIATIVES)

    DEFAULT_CSS = """
    InitiativeList, InitiativeList:focus {
        border: none;
        border-top: solid $panel-lighten-2;
        border-title-align: left;
        border-title-color: $text-muted;
        padding: 0 0;
        height: 1fr;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    InitiativeList:focus {
        border-top: solid $accent;
        border-title-color: $text;
    }
    """

    items: var[tuple[Initiative, ...]] = var((), always_update=True, init=False)
    """The initiatives on show, in order (a new tuple shows them again)."""

    owners_shown: var[bool] = var(True)
    """Whether each line also names who does the work (off for a key result whose
    initiatives all belong to its owner: the name would repeat on every line)."""

    class TickRequested(InitiativeChosen):
        """The person wants to tick an initiative done, or untick it (`done` says which)."""

        def __init__(self, widget: InitiativeList, record_id: str, done: bool) -> None:
            super().__init__(widget, record_id)
            self.done = done

    class EditRequested(InitiativeChosen):
        """The person wants to change an initiative's title or owner."""

    class DeleteRequested(InitiativeChosen):
        """The person wants to delete an initiative."""

    class AddRequested(Message):
        """The person wants to add an initiative to the key result on show."""

    def watch_items(self, items: tuple[Initiative, ...]) -> None:
        self.show(items)

    def show(self, items: tuple[Initiative, ...]) -> None:
        """Replace the list, keeping the highlight on the same initiative."""
        highlighted = self.highlighted_option.id if self.highlighted_option else None
        options: list[Option | None] = [
            Option(initiative_line(i, owner_shown=self.owners_shown), id=i.id) for i in items]
        if not options:
            options = [Option(Text(EMPTY, style="dim", no_wrap=True, overflow="ellipsis"),
                              disabled=True)]
        self.set_options(options)
        done = completion(items)
        self.border_title = f"Initiatives · {done.text}" if items else "Initiatives"
        ids = [i.id for i in items]
        if highlighted in ids:
            self.highlighted = ids.index(highlighted)
        elif ids:
            self.highlighted = 0

    def selected(self) -> Initiative | None:
        """The initiative under the highlight."""
        option = self.highlighted_option
        if option is None or option.id is None:
            return None
        return next((i for i in self.items if i.id == option.id), None)

    def action_tick(self) -> None:
        """Ask to tick the highlighted initiative (or untick it, when it is done)."""
        if (item := self.selected()) is not None:
            self.post_message(self.TickRequested(self, item.id, not item.done))

    def action_edit(self) -> None:
        """Ask to edit the highlighted initiative."""
        if (item := self.selected()) is not None:
            self.post_message(self.EditRequested(self, item.id))

    def action_delete(self) -> None:
        """Ask to delete the highlighted initiative."""
        if (item := self.selected()) is not None:
            self.post_message(self.DeleteRequested(self, item.id))

    def action_add(self) -> None:
        """Ask to add an initiative."""
        self.post_message(self.AddRequested())

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit()
