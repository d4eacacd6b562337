"""Running a source's shell command: no stdin, a timeout, bounded output, no leftovers.

The command runs in `/bin/sh -c` in a session of its own, so that a timeout ends the
whole pipeline (the shell and everything it started), not only the shell. A command that
leaves a child holding its output open is waited for until its timeout, then ended. Its output is
read as it comes and only the tail is kept: a command that prints without end fills
neither memory nor disk before its timeout ends it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
from dataclasses import dataclass

OUTPUT_TAIL = 64 * 1024
ERROR_TAIL = 4 * 1024
_CHUNK = 8192


@dataclass(frozen=True)
class Finished:
    """How a command ended and the tail of what it printed."""

    status: int | None  # exit status; negative: killed by that signal; None: timed out
    stdout: str
    stderr: str
    timed_out: bool = False


def run_command(command: str, timeout: float, *, env: dict[str, str] | None = None,
                cwd: str | None = None) -> Finished:
    """Run `command` in /bin/sh with no stdin; end it and its children after `timeout`."""
    import selectors
    import subprocess

    proc = subprocess.Popen(["/bin/sh", "-c", command], stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True, env=env, cwd=cwd)
    assert proc.stdout is not None and proc.stderr is not None
    tails = {proc.stdout.fileno(): bytearray(), proc.stderr.fileno(): bytearray()}
    limits = {proc.stdout.fileno(): OUTPUT_TAIL, proc.stderr.fileno(): ERROR_TAIL}
    deadline = time.monotonic() + timeout
    timed_out = False
    with selectors.DefaultSelector() as selector:
        for stream in (proc.stdout, proc.stderr):
            selector.register(stream, selectors.EVENT_READ)
        while selector.get_map():
            left = deadline - time.monotonic()
            if left <= 0:
                timed_out = True
                break
            for key, _ in selector.select(left):
                chunk = os.read(key.fd, _CHUNK)
                if not chunk:
                    selector.unregister(key.fileobj)
                    continue
                tail = tails[key.fd]
                tail += chunk
                if len(tail) > limits[key.fd]:
                    del tail[: len(tail) - limits[key.fd]]
    if not timed_out:
        try:
            proc.wait(max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            timed_out = True  # it closed its output but kept running
    if timed_out:
        _kill_group(proc.pid)  # the shell and everything it started
        proc.wait()
    out_fd, err_fd = proc.stdout.fileno(), proc.stderr.fileno()
    proc.stdout.close()
    proc.stderr.close()
    stdout = bytes(tails[out_fd]).decode("utf-8", "replace")
    stderr = bytes(tails[err_fd]).decode("utf-8", "replace")
    return Finished(None if timed_out else proc.returncode, stdout, stderr, timed_out)


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)
