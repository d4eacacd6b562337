"""Fixtures of the TUI tests: the app on the sample workspace and on an empty one, and a
cursor that never blinks."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from okrtui import sample
from okrtui.app import OkrApp
from okrtui.services import Services
from okrtui.store import Store
from tests.support.clock import TODAY, FixedClock
from tests.support.tui import make_app


@pytest.fixture(autouse=True)
def _steady_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    """The text cursor stays shown: its blink toggles every half second, so a screenshot
    taken on a loaded machine a moment later than usual would catch it hidden."""
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda self: None)


@pytest.fixture
def sample_app(tmp_path: Path) -> OkrApp:
    """The app on the sample workspace built for 2026-11-22, as `okrtui --demo` shows it."""
    path = sample.build(tmp_path / "sample.json", TODAY)
    return make_app(Services(Store(path), "alice", clock=FixedClock()), demo=True)


@pytest.fixture
def empty_app(tmp_path: Path) -> OkrApp:
    """The app on an empty workspace."""
    return make_app(Services(Store(tmp_path / "okrs.json"), "alice", clock=FixedClock()))
