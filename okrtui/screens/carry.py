"""Carry over: what the unfinished objectives of a period take along to the next one.

First the dry run (what `okrtui carry PERIOD --dry-run` prints), then, on confirmation,
the drafts that were made; enter opens one. Every copy comes from the carry-over service.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from okrtui import keys
from okrtui.bindings import bindings
from okrtui.domain.cycle.carryover import Carried
from okrtui.domain.plans import cycle as plans
from okrtui.domain.records.models import KeyResult
from okrtui.domain.records.periods import next_period
from okrtui.domain.records.workspace import Workspace
from okrtui.messages import OpenObjective
from okrtui.screens.base import OkrScreen, refusal_text
from okrtui.screens.confirm import ConfirmScreen
from okrtui.screens.legacy import Loaded, ServiceDone, ServiceFailed, ServiceMixin
from okrtui.widgets import format as fmt
from okrtui.widgets.topbar import TopBar, crumbs
from okrtui.widgets.visuals import rows


@dataclass(frozen=True)
class CarryData:
    """The dry run, or the service's one-line refusal."""

    carried: tuple[Carried, ...]
    refusal: str = ""


def kr_line(kr: KeyResult, *, stays: bool = False) -> Table:
    """"   title  from 12 to 50 customers" (plain user text, one line)."""
    text = Text("   ", no_wrap=True, overflow="ellipsis", end="")
    if stays:
        text.append("✔ stays (reached): ", style="dim")
        text.append(kr.title, style="dim")
        return rows(text)
    text.append("→ ")
    text.append(kr.title)
    text.append(f"  {fmt.kr_range(kr)}", style="dim")
    return rows(text)


def objective_line(c: Carried, done: bool) -> Table:
    """"draft in 2027-Q1: title  (2 key results go, 1 stays)"."""
    text = Text(no_wrap=True, overflow="ellipsis", end="")
    if done:
        text.append(f"{c.objective.id[:8]} ", style="dim")
    text.append(f"draft in {c.objective.period}: ", style="bold")
    text.append(c.objective.title, style="bold")
    go, stay = len(c.key_results), len(c.left_behind)
    text.append(f"  ({go} KR{'s' if go != 1 else ''} {'went' if done else 'go'}, "
                f"{stay} reached)", style="dim")
    return rows(text)


class CarryScreen(ServiceMixin, OkrScreen[None]):
    """Carry unfinished objectives over as drafts: the dry run, then the new drafts."""

    AUTO_FOCUS = "#carried"
    BINDINGS: ClassVar[list[BindingType]] = bindings(keys.CARRY)

    def __init__(self, period: str) -> None:
        super().__init__()
        self.period = period
        self.to = next_period(period)
        self.data: CarryData | None = None
        self.done: tuple[Carried, ...] | None = None
        self.saving = False

    def compose(self) -> ComposeResult:
        yield TopBar(id="topbar")
        yield Static(id="carry-heading")
        yield OptionList(id="carried")
        yield Static(id="empty", classes="empty-state")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#topbar", TopBar).show(crumbs(self.period, "carry over"),
                                               Text(self.services.user))
        self.query_one("#empty", Static).display = False

    def on_screen_resume(self) -> None:
        # Also the first load: a screen is resumed when it is first shown.
        if self.done is None:
            self.reload()

    def reload(self) -> None:
        """Preview the carry-over again in a worker (the drafts once made stay on show)."""
        self.load()

    @property
    def period_name(self) -> str:
        """The period whose objectives are carried."""
        return self.period

    def build_view(self, ws: Workspace) -> CarryData:
        """The dry run, or why there is nothing to carry (in a worker)."""
        try:
            return CarryData(tuple(plans.plan_carry_over(ws, self.services.actor(),
                                                         self.period)))
        except Exception as exc:  # the service's refusal, as one line
            return CarryData((), refusal_text(exc))

    def on_loaded(self, message: Loaded[Any]) -> None:
        self.data = message.data
        self.render_data()

    def on_service_failed(self, message: ServiceFailed) -> None:
        self.saving = False
        title = "Cannot read the workspace" if message.action == "load" else "Not carried"
        self.notify(message.text, title=title, severity="error", markup=False)
        self.reload()

    def on_service_done(self, message: ServiceDone) -> None:
        self.saving = False
        self.done = tuple(message.result)
        count = len(self.done)
        self.notify(f"{count} draft{'s' if count != 1 else ''} made in {self.to}",
                    title="Carried over", markup=False)
        self.render_data()
        self.refresh_bindings()

    def render_data(self) -> None:
        """The dry run, or the drafts made; a heading that says which."""
        if self.data is None:
            return
        done = self.done is not None
        carried = self.done if self.done is not None else self.data.carried
        heading = Text(no_wrap=True, overflow="ellipsis", end="")
        if done:
            heading.append(f"New drafts in {self.to}. ", style="bold")
            heading.append("Enter opens one; o there activates it.", style="dim")
        elif carried:
            heading.append("Dry run. ", style="bold")
            heading.append(f"shift+c copies {len(carried)} unfinished objective"
                           f"{'s' if len(carried) != 1 else ''} to {self.to} as drafts.",
                           style="dim")
        self.query_one("#carry-heading", Static).update(rows(heading))
        options: list[Option] = []
        for c in carried:
            options.append(Option(objective_line(c, done), id=c.objective.id))
            options.extend(Option(kr_line(k), id=f"k:{k.id}", disabled=done)
                           for k in c.key_results)
            options.extend(Option(kr_line(k, stays=True), disabled=True)
                           for k in c.left_behind)
        listing = self.query_one("#carried", OptionList)
        listing.set_options(options)
        if options:
            listing.highlighted = 0
        listing.display = bool(options)
        empty = self.query_one("#empty", Static)
        empty.display = not options
        empty.update(Text(f"Nothing to carry over: {self.data.refusal}"))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Carrying needs a dry run with something in it; opening needs the drafts made."""
        if action == "commit":
            return (self.done is None and not self.saving and self.data is not None
                    and bool(self.data.carried))
        if action == "open":
            return self.done is not None
        return True

    def action_commit(self) -> None:
        """Carry over, after a confirmation."""
        if self.data is None or not self.data.carried or self.done is not None:
            return
        count = len(self.data.carried)
        question = Text(f"Copy {count} unfinished objective{'s' if count != 1 else ''} of "
                        f"{self.period} to {self.to} as drafts, with the key results not "
                        "reached and without check-ins?")

        def answered(yes: bool | None) -> None:
            if yes:
                self.saving = True
                self.call_service("carry", self.services.carry_over, self.period,
                                  to=self.to)

        self.app.push_screen(ConfirmScreen(question, yes="Carry over"), answered)

    def action_open(self) -> None:
        """Open the highlighted draft."""
        option = self.query_one("#carried", OptionList).highlighted_option
        if self.done is not None and option is not None and option.id \
                and not option.id.startswith("k:"):
            self.navigate(OpenObjective(option.id))

    @on(OptionList.OptionSelected, "#carried")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open()
