"""What every okrtui screen is to the app, declared once, and the workers they share.

The app asks a screen for these things and nothing else: `from_message` (build the screen
a navigation message asks for), `leads_to` (where to go once it closes), `reload` (someone
changed the file), `period_name` (the period new objectives go into), `show_news` (others'
changes arrived), `palette_commands` (records to jump to) and `blocks_workspace_actions`
(the workspace cannot be read). They are declared here with harmless defaults; a screen
overrides the ones it has. The methods a kind of screen cannot do without are marked
`@required` on its base (`WorkspaceScreen.build_view`, ...): `hooks.missing_hooks` names the
ones a screen forgot, and the screen-shape test runs it over every screen.

Reads and saves run off the UI thread (a read may wait for a sync tool, a save takes the
file lock): `read_workspace` and `run_service` hand the typed result to a callback on the
UI thread, or one readable line on failure. A flow that asks first is an `ASKING` worker
that awaits the dialog in a straight line (`await self.ask(dialog)`), then starts the
work in a worker of its own; tests wait for every worker but those waiting for an answer.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from typing import Any, ClassVar, Generic, Self, TypeVar, cast

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.screen import ModalScreen, Screen, ScreenResultType
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker

from okrtui.domain.records.errors import describe
from okrtui.domain.records.workspace import Workspace
from okrtui.messages import Navigate, WorkspaceChanged
from okrtui.screens.confirm import ConfirmScreen
from okrtui.screens.hooks import ERRORS, Opening, PaletteCommand, refusal_text, required
from okrtui.services import Services
from okrtui.session import Session, SessionHost
from okrtui.widgets.footer import KeyFooter
from okrtui.widgets.topbar import TopBar, crumbs

ASKING = "asking"
"""The worker group of flows that wait for a person's answer in a dialog."""

LOAD_FAILED = "Cannot read the workspace"
"""The title of the notice when a screen cannot read the workspace."""

T = TypeVar("T")
ViewT = TypeVar("ViewT")


class OkrScreen(Screen[ScreenResultType]):
    """An okrtui screen: reads the session, posts navigation, runs store work in workers."""

    blocks_workspace_actions: ClassVar[bool] = False
    """True on a screen shown while the workspace cannot be read: the app then allows
    only help, quit and the command palette."""

    _asking = 0
    """How many dialogs opened with `ask` are waiting for an answer."""

    # ---- what the app may ask of a screen -----------------------------------------------

    @classmethod
    def from_message(cls, message: Navigate, opening: Opening) -> Self:
        """The screen `message` asks for (a screen its route opens defines it; it may
        raise OkrError to say, in a warning, why it cannot open)."""
        raise NotImplementedError(f"{cls.__name__} is opened by no route")

    def leads_to(self, result: Any) -> Navigate | None:
        """Where to go once this screen, opened by a route, closed with `result`."""
        return None

    @property
    def period_name(self) -> str | None:
        """The period this screen is about (new objectives go into it); None: no period."""
        return None

    def reload(self) -> None:
        """Read the workspace again, because someone else changed it (nothing by default)."""

    def show_news(self) -> None:
        """Others' changes since the last look have arrived in `session.news`."""

    def palette_commands(self) -> list[PaletteCommand]:
        """Records the command palette offers on this screen, besides its key actions."""
        return []

    @on(WorkspaceChanged)
    def _workspace_changed(self) -> None:
        self.reload()

    # ---- what a screen reads --------------------------------------------------------------

    @property
    def session(self) -> Session:
        """The running TUI's session: services, user, today, demo, news."""
        return cast(SessionHost, self.app).session

    @property
    def services(self) -> Services:
        """The services of the running TUI."""
        return self.session.services

    @property
    def today(self) -> dt.date:
        """The TUI's today (fixed in tests and snapshots)."""
        return self.session.today

    async def ask(self, dialog: Screen[T]) -> T:
        """Show `dialog` and wait for its answer (call it in a worker of the ASKING group).

        Closing the dialog does not read the workspace again: the flow that asked goes on
        with the answer and reads (or saves, then reads) as it needs to.
        """
        self._asking += 1
        try:
            return await self.app.push_screen_wait(dialog)
        finally:
            self._asking -= 1

    async def confirm(self, question: Text, yes: str, *, danger: bool = False) -> bool:
        """Ask a yes/no question (`yes` names the deed); True when the person says yes."""
        return bool(await self.ask(ConfirmScreen(question, yes=yes, danger=danger)))

    @property
    def asking(self) -> bool:
        """Whether a dialog this screen opened with `ask` is waiting for an answer."""
        return self._asking > 0

    def navigate(self, message: Navigate) -> None:
        """Ask the app to show another screen (straight to the app: nothing between the
        screen and the app routes navigation)."""
        self.app.post_message(message)

    # ---- workers ---------------------------------------------------------------------------

    def failure_text(self, error: Exception) -> str:
        """One line for what went wrong in a read or a service call."""
        if isinstance(error, ERRORS):
            return self.services.explain(error) or describe(error)
        return f"unexpected {type(error).__name__}: {error}"

    def load_failed(self, text: str) -> None:
        """The load-failure notice: the workspace could not be read."""
        self.notify(text, title=LOAD_FAILED, severity="error", markup=False)

    def read_workspace(self, build: Callable[[Workspace], T], done: Callable[[T], None],
                       failed: Callable[[str], None] | None = None) -> Worker[None]:
        """Read the workspace and `build` a view of it in a thread; hand it to `done` (a
        newer read cancels this one, so only the latest view arrives). On failure, `failed`
        gets one line (default: the load-failure notice)."""

        async def read() -> None:
            try:
                view = await asyncio.to_thread(lambda: build(self.services.workspace()))
            except Exception as exc:  # one line on screen, never a traceback
                self.call_later(failed or self.load_failed, self.failure_text(exc))
                return
            # Through the screen's queue, after what it has to do first (its first layout).
            self.call_later(done, view)

        return self.run_worker(read, group="load", exclusive=True, exit_on_error=False)

    def run_service(self, call: Callable[[], T], done: Callable[[T], None],
                    failed: Callable[[Exception, str], None]) -> Worker[None]:
        """Run one service call (one store transaction) in a thread; hand its result to
        `done`, or the error and its one line to `failed`."""

        async def run() -> None:
            try:
                result = await asyncio.to_thread(call)
            except Exception as exc:  # one line on screen, never a traceback
                self.call_later(failed, exc, self.failure_text(exc))
                return
            self.call_later(done, result)

        return self.run_worker(run, group="service", exit_on_error=False)

    def not_saved(self, title: str) -> Callable[[Exception, str], None]:
        """A `failed` callback that says why in an error notice titled `title`."""

        def failed(error: Exception, text: str) -> None:
            self.notify(text, title=title, severity="error", markup=False)

        return failed


