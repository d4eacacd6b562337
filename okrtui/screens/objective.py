"""One objective: its key results in a table, and a chart of the selected one."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.events import Resize
from textual.widgets import DataTable, Footer, Static

from okrtui import keys
from okrtui.bindings import bindings
from okrtui.domain.records.errors import NotFound
from okrtui.domain.records.models import CheckIn, Objective
from okrtui.domain.records.periods import Period
from okrtui.domain.records.text import one_line
from okrtui.domain.records.workspace import Workspace
from okrtui.domain.scoring.score import KRScore, ObjectiveScore
from okrtui.domain.scoring.views import objective_score
from okrtui.messages import EditObjective
from okrtui.screens.base import OkrScreen, source_lines
from okrtui.screens.confirm import ConfirmScreen
from okrtui.screens.legacy import Loaded, ServiceDone, ServiceFailed, ServiceMixin
from okrtui.widgets import format as fmt
from okrtui.widgets.kr_chart import KRChart
from okrtui.widgets.kr_table import KRTable
from okrtui.widgets.topbar import TopBar, crumbs
from okrtui.widgets.visuals import Palette, plain, score_bar, status_text


@dataclass(frozen=True)
class ObjectiveData:
    """What the objective screen shows, built in a worker from one read."""

    score: ObjectiveScore
    checkins: dict[str, tuple[CheckIn, ...]]
    parent: Objective | None
    max_key_results: int
    sources: dict[str, str] = field(default_factory=dict)  # kr id -> its source, in words


class ObjectiveScreen(ServiceMixin, OkrScreen[None]):
    """An objective's key results: check in, add, edit, delete, reorder; a chart."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(keys.OBJECTIVE)

    AUTO_FOCUS = "#krs"

    def __init__(self, objective_id: str, *, kr_id: str | None = None,
                 check_in: bool = False) -> None:
        super().__init__()
        self.objective_id = objective_id
        self.initial_kr = kr_id
        self.initial_check_in = check_in
        self.data: ObjectiveData | None = None
        self.gone = False

    def compose(self) -> ComposeResult:
        yield TopBar(id="topbar")
        yield Static(id="title", classes="objective-title")
        yield Static(id="facts", classes="objective-facts")
        yield Static(id="score", classes="objective-score")
        yield KRTable(id="krs")
        yield Static(id="empty", classes="empty-state")
        yield Static(id="detail")
        chart = KRChart(id="chart")
        chart.display = False  # until there is a key result to plot: an empty plot costs
        yield chart
        yield Footer()

    def on_screen_resume(self) -> None:
        # Also the first load: a screen is resumed when it is first shown (loading on mount
        # as well built the screen's data twice).
        self.reload()

    def reload(self) -> None:
        """Read the workspace again in a worker."""
        self.load()

    @property
    def period_name(self) -> str | None:
        """The objective's period (new objectives from here go into it)."""
        return self.data.score.objective.period if self.data else None

    # ---- loading ---------------------------------------------------------------------

    def build_view(self, ws: Workspace) -> ObjectiveData | None:
        """The objective's score, its key results' check-ins, its parent (in a worker)."""
        try:
            objective = ws.objective(self.objective_id)
        except NotFound:
            return None  # gone from the file (a restore, a teammate's hand edit)
        if objective.deleted:
            return None
        score = objective_score(ws, objective, self.today)
        checkins = {k.kr.id: tuple(ws.checkins(k.kr.id)) for k in score.key_results}
        parent = None
        if objective.parent_id:
            raw = ws.raw("objectives", objective.parent_id)
            if raw is not None and not raw.get("deleted_at"):
                parent = ws.objective(objective.parent_id)
        return ObjectiveData(score, checkins, parent, ws.settings.max_key_results,
                             source_lines(self.services, "key_results"))

    def on_loaded(self, message: Loaded[Any]) -> None:
        if message.data is None:
            if not self.gone:
                self.gone = True
                self.notify("This objective was deleted.", severity="warning")
                self.dismiss_screen()
            return
        self.data = message.data
        self.render_data()

    def dismiss_screen(self) -> None:
        """Go back to the dashboard."""
        if self.is_current:
            self.app.pop_screen()

    def on_service_failed(self, message: ServiceFailed) -> None:
        title = "Cannot read the workspace" if message.action == "load" else "Not saved"
        self.notify(message.text, title=title, severity="error", markup=False)

    def on_service_done(self, message: ServiceDone) -> None:
        if message.action == "delete_kr":
            self.notify(f"Deleted key result: {message.result.title}", title="Deleted",
                        markup=False)
        elif message.action == "delete_objective":
            self.notify(f"Deleted objective: {message.result.title}", title="Deleted",
                        markup=False)
            self.gone = True
            self.dismiss_screen()
            return
        self.reload()

    def on_resize(self, event: Resize) -> None:
        self.render_data()

    # ---- showing ---------------------------------------------------------------------

    def render_data(self) -> None:
        """Show the loaded objective (again after a resize)."""
        if self.data is None:
            self.query_one("#topbar", TopBar).show(crumbs())
            return
        palette = Palette.of(self.app)
        score = self.data.score
        o = score.objective
        self.query_one("#topbar", TopBar).show(crumbs(o.period, o.owner or "no owner"),
                                               Text(self.services.user))
        title, facts, line = self.summary(score, palette)
        self.query_one("#title", Static).update(title)
        self.query_one("#facts", Static).update(facts)
        self.query_one("#score", Static).update(line)
        table = self.query_one("#krs", KRTable)
        table.show(score.key_results, self.today, palette)
        if self.initial_kr is not None:
            ids = [k.kr.id for k in score.key_results]
            if self.initial_kr in ids:
                table.move_cursor(row=ids.index(self.initial_kr))
                if self.initial_check_in:
                    self.call_after_refresh(self.action_check_in)
            self.initial_kr = None
        empty = self.query_one("#empty", Static)
        has_krs = bool(score.key_results)
        table.display = has_krs
        empty.display = not has_krs
        self.query_one("#chart", KRChart).display = has_krs
        self.query_one("#detail", Static).display = has_krs
        if not has_krs:
            empty.update(Text(
                "No key results yet.\n\nPress a to add the first one: a number that tells "
                "whether this objective is met (\"acquire 20 new customers\", \"reduce "
                "response time from 40 to 28 min\").\nAim for 3 to "
                f"{self.data.max_key_results}."))
        else:
            if self.focused is None:
                table.focus()
            self.show_selected()

    def summary(self, score: ObjectiveScore, palette: Palette) -> tuple[Text, Text, Text]:
        """Title, then owner, team, level, ambition; then the score bar and status."""
        o = score.objective
        title = Text(o.title, style="bold", end="")
        facts = [o.owner or "no owner", o.team, o.level,
                 "committed" if o.committed else "aspirational", o.period, o.status]
        about = plain(" · ".join(f for f in facts if f), "dim")
        if self.data is not None and self.data.parent is not None:
            about.append(" · aligned to ", style="dim")
            about.append(self.data.parent.title, style="dim italic")
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        text.append_text(score_bar(score.score, 20, score.rag, palette))
        text.append(f" {score.score:.2f}  ")
        text.append_text(status_text(score, palette))
        if score.verdict:
            text.append(f"  {score.verdict}", style="dim")
        count = len(score.key_results)
        text.append(f"  · {count} key result{'s' if count != 1 else ''}", style="dim")
        return title, about, text

    def selected(self) -> KRScore | None:
        """The key result under the table's cursor."""
        if self.data is None:
            return None
        kid = self.query_one("#krs", KRTable).selected_id()
        return next((k for k in self.data.score.key_results if k.kr.id == kid), None)

    def show_selected(self) -> None:
        """Details and chart of the key result under the cursor."""
        # The footer shows only the actions check_action allows, and those follow
        # the selection: without this it keeps whatever it read first.
        self.refresh_bindings()
        assert self.data is not None
        chosen = self.selected()
        detail = self.query_one("#detail", Static)
        chart = self.query_one("#chart", KRChart)
        period = Period.parse(self.data.score.objective.period)
        if chosen is None:
            detail.update("")
            chart.show(None, (), period, self.today)
            return
        kr = chosen.kr
        text = plain(kr.title, "bold")
        text.append("\n")
        facts = [fmt.kr_range(kr), f"now {fmt.kr_value(chosen)}",
                 f"owner {kr.owner or '—'}", f"weight {fmt.number(kr.weight)}"]
        if kr.due:
            facts.append(f"due {kr.due.isoformat()}")
        text.append(" · ".join(facts), style="dim")
        if kr.id in self.data.sources:
            text.append("\n" + self.data.sources[kr.id], style="dim")
        checkins = self.data.checkins.get(kr.id, ())
        if checkins and checkins[-1].note:
            text.append("\n“", style="dim")
            text.append(one_line(checkins[-1].note, 300), style="dim italic")
            text.append(f"” — {checkins[-1].author}", style="dim")
        detail.update(text)
        chart.show(kr, checkins, period, self.today)

    @on(DataTable.RowHighlighted, "#krs")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self.data is not None:
            self.show_selected()

    @on(DataTable.RowSelected, "#krs")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_check_in()

    # ---- actions ---------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Key-result actions need a selected key result."""
        if action in ("check_in", "edit_kr", "delete_kr", "move_kr", "move_kr_to",
                      "kr_to_kpi"):
            return self.selected() is not None
        return True

    def action_check_in(self) -> None:
        """Check in on the selected key result."""
        from okrtui.screens.checkin import CheckInScreen

        if (chosen := self.selected()) is not None:
            self.app.push_screen(CheckInScreen(chosen.kr.id))

    def action_add_kr(self) -> None:
        """Add a key result to this objective."""
        from okrtui.screens.kr_form import KeyResultFormScreen

        self.app.push_screen(KeyResultFormScreen(self.objective_id))

    def action_edit_kr(self) -> None:
        """Edit the selected key result."""
        from okrtui.screens.kr_form import KeyResultFormScreen

        if (chosen := self.selected()) is not None:
            self.app.push_screen(KeyResultFormScreen(self.objective_id, chosen.kr.id))

    def action_delete_kr(self) -> None:
        """Delete the selected key result, after a confirmation."""
        if (chosen := self.selected()) is None:
            return
        kid = chosen.kr.id
        question = Text("Delete the key result “")
        question.append(chosen.kr.title)
        question.append(f"” and hide its {chosen.checkins} check-in(s)?")

        def answered(yes: bool | None) -> None:
            if yes:
                self.call_service("delete_kr", self.services.delete_key_result, kid)

        self.app.push_screen(ConfirmScreen(question, yes="Delete", danger=True), answered)

    def action_move_kr(self, offset: int) -> None:
        """Move the selected key result up (-1) or down (1)."""
        if (chosen := self.selected()) is not None:
            self.call_service("move_kr", self.services.move_key_result, chosen.kr.id, offset)

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

    def action_edit_objective(self) -> None:
        """Edit this objective."""
        self.navigate(EditObjective(self.objective_id))

    def action_delete_objective(self) -> None:
        """Delete this objective and its key results, after a confirmation."""
        if self.data is None:
            return
        o = self.data.score.objective
        question = Text("Delete the objective “")
        question.append(o.title)
        question.append(f"” and its {len(self.data.score.key_results)} key result(s)?")

        def answered(yes: bool | None) -> None:
            if yes:
                self.call_service("delete_objective", self.services.delete_objective,
                                  self.objective_id)

        self.app.push_screen(ConfirmScreen(question, yes="Delete", danger=True), answered)
