"""A form field: a label, a control, an optional hint, and the error line under it."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Input, Label, Static, TextArea

from okrtui.widgets.visuals import plain


class Field(Vertical):
    """One labelled control; `set_error` shows a sentence under it (plain text)."""

    def __init__(self, label: str, control: Widget, *, name: str, hint: str = "") -> None:
        super().__init__(id=f"field-{name}", classes="field")
        self.field_name = name
        self.control = control
        self.label = label
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Horizontal(classes="field-row"):
            yield Label(self.label, classes="field-label", markup=False)
            yield self.control
            if self.hint:
                yield Label(self.hint, classes="field-hint", markup=False)
        yield Static("", classes="field-error", markup=False)

    def on_mount(self) -> None:
        self.query_one(".field-error", Static).display = False

    def set_error(self, text: str | None) -> None:
        """Show `text` under the control, or hide the error line when None."""
        error = self.query_one(".field-error", Static)
        error.display = bool(text)
        error.update(plain(text or ""))
        self.set_class(bool(text), "-invalid")
        if isinstance(self.control, Input):
            self.control.set_class(bool(text), "-invalid")


HELP_CHARACTER = "?"
"""The key that opens help wherever it is not typed as text."""


class FieldInput(Input):
    """A form's single-line input. One that holds no free text (a number, a date, a
    check-in's value) never holds a ?, so it leaves ? to the app's help key rather than
    eat it: a person in a value field reaches help as from anywhere else."""

    def __init__(self, *args: object, text: bool = True, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.text = text
        """Whether the field holds free text (which may hold a ?)."""

    def check_consume_key(self, key: str, character: str | None) -> bool:
        """Whether the field takes `key` (so that the screen's and app's bindings of it
        do not act while the field has the cursor)."""
        if character == HELP_CHARACTER and not self.text:
            return False
        return super().check_consume_key(key, character)

    async def _on_key(self, event: events.Key) -> None:
        # Textual calls each class's handler in turn: stopping the default here keeps
        # Input's from typing the ?, which goes on up to the bindings (help).
        if event.character == HELP_CHARACTER and not self.text:
            event.prevent_default()


def text_input(name: str, value: str = "", *, placeholder: str = "",
               max_length: int = 0, restrict: str | None = None,
               text: bool | None = None) -> Input:
    """A compact single-line input for forms (id `f-NAME`). `text`: whether it holds
    free text; by default, unless `restrict` limits what it holds (digits, a date)."""
    holds_text = restrict is None if text is None else text
    return FieldInput(value=value, placeholder=placeholder, id=f"f-{name}", compact=True,
                      max_length=max_length, restrict=restrict, select_on_focus=False,
                      text=holds_text)


def text_field(label: str, name: str, value: str = "", *, placeholder: str = "",
               max_length: int = 0, restrict: str | None = None, hint: str = "",
               text: bool | None = None) -> Field:
    """A labelled single-line text field (control `f-NAME`), the kind most forms are made
    of; `text` as for `text_input`."""
    return Field(label, text_input(name, value, placeholder=placeholder, max_length=max_length,
                                   restrict=restrict, text=text), name=name, hint=hint)


def text_area_field(label: str, name: str, value: str = "", *, placeholder: str = "",
                    hint: str = "") -> Field:
    """A labelled multi-line text field (control `f-NAME`): enter starts a new line, tab
    goes to the next field, the form's save key saves."""
    area = TextArea(value, id=f"f-{name}", soft_wrap=True, tab_behavior="focus",
                    compact=True, placeholder=placeholder, classes="field-text")
    return Field(label, area, name=name, hint=hint)
