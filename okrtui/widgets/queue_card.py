"""The check-in queue's card: the key result on show, what it asks for and how it stood
at its last check-in, and a small chart of its check-ins against the ideal line."""

from __future__ import annotations

import datetime as dt

from rich.console import RenderableType
from rich.text import Text
from textual.reactive import var
from textual.widgets import Static

from okrtui.domain.records.periods import Period
from okrtui.domain.records.text import one_line
from okrtui.widgets import format as fmt
from okrtui.widgets.kr_chart import KRChart
from okrtui.widgets.queue_view import QueueItem
from okrtui.widgets.visuals import Palette, plain, rows, status_text


def due_words(item: QueueItem, today: dt.date) -> str:
    """Why the key result is in the queue: "due since Nov 15", "not due yet"."""
    due = item.entry.due
    if due is None:
        return "not due yet"
    if item.score.last_checkin is None:
        return "never checked in"
    days = due.days_overdue(today)
    return "due today" if days == 0 else f"due since {due.due_since:%b} {due.due_since.day}"


def last_words(item: QueueItem, today: dt.date) -> str:
    """The last check-in: "last 12/20 customers (60%), 9d ago, confidence 7/10"."""
    score = item.score
    if score.last_checkin is None:
        return "no check-in yet"
    return (f"last {fmt.kr_value(score)} ({fmt.percent(score.progress)}), "
            f"{fmt.age(score.last_checkin, today)}, confidence "
            f"{fmt.confidence(score.confidence)}")


def card_lines(item: QueueItem, today: dt.date, palette: Palette) -> list[Text]:
    """The card as lines: objective, key result, range and last check-in, last note."""
    objective = plain(item.objective.title, "dim")
    objective.append_text(plain(f" · {item.objective.owner or 'no owner'}", "dim"))
    title = plain(item.kr.title, "bold")
    facts = Text(no_wrap=True, end="")
    facts.append_text(status_text(item.score.status, palette))
    facts.append(f" · {due_words(item, today)} · {fmt.kr_range(item.kr)}", style="dim")
    last = plain(last_words(item, today), "dim")
    lines = [objective, title, facts, last]
    if item.entry.last_note:
        note = plain("“", "dim")
        note.append(one_line(item.entry.last_note, 300), style="dim italic")
        note.append("”", style="dim")
        lines.append(note)
    return lines


class QueueCard(Static):
    """The key result on show (`item`, None: nothing), in a few lines cut to the width."""

    DEFAULT_CSS = """
    QueueCard {
        height: auto;
        padding: 0 1;
    }
    """

    item: var[QueueItem | None] = var(None, always_update=True)
    """The key result on show."""

    def __init__(self, *, today: dt.date, id: str | None = None) -> None:
        super().__init__(id=id)
        self.today = today

    def render(self) -> RenderableType:
        if self.item is None:
            return Text("")
        return rows(*card_lines(self.item, self.today, Palette.of(self.app)))

    def watch_item(self) -> None:
        self.refresh(layout=True)


class QueueChart(KRChart):
    """The small chart of the key result on show: its check-ins against the ideal line."""

    DEFAULT_CSS = """
    QueueChart {
        height: 1fr;
        min-height: 5;
        max-height: 14;
    }
    """

    item: var[QueueItem | None] = var(None, always_update=True, init=False)
    """The key result to plot (None: a blank chart)."""

    def __init__(self, *, today: dt.date, id: str | None = None) -> None:
        super().__init__(id=id)
        self.today = today

    def watch_item(self, item: QueueItem | None) -> None:
        if item is None:
            self.show(None, (), Period.quarter_of(self.today), self.today)
            return
        self.show(item.kr, item.checkins, item.period, self.today)