class OkrModal(ModalScreen[ScreenResultType], OkrScreen[ScreenResultType]):
    """An okrtui dialog over the screen it came from.

    ModalScreen comes first: Textual takes a class's CSS type names (`ModalScreen { }` in
    app.tcss) from the first base of each class only.
    """


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

    def view_loaded(self, view: ViewT) -> None:
        """A read finished: keep the view and show it."""
        self.view = view
        self.show_view(view)
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


class ListScreen(WorkspaceScreen[ViewT]):
    """A workspace screen whose body is one list: enter or a click on an item goes where
    it points (`open_item`). A screen defines its items (`options`), what to say when
    there are none (`empty_text`), and where the cursor goes after a reload."""

    LIST_ID: ClassVar[str] = "items"
    """The list's id; the list has the focus when the screen opens."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.AUTO_FOCUS = f"#{cls.LIST_ID}"

    def compose_body(self) -> ComposeResult:
        yield from self.compose_above()
        yield OptionList(id=self.LIST_ID)
        yield self.empty_state()
        yield from self.compose_below()

    def compose_above(self) -> ComposeResult:
        """Widgets above the list (a heading)."""
        yield from ()

    def compose_below(self) -> ComposeResult:
        """Widgets below the list (the details of the highlighted item)."""
        yield from ()

    @property
    def listing(self) -> OptionList:
        """The list."""
        return self.query_one(f"#{self.LIST_ID}", OptionList)

    @required
    def options(self, view: ViewT) -> list[Option | None]:
        """The items of `view`; an option's id says where it points."""
        raise NotImplementedError

    @required
    def empty_text(self, view: ViewT) -> Text:
        """What to say when `view` has no items."""
        raise NotImplementedError

    def highlight(self, options: list[Option | None], before: int | None,
                  before_id: str | None) -> int | None:
        """The option under the cursor after a reload (`before`: where it was)."""
        return 0 if options else None

    def open_item(self, option_id: str | None) -> None:
        """Go where the item `option_id` points."""

    def show_view(self, view: ViewT) -> None:
        listing = self.listing
        before = listing.highlighted
        before_id = listing.highlighted_option.id if listing.highlighted_option else None
        options = self.options(view)
        listing.set_options(options)
        index = self.highlight(options, before, before_id)
        if index is not None:
            listing.highlighted = index
        listing.display = bool(options)
        self.show_empty(None if options else self.empty_text(view))
        self.after_show(view)

    def after_show(self, view: ViewT) -> None:
        """Show what goes with the list (a heading, the details)."""

    def action_open_item(self) -> None:
        """Go where the highlighted item points."""
        option = self.listing.highlighted_option
        if option is not None:
            self.open_item(option.id)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == self.LIST_ID:
            event.stop()
            self.open_item(event.option.id)


__all__ = ["ERRORS", "Opening", "PaletteCommand", "refusal_text"]  # screens take them here
