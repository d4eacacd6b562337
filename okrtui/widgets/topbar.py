"""The one-line bar at the top of every screen: where you are, and who you are."""

from __future__ import annotations

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.widgets import Static


class TopBar(Static):
    """Breadcrumb on the left, user and mode on the right; plain text only."""

    DEFAULT_CSS = """
    TopBar {
        height: 1;
        background: $panel;
        color: $foreground;
        padding: 0 1;
    }
    """

    def show(self, left: Text, right: Text | None = None) -> None:
        """Show `left` (flexible, cut with an ellipsis) and `right` (kept whole)."""
        self.update(self.compose_bar(left, right or Text("")))

    @staticmethod
    def compose_bar(left: Text, right: Text) -> RenderableType:
        """A one-row grid: left fills the width, right is kept whole."""
        grid = Table.grid(expand=True)
        grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        grid.add_column(no_wrap=True, justify="right")
        grid.add_row(left, right)
        return grid


def crumbs(*parts: str) -> Text:
    """"okrtui › 2026-Q4 › title" with the app name in bold; parts are plain text."""
    text = Text("okrtui", style="bold", no_wrap=True, end="")
    for part in parts:
        text.append(" › ", style="dim")
        text.append(part)
    return text
