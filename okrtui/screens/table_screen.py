"""The workspace screen over one table of records, whose details follow the cursor and
whose chosen record (enter or a click in the table, or the screen's key) opens one thing."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar, Generic, TypeVar

from textual import on
from textual.widgets import DataTable

from okrtui.screens.hooks import required
from okrtui.screens.workspace_screen import ViewT, WorkspaceScreen
from okrtui.widgets.chosen import Chosen
from okrtui.widgets.record_table import RecordTable

RowT = TypeVar("RowT")


class TableScreen(WorkspaceScreen[ViewT], Generic[ViewT, RowT]):
    """A workspace screen whose records sit in one table (`TABLE_ID`): the one under the
    cursor is the selection, the actions that need one wait for it, and its details
    (`show_selected`) follow the cursor. Choosing a record in the table (the table's
    intent message, a `Chosen`) and the screen's own key for it (`open_selected`) both
    `open_row`."""

    TABLE_ID: ClassVar[str] = "table"

    _shown_for: tuple[object, str | None] | None = None
    """The view and the record id whose details `show_selected` last showed."""

    @required
    def rows(self, view: ViewT) -> Mapping[str, RowT]:
        """The records of the table in `view`, by id."""
        raise NotImplementedError

    @required
    def show_row(self, row: RowT | None) -> None:
        """Show the details of `row`, the record under the cursor (None: there is none)."""
        raise NotImplementedError

    @required
    def open_row(self, record_id: str) -> None:
        """Do what choosing the record `record_id` does (open its form)."""
        raise NotImplementedError

    @property
    def table(self) -> RecordTable:
        """The table."""
        return self.query_one(f"#{self.TABLE_ID}", RecordTable)

    def selected(self) -> RowT | None:
        """The record under the table's cursor."""
        if self.view is None:
            return None
        record_id = self.table.selected_id()
        return None if record_id is None else self.rows(self.view).get(record_id)

    def has_selection(self) -> bool:
        return self.selected() is not None

    def open_selected(self) -> None:
        """Do what choosing the record under the cursor does, when there is one."""
        if (record_id := self.table.selected_id()) is not None and self.selected() is not None:
            self.open_row(record_id)

    def show_selected(self) -> None:
        """Show the details of the record under the cursor, and the actions it allows."""
        # The footer shows only the actions check_action allows, and those follow
        # the selection: without this it keeps whatever it read first.
        self.refresh_bindings()
        self._shown_for = (self.view, self.table.selected_id())
        self.show_row(self.selected())

    @on(Chosen)
    def _row_chosen(self, message: Chosen) -> None:
        if message.control.id == self.TABLE_ID:
            self.open_row(message.record_id)

    @on(DataTable.RowHighlighted)
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id != self.TABLE_ID or self.view is None:
            return
        # A table given its rows again highlights its row again: when the details of the
        # row now under the cursor, in this view, are on show already, they are not
        # drawn a second time (that cost a second drawing on every objective opened).
        shown = self._shown_for
        if shown is None or shown[0] is not self.view or shown[1] != self.table.selected_id():
            self.show_selected()
