"""The objective screen's table of key results: value against target, bar, status, age."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len
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
NARROW_BAR_WIDTH = 4
# column key, label, width when wide, width when narrow (None: the title takes what is
# left; 0: not shown). Below WIDE cells the fixed columns give the title their room: no
# Start (the detail under the table says it), a shorter bar, "3d" for "3d ago".
COLUMNS: tuple[tuple[str, str, int | None, int | None], ...] = (
    ("title", "Key result", None, None),
    ("start", "Start", 9, 0),
    ("value", "Now/Target", 17, 15),
    ("progress", "Progress", BAR_WIDTH + 5, NARROW_BAR_WIDTH + 5),
    ("confidence", "Conf", 5, 4),
    ("status", "Status", 11, 11),
    ("last", "Last", 7, 5),
)
WIDE = 110
VALUE_MIN = len("Now/Target")
TITLE_MIN = 12


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

    def columns_for(self, width: int,
                    values: Sequence[str] = ()) -> list[tuple[str, str, int]]:
        """Column keys, labels and widths that fit `width` cells, for rows whose
        Now/Target cells are `values`.

        The Now/Target column is as wide as the widest of `values` (at least its label,
        at most its width for `width`), so that short values leave the title the rest;
        room for a scroll bar is kept only when the rows are more than the table shows.
        """
        wide = width >= WIDE
        widest = max((cell_len(v) for v in values), default=0)
        cols: list[tuple[str, str, int | None]] = []
        for key, label, wide_width, narrow_width in COLUMNS:
            w = wide_width if wide else narrow_width
            if w == 0:
                continue
            if key == "value" and w is not None and values:
                w = max(VALUE_MIN, min(w, widest))
            cols.append((key, label, w))
        fixed = sum(w for _, _, w in cols if w is not None)
        scrollbar = 2 if len(values) > self.MAX_HEIGHT - 1 else 0
        padding = 2 * self.cell_padding * len(cols) + scrollbar
        title = max(TITLE_MIN, width - fixed - padding)
        return [(k, label, w if w is not None else title) for k, label, w in cols]

    def watch_scores(self, scores: tuple[KRScore, ...]) -> None:
        self.show(scores, self.today, Palette.of(self.app))

    def show(self, scores: Sequence[KRScore], today: dt.date, palette: Palette) -> None:
        """Replace the rows with `scores`, keeping the cursor on the same key result."""
        width = self.size.width or self.app.size.width
        selected = self.selected_id()
        narrow = width < WIDE
        rows = [self.cells(score, today, palette, narrow=narrow) for score in scores]
        cols = self.columns_for(width, [row["value"].plain for row in rows])
        self.set_columns(cols, tuple((key, w) for key, _, w in cols))
        keys = [k for k, _, _ in cols]
        for score, cells in zip(scores, rows, strict=True):
            self.add_row(*(cells[k] for k in keys), key=score.kr.id)
        self.fit_height(len(scores))
        if selected is not None:
            ids = [s.kr.id for s in scores]
            if selected in ids:
                self.move_cursor(row=ids.index(selected))

    @staticmethod
    def cells(score: KRScore, today: dt.date, palette: Palette, *,
              narrow: bool = False) -> dict[str, Text]:
        """The cells of one key result, by column key (all plain text); `narrow` cells
        are the shorter forms of the narrow layout (a shorter bar, "3d" for "3d ago")."""
        kr = score.kr
        bar = NARROW_BAR_WIDTH if narrow else BAR_WIDTH
        progress = score_bar(score.progress, bar, score.rag, palette)
        progress.append(f" {fmt.percent(score.progress):>4}")
        return {
            "title": plain(kr.title),
            "start": plain(fmt.number(kr.start) if kr.kind == "metric" else ""),
            "value": plain(fmt.kr_value(score)),
            "progress": progress,
            "confidence": plain(fmt.confidence(score.confidence).replace("/10", "")),
            "status": status_text(score, palette),
            "last": plain(fmt.age(score.last_checkin, today, short=narrow)),
        }

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.CheckInRequested(self, str(event.row_key.value)))
