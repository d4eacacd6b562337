"""The objective screen's table of key results: value against target, bar, status, age."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.binding import BindingType
from textual.reactive import var
from textual.widgets import DataTable

from okrtui import keys
from okrtui.bindings import bindings
from okrtui.domain.scoring.score import KRScore
from okrtui.widgets import format as fmt
from okrtui.widgets.chosen import Chosen
from okrtui.widgets.record_table import RecordTable
from okrtui.widgets.visuals import Palette, plain, score_bar, status_text

BAR_WIDTH = 6
# column key, label, width (None: the title takes what is left)
COLUMNS: tuple[tuple[str, str, int | None], ...] = (
    ("title", "Key result", None),
    ("value", "Now/Target", 17),
    ("progress", "Progress", BAR_WIDTH + 5),
    ("confidence", "Conf", 5),
    ("status", "Status", 11),
    ("last", "Last", 7),
)
START_COLUMN = ("start", "Start", 9)
WIDE = 110


class KRTable(RecordTable):
    """Key results of one objective, one row each; the row key is the key result id. It
    shows `scores` and posts `CheckInRequested` when one is chosen (enter, a click)."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(keys.KR_TABLE)

    scores: var[tuple[KRScore, ...]] = var((), always_update=True, init=False)
    """The key results on show, in order (a new tuple shows them again)."""

    class CheckInRequested(Chosen):
        """The person chose a key result to check in on."""

        @property
        def kr_id(self) -> str:
            """The key result's id."""
            return self.record_id

    def __init__(self, *, today: dt.date, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=False, show_cursor=True)
        self.today = today
        self._layout: tuple[int, bool] | None = None

    def columns_for(self, width: int) -> list[tuple[str, str, int]]:
        """Column keys, labels and widths that fit `width` cells."""
        wide = width >= WIDE
        cols = list(COLUMNS)
        if wide:
            cols.insert(1, START_COLUMN)
        fixed = sum(w for _, _, w in cols if w is not None)
        padding = 2 * self.cell_padding * len(cols) + 2
        title = max(12, width - fixed - padding)
        return [(k, label, w if w is not None else title) for k, label, w in cols]

    def watch_scores(self, scores: tuple[KRScore, ...]) -> None:
        self.show(scores, self.today, Palette.of(self.app))

    def show(self, scores: Sequence[KRScore], today: dt.date, palette: Palette) -> None:
        """Replace the rows with `scores`, keeping the cursor on the same key result."""
        width = self.size.width or self.app.size.width
        selected = self.selected_id()
        cols = self.columns_for(width)
        layout = (cols[0][2], len(cols) > len(COLUMNS))
        if layout != self._layout:
            self.clear(columns=True)
            for key, label, w in cols:
                self.add_column(Text(label, style="bold"), width=w, key=key)
            self._layout = layout
        else:
            self.clear()
        keys = [k for k, _, _ in cols]
        for score in scores:
            cells = self.cells(score, today, palette)
            self.add_row(*(cells[k] for k in keys), key=score.kr.id)
        self.fit_height(len(scores))
        if selected is not None:
            ids = [s.kr.id for s in scores]
            if selected in ids:
                self.move_cursor(row=ids.index(selected))

    @staticmethod
    def cells(score: KRScore, today: dt.date, palette: Palette) -> dict[str, Text]:
        """The cells of one key result, by column key (all plain text)."""
        kr = score.kr
        progress = score_bar(score.progress, BAR_WIDTH, score.rag, palette)
        progress.append(f" {fmt.percent(score.progress):>4}")
        return {
            "title": plain(kr.title),
            "start": plain(fmt.number(kr.start) if kr.kind == "metric" else ""),
            "value": plain(fmt.kr_value(score)),
            "progress": progress,
            "confidence": plain(fmt.confidence(score.confidence).replace("/10", "")),
            "status": status_text(score, palette),
            "last": plain(fmt.age(score.last_checkin, today)),
        }

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.CheckInRequested(self, str(event.row_key.value)))
