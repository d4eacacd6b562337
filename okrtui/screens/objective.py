"""One objective: its key results in a table; the selected one's check-ins (newest first),
its chart and the initiatives under it."""

from __future__ import annotations

from functools import partial
from typing import ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.events import Resize
from textual.geometry import Size
from textual.reactive import var
from textual.widgets import Static

from okrtui import keys
from okrtui.bindings import bindings
from okrtui.domain.records.models import Initiative, Objective
from okrtui.domain.records.periods import Period
from okrtui.domain.records.workspace import Workspace
from okrtui.domain.reporting.history import HistoryRow
from okrtui.domain.scoring.score import KRScore
from okrtui.messages import EditObjective, Navigate, OpenObjective
from okrtui.screens.base import ASKING, Opening
from okrtui.screens.hooks import source_lines
from okrtui.screens.objective_data import ObjectiveData, objective_view
from okrtui.screens.objective_krs import KeyResultActions
from okrtui.screens.objective_work import KeyResultWork
from okrtui.widgets import format as fmt
from okrtui.widgets.checkin_history import CheckInHistory
from okrtui.widgets.initiative_list import InitiativeList
from okrtui.widgets.kr_chart import KRChart
from okrtui.widgets.kr_table import KRTable
from okrtui.widgets.rows import (
    objective_deletion,
    objective_summary,
    record_details,
)
from okrtui.widgets.topbar import TopBar, crumbs
from okrtui.widgets.visuals import Palette


