"""Fixtures of the TUI tests: the app on the sample workspace and on an empty one."""

from __future__ import annotations

from pathlib import Path

import pytest

from okrtui import sample
from okrtui.app import OkrApp
from okrtui.services import Services
from okrtui.store import Store
from tests.support.clock import TODAY, FixedClock
from tests.support.tui import make_app


@pytest.fixture
def sample_app(tmp_path: Path) -> OkrApp:
    """The app on the sample workspace built for 2026-11-22, as `okrtui --demo` shows it."""
    path = sample.build(tmp_path / "sample.json", TODAY)
    return make_app(Services(Store(path), "alice", clock=FixedClock()), demo=True)


@pytest.fixture
def empty_app(tmp_path: Path) -> OkrApp:
    """The app on an empty workspace."""
    return make_app(Services(Store(tmp_path / "okrs.json"), "alice", clock=FixedClock()))
