"""The dashboard's objective rows are drawn as one `Text` each (okrtui/widgets/line_row.py)
instead of a Rich grid, which cost several times as much a row. What a person sees must
not change: the row draws, character by character and style by style, what the grid drew
at every width the list is shown at."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len, set_cell_size
from rich.console import Console, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text

from okrtui.widgets.line_row import Cell, LineRow

CONSOLE = Console(width=300, color_system="truecolor", legacy_windows=False)
STYLES = ("", "bold", "dim", "red", "italic yellow")


def grid_of(cells: Sequence[Cell]) -> Table:
    """The grid the dashboard drew each row as, before LineRow."""
    grid = Table.grid(expand=True, padding=(0, 1))
    for cell in cells:
        if cell.width is None:
            grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        else:
            grid.add_column(width=cell.width, justify=cell.justify, no_wrap=True)
    grid.add_row(*(cell.text for cell in cells))
    return grid


def drawn(renderable: RenderableType, width: int) -> list[list[tuple[str, Style]]]:
    """Each line, each character with its style (no style and the null style alike)."""
    lines = CONSOLE.render_lines(renderable, CONSOLE.options.update_width(width), pad=True)
    return [[(ch, segment.style or Style()) for segment in line for ch in segment.text]
            for line in lines]


def text(value: str, style: str, *, ellipsis: bool) -> Text:
    out = Text(value, style=style, no_wrap=True, end="")
    if ellipsis:
        out.overflow = "ellipsis"
    return out


words = st.text(alphabet=st.sampled_from("abc XYZ·…▲✖█░é日"), max_size=40)


@st.composite
def rows(draw: st.DrawFn) -> list[Cell]:
    """A row as the dashboard makes them: fixed cells around one free, cut title."""
    fixed = draw(st.lists(st.tuples(words, st.sampled_from(STYLES), st.integers(1, 18),
                                    st.sampled_from(("left", "right"))),
                          min_size=1, max_size=5))
    # A fixed cell's width is chosen to hold what it says (a bar, a score, a status).
    cells = [Cell(text(set_cell_size(value, min(width, cell_len(value))), style,
                       ellipsis=False), width, justify)
             for value, style, width, justify in fixed]
    title = draw(words)
    styled = text(title, draw(st.sampled_from(STYLES)), ellipsis=True)
    if title and draw(st.booleans()):
        styled.stylize("bold", 0, len(title) // 2)  # a span, as " (draft)" is
    cells.insert(draw(st.integers(0, len(cells))), Cell(styled))
    return cells


@settings(max_examples=300, deadline=None)
@given(cells=rows(), spare=st.integers(1, 120))
def test_a_row_draws_what_the_grid_drew(cells: list[Cell], spare: int) -> None:
    row = LineRow(cells)
    # Room for the fixed cells and some title, as at every width the list is shown at.
    width = sum(c.width or 0 for c in cells) + len(cells) - 1 + spare
    assert drawn(row, width) == drawn(grid_of(cells), width)
    assert row.line(width).cell_len == width


def test_a_cut_title_ends_in_an_ellipsis_and_the_score_stays_right() -> None:
    cells = [Cell(Text(""), 1), Cell(text("Grow the number of paying teams", "", ellipsis=True)),
             Cell(Text("0.5"), 4, "right"), Cell(Text("▲ at risk", style="yellow"), 9)]
    assert LineRow(cells).line(30).plain == "  Grow the num…  0.5 ▲ at risk"
    assert LineRow(cells).line(40).plain == "  Grow the number of pay…  0.5 ▲ at risk"
