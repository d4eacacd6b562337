"""The base of okrtui's form dialogs: validate as you type, save in a worker, never lose
edits by mistake.

A form builds the record it would save on every change, through the same domain plan
the service's save runs (`okrtui/domain/plans`, with `Services.actor()`), so the rule
that is broken is the domain's own sentence, shown under the field it is about. Save is
disabled while anything is wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, ClassVar

from pydantic import ValidationError
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Select, Static, TextArea

from okrtui import keys
from okrtui.bindings import bindings
from okrtui.domain.records.errors import OkrError, field_errors
from okrtui.domain.records.workspace import Workspace
from okrtui.screens.base import ASKING, OkrModal
from okrtui.screens.confirm import ConfirmScreen
from okrtui.screens.hooks import required
from okrtui.widgets.footer import KeyFooter
from okrtui.widgets.form import Field


class FieldErrors(Exception):
    """Several fields could not be read (not a number, not a date), each with a sentence."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


def error_fields(error: Exception) -> dict[str, str]:
    """Each field an error is about, with one sentence ("" for the form as a whole)."""
    if isinstance(error, FieldErrors):
        return dict(error.errors)
    if isinstance(error, ValidationError):
        return field_errors(error)
    if isinstance(error, OkrError):
        return {error.field or "": error.message}
    if isinstance(error, ValueError | TypeError):
        return {"": str(error)}
    return {"": f"unexpected {type(error).__name__}: {error}"}


