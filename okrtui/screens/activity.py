"""What's new: who changed what in the workspace, newest first, since you last looked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import Static
from textual.widgets.option_list import Option

from okrtui import keys
from okrtui.bindings import bindings
from okrtui.domain.records.workspace import Workspace
from okrtui.domain.reporting.activity import Activity, activity_since
from okrtui.messages import OpenActivity, OpenKpis, OpenObjective
from okrtui.screens.base import ListScreen, Opening
from okrtui.widgets import format as fmt
from okrtui.widgets.rows import change_line
from okrtui.widgets.topbar import crumbs

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


class ActivityScreen(ListScreen[ActivityData]):
    """Everyone's changes of the last week (and since you last looked); enter goes there."""

    LIST_ID = "activity"
    BINDINGS: ClassVar[list[BindingType]] = bindings(keys.ACTIVITY)

    def __init__(self, looked: dt.datetime | None) -> None:
        super().__init__()
        self.looked = looked

    @classmethod
    def from_message(cls, message: OpenActivity, opening: Opening) -> ActivityScreen:
        """The changes since this user last looked."""
        return cls(opening.session.news.looked)

    def compose_above(self) -> ComposeResult:
        yield Static(id="span", classes="activity-span")

    def crumbs(self) -> Text:
        return crumbs("what's new")

    def build_view(self, ws: Workspace) -> ActivityData:
        """Every change since the start of the listing, newest first (in a worker)."""
        since = listing_start(self.services.clock(), self.looked)
        found = activity_since(ws, since)
        return ActivityData(tuple(reversed(found)), since, self.looked)

    def options(self, view: ActivityData) -> list[Option | None]:
        """One line per change: when, who, what; others' new ones starred."""
        user = self.services.user
        return [Option(change_line(item, view.looked is not None and item.at > view.looked
                                   and item.who != user), id=str(index))
                for index, item in enumerate(view.activities)]

    def highlight(self, options: list[Option | None], before: int | None,
                  before_id: str | None) -> int | None:
        return min(before or 0, len(options) - 1) if options else None

    def after_show(self, view: ActivityData) -> None:
        head = f"Since {fmt.moment(view.since)}, newest first"
        if view.looked is not None:
            head += " · ★ others' since your last look"
            if view.looked != view.since:
                head += f", {fmt.moment(view.looked)}"
        self.query_one("#span", Static).update(Text(head, style="dim"))

    def empty_text(self, view: ActivityData) -> Text:
        return Text(f"No changes since {fmt.moment(view.since)}.")

    def open_item(self, option_id: str | None) -> None:
        """Open the objective of a change, or the KPIs for a KPI's change."""
        if self.view is None or option_id is None:
            return
        item = self.view.activities[int(option_id)]
        if item.objective_id is not None:
            self.navigate(OpenObjective(item.objective_id, kr_id=item.kr_id))
        elif item.table in ("kpis", "measurements"):
            self.navigate(OpenKpis())
