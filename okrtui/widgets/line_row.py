"""One line of cells of fixed widths and one that takes the rest: a list row that is cheap
to draw.

The dashboard drew each objective's row as a Rich grid, and a grid measures and renders
every cell as a renderable of its own: 0.32 ms a row rendered alone, against 0.11 ms for
the same row as one `Text`, and the first frame of the dashboard draws a screenful of
them. A row of no-wrap cells needs none of the grid's work: its cells are cut and padded
to their widths and joined into one `Text`, which is what the grid drew
(tests/tui/test_line_row.py holds it to that).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text


@dataclass(frozen=True)
class Cell:
    """A cell: its text, and its width in cells (None: the one that takes the rest)."""

    text: Text
    width: int | None = None
    justify: Literal["left", "right"] = "left"


class LineRow:
    """Cells on one line, one space between, as a Rich grid with `padding=(0, 1)` and
    `expand=True` draws no-wrap columns: the fixed cells at their widths, the free one
    (at most one) in what is left, cut with an ellipsis where its text says so."""

    def __init__(self, cells: Sequence[Cell]) -> None:
        self.cells = tuple(cells)
        self._fixed = sum(c.width or 0 for c in self.cells) + len(self.cells) - 1

    def line(self, width: int) -> Text:
        """The row drawn `width` cells wide."""
        rest = max(0, width - self._fixed)
        out = Text(no_wrap=True, end="")
        for index, cell in enumerate(self.cells):
            if index:
                out.append(" ")
            room = rest if cell.width is None else cell.width
            text = cell.text.copy()
            if cell.justify == "right":
                text.rstrip()  # as Rich justifies: trailing spaces never push it left
            if text.cell_len > room:
                text.truncate(room, overflow=text.overflow or "crop")
            # Padded inside the cell's text, as the grid pads it: in the text's own style.
            if cell.justify == "right":
                text.pad_left(room - text.cell_len)
            else:
                text.pad_right(room - text.cell_len)
            out.append_text(text)
        if out.cell_len > width:
            out.truncate(width, overflow="crop")
        return out

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.line(options.max_width)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(min(self._fixed, options.max_width), options.max_width)
