"""What a widget posts when the person chooses one of its records (enter, a click): the
widget, as `control` for `@on` selectors, and the record's id. Each widget names its own
subclass for what the choice means (`ObjectiveList.OpenRequested`, ...)."""

from __future__ import annotations

from textual.message import Message
from textual.widget import Widget


class Chosen(Message):
    """The person chose the record `record_id` in `widget`."""

    def __init__(self, widget: Widget, record_id: str) -> None:
        super().__init__()
        self.widget = widget
        self.record_id = record_id

    @property
    def control(self) -> Widget:
        """The widget the record was chosen in."""
        return self.widget
