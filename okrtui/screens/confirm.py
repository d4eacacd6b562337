"""A yes/no question before something that cannot be taken back."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from okrtui import keys
from okrtui.bindings import SWITCH_BUTTON, bindings


class ConfirmScreen(ModalScreen[bool]):
    """Ask a question; dismiss with True (yes) or False (no, escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [*bindings(keys.CONFIRM), SWITCH_BUTTON]

    def __init__(self, question: Text, *, yes: str = "Yes", no: str = "No",
                 danger: bool = False) -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no
        self.danger = danger

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog confirm", id="dialog") as dialog:
            dialog.border_title = "Please confirm"
            yield Static(self.question, classes="heading", id="question")
            with Horizontal(classes="buttons"):
                yield Button(f"{self.yes} (y)", id="yes", compact=True,
                             variant="error" if self.danger else "primary")
                yield Button(f"{self.no} (n)", id="no", compact=True)

    def on_mount(self) -> None:
        # The safe answer has the focus: enter on a mistaken key press changes nothing.
        self.query_one("#no", Button).focus()

    def action_answer(self, yes: bool) -> None:
        """Close with the answer."""
        self.dismiss(yes)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")
