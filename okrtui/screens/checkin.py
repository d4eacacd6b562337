"""Check in on a key result: the new value, your confidence, a note, the day (today
unless you back-date it); enter saves, after a question when the value looks like a typo."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Input, Static

from okrtui.domain.plans.checkins import CheckInPlan, plan_check_in
from okrtui.domain.records.errors import InvalidInput
from okrtui.domain.records.models import NOTE_MAX
from okrtui.domain.records.values import parse_checkin_value, parse_date
from okrtui.domain.records.workspace import Workspace
from okrtui.domain.scoring.progress import clamp, raw_progress
from okrtui.domain.scoring.score import KRScore
from okrtui.domain.scoring.views import kr_score
from okrtui.screens.form import FieldErrors
from okrtui.screens.record_form import RecordFormScreen
from okrtui.widgets import format as fmt
from okrtui.widgets.form import Field, text_field


class CheckInScreen(RecordFormScreen):
    """The value field has the focus; the previous value and the new progress are shown."""

    RECORD = "kr"
    DISCARD_QUESTION = "Discard this check-in?"
    TITLE_TEXT = "Check in"

    score: KRScore | None = None
    """The key result as last read, with its last check-in."""
    outlier: str | None = None
    """Why the value typed looks like a typo (the domain's sentence), or None."""
    day_shown = ""
    """The day the date field was filled with (today, when the form opened)."""

    @property
    def kr_id(self) -> str:
        """The key result checked in on."""
        return self.record_id

    def fields(self) -> list[Field]:
        return [
            text_field("New value", "value", placeholder="the value today"),
            text_field("Confidence", "confidence", restrict=r"[0-9]{0,2}", placeholder="0-10",
                       hint="0 no chance · 10 certain"),
            text_field("Note", "note", max_length=NOTE_MAX,
                       placeholder="what moved, what is in the way (optional)"),
            text_field("Date", "at", restrict=r"[0-9-]{0,10}", placeholder="YYYY-MM-DD",
                       hint="a day of its period"),
        ]

    def after_fields(self) -> list[Widget]:
        return [Static("", id="progress-preview", classes="context")]

    def fill(self, ws: Workspace) -> None:
        """The key result, its last value and confidence."""
        kr = ws.key_result(self.kr_id)
        self.score = score = kr_score(ws, kr, self.today)
        text = Text(kr.title, style="bold")
        text.append("\n")
        text.append(fmt.kr_range(kr), style="dim")
        text.append("\nPrevious: ", style="dim")
        if score.last_checkin is None:
            text.append("no check-in yet", style="dim")
        else:
            text.append(f"{fmt.kr_value(score)} ({fmt.percent(score.progress)}), "
                        f"{fmt.age(score.last_checkin, self.today)}, confidence "
                        f"{fmt.confidence(score.confidence)}", style="dim")
        self.query_one("#context", Static).update(text)
        value = self.query_one("#f-value", Input)
        if kr.kind == "milestone":
            value.placeholder = "done or not-done"
        elif score.current is not None:
            value.placeholder = f"was {fmt.number(score.current)} {kr.unit}".rstrip()
        if score.confidence is not None:
            self.query_one("#f-confidence", Input).value = str(score.confidence)
        if not self.day_shown:  # a teammate's change later does not move the day
            self.day_shown = self.today.isoformat()
        self.query_one("#f-at", Input).value = self.day_shown
        self.show_preview(None)

    def parsed(self, values: dict[str, Any]) -> tuple[float, int | None, dt.date | None]:
        """The typed value, confidence and day (None: now) as values; errors name their
        field."""
        assert self.score is not None
        errors: dict[str, str] = {}
        value = 0.0
        try:
            value = parse_checkin_value(values["value"] or "", self.score.kr.kind == "milestone")
        except InvalidInput as exc:
            errors["value"] = exc.message if values["value"].strip() else "type the value today"
        text = values["confidence"].strip()
        confidence = int(text) if text.isdigit() else None
        day = (values["at"] or "").strip()
        on: dt.date | None = None
        # The day the form opened with means now: a form left open past midnight must
        # not back-date the check-in to yesterday without being asked to.
        if day and day != self.day_shown:
            try:
                on = parse_date(day, "at")
            except InvalidInput as exc:
                errors["at"] = exc.message
        if errors:
            raise FieldErrors(errors)
        return value, confidence, on

    def preview(self, ws: Workspace, values: dict[str, Any]) -> CheckInPlan:
        """The check-in as it would be saved (the day checked by the same rule as
        `okrtui checkin --at`); shows the progress it would give, and a typo warning."""
        self.outlier = None
        try:
            value, confidence, on = self.parsed(values)
        except FieldErrors:
            self.show_preview(None)
            raise
        plan = plan_check_in(ws, self.services.actor(), self.kr_id, value,
                             confidence=confidence, note=values["note"], on=on)
        self.outlier = plan.outlier
        self.show_preview(value)
        return plan

    def show_preview(self, value: float | None) -> None:
        """What the new progress will be with `value` (nothing while it is not a number)."""
        box = self.query_one("#progress-preview", Static)
        if self.score is None or value is None:
            box.update(Text(""))
            return
        kr = self.score.kr
        progress = clamp(raw_progress(kr, value))
        after = KRScore(kr, value, progress, progress, self.score.status, self.score.rag,
                        None, None, 0)
        text = Text("New progress: ", style="bold")
        text.append(f"{fmt.kr_value(after)} → {fmt.percent(progress)}")
        text.append(f" (was {fmt.percent(self.score.progress)})", style="dim")
        if self.outlier is not None:
            text.append("\n▲ looks like a typo: ", style="bold")
            text.append("saving asks first", style="dim")
        box.update(text)

    def save_question(self, values: dict[str, Any]) -> Text | None:
        """A value that looks like a typo is saved only when the person says so."""
        if self.outlier is None:
            return None
        question = Text(self.outlier)
        question.append("\n\nSave it as typed?", style="bold")
        return question

    def save(self, values: dict[str, Any]) -> tuple[str, Any, tuple[Any, ...], dict[str, Any]]:
        """Record the check-in."""
        value, confidence, on = self.parsed(values)
        return ("Checked in", self.services.check_in, (self.kr_id, value),
                {"confidence": confidence, "note": values["note"], "on": on})
