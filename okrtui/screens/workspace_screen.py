"""The full screen that shows a view of the workspace, and the screen about one period.

`WorkspaceScreen[View]` is the frame (top bar, body, footer), the typed view built in a
thread from a fresh read, the reload when someone changes the file and the load-failure
notice; `OfPeriod` makes a screen one about a period (opened on it, named in the crumbs).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, Generic, Self, TypeVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.widgets import Static

from okrtui.domain.records.workspace import Workspace
from okrtui.messages import Navigate, ViewShown
from okrtui.screens.hooks import Opening, required
from okrtui.screens.okr_screen import OkrScreen
from okrtui.widgets.footer import KeyFooter
from okrtui.widgets.topbar import TopBar, crumbs

ViewT = TypeVar("ViewT")
MadeT = TypeVar("MadeT")


class WorkspaceScreen(OkrScreen[None], Generic[ViewT]):
    """A full screen showing a view of the workspace in the one frame: top bar, body, footer.

    It reads the workspace when it is shown (a screen is resumed when first shown, too)
    and whenever someone changes it; `build_view` makes the typed view in a thread and
    `show_view` puts it on screen; a read that fails is the load-failure notice. These
    are the methods a screen overrides; Textual runs the handlers of every class in the
    MRO, so the base's own handlers are decorated ones a screen never redefines.
    """

    SELECTION_ACTIONS: ClassVar[frozenset[str]] = frozenset()
    """The actions that need a record under the cursor (`has_selection`): the footer and
    the palette leave them out while there is none."""

    def __init__(self) -> None:
        super().__init__()
        self.view: ViewT | None = None
        """The view on show (None until the first read)."""

    def has_selection(self) -> bool:
        """Whether a record is under the cursor, for SELECTION_ACTIONS."""
        return True

    def takes_keys(self) -> bool:
        """Only once the first view has come: before it, `c` or `enter` has nothing to
        act on."""
        return self.view is not None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """SELECTION_ACTIONS only with a record under the cursor."""
        return self.has_selection() if action in self.SELECTION_ACTIONS else True

    # ---- what a screen defines ----------------------------------------------------------

    @required
    def compose_body(self) -> ComposeResult:
        """The widgets between the top bar and the footer."""
        raise NotImplementedError

    @required
    def build_view(self, ws: Workspace) -> ViewT:
        """Build, from a fresh workspace, what the screen shows (runs in a thread)."""
        raise NotImplementedError

    @required
    def show_view(self, view: ViewT) -> None:
        """Put `view` on screen (again after a reload)."""
        raise NotImplementedError

    def crumbs(self) -> Text:
        """Where the person is, for the top bar."""
        return crumbs()

    # ---- the frame and the reading ----------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TopBar(id="topbar")
        yield from self.compose_body()
        yield KeyFooter()

    @on(events.Mount)
    def _show_frame(self) -> None:
        self.show_topbar()

    def show_topbar(self) -> None:
        """The breadcrumb on the left, the user on the right."""
        self.query_one("#topbar", TopBar).show(self.crumbs(), Text(self.services.user))

    @on(events.ScreenResume)
    def _resumed(self) -> None:
        # Also the first load: a screen is resumed when it is first shown, and loading on
        # mount as well read the workspace twice at once, each read slowing the other.
        if self.reload_on_resume() and not self.asking:
            self.reload()

    def reload_on_resume(self) -> bool:
        """Whether coming back to this screen reads the workspace again."""
        return True

    def reload(self) -> None:
        """Read the workspace again and show the new view."""
        self.read_workspace(self.build_view, self.view_loaded)

    def from_memory(self, build: Callable[[Workspace], MadeT]) -> tuple[MadeT, Workspace] | None:
        """What `build` makes of the version of the workspace in memory (the one last read
        or written here, such as `okrtui`'s read before it opened the TUI), and that
        version: built on the UI thread, so that the screen's first frame shows it before
        its worker reads the disk. None: no version in memory, or `build` failed on it
        (the worker's read says what is wrong, in one line)."""
        ws = self.services.workspace_in_memory()
        if ws is None:
            return None
        try:
            return build(ws), ws
        except Exception:  # never a traceback: the read in the worker reports it
            return None

    def view_loaded(self, view: ViewT) -> None:
        """A read finished: keep the view and show it."""
        first = self.view is None
        self.view = view
        self.show_view(view)
        if first:
            self.call_after_refresh(self.post_message, ViewShown())
        # The actions a screen hides until its data is there (check_action) may show
        # now: a footer drawn before the data came, as on a loaded machine, would go on
        # hiding them ("shift+c Carry over" before the dry run).
        self.refresh_bindings()

    @staticmethod
    def empty_state() -> Static:
        """The hidden text that says what to do when there is nothing to show."""
        empty = Static(id="empty", classes="empty-state")
        empty.display = False
        return empty

    def show_empty(self, text: Text | None) -> None:
        """Say what to do next (None: hide it)."""
        empty = self.query_one("#empty", Static)
        empty.display = text is not None
        if text is not None:
            empty.update(text)


class OfPeriod:
    """A screen about one period (put first among the bases): it opens on the period,
    names it in the breadcrumb before `CRUMB`, and new objectives go into it."""

    CRUMB: ClassVar[str] = ""
    """What the screen shows of the period, for the breadcrumb ("review")."""

    def __init__(self, period: str) -> None:
        super().__init__()
        self.period = period

    @classmethod
    def from_message(cls, message: Navigate, opening: Opening) -> Self:
        """The screen about the period on show."""
        return cls(opening.period)

    def crumbs(self) -> Text:
        """The period and what the screen shows of it."""
        return crumbs(self.period, self.CRUMB)

    @property
    def period_name(self) -> str:
        """The period on show."""
        return self.period
