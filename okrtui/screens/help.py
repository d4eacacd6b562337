"""Every key of the screen you came from, with what it does."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from okrtui import keys
from okrtui.bindings import BindingRow, bindings


def bindings_table(rows: Sequence[BindingRow], columns: int = 2) -> Table:
    """Keys and what they do, `columns` pairs to a line, then how to move around."""
    table = Table.grid(padding=(0, 1), expand=True)
    for _ in range(columns):
        table.add_column(style="bold", no_wrap=True, min_width=7)
        table.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    cells: list[Text] = []
    for row in rows:
        description = Text(row.description)
        if not row.enabled:
            description.stylize("dim")
        cells.extend([Text(row.key), description])
    cells.extend([Text("ctrl+p"), Text("Command palette")])
    width = 2 * columns
    cells.extend(Text("") for _ in range(-len(cells) % width))
    for start in range(0, len(cells), width):
        table.add_row(*cells[start:start + width])
    return table


def about_text(doc: str) -> str:
    """What a screen is for, from its docstring: the first paragraph, as one line (its
    first line alone stopped mid-sentence where the docstring wrapped)."""
    paragraph = doc.strip().split("\n\n", 1)[0]
    return " ".join(line.strip() for line in paragraph.splitlines())


MOVING = ("↑ ↓ pgup pgdn home end move the cursor · tab moves between fields · "
          "the mouse works too")


class HelpScreen(ModalScreen[None]):
    """The keys of the screen below; any of escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(keys.HELP)

    def __init__(self, rows: Sequence[BindingRow], about: str = "") -> None:
        super().__init__()
        self.rows = list(rows)
        self.about = about

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help", id="dialog") as dialog:
            dialog.border_title = "Keys"
            dialog.border_subtitle = "escape closes"
            if about := about_text(self.about):
                yield Static(Text(about), classes="context")
            yield Static(bindings_table(self.rows), id="bindings")
            yield Static(Text(MOVING), classes="context")

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)
