"""My check-ins: every key result of mine in the period, due ones first, one at a time.

The weekly loop in a few keys: `c` on the dashboard, then the value and `enter` for each
key result. The value field has the focus and the confidence is prefilled from last
time; `tab` reaches confidence and note. `enter` checks in through the same use case as
the check-in form and shows the next key result at once (the save runs in a worker, so
what is typed next lands in the next one); a value that looks like a typo is saved only
after a confirmation. Skipping keeps what was typed; leaving asks only when something
typed is not saved. At the end it says how many were saved and what is still due.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.reactive import var
from textual.widgets import Input, Static

from okrtui import keys
from okrtui.bindings import bindings
from okrtui.domain.plans.checkins import CheckInPlan, plan_check_in
from okrtui.domain.records.errors import InvalidInput
from okrtui.domain.records.models import NOTE_MAX, CheckIn
from okrtui.domain.records.values import parse_checkin_value
from okrtui.domain.records.workspace import Workspace
from okrtui.screens.base import ASKING, OfPeriod, WorkspaceScreen
from okrtui.screens.form import FieldErrors, error_fields
from okrtui.widgets import format as fmt
from okrtui.widgets.form import Field, text_field
from okrtui.widgets.queue_card import QueueCard, QueueChart
from okrtui.widgets.queue_view import Draft, QueueItem, QueueView, Walk, build_queue, start_walk
from okrtui.widgets.visuals import plain, rows

FIELDS = ("value", "confidence", "note")


@dataclass(frozen=True)
class QueueRead:
    """One read for the queue: the view, and the workspace it came from (a check-in is
    checked against it before it is saved, as the form checks its preview)."""

    view: QueueView
    ws: Workspace = field(repr=False, compare=False)


@dataclass(frozen=True)
class Typed:
    """A check-in as typed and read: the numbers, the note, and the fields as they were."""

    value: float
    confidence: int | None
    note: str
    draft: Draft


class CheckInQueueScreen(OfPeriod, WorkspaceScreen[QueueRead]):
    """My check-ins: type the value and press enter to save it and go to the next key
    result (due ones first, stale first); tab reaches confidence and note; pgdn and pgup
    skip without saving; esc leaves, asking first when something typed is not saved."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(keys.CHECKIN_QUEUE)
    CRUMB = "my check-ins"
    AUTO_FOCUS = "#f-value"

    item: var[QueueItem | None] = var(None, always_update=True, init=False)
    """The key result on show, bound down to the card and the chart."""

    def __init__(self, period: str) -> None:
        super().__init__(period)
        self.walk: Walk | None = None
        self.being_saved: dict[str, str] = {}
        """Key results whose save is running, with their titles."""
        self.last_saved: Text | None = None

    # ---- layout -------------------------------------------------------------------------

    def compose_body(self) -> ComposeResult:
        yield Static(id="queue-head", classes="queue-head")
        yield QueueCard(id="card", today=self.today).data_bind(item=CheckInQueueScreen.item)
        with Vertical(id="queue-fields"):
            # A value is a number or done: ? typed there opens help.
            yield text_field("Value", "value", placeholder="the value today", text=False)
            yield text_field("Confidence", "confidence", restrict=r"[0-9]{0,2}",
                             placeholder="0-10", hint="0 no chance · 10 certain")
            yield text_field("Note", "note", max_length=NOTE_MAX,
                             placeholder="what moved, what is in the way (optional)")
        yield QueueChart(id="chart", today=self.today).data_bind(item=CheckInQueueScreen.item)
        yield Static(id="summary", classes="queue-summary")
        yield self.empty_state()

    def on_mount(self) -> None:
        for name in ("#queue-fields", "#chart", "#summary", "#card"):
            self.query_one(name).display = False

    # ---- reading ------------------------------------------------------------------------

    def build_view(self, ws: Workspace) -> QueueRead:
        """The queue of my key results of the period, in the domain's order (a worker)."""
        return QueueRead(build_queue(ws, self.today, self.period, self.services.user), ws)

    def show_view(self, view: QueueRead) -> None:
        first = self.walk is None
        before = self.walk.current if self.walk is not None else None
        self.walk = start_walk(view.view) if self.walk is None else self.walk.follow(view.view)
        # A reload refreshes the card; the fields are filled in only when another key
        # result comes up, so what is being typed stays as it is.
        self.show_current(fill=first or self.walk.current != before)

    @property
    def queue(self) -> QueueView | None:
        """The queue as last read."""
        return self.view.view if self.view is not None else None

    # ---- showing ------------------------------------------------------------------------

    def current_item(self) -> QueueItem | None:
        """The key result on show (None at the end, or before the first read)."""
        if self.walk is None or self.queue is None or self.walk.current is None:
            return None
        return self.queue.item(self.walk.current)

    def show_current(self, *, fill: bool) -> None:
        """Show the key result the walk is on (or the end, or that there is nothing)."""
        queue, walk = self.queue, self.walk
        if queue is None or walk is None:
            return
        item = self.current_item()
        self.item = item
        showing = item is not None
        for name in ("#queue-fields", "#chart", "#card"):
            self.query_one(name).display = showing
        self.query_one("#summary").display = not showing and bool(queue.items)
        self.show_empty(None if queue.items else self.nothing_text(queue))
        self.query_one("#queue-head", Static).update(rows(self.head_text(queue, walk)))
        if item is None:
            self.query_one("#summary", Static).update(self.summary_text(queue, walk))
            self.set_focus(None)
        elif fill:
            self.fill(item, walk.typed_draft(item.kr.id) or item.prefill())
        self.refresh_bindings()

    def fill(self, item: QueueItem, draft: Draft) -> None:
        """Put `draft` into the fields and the cursor at the end of the value."""
        value = self.control("value")
        kr = item.kr
        if kr.kind == "milestone":
            value.placeholder = "done or not-done"
        elif item.score.current is not None:
            value.placeholder = f"was {fmt.number(item.score.current)} {kr.unit}".rstrip()
        else:
            value.placeholder = "the value today"
        with self.prevent(Input.Changed):
            for name in FIELDS:
                control = self.control(name)
                control.value = getattr(draft, name)
                control.cursor_position = len(control.value)
        self.show_errors({})
        value.focus()

    def head_text(self, queue: QueueView, walk: Walk) -> Text:
        """Where the person is: "2 of 5 · 3 due · 1 saved", and the last save."""
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        total = len(walk.order)
        if walk.at_end:
            text.append("End of the queue", style="bold")
        else:
            text.append(f"{walk.index + 1} of {total}", style="bold")
        text.append(f" · {len(queue.still_due())} due · {len(walk.saved)} saved", style="dim")
        if self.last_saved is not None:
            text.append("  ")
            text.append_text(self.last_saved)
        return text

    def summary_text(self, queue: QueueView, walk: Walk) -> Text:
        """The end: how many were saved, what is still due, what was typed and not saved."""
        saved = len(walk.saved)
        text = Text()
        text.append(f"{'✔ ' if saved else ''}{saved} check-in{'s' if saved != 1 else ''} "
                    "saved", style="bold")
        if self.being_saved:
            text.append(f" ({len(self.being_saved)} still being saved)", style="dim")
        text.append("\n\n")
        due = [i for i in queue.still_due() if i.kr.id not in self.being_saved]
        if due:
            text.append(f"Still due in {queue.period}:\n", style="bold")
            width = max(len(fmt.status_label(i.score.status)) for i in due)
            for item in due:
                text.append(f"  {fmt.status_label(item.score.status):<{width}}  ")
                text.append(item.kr.title)
                text.append(f" — {item.objective.title}\n", style="dim")
        else:
            text.append(f"Nothing else is due in {queue.period}.\n")
        unsaved = walk.unsaved()
        if unsaved:
            text.append(f"\nTyped but not saved: {len(unsaved)} (pgup goes back to "
                        "them).\n", style="bold")
        text.append("\npgup goes back · esc or enter leaves", style="dim")
        return text

    def nothing_text(self, queue: QueueView) -> Text:
        """What to say when none of my key results of the period takes a check-in: I own
        none, or their objectives are graded or drafts."""
        user, closed = self.services.user, queue.closed
        if closed:
            text = Text(f"Nothing to check in: {user}'s {closed} key result"
                        f"{'s' if closed != 1 else ''} in {self.period} "
                        f"{'are' if closed != 1 else 'is'} in graded or draft objectives."
                        "\n\n", style="bold")
            text.append("A graded objective is closed, a draft not under way yet. Press "
                        "esc to go back; [ and ] on the dashboard change the period.")
            return text
        text = Text(f"Nothing to check in: no key result of {user} in "
                    f"{self.period}.\n\n", style="bold")
        text.append("Key results are yours when you own them or their objective. Press "
                    "esc to go back; [ and ] on the dashboard change the period.")
        return text

    # ---- the fields ---------------------------------------------------------------------

    def control(self, name: str) -> Input:
        """The input of field `name`."""
        return self.query_one(f"#f-{name}", Input)

    def typed(self) -> Draft:
        """What the fields hold now."""
        return Draft(*(self.control(name).value for name in FIELDS))

    def show_errors(self, errors: dict[str, str]) -> None:
        """Each sentence under its field; one about the whole check-in under the value."""
        general = [text for name, text in errors.items() if name not in FIELDS]
        for fld in self.query(Field):
            text = errors.get(fld.field_name)
            if fld.field_name == "value" and general:
                text = "; ".join([*([text] if text else []), *general])
            fld.set_error(text)

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        # A correction clears the error it answers.
        for fld in self.query(Field):
            if fld.control is event.input:
                fld.set_error(None)

    def parse(self, item: QueueItem, draft: Draft) -> Typed:
        """The typed value and confidence as numbers (errors name their field)."""
        try:
            value = parse_checkin_value(draft.value, item.kr.kind == "milestone")
        except InvalidInput as exc:
            raise FieldErrors({"value": exc.message if draft.value.strip()
                               else "type the value today (pgdn skips this one)"}) from exc
        text = draft.confidence.strip()
        return Typed(value, int(text) if text.isdigit() else None, draft.note, draft)

    def plan(self, item: QueueItem, typed: Typed) -> CheckInPlan:
        """The check-in the save would write, checked by the same plan the save runs."""
        assert self.view is not None
        return plan_check_in(self.view.ws, self.services.actor(), item.kr.id, typed.value,
                             confidence=typed.confidence, note=typed.note)

    # ---- actions ------------------------------------------------------------------------

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        """Save the check-in on show and go to the next one."""
        item = self.current_item()
        if item is None:
            return
        try:
            typed = self.parse(item, self.typed())
            plan = self.plan(item, typed)
        except Exception as exc:  # a rule, a typo: the sentence under its field
            self.show_errors(error_fields(exc))
            return
        if plan.outlier is None:
            self.commit(item, typed)
        else:
            self.confirm_outlier(item, typed, plan.outlier)

    @work(group=ASKING)
    async def confirm_outlier(self, item: QueueItem, typed: Typed, warning: str) -> None:
        """Save a value that looks like a typo only once the person says it is right."""
        question = Text(warning)
        question.append("\n\nSave it anyway?")
        if await self.confirm(question, "Save"):
            if self.walk is not None and self.walk.current == item.kr.id:
                self.commit(item, typed)
            return
        self.show_errors({"value": "not saved: correct the value, or enter and y to save it"})
        self.control("value").focus()

    def commit(self, item: QueueItem, typed: Typed) -> None:
        """Start the save, and show the next key result at once."""
        assert self.walk is not None
        kid = item.kr.id
        self.being_saved[kid] = item.kr.title
        self.walk = self.walk.save(kid).step(1)
        self.run_service(
            lambda: self.services.check_in(kid, typed.value, confidence=typed.confidence,
                                           note=typed.note),
            partial(self.saved, item), partial(self.save_failed, item, typed))
        self.show_current(fill=True)

    def saved(self, item: QueueItem, checkin: CheckIn) -> None:
        """A check-in is on disk: say so on the head line, and read the queue again."""
        self.being_saved.pop(item.kr.id, None)
        line = plain(f"✔ {fmt.with_unit(checkin.value, item.kr.unit)} on ", "dim")
        line.append_text(plain(f"“{item.kr.title}”", "dim"))
        self.last_saved = line
        self.reload()

    def save_failed(self, item: QueueItem, typed: Typed, error: Exception, text: str) -> None:
        """A save was refused: say why; what was typed waits on its key result."""
        self.being_saved.pop(item.kr.id, None)
        if self.walk is not None:
            self.walk = self.walk.unsave(item.kr.id, typed.draft)
        self.notify(f"“{item.kr.title}”: {text}", title="Check-in not saved",
                    severity="error", markup=False)
        self.show_current(fill=False)

    def keep_typed(self) -> None:
        """Remember what is typed on the key result on show before moving away."""
        item = self.current_item()
        if item is not None and self.walk is not None:
            self.walk = self.walk.keep(item.kr.id, self.typed(), item.prefill())

    def action_skip(self, offset: int) -> None:
        """Go to the next (1) or previous (-1) key result without saving."""
        if self.walk is None:
            return
        self.keep_typed()
        self.walk = self.walk.step(offset)
        self.show_current(fill=True)

    @work(group=ASKING)
    async def action_leave(self) -> None:
        """Back to the dashboard; ask first when something typed is not saved."""
        self.keep_typed()
        unsaved = self.walk.unsaved() if self.walk is not None else ()
        if unsaved:
            count = len(unsaved)
            question = Text(f"What you typed on {count} key result{'s' if count != 1 else ''}"
                            " is not saved. Leave without saving it?")
            if not await self.confirm(question, "Leave"):
                item = self.current_item()
                if item is not None:
                    self.control("value").focus()
                return
        if self.is_current:
            self.app.pop_screen()

    def action_finish(self) -> None:
        """At the end (or with nothing to check in), enter leaves as esc does."""
        self.action_leave()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Only what works on what is on show, so the footer offers nothing else: saving
        needs a key result on show, and where there is none (the end) enter leaves;
        skipping needs somewhere to go."""
        if self.walk is None:
            return action == "leave"
        showing = self.current_item() is not None
        if action == "save":
            return showing
        if action == "finish":
            return not showing
        if action == "skip":
            offset = parameters[0] if parameters else 1
            return (not self.walk.at_end) if offset == 1 else self.walk.index > 0
        return True
