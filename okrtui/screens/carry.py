"""Carry over: what the unfinished objectives of a period take along to the next one.

First the dry run (what `okrtui carry PERIOD --dry-run` prints), then, on confirmation,
the drafts that were made; enter opens one. Every copy comes from the carry-over service.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import Static
from textual.widgets.option_list import Option

from okrtui import keys
from okrtui.bindings import bindings
from okrtui.domain.cycle.carryover import Carried
from okrtui.domain.plans import cycle as plans
from okrtui.domain.records.periods import next_period
from okrtui.domain.records.workspace import Workspace
from okrtui.messages import OpenObjective
from okrtui.screens.base import ASKING, ListScreen, OfPeriod, refusal_text
from okrtui.widgets.rows import carried_kr_line, carried_line
from okrtui.widgets.visuals import rows


@dataclass(frozen=True)
class CarryData:
    """The dry run, or the service's one-line refusal."""

    carried: tuple[Carried, ...]
    refusal: str = ""


class CarryScreen(OfPeriod, ListScreen[CarryData]):
    """Carry unfinished objectives over as drafts: the dry run, then the new drafts."""

    CRUMB = "carry over"
    LIST_ID = "carried"
    BINDINGS: ClassVar[list[BindingType]] = bindings(keys.CARRY)

    done: tuple[Carried, ...] | None = None
    """The drafts made, once carried (they stay on show)."""

    def __init__(self, period: str) -> None:
        super().__init__(period)
        self.to = next_period(period)
        """The period the drafts go into (there is none after 9999-Q4: then the screen
        does not open, and the warning says why)."""

    def compose_above(self) -> ComposeResult:
        yield Static(id="carry-heading")

    def reload_on_resume(self) -> bool:
        return self.done is None  # the drafts once made stay on show

    def build_view(self, ws: Workspace) -> CarryData:
        """The dry run, or why there is nothing to carry (in a worker)."""
        try:
            return CarryData(tuple(plans.plan_carry_over(ws, self.services.actor(),
                                                         self.period)))
        except Exception as exc:  # the service's refusal, as one line
            return CarryData((), refusal_text(exc))

    # ---- showing ---------------------------------------------------------------------------

    def options(self, view: CarryData) -> list[Option | None]:
        """The dry run, or the drafts made."""
        done = self.done is not None
        options: list[Option | None] = []
        for c in self.done if self.done is not None else view.carried:
            options.append(Option(carried_line(c, done), id=c.objective.id))
            options.extend(Option(carried_kr_line(k), id=f"k:{k.id}", disabled=done)
                           for k in c.key_results)
            options.extend(Option(carried_kr_line(k, stays=True), disabled=True)
                           for k in c.left_behind)
        return options

    def after_show(self, view: CarryData) -> None:
        """A heading that says whether this is the dry run or the drafts made."""
        carried = self.done if self.done is not None else view.carried
        heading = Text(no_wrap=True, overflow="ellipsis", end="")
        if self.done is not None:
            heading.append(f"New drafts in {self.to}. ", style="bold")
            heading.append("Enter opens one; o there activates it.", style="dim")
        elif carried:
            heading.append("Dry run. ", style="bold")
            heading.append(f"shift+c copies {len(carried)} unfinished objective"
                           f"{'s' if len(carried) != 1 else ''} to {self.to} as drafts.",
                           style="dim")
        self.query_one("#carry-heading", Static).update(rows(heading))

    def empty_text(self, view: CarryData) -> Text:
        return Text(f"Nothing to carry over: {view.refusal}")

    # ---- actions ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Carrying needs a dry run with something in it; opening needs the drafts made."""
        if action == "commit":
            return (self.done is None and not self.saving and self.view is not None
                    and bool(self.view.carried))
        if action == "open_item":
            return self.done is not None
        return True

    @work(group=ASKING)
    async def action_commit(self) -> None:
        """Carry over, after a confirmation."""
        if self.view is None or not self.view.carried or self.done is not None:
            return
        count = len(self.view.carried)
        question = Text(f"Copy {count} unfinished objective{'s' if count != 1 else ''} of "
                        f"{self.period} to {self.to} as drafts, with the key results not "
                        "reached and without check-ins?")
        if await self.confirm(question, "Carry over"):
            self.run_save(lambda: self.services.carry_over(self.period, to=self.to),
                          self.carried, self.not_carried)

    def carried(self, drafts: list[Carried]) -> None:
        """The drafts are made: show them instead of the dry run."""
        self.done = tuple(drafts)
        count = len(self.done)
        self.notify(f"{count} draft{'s' if count != 1 else ''} made in {self.to}",
                    title="Carried over", markup=False)
        if self.view is not None:
            self.show_view(self.view)
        self.refresh_bindings()

    def not_carried(self, error: Exception, text: str) -> None:
        """Say why, and preview again."""
        self.notify(text, title="Not carried", severity="error", markup=False)
        self.reload()

    def open_item(self, option_id: str | None) -> None:
        """Open a draft that was made."""
        if self.done is not None and option_id and not option_id.startswith("k:"):
            self.navigate(OpenObjective(option_id))
