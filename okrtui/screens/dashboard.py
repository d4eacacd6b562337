"""The start screen: this period's objectives by owner, with scores, status and KPIs."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.events import Resize
from textual.widgets import Footer, Input, OptionList, Static

from okrtui import keys
from okrtui.bindings import bindings
from okrtui.domain.records.periods import NoSuchPeriod, Period, current_period, step_period
from okrtui.domain.records.workspace import SCHEMA_VERSION, Workspace
from okrtui.domain.scoring.kpi import KpiView, kpi_view
from okrtui.domain.scoring.score import ObjectiveScore
from okrtui.domain.scoring.views import objective_scores
from okrtui.messages import EditObjective, OpenObjective
from okrtui.screens.base import OkrScreen, PaletteCommand
from okrtui.screens.confirm import ConfirmScreen
from okrtui.screens.legacy import Loaded, ServiceDone, ServiceFailed, ServiceMixin
from okrtui.widgets import format as fmt
from okrtui.widgets.kpi_strip import SPARK_WIDTH, KpiStrip
from okrtui.widgets.objective_list import ObjectiveList
from okrtui.widgets.topbar import TopBar, crumbs
from okrtui.widgets.visuals import Palette


@dataclass(frozen=True)
class DashboardData:
    """What the dashboard shows, built in a worker from one read of the workspace."""

    period: Period
    periods: tuple[str, ...]
    objectives: tuple[ObjectiveScore, ...]
    kpis: tuple[KpiView, ...]
    counts: tuple[tuple[str, int], ...]
    read_only: bool = False


def matches(text: str, *fields: str) -> bool:
    """Whether every word of the filter appears in one of the fields (case-insensitive)."""
    haystack = " ".join(fields).lower()
    return all(word in haystack for word in text.lower().split())


class DashboardScreen(ServiceMixin, OkrScreen[None]):
    """Objectives of one period grouped by owner, a KPI strip, a filter."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(keys.DASHBOARD)

    AUTO_FOCUS = "#objectives"

    def __init__(self) -> None:
        super().__init__()
        self.period: Period | None = None
        self.data: DashboardData | None = None
        self.filter_text = ""

    def compose(self) -> ComposeResult:
        yield TopBar(id="topbar")
        yield Static(id="news", classes="news")
        yield Input(placeholder="filter by title, owner or team (escape clears)",
                    id="filter", compact=True)
        yield ObjectiveList(id="objectives")
        yield Static(id="empty", classes="empty-state")
        yield KpiStrip(id="kpis")
        yield Footer()

    def on_mount(self) -> None:
        self.show_topbar()
        self.show_news()

    def show_news(self) -> None:
        """One line on what others changed since you last looked (hidden when nothing)."""
        news, looked = self.session.news.activities, self.session.news.looked
        line = self.query_one("#news", Static)
        line.display = bool(news) and looked is not None
        if not line.display or looked is None:
            return
        people = sorted({a.who or "someone" for a in news})
        who = ", ".join(people[:3]) + (f" +{len(people) - 3}" if len(people) > 3 else "")
        text = Text("★ ", style="bold")
        text.append(f"{len(news)} change{'s' if len(news) != 1 else ''} by ")
        text.append(who)
        text.append(f" since you last looked ({fmt.moment(looked)})")
        text.append(" · w", style="bold")
        line.update(text)

    def on_screen_resume(self) -> None:
        # Also the first load: a screen is resumed when it is first shown, and loading on
        # mount as well read the workspace twice at once, each read slowing the other.
        self.reload()

    @property
    def period_name(self) -> str | None:
        """The name of the period on show (None before the first load)."""
        return self.period.name if self.period else None

    # ---- loading ---------------------------------------------------------------------

    def reload(self) -> None:
        """Read the workspace again in a worker."""
        self.load()

    def build_view(self, ws: Workspace) -> DashboardData:
        """Scores of the period's objectives and the KPI strip (runs in a worker)."""
        names = ws.periods()
        period = self.period or current_period(names, self.today)
        objectives = objective_scores(ws, self.today, period=period.name)
        # The strip shows a sparkline of the last few values only.
        kpis = [kpi_view(ws, kpi, self.today, SPARK_WIDTH) for kpi in ws.kpis()]
        counts = tuple((n, len(ws.objectives(period=n))) for n in names)
        read_only = ws.schema > SCHEMA_VERSION
        return DashboardData(period, tuple(names), tuple(objectives), tuple(kpis), counts,
                             read_only)

    def on_loaded(self, message: Loaded[Any]) -> None:
        data: DashboardData = message.data
        if self.period is not None and data.period != self.period:
            return  # the period changed while this was read; another load is on its way
        self.period = data.period
        self.data = data
        self.render_data()

    def on_service_failed(self, message: ServiceFailed) -> None:
        self.notify(message.text, title="Cannot read the workspace"
                    if message.action == "load" else "Not saved", severity="error",
                    markup=False)

    def on_resize(self, event: Resize) -> None:
        self.render_data()

    # ---- showing ---------------------------------------------------------------------

    def show_topbar(self) -> None:
        """Breadcrumb with the period and how much of it is gone; user and mode right."""
        left = crumbs()
        if self.period is not None:
            p = self.period
            left.append("  ◀ ", style="dim")
            left.append(p.name, style="bold")
            left.append(" ▶", style="dim")
            span = f"{p.start:%b} {p.start.day} – {p.end:%b} {p.end.day}, {p.end.year}"
            left.append(f"  {span} · {p.elapsed(self.today):.0%} gone", style="dim")
        right = Text(self.services.user, no_wrap=True, end="")
        if self.session.demo:
            right.append(" · demo", style="bold")
        if self.data is not None and self.data.read_only:
            right.append(" · read-only", style="bold")
        self.query_one("#topbar", TopBar).show(left, right)

    def visible(self) -> tuple[list[ObjectiveScore], list[KpiView]]:
        """The objectives and KPIs that pass the filter."""
        assert self.data is not None
        if not self.filter_text.strip():
            return list(self.data.objectives), list(self.data.kpis)
        f = self.filter_text
        objectives = [s for s in self.data.objectives
                      if matches(f, s.objective.title, s.objective.owner, s.objective.team)]
        kpis = [v for v in self.data.kpis if matches(f, v.kpi.name, v.kpi.owner, v.kpi.team)]
        return objectives, kpis

    def render_data(self) -> None:
        """Show the loaded data (again, e.g. after a resize or a new filter)."""
        self.show_topbar()
        if self.data is None:
            return
        palette = Palette.of(self.app)
        objectives, kpis = self.visible()
        listing = self.query_one("#objectives", ObjectiveList)
        empty = self.query_one("#empty", Static)
        listing.show(objectives, palette, self.today, wide=self.size.width >= 100)
        listing.display = bool(objectives)
        empty.display = not objectives
        if not objectives:
            empty.update(self.empty_text())
        self.query_one("#kpis", KpiStrip).show(kpis, palette, self.size.width)
        if listing.display and self.focused is None:
            listing.focus()
        # The footer shows only what check_action allows, which follows the data.
        self.refresh_bindings()

    def empty_text(self) -> Text:
        """What to do next, when nothing is on show."""
        assert self.data is not None and self.period is not None
        text = Text()
        if self.filter_text.strip() and self.data.objectives:
            text.append("Nothing matches “")
            text.append(self.filter_text)
            text.append("”.\n\nPress escape to clear the filter.")
            return text
        others = [(n, c) for n, c in self.data.counts if c and n != self.period.name]
        if not self.data.periods:
            text.append("No objectives yet.\n\n", style="bold")
            text.append(
                f"Press n to add your first objective for {self.period.name}: what you want "
                "to achieve, in words that inspire.\nThen press a on it to add 3 to 5 key "
                "results: how you will know you got there, in numbers.\n\n"
                "From a shell: okrtui objective add \"TITLE\" --period "
                f"{self.period.name}\n"
                "Press ? for every key, ctrl+p for every command."
            )
        else:
            text.append(f"No objectives in {self.period.name}.\n\n", style="bold")
            text.append(f"Press n to add one for {self.period.name}")
            if others:
                listing = ", ".join(f"{n} has {c}" for n, c in others[:4])
                text.append(f", or [ and ] to change the period ({listing}).")
            else:
                text.append(".")
        return text

    # ---- actions ---------------------------------------------------------------------

    def selected_id(self) -> str | None:
        """The id of the highlighted objective, if the list shows one."""
        listing = self.query_one("#objectives", ObjectiveList)
        option = listing.highlighted_option
        return option.id if listing.display and option is not None else None

    def action_open(self) -> None:
        """Open the highlighted objective."""
        if (oid := self.selected_id()) is not None:
            self.navigate(OpenObjective(oid))

    @on(OptionList.OptionSelected, "#objectives")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.navigate(OpenObjective(event.option.id))

    def action_edit(self) -> None:
        """Edit the highlighted objective."""
        if (oid := self.selected_id()) is not None:
            self.navigate(EditObjective(oid))

    def action_delete(self) -> None:
        """Delete the highlighted objective and its key results, after a confirmation."""
        if (oid := self.selected_id()) is None or self.data is None:
            return
        score = next(s for s in self.data.objectives if s.objective.id == oid)
        question = Text("Delete the objective “")
        question.append(score.objective.title)
        question.append(f"” and its {len(score.key_results)} key result(s)?")

        def answered(yes: bool | None) -> None:
            if yes:
                self.call_service("delete_objective", self.services.delete_objective, oid)

        self.app.push_screen(ConfirmScreen(question, yes="Delete", danger=True), answered)

    def on_service_done(self, message: ServiceDone) -> None:
        if message.action == "delete_objective":
            self.notify(f"Deleted objective: {message.result.title}", title="Deleted",
                        markup=False)
        self.reload()

    def action_period(self, step: int) -> None:
        """Show the previous (-1) or next (1) period."""
        if self.period is None or self.data is None:
            return
        try:
            self.period = step_period(self.period, list(self.data.periods), step)
        except NoSuchPeriod as exc:  # the calendar ends at 9999-Q4
            self.notify(exc.message, severity="warning", markup=False)
            return
        self.data = replace(self.data, period=self.period, objectives=())
        self.show_topbar()
        self.reload()

    def show_period(self, name: str) -> None:
        """Show the period `name` (an objective the palette found may be in any)."""
        period = Period.parse(name)
        if period == self.period:
            return
        self.period = period
        if self.data is not None:
            self.data = replace(self.data, period=period, objectives=())
        self.show_topbar()
        self.reload()

    def action_filter(self) -> None:
        """Show the filter field and move the cursor into it."""
        field = self.query_one("#filter", Input)
        field.display = True
        field.focus()

    def action_clear_filter(self) -> None:
        """Clear and hide the filter."""
        field = self.query_one("#filter", Input)
        field.value = ""
        field.display = False
        self.filter_text = ""
        self.render_data()
        self.query_one("#objectives", ObjectiveList).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide "clear filter" when there is no filter; edit/delete need a selection."""
        if action == "clear_filter":
            return self.query_one("#filter", Input).display
        if action in ("open", "edit", "delete"):
            return self.selected_id() is not None
        return True

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.filter_text = event.value
        self.render_data()

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        listing = self.query_one("#objectives", ObjectiveList)
        if listing.display:
            listing.focus()

    def palette_commands(self) -> list[PaletteCommand]:
        """Commands for the palette: open any objective of the period, check in on any of
        its key results."""
        if self.data is None:
            return []
        out: list[PaletteCommand] = []
        for s in self.data.objectives:
            o = s.objective
            out.append(PaletteCommand(f"Open: {o.title}",
                                      f"{o.owner} · {s.score:.2f} · {s.word}",
                                      partial(self.open_objective, o.id)))
            for k in s.key_results:
                out.append(PaletteCommand(f"Check in: {k.kr.title}",
                                          f"{fmt.kr_value(k)} · {o.title}",
                                          partial(self.open_objective, o.id, kr_id=k.kr.id,
                                                  check_in=True)))
        return out

    def open_objective(self, objective_id: str, *, kr_id: str | None = None,
                       check_in: bool = False) -> None:
        """Open an objective (with a key result under the cursor, its check-in open)."""
        self.navigate(OpenObjective(objective_id, kr_id=kr_id, check_in=check_in))