class FormScreen(OkrModal[Any]):
    """A dialog of fields that previews the record as you type and saves it in a worker."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(keys.FORM)

    AUTO_FOCUS = "Field Input, Field Select, Field TextArea, Field Checkbox"
    """The first field has the cursor the moment the form shows (Textual's default would
    give it to the scrolling dialog, and the first keys typed would go nowhere); a form
    that starts elsewhere names its field."""

    FIELD_ALIASES: ClassVar[dict[str, str]] = {}
    """Error field names (from models and rules) mapped to the form's field names."""

    TITLE_TEXT = "Form"
    CONTEXT: ClassVar[bool] = False
    """Whether the form has a line or two under its title that says what is being edited
    (`#context`, which `fill` writes)."""
    DISCARD_QUESTION = "Discard your changes?"
    TYPED_ON_RECORD: bool = False
    """Whether what is typed is typed on the record's values (a correction: a 7 after a
    value of 9 makes 97; an edit form, `e !` after a title): keys then wait for the first
    read (`takes_keys`), so that a burst gives what slow typing gives. A form whose fields
    start empty (a new record) takes keys at once, and keeps what was typed before its
    data arrived (`first_fill`). A form that is both sets it per instance."""

    def __init__(self) -> None:
        super().__init__()
        self.ws: Workspace | None = None
        self.initial: dict[str, Any] | None = None
        self.touched: set[str] = set()
        self.errors: dict[str, str] = {}
        self.saving = False
        self.composed: dict[str, Any] = {}
        """The fields as the form showed them before its first read."""
        self.save_asked = False
        """Whether save was asked for before the first read (it saves once read)."""

    def takes_keys(self) -> bool:
        """At once; a form typed on its record's values once it has them."""
        return not self.TYPED_ON_RECORD or self.initial is not None

    # ---- what a form defines ----------------------------------------------------------

    @required
    def fields(self) -> list[Field]:
        """The fields of the form, in order."""
        raise NotImplementedError

    def after_fields(self) -> list[Widget]:
        """Widgets shown between the fields and the buttons (a live preview, say)."""
        return []

    def fill(self, ws: Workspace) -> None:
        """Put the record's values (and choices such as KPIs) into the controls. The
        cursor is not moved: the field `AUTO_FOCUS` names has it when the form shows."""

    @required
    def preview(self, ws: Workspace, values: dict[str, Any]) -> Any:
        """Build and check what would be saved; raise the domain's error if it breaks a rule."""
        raise NotImplementedError

    def save(self, values: dict[str, Any]) -> tuple[str, Any, tuple[Any, ...], dict[str, Any]]:
        """The service call that saves: (toast text, function, args, kwargs)."""
        raise NotImplementedError

    def save_question(self, values: dict[str, Any]) -> Text | None:
        """A question to answer yes before saving (a value that looks like a typo); None:
        save at once."""
        return None

    # ---- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="dialog") as dialog:
            dialog.border_title = self.TITLE_TEXT
            if self.CONTEXT:
                yield Static(Text(""), classes="context", id="context")
            yield Static("", classes="form-error", id="form-error")
            yield from self.fields()
            yield from self.after_fields()
            with Horizontal(classes="buttons"):
                yield Button("Save", variant="primary", id="save", disabled=True, compact=True)
                yield Button("Cancel", id="cancel", compact=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#form-error", Static).display = False
        self.composed = self.values()
        self.reload()

    def reload(self) -> None:
        """Read the workspace again (someone else changed it); what was typed stays."""
        self.read_workspace(lambda ws: ws, self.workspace_read)

    def workspace_read(self, ws: Workspace) -> None:
        """Fill the form in from the first read; later reads refresh untouched fields."""
        first = self.ws is None
        self.ws = ws
        if first:
            self.first_fill(ws)
        elif self.initial is not None:
            self.refresh_untouched(self.ws)
        self.validate_form()
        if first and self.save_asked and self.initial is not None:
            self.action_save()

    def first_fill(self, ws: Workspace) -> None:
        """Fill the form in from its first read, keeping what was typed meanwhile.

        The form takes keys from the moment it shows, before its data has been read (a
        paste, a burst of keys over SSH): a field typed into keeps what was typed, and
        the cursor stays in the field it was in (`fill` never moves it: a key on its
        way, a tab say, would move it first and then lose its move).
        """
        typed = self.values()
        mine = {name for name, value in typed.items() if value != self.composed.get(name)}
        try:
            self.fill(ws)
        except (OkrError, ValidationError) as exc:
            self.show_errors(error_fields(exc))
            return
        self.initial = self.values()
        for name in mine:
            self.set_value(name, typed[name])

    def refresh_untouched(self, ws: Workspace) -> None:
        """Show a teammate's new values in the fields the person has not changed.

        The fields the person changed keep what they typed, and only those are saved
        (`edited`), so a teammate's edit of another field is kept, not overwritten.
        """
        assert self.initial is not None
        typed = self.values()
        mine = self.edited(typed)
        with self.prevent(Input.Changed, Select.Changed, Checkbox.Changed, TextArea.Changed):
            try:
                self.fill(ws)
            except (OkrError, ValidationError) as exc:
                self.show_errors(error_fields(exc))  # e.g. the record was deleted meanwhile
                return
            fresh = self.values()
            for name in mine:
                self.set_value(name, typed[name])
        moved = {n for n, v in fresh.items() if n not in mine and v != self.initial.get(n)}
        self.initial = fresh
        if moved and self.is_current:
            self.notify("Someone changed this record while you were editing: the fields you "
                        f"had not touched now show their values ({', '.join(sorted(moved))}).",
                        title="Changed meanwhile", severity="warning", markup=False)

    def set_value(self, name: str, value: Any) -> None:
        """Put `value` into the control of field `name`."""
        control = self.query_one(f"#f-{name}")
        if isinstance(control, Input):
            control.value = value
        elif isinstance(control, Select):
            if value is None:
                control.clear()
            else:
                control.value = value
        elif isinstance(control, Checkbox):
            control.value = value
        elif isinstance(control, TextArea):
            control.text = value

    def edited(self, values: dict[str, Any]) -> set[str]:
        """The fields whose value differs from the record as last read (all, before that)."""
        if self.initial is None:
            return set(values)
        return {name for name, value in values.items() if value != self.initial.get(name)}

    # ---- values and validation ---------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """The raw value of every control, by field name."""
        out: dict[str, Any] = {}
        for field in self.query(Field):
            control = field.control
            if isinstance(control, Input):
                out[field.field_name] = control.value
            elif isinstance(control, Select):
                out[field.field_name] = None if control.is_blank() else control.value
            elif isinstance(control, Checkbox):
                out[field.field_name] = control.value
            elif isinstance(control, TextArea):
                out[field.field_name] = control.text
        return out

    def dirty(self) -> bool:
        """Whether anything was changed since the form opened."""
        return self.initial is not None and self.values() != self.initial

    def validate_form(self) -> bool:
        """Preview the record, show each error under its field; enable Save when valid."""
        if self.ws is None or self.initial is None:
            return False
        try:
            self.preview(self.ws, self.values())
        except Exception as exc:  # a rule, a typo, or a bug: one line, never a traceback
            self.show_errors(error_fields(exc))
            return False
        self.show_errors({})
        return True

    def show_errors(self, errors: dict[str, str]) -> None:
        """Put each error under its field (touched fields only); the rest on top."""
        self.errors = {self.FIELD_ALIASES.get(k, k): v for k, v in errors.items()}
        names = {f.field_name for f in self.query(Field)}
        general: list[str] = []
        for field in self.query(Field):
            text = self.errors.get(field.field_name)
            field.set_error(text if field.field_name in self.touched else None)
        for name, text in self.errors.items():
            if name not in names:
                general.append(text if not name else f"{name}: {text}")
        box = self.query_one("#form-error", Static)
        box.display = bool(general)
        box.update(Text("\n".join(general)))
        self.query_one("#save", Button).disabled = bool(self.errors) or self.saving

    @on(Input.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    @on(TextArea.Changed)
    def _changed(self, event: Input.Changed | Select.Changed | Checkbox.Changed
                 | TextArea.Changed) -> None:
        control_id = event.control.id or ""
        name = control_id[2:]
        if (control_id.startswith("f-") and self.initial is not None
                and self.values().get(name) != self.initial.get(name)):
            self.touched.add(name)
        self.on_values_changed()
        self.validate_form()

    def on_values_changed(self) -> None:
        """Hook: a value changed (before validation)."""

    # ---- saving and leaving ----------------------------------------------------------------

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_save(self) -> None:
        """Save, when the form is valid (after its question, if it has one); else show
        every error."""
        if self.ws is None:
            self.save_asked = True  # enter typed before the first read: save once read
            return
        self.touched.update(f.field_name for f in self.query(Field))
        if self.saving or not self.validate_form():
            return
        question = self.save_question(self.values())
        if question is None:
            self.start_saving()
        else:
            self.ask_before_saving(question)

    @work(group=ASKING)
    async def ask_before_saving(self, question: Text) -> None:
        """Save only if the person says yes; no save can start while the question is open."""
        self.saving = True
        self.query_one("#save", Button).disabled = True
        try:
            yes = await self.ask(ConfirmScreen(question, yes="Save", no="Keep editing"))
        finally:
            self.saving = False
        if yes and self.validate_form():
            self.start_saving()
        else:
            self.validate_form()  # Save is enabled again; the form keeps what was typed

    def start_saving(self) -> None:
        """Save what the form holds now, in a worker."""
        if self.saving:
            return
        self.saving = True
        self.query_one("#save", Button).disabled = True
        toast, fn, args, kwargs = self.save(self.values())
        call: Callable[[], Any] = partial(fn, *args, **kwargs)
        self.run_service(call, partial(self.saved, toast), self.save_failed)

    def saved(self, toast: str, result: Any) -> None:
        """The service saved: say so, and hand what it made back to whoever opened the form."""
        self.saving = False
        self.notify(toast, title="Saved", markup=False)
        self.dismiss(result)

    def save_failed(self, error: Exception, text: str) -> None:
        """The service refused: each sentence under the field it is about."""
        self.saving = False
        self.show_errors(error_fields(error))

    @work(group=ASKING)
    async def action_cancel(self) -> None:
        """Close without saving; ask first when something was changed."""
        if not self.dirty() or await self.ask(ConfirmScreen(
                Text(self.DISCARD_QUESTION), yes="Discard", no="Keep editing")):
            self.dismiss(None)
