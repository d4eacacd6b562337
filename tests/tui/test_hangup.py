"""A running TUI that loses its terminal (SIGHUP) or is told to stop (SIGTERM) ends cleanly,
with every confirmed check-in on disk and the terminal given back."""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import orjson
import pytest

from okrtui import sample


def _spawn(db: Path) -> tuple[subprocess.Popen[bytes], int]:
    """Start the real `okrtui` on a pseudo-terminal of 100x30, as a person's shell would."""
    parent, child = pty.openpty()
    os.set_blocking(parent, False)
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    env = {**os.environ, "OKRTUI_DB": str(db), "OKRTUI_USER": "dave", "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen([sys.executable, "-m", "okrtui"], stdin=child, stdout=child,
                            stderr=child, env=env, start_new_session=True, close_fds=True)
    os.close(child)
    return proc, parent


class Screen:
    """Everything the app has written to its terminal so far."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.seen = b""

    def pump(self, seconds: float) -> None:
        """Read what the app writes for a while."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.fd], [], [], 0.05)
            if ready:
                try:
                    self.seen += os.read(self.fd, 65536)
                except OSError:
                    return

    def wait_for(self, text: bytes, timeout: float = 20.0) -> None:
        """Read until `text` has appeared after the last mark."""
        deadline = time.monotonic() + timeout
        start = len(self.seen)
        while text not in self.seen[start:] and time.monotonic() < deadline:
            self.pump(0.1)
        assert text in self.seen[start:], f"{text!r} never appeared"

    def send(self, keys: bytes) -> None:
        """Type into the terminal."""
        os.write(self.fd, keys)


def _checkins(db: Path) -> list[dict]:
    return list(orjson.loads(db.read_bytes())["checkins"].values())


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM])
def test_signal_ends_the_tui_cleanly_with_the_checkin_saved(tmp_path: Path,
                                                           signum: int) -> None:
    db = tmp_path / "okrs.json"
    sample.build(db, dt.date.today())
    before = len(_checkins(db))
    proc, fd = _spawn(db)
    screen = Screen(fd)
    try:
        screen.wait_for(b"Leadership")  # the dashboard has painted its objectives
        screen.send(b"\r")  # open the first objective
        screen.wait_for(b"Key result")
        screen.send(b"c")  # check in on the selected key result
        screen.wait_for(b"New value")
        screen.send(b"7")
        screen.pump(0.5)
        screen.send(b"\r")  # save: the toast confirms it
        screen.wait_for(b"Saved")
        proc.send_signal(signum)
        proc.wait(timeout=20)
        screen.pump(0.5)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(fd)
    assert proc.returncode == 128 + signum  # it exited itself: not killed by the signal
    checkins = _checkins(db)
    assert len(checkins) == before + 1
    assert any(c["author"] == "dave" and c["value"] == 7.0 for c in checkins)
    # The terminal was given back: the alternate screen was left and the cursor shown.
    tail = screen.seen[-4000:]
    assert b"\x1b[?1049l" in tail and b"\x1b[?25h" in tail
    assert b"Traceback" not in screen.seen