class ObjectiveScreen(KeyResultWork[ObjectiveData | None],
                      KeyResultActions[ObjectiveData | None]):
    """Key results; the selected one's check-ins, chart and initiatives (tab moves).

    The key results are checked in on, added, edited, deleted and reordered; the
    check-ins of the selected one corrected or removed; its initiatives added, ticked,
    edited and deleted. Tab moves between the key results, the check-ins and the
    initiatives, and the footer shows the keys of the part with the focus."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(keys.OBJECTIVE)
    SELECTION_ACTIONS = frozenset({"check_in", "edit_kr", "delete_kr", "move_kr",
                                   "move_kr_to", "kr_to_kpi", "add_initiative"})
    KR_TABLE_ACTIONS = frozenset({"check_in", "add_kr", "edit_kr", "delete_kr", "move_kr",
                                  "move_kr_to", "kr_to_kpi"})
    """The key results' own actions: they act from the table."""

    AUTO_FOCUS = "#krs"
    TABLE_ID = "krs"
    REOPENS = True  # its widgets took 40-55 ms to build and style on every open

    key_results: var[tuple[KRScore, ...]] = var((), always_update=True, init=False)
    """The objective's key results, bound down to the table."""

    kr_history: var[tuple[HistoryRow, ...]] = var((), always_update=True, init=False)
    """The selected key result's check-ins, bound down to the history list."""

    kr_initiatives: var[tuple[Initiative, ...]] = var((), always_update=True, init=False)
    """The selected key result's initiatives, bound down to their list."""

    # What a screen starts with, set by `reopen` (also when the screen is first opened).
    objective_id: str
    """The objective on show."""
    opened: OpenObjective | None
    """What the screen was opened for, until it is first shown: its key result goes under
    the cursor (with the check-in dialog open, when it asks for one)."""
    gone: bool
    """Whether the objective was found deleted (said once)."""
    _drawn_for: Size | None
    """The size the objective was last drawn for (a resize to it draws nothing)."""
    marked: str | None
    """The check-in under the history's cursor while the history has the focus: the chart
    makes it stand out."""
    _stale: bool
    """Whether the widgets still show the objective shown before the screen reopened."""

    def __init__(self, opened: OpenObjective) -> None:
        super().__init__()
        self.reopen(opened)

    def reopen(self, message: Navigate) -> None:
        """Show the objective `message` names, as a new screen would: nothing of the one
        shown before is left (its view, the cursor, the focus, a read on its way)."""
        assert isinstance(message, OpenObjective)
        self.objective_id = message.objective_id
        self.opened = message
        self.gone = False
        self._drawn_for = None
        self.marked = None
        self.view = None
        self._stale = self.is_mounted
        if self.is_mounted:
            self.set_focus(None)  # the key results have it again when it shows (AUTO_FOCUS)

    def show_nothing(self) -> None:
        """Blank what the objective shown before left on the widgets (reopened with no
        version in memory: its read follows)."""
        self._stale = False
        for part in ("#title", "#facts", "#score", "#detail"):
            self.query_one(part, Static).update("")
        self.key_results, self.kr_history, self.kr_initiatives = (), (), ()
        self.show_topbar()

    @classmethod
    def from_message(cls, message: OpenObjective, opening: Opening) -> ObjectiveScreen:
        """The objective the message names, its key result under the cursor."""
        return cls(message)

    def compose_body(self) -> ComposeResult:
        yield Static(id="title", classes="objective-title")
        yield Static(id="facts", classes="objective-facts")
        yield Static(id="score", classes="objective-score")
        yield KRTable(id="krs", today=self.today).data_bind(
            scores=ObjectiveScreen.key_results)
        yield self.empty_state()
        yield Static(id="detail")
        yield CheckInHistory(id="history").data_bind(checkins=ObjectiveScreen.kr_history)
        with Horizontal(id="lower"):
            chart = KRChart(id="chart")
            chart.display = False  # until there is a key result to plot: an empty plot costs
            yield chart
            yield InitiativeList(id="initiatives").data_bind(
                items=ObjectiveScreen.kr_initiatives)

    @property
    def period_name(self) -> str | None:
        """The objective's period (new objectives from here go into it)."""
        return self.view.score.objective.period if self.view else None

    # ---- loading ---------------------------------------------------------------------

    def build_view(self, ws: Workspace) -> ObjectiveData | None:
        """The objective's score, its key results' check-ins and initiatives, its parent
        (in a worker)."""
        return objective_view(ws, self.objective_id, self.today,
                              source_lines(self.services, "key_results"))

    def reload(self) -> None:
        if self.view is None and not self.show_from_memory() and self._stale:
            self.show_nothing()
        self.read_workspace(self.build_view, partial(self._read_for, self.objective_id))

    def _read_for(self, objective_id: str, view: ObjectiveData | None) -> None:
        # A read started for, or made of, an objective shown before the screen reopened
        # is dropped: the read started on reopening follows.
        if objective_id == self.objective_id and (
                view is None or view.score.objective.id == objective_id):
            self.view_loaded(view)

    def show_from_memory(self) -> bool:
        """Show the objective from the version of the workspace in memory, before the read
        in the worker: the screen's first frame then shows it (a first frame without it
        cost as much again as the one with it). The worker's read follows, with the key
        results' sources (they are read from the config: not in the UI thread), and shows
        whatever differs. False: nothing shown (no version in memory, or not this
        objective)."""
        made = self.from_memory(partial(objective_view, objective_id=self.objective_id,
                                        today=self.today, sources={}))
        if made is None or made[0] is None:
            return False
        self.view_loaded(made[0])
        return True

    def view_loaded(self, view: ObjectiveData | None) -> None:
        if view is not None and view == self.view:
            return  # shown already (from memory): drawing it again costs a frame
        if view is None:
            if not self.gone:
                self.gone = True
                self.notify("This objective was deleted.", severity="warning")
            self.dismiss_screen()  # under a dialog: once it closes and this reads again
            return
        super().view_loaded(view)

    def show_view(self, view: ObjectiveData | None) -> None:
        self.render_data()

    def dismiss_screen(self) -> None:
        """Go back to the dashboard (when this screen is on top: Textual calls the one
        under a dialog current too, and popping then closed the dialog)."""
        if self.is_active:
            self.app.pop_screen()

    def deleted(self, objective: Objective) -> None:
        """Say which objective was deleted, and go back to the dashboard."""
        self.notify(f"Deleted objective: {objective.title}", title="Deleted", markup=False)
        self.gone = True
        self.dismiss_screen()

    def on_resize(self, event: Resize) -> None:
        if event.size == self._drawn_for:
            return  # drawn for this size already, before the first layout (from memory)
        self.render_data()

    # ---- showing ---------------------------------------------------------------------

    def show_topbar(self) -> None:
        """The objective's period and owner (nothing more before it is read)."""
        if self.view is None:
            self.query_one("#topbar", TopBar).show(crumbs())
            return
        o = self.view.score.objective
        self.query_one("#topbar", TopBar).show(crumbs(o.period, o.owner or "no owner"),
                                               Text(self.services.user))

    def render_data(self) -> None:
        """Show the loaded objective (again after a resize)."""
        self.show_topbar()
        if self.view is None:
            return
        self._stale = False
        # Before the first layout the screen has no size yet; it will have the terminal's.
        self._drawn_for = self.size if self.size.area else self.app.size
        palette = Palette.of(self.app)
        score = self.view.score
        title, facts, line = objective_summary(score, self.view.parent, palette)
        self.query_one("#title", Static).update(title)
        self.query_one("#facts", Static).update(facts)
        self.query_one("#score", Static).update(line)
        table = self.query_one("#krs", KRTable)
        self.key_results = score.key_results
        opened, self.opened = self.opened, None
        if opened is not None and opened.kr_id is not None:
            ids = [k.kr.id for k in score.key_results]
            if opened.kr_id in ids:
                table.move_cursor(row=ids.index(opened.kr_id))
                if opened.check_in:
                    self.call_after_refresh(self.action_check_in)
        empty = self.query_one("#empty", Static)
        has_krs = bool(score.key_results)
        table.display = has_krs
        empty.display = not has_krs
        for part in ("#chart", "#detail", "#history", "#initiatives"):
            self.query_one(part).display = has_krs
        if not has_krs:
            empty.update(Text(
                "No key results yet.\n\nPress a to add the first one: a number that tells "
                "whether this objective is met (\"acquire 20 new customers\", \"reduce "
                "response time from 40 to 28 min\").\nAim for 3 to "
                f"{self.view.max_key_results}."))
        else:
            if self.focused is None:
                table.focus()
            self.show_selected()

    def rows(self, view: ObjectiveData | None) -> dict[str, KRScore]:
        """The objective's key results, by id."""
        return {} if view is None else {k.kr.id: k for k in view.score.key_results}

    def selected_kr_id(self) -> str | None:
        """The key result under the table's cursor, whose check-ins and work are on show."""
        return chosen.kr.id if (chosen := self.selected()) is not None else None

    def show_row(self, chosen: KRScore | None) -> None:
        """Details, chart, check-ins and initiatives of the key result under the cursor."""
        assert self.view is not None
        detail = self.query_one("#detail", Static)
        chart = self.query_one("#chart", KRChart)
        period = Period.parse(self.view.score.objective.period)
        if chosen is None:
            detail.update("")
            chart.show(None, (), period, self.today)
            self.kr_history, self.kr_initiatives = (), ()
            return
        kr = chosen.kr
        facts = [fmt.kr_range(kr), f"now {fmt.kr_value(chosen)}",
                 f"owner {kr.owner or '—'}", f"weight {fmt.number(kr.weight)}"]
        if kr.due:
            facts.append(f"due {kr.due.isoformat()}")
        detail.update(record_details(kr.title, facts, self.view.sources.get(kr.id)))
        history = self.query_one("#history", CheckInHistory)
        # The history takes a few lines at 80x24 (the chart and the work need the rest)
        # and up to 9 on a taller terminal.
        history.max_lines = max(4, min(9, (self.size.height - 14) // 2))
        self.kr_history = self.view.history.get(kr.id, ())
        self.kr_initiatives = self.view.initiatives.get(kr.id, ())
        self.show_chart()

    def show_chart(self) -> None:
        """The selected key result's chart, the check-in under the history's cursor
        standing out while the history has the focus."""
        chosen = self.selected()
        if self.view is None or chosen is None:
            return
        period = Period.parse(self.view.score.objective.period)
        history = self.query_one("#history", CheckInHistory)
        marked = self.marked if self.focused is history else None
        self.query_one("#chart", KRChart).show(
            chosen.kr, self.view.checkins.get(chosen.kr.id, ()), period, self.today,
            marked=marked)

    @on(CheckInHistory.Highlighted)
    def _checkin_highlighted(self, message: CheckInHistory.Highlighted) -> None:
        if message.checkin_id != self.marked:
            self.marked = message.checkin_id
            if self.focused is message.control:
                self.show_chart()

    @on(events.DescendantFocus)
    @on(events.DescendantBlur)
    def _focus_moved(self) -> None:
        # Entering or leaving the history marks or unmarks its check-in on the chart.
        if self.view is not None and self.marked is not None:
            self.call_after_refresh(self.show_chart)

    # ---- actions ---------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Key-result actions need one under the cursor; while the check-ins or the
        initiatives have the focus, the keys are theirs (the footer shows the keys of the
        part with the focus, and they fit at 80 columns)."""
        if action in self.KR_TABLE_ACTIONS and isinstance(
                self.focused, CheckInHistory | InitiativeList):
            return action == "check_in" and isinstance(self.focused, CheckInHistory)
        return super().check_action(action, parameters)

    def action_check_in(self) -> None:
        """Check in on the selected key result."""
        self.open_selected()

    def open_row(self, kr_id: str) -> None:
        """Check in on the key result `kr_id` (chosen in the table: enter, a click)."""
        from okrtui.screens.checkin import CheckInScreen

        self.app.push_screen(CheckInScreen(kr_id))

    def action_edit_objective(self) -> None:
        """Edit this objective."""
        self.navigate(EditObjective(self.objective_id))

    @work(group=ASKING)
    async def action_delete_objective(self) -> None:
        """Delete this objective and its key results, after a confirmation."""
        if self.view is None:
            return
        if await self.confirm(objective_deletion(self.view.score), "Delete", danger=True):
            self.run_service(lambda: self.services.delete_objective(self.objective_id),
                             self.deleted, self.not_saved("Not saved"))
