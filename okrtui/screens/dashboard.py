"""The start screen: this period's objectives by owner, with scores, status and KPIs."""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.events import Resize
from textual.reactive import var
from textual.widgets import Input, Static

from okrtui import keys
from okrtui.bindings import bindings
from okrtui.domain.records.models import Objective
from okrtui.domain.records.periods import NoSuchPeriod, Period, step_period
from okrtui.domain.scoring.kpi import KpiView
from okrtui.domain.scoring.score import ObjectiveScore
from okrtui.messages import EditObjective, OpenCheckInQueue, OpenDashboard, OpenObjective
from okrtui.screens.base import ASKING, Opening, PaletteCommand
from okrtui.screens.dashboard_load import DashboardData, DashboardLoading
from okrtui.widgets import format as fmt
from okrtui.widgets.kpi_strip import KpiStrip
from okrtui.widgets.objective_list import ObjectiveList
from okrtui.widgets.rows import objective_deletion
from okrtui.widgets.topbar import TopBar, crumbs


def matches(text: str, *fields: str) -> bool:
    """Whether every word of the filter appears in one of the fields (case-insensitive)."""
    haystack = " ".join(fields).lower()
    return all(word in haystack for word in text.lower().split())


class DashboardScreen(DashboardLoading):
    """Objectives of one period grouped by owner, a KPI strip, a filter."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(keys.DASHBOARD)
    SELECTION_ACTIONS = frozenset({"open", "edit", "delete"})

    AUTO_FOCUS = "#objectives"

    objectives: var[tuple[ObjectiveScore, ...]] = var((), always_update=True, init=False)
    """The objectives that pass the filter, bound down to the list."""
    kpis: var[tuple[KpiView, ...]] = var((), always_update=True, init=False)
    """The KPIs that pass the filter, bound down to the strip."""
    kpis_unseen: var[int] = var(0, init=False)
    """KPIs the strip counts but has no view of yet (the first screenful's)."""

    def __init__(self) -> None:
        super().__init__()
        self.filter_text = ""

    @classmethod
    def from_message(cls, message: OpenDashboard, opening: Opening) -> DashboardScreen:
        """The dashboard (over the error screen, once the file reads)."""
        return cls()

    def compose_body(self) -> ComposeResult:
        yield Static(id="news", classes="news")
        yield Input(placeholder="filter by title, owner or team (escape clears)",
                    id="filter", compact=True)
        yield ObjectiveList(id="objectives", today=self.today).data_bind(
            scores=DashboardScreen.objectives)
        yield self.empty_state()
        yield KpiStrip(id="kpis").data_bind(unseen=DashboardScreen.kpis_unseen,
                                            views=DashboardScreen.kpis)

    def on_mount(self) -> None:
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

    @property
    def period_name(self) -> str | None:
        """The name of the period on show (None before the first load)."""
        return self.period.name if self.period else None

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
        if self.view is not None and self.view.read_only:
            right.append(" · read-only", style="bold")
        self.query_one("#topbar", TopBar).show(left, right)

    def visible(self) -> tuple[list[ObjectiveScore], list[KpiView]]:
        """The objectives and KPIs that pass the filter."""
        assert self.view is not None
        if not self.filter_text.strip():
            return list(self.view.objectives), list(self.view.kpis)
        f = self.filter_text
        objectives = [s for s in self.view.objectives
                      if matches(f, s.objective.title, s.objective.owner, s.objective.team)]
        kpis = [v for v in self.view.kpis if matches(f, v.kpi.name, v.kpi.owner, v.kpi.team)]
        return objectives, kpis

    def show_view(self, view: DashboardData) -> None:
        self.render_data()

    def render_data(self) -> None:
        """Show the loaded data (again, e.g. after a resize or a new filter)."""
        self.show_topbar()
        if self.view is None:
            return
        objectives, kpis = self.visible()
        listing = self.query_one("#objectives", ObjectiveList)
        self.objectives = tuple(objectives)
        listing.display = bool(objectives)
        self.show_empty(None if objectives else self.empty_text())
        # Not yet viewed (the first screenful's), unless a filter is on: it says more anyway.
        self.kpis_unseen = 0 if self.filter_text.strip() else \
            self.view.kpi_count - len(self.view.kpis)
        self.kpis = tuple(kpis)
        if listing.display and self.focused is None:
            listing.focus()
        # The footer shows only what check_action allows, which follows the data.
        self.refresh_bindings()

    def empty_text(self) -> Text:
        """What to do next, when nothing is on show."""
        assert self.view is not None and self.period is not None
        text = Text()
        if self.filter_text.strip() and self.view.objectives:
            text.append("Nothing matches “")
            text.append(self.filter_text)
            text.append("”.\n\nPress escape to clear the filter.")
            return text
        others = [(n, c) for n, c in self.view.counts if c and n != self.period.name]
        if not self.view.periods:
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

    @on(ObjectiveList.OpenRequested)
    def _open(self, message: ObjectiveList.OpenRequested) -> None:
        self.navigate(OpenObjective(message.objective_id))

    def action_check_in_queue(self) -> None:
        """My check-ins: my key results of the period on show, due ones first."""
        self.navigate(OpenCheckInQueue())

    def action_edit(self) -> None:
        """Edit the highlighted objective."""
        if (oid := self.selected_id()) is not None:
            self.navigate(EditObjective(oid))

    @work(group=ASKING)
    async def action_delete(self) -> None:
        """Delete the highlighted objective and its key results, after a confirmation."""
        if (oid := self.selected_id()) is None or self.view is None:
            return
        score = next(s for s in self.view.objectives if s.objective.id == oid)
        if await self.confirm(objective_deletion(score), "Delete", danger=True):
            self.run_service(lambda: self.services.delete_objective(oid), self.deleted,
                             self.not_saved("Not saved"))

    def deleted(self, objective: Objective) -> None:
        """Say what was deleted, and read again."""
        self.notify(f"Deleted objective: {objective.title}", title="Deleted", markup=False)
        self.reload()

    def action_period(self, step: int) -> None:
        """Show the previous (-1) or next (1) period."""
        if self.period is None or self.view is None:
            return
        try:
            self.period = step_period(self.period, list(self.view.periods), step)
        except NoSuchPeriod as exc:  # the calendar ends at 9999-Q4
            self.notify(exc.message, severity="warning", markup=False)
            return
        self.view = replace(self.view, period=self.period, objectives=())
        self.show_topbar()
        self.reload()

    def show_period(self, name: str) -> None:
        """Show the period `name` (an objective the palette found may be in any)."""
        period = Period.parse(name)
        if period == self.period:
            return
        self.period = period
        if self.view is not None:
            self.view = replace(self.view, period=period, objectives=())
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

    def has_selection(self) -> bool:
        return self.selected_id() is not None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide "clear filter" when there is no filter."""
        if action == "clear_filter":
            return self.query_one("#filter", Input).display
        return super().check_action(action, parameters)

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
        if self.view is None:
            return []
        out: list[PaletteCommand] = []
        for s in self.view.objectives:
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
