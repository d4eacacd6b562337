"""What a widget posts about its records: `WidgetMessage` carries the widget, as `control`
for `@on` selectors; `Chosen`, when the person chooses one of its records (enter, a
click), adds the record's id. Each widget names its own subclass for what the choice means
(`ObjectiveList.OpenRequested`, ...)."""

from __future__ import annotations

from textual.message import Message
from textual.widget import Widget


class WidgetMessage(Message):
    """A message about `widget`, which `@on(..., "#id")` selectors match as `control`."""

    def __init__(self, widget: Widget) -> None:
        super().__init__()
        self.widget = widget

    @property
    def control(self) -> Widget:
        """The widget the message is about."""
        return self.widget


class Chosen(WidgetMessage):
    """The person chose the record `record_id` in `widget`."""

    def __init__(self, widget: Widget, record_id: str) -> None:
        super().__init__(widget)
        self.record_id = record_id
