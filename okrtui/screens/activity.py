"""What's new: who changed what in the workspace, newest first, since you last looked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from okrtui import keys
from okrtui.bindings import bindings
from okrtui.domain.records.workspace import Workspace
from okrtui.domain.reporting.activity import Activity, activity_since
from okrtui.messages import OpenKpis, OpenObjective
from okrtui.screens.base import OkrScreen
from okrtui.screens.legacy import Loaded, ServiceFailed, ServiceMixin
from okrtui.widgets import format as fmt
from okrtui.widgets.topbar import TopBar, crumbs

SPAN_DAYS = 7
"""Changes of at least this many days are listed, even if you looked more recently."""


def listing_start(now: dt.datetime, looked: dt.datetime | None) -> dt.datetime:
    """Where the list starts: your last look, or a week ago if that is later."""
    week_ago = now - dt.timedelta(days=SPAN_DAYS)
    return week_ago if looked is None else min(looked, week_ago)


@dataclass(frozen=True)
class ActivityData:
    """The changes on show, and the moment after which they count as new."""

    activities: tuple[Activity, ...]
    since: dt.datetime
    looked: dt.datetime | None


class ActivityScreen(ServiceMixin, OkrScreen[None]):
    """Everyone's changes of the last week (and since you last looked); enter goes there."""

    AUTO_FOCUS = "#activity"
    BINDINGS: ClassVar[list[BindingType]] = bindings(keys.ACTIVITY)

    def __init__(self, looked: dt.datetime | None) -> None:
        super().__init__()
        self.looked = looked
        self.data: ActivityData | None = None

    def compose(self) -> ComposeResult:
        yield TopBar(id="topbar")
        yield Static(id="span", classes="activity-span")
        yield OptionList(id="activity")
        yield Static(id="empty", classes="empty-state")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#topbar", TopBar).show(crumbs("what's new"), Text(self.services.user))
        self.query_one("#empty", Static).display = False

    def on_screen_resume(self) -> None:
        # Also the first load: a screen is resumed when it is first shown.
        self.reload()

    def reload(self) -> None:
        """Read the workspace again in a worker."""
        self.load()

    def build_view(self, ws: Workspace) -> ActivityData:
        """Every change since the start of the listing, newest first (in a worker)."""
        since = listing_start(self.services.clock(), self.looked)
        found = activity_since(ws, since)
        return ActivityData(tuple(reversed(found)), since, self.looked)

    def on_loaded(self, message: Loaded[Any]) -> None:
        self.data = message.data
        self.render_data()

    def on_service_failed(self, message: ServiceFailed) -> None:
        self.notify(message.text, title="Cannot read the workspace", severity="error",
                    markup=False)

    def render_data(self) -> None:
        """One line per change: when, who, what; others' new ones starred."""
        assert self.data is not None
        data = self.data
        head = f"Since {fmt.moment(data.since)}, newest first"
        if data.looked is not None:
            head += " · ★ others' since your last look"
            if data.looked != data.since:
                head += f", {fmt.moment(data.looked)}"
        self.query_one("#span", Static).update(Text(head, style="dim"))
        listing = self.query_one("#activity", OptionList)
        options: list[Option | None] = []
        for index, item in enumerate(data.activities):
            new = (data.looked is not None and item.at > data.looked
                   and item.who != self.services.user)
            line = Text()
            line.append("★ " if new else "  ", style="bold")
            line.append(f"{fmt.moment(item.at):<13}", style="dim")
            line.append(item.sentence)
            line.stylize("bold", 15, 15 + len(item.who or "someone"))
            options.append(Option(line, id=str(index)))
        highlighted = listing.highlighted
        listing.set_options(options)
        if options:
            listing.highlighted = min(highlighted or 0, len(options) - 1)
        listing.display = bool(options)
        empty = self.query_one("#empty", Static)
        empty.display = not options
        empty.update(Text(f"No changes since {fmt.moment(data.since)}."))

    @on(OptionList.OptionSelected, "#activity")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.jump(event.option.id)

    def action_jump(self) -> None:
        """Go to the objective (and key result) the highlighted change is about."""
        option = self.query_one("#activity", OptionList).highlighted_option
        if option is not None:
            self.jump(option.id)

    def jump(self, option_id: str | None) -> None:
        """Open the objective of a change, or the KPIs for a KPI's change."""
        if self.data is None or option_id is None:
            return
        item = self.data.activities[int(option_id)]
        if item.objective_id is not None:
            self.navigate(OpenObjective(item.objective_id, kr_id=item.kr_id))
        elif item.table in ("kpis", "measurements"):
            self.navigate(OpenKpis())

