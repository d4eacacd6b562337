"""The real `okrtui` on a pseudo-terminal, as a person's shell runs it, and what it paints."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def spawn(db: Path, user: str = "dave", size: tuple[int, int] = (100, 30)
          ) -> tuple[subprocess.Popen[bytes], int]:
    """Start `okrtui` on the workspace `db` on a pseudo-terminal of `size` (columns,
    rows); returns the process and the terminal's controlling end."""
    parent, child = pty.openpty()
    os.set_blocking(parent, False)
    columns, rows = size
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    env = {**os.environ, "OKRTUI_DB": str(db), "OKRTUI_USER": user, "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen([sys.executable, "-m", "okrtui"], stdin=child, stdout=child,
                            stderr=child, env=env, start_new_session=True, close_fds=True)
    os.close(child)
    return proc, parent


@contextmanager
def on_terminal(db: Path, user: str = "dave", size: tuple[int, int] = (100, 30)
                ) -> Iterator[tuple[subprocess.Popen[bytes], Screen]]:
    """`okrtui` started as `spawn` does, with what it paints; afterwards a process still
    running is killed (a failed test leaves none behind) and the terminal is closed."""
    proc, fd = spawn(db, user, size)
    try:
        yield proc, Screen(fd)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(fd)


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
        """Read until `text` has appeared, as a person sees it, after the last mark."""
        deadline = time.monotonic() + timeout
        start = len(self.seen)
        while text not in visible(self.seen[start:]) and time.monotonic() < deadline:
            self.pump(0.1)
        assert text in visible(self.seen[start:]), f"{text!r} never appeared"

    def drain(self, timeout: float = 20.0) -> None:
        """Read everything an app that has exited wrote, up to the end of the terminal."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.fd], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:  # Linux: EIO once the last writer has gone
                return
            if not chunk:
                return
            self.seen += chunk

    def send(self, keys: bytes) -> None:
        """Type into the terminal."""
        os.write(self.fd, keys)


# Control sequences: a style change can fall between two characters of one word on screen.
_CONTROL = re.compile(rb"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")


def visible(raw: bytes) -> bytes:
    """What the bytes written to a terminal show, without the control sequences."""
    return _CONTROL.sub(b"", raw)
