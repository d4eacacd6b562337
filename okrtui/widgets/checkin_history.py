"""The check-ins of the selected key result, newest first: when, who, value, confidence,
note. A mistaken one is corrected (`e`, enter) or removed (`d`) from here."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.binding import BindingType
from textual.reactive import var
from textual.widgets import DataTable

from okrtui import keys
from okrtui.bindings import bindings
from okrtui.domain.records.text import one_line
from okrtui.domain.reporting.history import HistoryRow
from okrtui.widgets import format as fmt
from okrtui.widgets.chosen import Chosen, WidgetMessage
from okrtui.widgets.record_table import RecordTable
from okrtui.widgets.visuals import plain

# column key, label, width (None: the note takes what is left)
COLUMNS: tuple[tuple[str, str, int | None], ...] = (
    ("when", "When", 7),
    ("who", "Who", 8),
    ("value", "Value", 14),
    ("confidence", "Conf", 4),
    ("note", "Note", None),
)
WIDE = 110
"""From this width on, "When" also says the time of day."""
EDITED = "✎"
"""After the day of a check-in that was corrected since it was made."""


class CheckInChosen(Chosen):
    """A check-in the person chose in the history, for something to do with it."""

    @property
    def checkin_id(self) -> str:
        """The check-in's id."""
        return self.record_id


class CheckInHistory(RecordTable):
    """A key result's check-ins (`checkins`, newest first), one row each keyed by the
    check-in's id. It posts `EditRequested` (e, enter) and `RemoveRequested` (d) for the
    check-in under the cursor, and `Highlighted` when the cursor moves to another."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(keys.CHECKIN_HISTORY)

    DEFAULT_CSS = """
    CheckInHistory {
        border-top: solid $panel-lighten-2;
        border-title-align: left;
        border-title-color: $text-muted;
    }
    CheckInHistory:focus {
        border-top: solid $accent;
        border-title-color: $text;
    }
    """

    checkins: var[tuple[HistoryRow, ...]] = var((), always_update=True, init=False)
    """The check-ins on show, newest first (a new tuple shows them again)."""

    class EditRequested(CheckInChosen):
        """The person wants to correct a check-in."""

    class RemoveRequested(CheckInChosen):
        """The person wants to remove a mistaken check-in."""

    class Highlighted(WidgetMessage):
        """The cursor is on another check-in (None: there are none)."""

        def __init__(self, history: CheckInHistory, checkin_id: str | None) -> None:
            super().__init__(history)
            self.checkin_id = checkin_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=False, show_cursor=True)
        self.max_lines = self.MAX_HEIGHT
        """Lines the history takes at most, its border and header included."""

    def columns_for(self, width: int) -> list[tuple[str, str, int]]:
        """Column keys, labels and widths that fit `width` cells."""
        wide = width >= WIDE
        cols = [(k, label, (12 if wide else w) if k == "when" else w)
                for k, label, w in COLUMNS]
        fixed = sum(w for _, _, w in cols if w is not None)
        padding = 2 * self.cell_padding * len(cols) + 2
        note = max(8, width - fixed - padding)
        return [(k, label, w if w is not None else note) for k, label, w in cols]

    def watch_checkins(self, rows: tuple[HistoryRow, ...]) -> None:
        self.show(rows)

    def show(self, rows: tuple[HistoryRow, ...]) -> None:
        """Replace the rows, keeping the cursor on the same check-in (else the newest)."""
        width = self.size.width or self.app.size.width
        selected = self.selected_id()
        cols = self.columns_for(width)
        wide = width >= WIDE
        self.set_columns(cols, (cols[-1][2], wide))
        for row in rows:
            self.add_row(*self.cells(row, wide=wide), key=row.id)
        count = len(rows)
        self.border_title = (f"Check-ins · {count}, newest first" if count
                             else "Check-ins · none yet (c checks in)")
        self.styles.height = min(self.max_lines, 1 + self.header_height + max(count, 1))
        ids = [r.id for r in rows]
        if selected in ids:
            self.move_cursor(row=ids.index(selected))
        elif ids:
            self.move_cursor(row=0)
        self.post_message(self.Highlighted(self, self.selected_id()))

    @staticmethod
    def cells(row: HistoryRow, *, wide: bool = False) -> list[Text]:
        """The cells of one check-in (all plain text: who and note come from the file)."""
        when = fmt.moment(row.at) if wide else f"{row.at.astimezone():%b} {row.at.astimezone().day}"
        when_text = plain(when)
        if row.edited_by is not None:
            when_text.append(EDITED, style="dim")
        conf = "—" if row.confidence is None else str(row.confidence)
        return [when_text, plain(row.who or "—"), plain(row.value_text), plain(conf),
                plain(one_line(row.note, 200), "italic")]

    def selected_row(self) -> HistoryRow | None:
        """The check-in under the cursor."""
        cid = self.selected_id()
        return next((r for r in self.checkins if r.id == cid), None)

    def action_edit(self) -> None:
        """Ask to correct the check-in under the cursor."""
        if (cid := self.selected_id()) is not None:
            self.post_message(self.EditRequested(self, cid))

    def action_remove(self) -> None:
        """Ask to remove the check-in under the cursor."""
        if (cid := self.selected_id()) is not None:
            self.post_message(self.RemoveRequested(self, cid))

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.post_message(self.Highlighted(self, self.selected_id()))

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()
