"""The first screen when the workspace file cannot be read: what is wrong and what to do."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import Static

from okrtui import keys
from okrtui.bindings import bindings
from okrtui.domain.records.workspace import Workspace
from okrtui.messages import OpenDashboard
from okrtui.screens.base import OkrScreen
from okrtui.widgets.footer import KeyFooter

EXIT_UNREADABLE = 2


class WorkspaceErrorScreen(OkrScreen[None]):
    """Says, in plain words, why the workspace could not be opened. Nothing was changed;
    `r` reads the file again (after a sync finishes, or a restore), `q` leaves."""

    DEFAULT_CSS = """
    WorkspaceErrorScreen #error-advice { margin-top: 1; }
    """
    blocks_workspace_actions = True  # the app hides what needs a readable workspace

    BINDINGS: ClassVar[list[BindingType]] = bindings(keys.WORKSPACE_ERROR)

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="dialog") as box:
            box.border_title = "okrtui cannot open this workspace"
            yield Static(Text(self.message), id="error-message")
            yield Static(Text(
                "Nothing was changed. Fix or replace the file, bring back a backup with "
                "`okrtui restore`, or open another workspace with --db PATH; then press r "
                "to read it again."), id="error-advice")
        yield KeyFooter()

    def action_retry(self) -> None:
        """Read the file again."""
        self.read_workspace(lambda ws: ws, self.opened, self.still_broken)

    def action_leave(self) -> None:
        """Quit with exit code 2, as the command line does for an unreadable file."""
        self.app.exit(return_code=EXIT_UNREADABLE)

    def opened(self, ws: Workspace) -> None:
        """The file reads now: show the dashboard."""
        self.navigate(OpenDashboard())

    def still_broken(self, text: str) -> None:
        """Still unreadable: show the new reason."""
        self.message = text
        self.query_one("#error-message", Static).update(Text(text))
        self.notify("The file still cannot be read.", severity="warning")
