"""`okrtui --demo` as a person starts it: it says where its temporary workspace is, a
second shell can change that workspace while the TUI runs, and quitting removes it."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import shutil
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Iterator
from pathlib import Path

import pytest


def _read_until(fd: int, pattern: re.Pattern[bytes], seen: bytearray,
                timeout: float = 30.0) -> re.Match[bytes]:
    """Read the terminal until `pattern` matches what it has shown."""
    deadline = time.monotonic() + timeout
    while (found := pattern.search(seen)) is None and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
    assert found is not None, f"{pattern.pattern!r} never appeared"
    return found


@pytest.fixture
def short_tmp() -> Iterator[Path]:
    """A temporary folder with a short path, as /tmp is: the toast shows the demo's path
    on one line (pytest's own tmp_path would wrap)."""
    folder = Path(tempfile.mkdtemp(prefix="d", dir="/tmp"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_the_demo_says_where_it_is_and_leaves_nothing_behind(short_tmp: Path) -> None:
    tmp_path = short_tmp
    parent, child = pty.openpty()
    # 100 columns: a toast is half the width, and holds this 45-character path whole.
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    env = {**os.environ, "TMPDIR": str(tmp_path), "TERM": "xterm-256color"}
    proc = subprocess.Popen([sys.executable, "-m", "okrtui", "--demo"], stdin=child,
                            stdout=child, stderr=child, env=env, start_new_session=True,
                            close_fds=True)
    os.close(child)
    seen = bytearray()
    try:
        where = _read_until(parent, re.compile(rb"the demo workspace is (\S+okrs\.json)"),
                            seen)
        db = Path(where[1].decode())
        assert db.parent.parent == tmp_path and db.is_file()
        _read_until(parent, re.compile(rb"Leadership"), seen)  # the dashboard painted
        # While the TUI has the screen, the terminal's title says where the demo is.
        assert b"\x1b]2;okrtui demo: " + bytes(db) + b"\x07" in seen
        # And the TUI itself, in a toast: the printed line is hidden behind the TUI.
        tui = seen.index(b"\x1b[?1049h")  # the TUI takes the screen from here
        title = re.compile(rb"\x1b\]2;[^\x07]*\x07")
        _read_until(parent, re.compile(rb"Demo workspace"), seen)
        shown = title.sub(b"", bytes(seen[tui:]))
        assert bytes(db) in shown, "the toast names the demo workspace"
        # A second shell changes the demo while it runs, as the notice says.
        second = subprocess.run([sys.executable, "-m", "okrtui", "--db", str(db), "--user",
                                 "erin", "due", "--json"], capture_output=True, text=True)
        assert second.returncode == 1 and '"Sign 10 partnerships"' in second.stdout
        os.write(parent, b"q")
        _read_until(parent, re.compile(rb"removed the demo workspace"), seen)
        proc.wait(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(parent)
    assert proc.returncode == 0
    assert not db.parent.exists()
    assert list(tmp_path.iterdir()) == []
    assert b"Traceback" not in seen
