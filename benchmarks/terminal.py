"""A whole program in a real pseudo-terminal, timed until the screen shows some text.

This is how a person meets the TUI: they type `okrtui`, the terminal receives bytes, and
the dashboard is there when its text has arrived. The child gets a pty of 80x24 as its
terminal (stdin, stdout and stderr), the parent reads what it writes and stops the clock
when the awaited text is in it: interpreter start, imports, reading the workspace,
building the screen and writing its bytes all count, and nothing in the program or in
Textual is watched from inside.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

SIZE = (80, 24)


@dataclass(frozen=True)
class Paint:
    """How long until the text was on the terminal, and the child's peak memory then."""

    seconds: float
    peak_rss_mib: float


class NeverPainted(RuntimeError):
    """The child ended, or the time ran out, before the text reached the terminal."""


def _peak_rss_mib(pid: int) -> float:
    """The peak resident memory of process `pid` so far (VmHWM), in MiB."""
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def first_paint(argv: Sequence[str], expect: bytes, *, env: dict[str, str],
                timeout: float = 120.0) -> Paint:
    """Start `argv` on a fresh 80x24 pseudo-terminal and return the time until `expect`
    was written to it (from just before the start), then stop the child."""
    master, slave = os.openpty()
    cols, rows = SIZE
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    env = {**env, "TERM": "xterm-256color", "COLUMNS": str(cols), "LINES": str(rows)}
    began = time.perf_counter()
    child = subprocess.Popen(list(argv), stdin=slave, stdout=slave, stderr=slave, env=env,
                             start_new_session=True, close_fds=True)
    os.close(slave)
    seen = b""
    try:
        while True:
            left = timeout - (time.perf_counter() - began)
            if left <= 0:
                raise NeverPainted(f"{argv[0]}: no {expect!r} within {timeout:.0f} s")
            ready, _, _ = select.select([master], [], [], min(left, 0.5))
            if not ready:
                if child.poll() is not None:
                    raise NeverPainted(f"{argv[0]} exited ({child.returncode}) before "
                                       f"painting {expect!r}: {seen[-300:]!r}")
                continue
            try:
                chunk = os.read(master, 1 << 16)
            except OSError:  # the child closed the terminal
                chunk = b""
            if not chunk:
                raise NeverPainted(f"{argv[0]} closed its terminal before painting "
                                   f"{expect!r}: {seen[-300:]!r}")
            # Keep a tail: the text may arrive split over two reads.
            seen = seen[-len(expect):] + chunk
            if expect in seen:
                return Paint(time.perf_counter() - began, _peak_rss_mib(child.pid))
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child.pid, signal.SIGKILL)
        child.wait()
        os.close(master)
