"""The workspace screen whose body is one list of items, each pointing somewhere."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from okrtui.screens.hooks import required
from okrtui.screens.workspace_screen import ViewT, WorkspaceScreen


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
