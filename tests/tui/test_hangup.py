"""A running TUI that loses its terminal (SIGHUP) or is told to stop (SIGTERM) ends cleanly,
with every confirmed check-in on disk and the terminal given back."""

from __future__ import annotations

import datetime as dt
import signal
from pathlib import Path

import orjson
import pytest

from okrtui import sample
from tests.support.terminal import on_terminal


def _checkins(db: Path) -> list[dict]:
    return list(orjson.loads(db.read_bytes())["checkins"].values())


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM])
def test_signal_ends_the_tui_cleanly_with_the_checkin_saved(tmp_path: Path,
                                                           signum: int) -> None:
    db = tmp_path / "okrs.json"
    sample.build(db, dt.date.today())
    before = len(_checkins(db))
    with on_terminal(db) as (proc, screen):
        screen.wait_for(b"Leadership")  # the dashboard has painted its objectives
        screen.send(b"\r")  # open the first objective
        screen.wait_for(b"Key result")
        screen.send(b"c")  # check in on the selected key result
        screen.wait_for(b"New value")
        screen.send(b"7")
        screen.wait_for(b"New progress: 7/")  # the form has taken the 7 into its value
        screen.send(b"\r")  # save: the toast confirms it
        screen.wait_for(b"Saved")
        proc.send_signal(signum)
        proc.wait(timeout=20)
        screen.drain()
    assert proc.returncode == 128 + signum  # it exited itself: not killed by the signal
    checkins = _checkins(db)
    assert len(checkins) == before + 1
    assert any(c["author"] == "dave" and c["value"] == 7.0 for c in checkins)
    # The terminal was given back: the alternate screen was left and the cursor shown.
    tail = screen.seen[-4000:]
    assert b"\x1b[?1049l" in tail and b"\x1b[?25h" in tail
    assert b"Traceback" not in screen.seen
