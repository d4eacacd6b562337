"""A table of records, one row each, keyed by the record's id: what the key-result, KPI
and check-in tables share (the record under the cursor, a height that follows the rows,
columns made anew only when their layout changes)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import DataTable


class RecordTable(DataTable[Text]):
    """Rows keyed by record id; at most `MAX_HEIGHT` lines high, more rows scroll; home
    and end go to the first and the last row."""

    # DataTable's own home and end scroll sideways, which a row cursor never needs. No
    # ids: like the arrow keys, these are the table's own cursor keys, which help sums up
    # in one line ("home end move the cursor").
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("home", "scroll_top", "First row", show=False),
        Binding("end", "scroll_bottom", "Last row", show=False),
    ]

    MAX_HEIGHT: ClassVar[int] = 9
    """Lines the table takes at most (header included)."""

    _layout: object = None
    """What the columns on show were made for (`set_columns`); None: no columns yet."""

    def set_columns(self, columns: Sequence[tuple[str, str, int | None]],
                    layout: object) -> None:
        """Clear the rows for new ones; make the columns (key, label, width) anew only when
        `layout`, what they were made for, changed since the last time."""
        if layout != self._layout:
            self.clear(columns=True)
            for key, label, width in columns:
                self.add_column(Text(label, style="bold"), width=width, key=key)
            self._layout = layout
        else:
            self.clear()

    def fit_height(self, rows: int) -> None:
        """Take the height of the header and `rows` one-line rows, at most MAX_HEIGHT.

        An explicit height, not `height: auto`: a DataTable measures new rows in an idle
        handler, and a layout that ran before that left the table 0 lines high (seen on a
        loaded machine, where the objective screen then showed no key results at all).
        """
        self.styles.height = min(self.MAX_HEIGHT,
                                 rows + (self.header_height if self.show_header else 0))

    def selected_id(self) -> str | None:
        """The id of the record under the cursor."""
        if self.row_count == 0:
            return None
        try:
            key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        except Exception:
            return None
        return str(key.value) if key.value is not None else None
