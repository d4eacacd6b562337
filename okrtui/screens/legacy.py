"""The messages a screen's workers posted before each screen took the one shape of
`okrtui.screens.base`: being retired, one screen at a time."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from textual import work
from textual.message import Message
from textual.worker import get_current_worker

from okrtui.domain.records.errors import describe
from okrtui.domain.records.workspace import Workspace
from okrtui.screens.base import ERRORS, OkrScreen

if TYPE_CHECKING:
    _Base = OkrScreen[Any]
else:
    _Base = object

T = TypeVar("T")


class Loaded(Message, Generic[T]):
    """A load worker read the workspace and built what the screen shows."""

    def __init__(self, data: T) -> None:
        super().__init__()
        self.data = data


class ServiceDone(Message):
    """A service call finished; `result` is what it returned."""

    def __init__(self, action: str, result: Any) -> None:
        super().__init__()
        self.action = action
        self.result = result


class ServiceFailed(Message):
    """A read or a service call was refused or failed; `text` says why in one line."""

    def __init__(self, action: str, error: Exception, text: str | None = None) -> None:
        super().__init__()
        self.action = action
        self.error = error
        self.text = text or (describe(error) if isinstance(error, ERRORS) else (
            f"unexpected {type(error).__name__}: {error}"))
        self.field = getattr(error, "field", None)


class ServiceMixin(_Base):
    """Workers for screens: read the workspace, call services, post messages back."""

    def build_view(self, ws: Workspace) -> Any:
        """Build, from a fresh workspace, the data the screen shows (runs in a thread)."""
        return ws

    def _explain(self, error: Exception) -> str | None:
        """The services' one line for a known error (None: ServiceFailed words it)."""
        return self.services.explain(error) if isinstance(error, ERRORS) else None

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load(self) -> None:
        """Read the workspace and build the view off the UI thread; post Loaded."""
        worker = get_current_worker()
        try:
            data = self.build_view(self.services.workspace())
        except Exception as exc:  # one line on screen, never a traceback
            if not worker.is_cancelled:
                self.post_message(ServiceFailed("load", exc, self._explain(exc)))
            return
        if not worker.is_cancelled:
            self.post_message(Loaded(data))

    @work(thread=True, group="service", exit_on_error=False)
    def call_service(self, action: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        """Run one service (one store transaction) off the UI thread; post Done or Failed."""
        try:
            result = fn(*args, **kwargs)
        except Exception as exc:  # one line on screen, never a traceback
            self.post_message(ServiceFailed(action, exc, self._explain(exc)))
            return
        self.post_message(ServiceDone(action, result))
