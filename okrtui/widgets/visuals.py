"""Rich `Text` pieces coloured from the app's theme: score bars, status and RAG labels.

User text is only ever passed to `Text(value)` (never parsed as markup). Status and RAG
always carry a word or symbol besides the colour, so they read on a 16-colour terminal
and with NO_COLOR.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.table import Table
from rich.text import Text
from textual.app import App

from okrtui.domain.scoring.score import KRScore, ObjectiveScore
from okrtui.domain.scoring.status import STATUS_RAG
from okrtui.widgets import format as fmt

_THEME_VARIABLE = {"green": "success", "yellow": "warning", "red": "error"}


@dataclass(frozen=True)
class Palette:
    """RAG colours taken from the current Textual theme."""

    green: str = "green"
    yellow: str = "yellow"
    red: str = "red"

    @classmethod
    def of(cls, app: App | None) -> Palette:
        """The palette of an app's current theme (ANSI names when there is no app)."""
        if app is None:
            return cls()
        variables = app.theme_variables
        return cls(**{rag: variables.get(var, rag) for rag, var in _THEME_VARIABLE.items()})

    def style(self, rag: str) -> str:
        """A Rich style for a RAG colour ("dim" for no colour)."""
        return getattr(self, rag, "dim") if rag in _THEME_VARIABLE else "dim"


def plain(value: str, style: str = "") -> Text:
    """User text as a Text that is never parsed as markup."""
    return Text(value, style=style, no_wrap=True, overflow="ellipsis", end="")


def score_bar(progress: float, width: int, rag: str, palette: Palette) -> Text:
    """A bar of `width` cells filled to `progress`, in the RAG colour."""
    filled, empty = fmt.bar(progress, width)
    text = Text(no_wrap=True, end="")
    text.append(filled, style=palette.style(rag))
    text.append(empty, style="dim")
    return text


def status_text(status: str | KRScore | ObjectiveScore, palette: Palette) -> Text:
    """A status as symbol and word in its colour: "▲ at risk"; of a score, its own word and
    colour ("✖ graded 0.3" in the grade's red)."""
    if isinstance(status, str):
        return Text(fmt.status_label(status),
                    style=palette.style(STATUS_RAG.get(status, "none")), no_wrap=True, end="")
    return Text(fmt.score_label(status), style=palette.style(status.rag), no_wrap=True, end="")


def rag_text(rag: str, palette: Palette, *, word: bool = True) -> Text:
    """A RAG colour as symbol (and word) in that colour."""
    label = fmt.rag_label(rag) if word else fmt.RAG_SYMBOL.get(rag, "?")
    return Text(label, style=palette.style(rag), no_wrap=True, end="")


def hanging(lead: Text, body: Text) -> Table:
    """`lead` kept to its own width, then `body`, which wraps under itself rather than
    under the lead: "draft in 2027-Q1: a long title / that goes on" with the second line
    under "a long"."""
    grid = Table.grid(expand=True)
    grid.add_column(width=lead.cell_len, no_wrap=True)
    grid.add_column(ratio=1)
    lead, body = lead.copy(), body.copy()
    lead.no_wrap, lead.end = True, ""
    body.no_wrap, body.overflow, body.end = False, "fold", ""
    grid.add_row(lead, body)
    return grid


def rows(*lines: Text) -> Table:
    """Lines that are cut with an ellipsis instead of wrapping (OptionList and Static
    wrap a Text's lines; a grid cell keeps each one to its row). A line made with
    `no_wrap=False` wraps, for a sentence that must be read whole."""
    grid = Table.grid(expand=True)
    grid.add_column(ratio=1)
    for line in lines:
        if line.no_wrap is None:
            line = line.copy()
            line.no_wrap, line.overflow = True, "ellipsis"
        grid.add_row(line)
    return grid
