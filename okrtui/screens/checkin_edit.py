"""Correct a mistaken check-in: its value, confidence and note. The record keeps who
checked in; it says who corrected it and when (a new revision)."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Input, Static

from okrtui.domain.plans.checkins import CheckInPlan, plan_edit_check_in
from okrtui.domain.records.errors import InvalidInput
from okrtui.domain.records.models import NOTE_MAX, CheckIn, KeyResult
from okrtui.domain.records.values import parse_checkin_value
from okrtui.domain.records.workspace import Workspace
from okrtui.domain.reporting.history import value_words
from okrtui.screens.form import FieldErrors, FormScreen
from okrtui.widgets import format as fmt
from okrtui.widgets.form import Field, text_field


def value_text(kr: KeyResult, value: float) -> str:
    """A check-in's value as the value field takes it: "29", or "done" / "not-done"."""
    if kr.kind == "milestone":
        return "done" if value >= 1.0 else "not-done"
    return fmt.number(value)


class CheckInEditScreen(FormScreen):
    """The check-in's value, confidence and note, filled in; only what is changed is
    saved, through the same plan as `okrtui checkin edit`."""

    FIELD_ALIASES: ClassVar[dict[str, str]] = {"kr": "", "id": "", "at": ""}
    DISCARD_QUESTION = "Discard your correction of this check-in?"
    TITLE_TEXT = "Correct check-in"
    CONTEXT = True
    TYPED_ON_RECORD = True  # `e 7` right after it opens: the value 9 becomes 97

    def __init__(self, checkin_id: str) -> None:
        super().__init__()
        self.checkin_id = checkin_id
        self.kr: KeyResult | None = None
        self.original: CheckIn | None = None
        self.plan: CheckInPlan | None = None

    def fields(self) -> list[Field]:
        return [
            text_field("Value", "value"),
            text_field("Confidence", "confidence", restrict=r"[0-9]{0,2}", placeholder="0-10",
                       hint="0 no chance · 10 certain"),
            text_field("Note", "note", max_length=NOTE_MAX, placeholder="(optional)"),
        ]

    def after_fields(self) -> list[Widget]:
        return [Static("", id="outlier", classes="context")]

    def fill(self, ws: Workspace) -> None:
        """The check-in as it is now, and whose it is; the value field gets the focus."""
        checkin = ws.get("checkins", ws.resolve(self.checkin_id, ("checkins",))[1], CheckIn)
        self.kr = kr = ws.key_result(checkin.kr_id)
        self.original = checkin
        text = Text(kr.title, style="bold")
        text.append("\n")
        text.append(f"{fmt.kr_range(kr)} · checked in ", style="dim")
        text.append(f"{fmt.moment(checkin.at)} by ", style="dim")
        text.append(checkin.author or checkin.updated_by or "—", style="dim")
        text.append(f": {value_words(kr, checkin.value)}", style="dim")
        if checkin.rev > 1:
            text.append(" · corrected by ", style="dim")
            text.append(checkin.updated_by or "—", style="dim")
        self.query_one("#context", Static).update(text)
        self.query_one("#f-value", Input).value = value_text(kr, checkin.value)
        self.query_one("#f-confidence", Input).value = (
            "" if checkin.confidence is None else str(checkin.confidence))
        self.query_one("#f-note", Input).value = checkin.note

    def changes(self, values: dict[str, Any]) -> dict[str, Any]:
        """The fields changed, as the plan takes them (errors name their field)."""
        assert self.kr is not None
        try:
            value = parse_checkin_value(values["value"] or "", self.kr.kind == "milestone")
        except InvalidInput as exc:
            raise FieldErrors({"value": exc.message if values["value"].strip()
                               else "type the value it should have been"}) from None
        text = values["confidence"].strip()
        typed = {"value": value, "confidence": int(text) if text.isdigit() else None,
                 "note": values["note"]}
        # Only what the person changed: a teammate's correction of another field stays,
        # and a value left as it was is not warned about again.
        old = self.original
        return {k: v for k, v in typed.items() if old is None or getattr(old, k) != v}

    def preview(self, ws: Workspace, values: dict[str, Any]) -> CheckInPlan:
        """The corrected check-in as it would be saved; a value that looks like a typo
        says so under the fields (and saving asks first)."""
        self.plan = None
        self.show_outlier(None)
        plan = plan_edit_check_in(ws, self.services.actor(), self.checkin_id,
                                  self.changes(values))
        self.plan = plan
        self.show_outlier(plan.outlier)
        return plan

    def show_outlier(self, warning: str | None) -> None:
        """The typo warning of the value (nothing when it looks fine)."""
        box = self.query_one("#outlier", Static)
        box.display = warning is not None
        box.update(Text(f"⚠ {warning}" if warning else ""))

    def save_question(self, values: dict[str, Any]) -> Text | None:
        """A value that looks like a typo is saved only after a yes."""
        if self.plan is None or self.plan.outlier is None:
            return None
        return Text(f"{self.plan.outlier}. Save it anyway?")

    def save(self, values: dict[str, Any]) -> tuple[str, Any, tuple[Any, ...], dict[str, Any]]:
        """Correct the check-in."""
        return ("Check-in corrected", self.services.edit_check_in, (self.checkin_id,),
                self.changes(values))
