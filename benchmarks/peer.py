"""The peer: taskwarrior's `task add`, holding the same bytes of history in its own layout.

Taskwarrior keeps open tasks in pending.data and finished ones in completed.data, one
task per line; an add reads the pending file and appends a line. The peer here holds as
many bytes as the okrtui workspace it is compared with, split as okrtui splits them: the
open file's bytes in pending.data, the archives' bytes in completed.data. Its tasks read
like a team's (key results, owners, notes), so the files parse as taskwarrior's own.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import uuid
from pathlib import Path

TASK = "task"


def available() -> str | None:
    """The `task` program, or None when taskwarrior is not installed."""
    return shutil.which(TASK)


def _line(rng: random.Random, n: int, status: str) -> str:
    entry = 1_700_000_000 + n * 37
    owner = f"owner{n % 25:03d}"
    text = (f"Reach {rng.choice((10, 50, 100, 500, 1000))} units of "
            f"{rng.choice(('revenue', 'signups', 'retention', 'uptime', 'churn'))} "
            f"({owner}, key result {n}): {rng.choice(('on it', 'slipping', 'good week'))}")
    end = f' end:"{entry + 86_400}"' if status == "completed" else ""
    return (f'[description:"{text}"{end} entry:"{entry}" modified:"{entry + 3600}" '
            f'project:"team{n % 5}" status:"{status}" '
            f'uuid:"{uuid.UUID(int=rng.getrandbits(128), version=4)}"]\n')


def _fill(path: Path, size: int, status: str, rng: random.Random, first: int) -> int:
    """Write tasks to `path` until it holds `size` bytes; returns the next task number."""
    n = first
    written = 0
    with path.open("w") as out:
        while written < size:
            line = _line(rng, n, status)
            out.write(line)
            written += len(line)
            n += 1
    return n


def make(folder: Path, pending_bytes: int, completed_bytes: int, seed: int = 7) -> Path:
    """A taskwarrior data folder with about these many bytes of pending and completed
    tasks; returns its taskrc."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    n = _fill(folder / "pending.data", pending_bytes, "pending", rng, 0)
    _fill(folder / "completed.data", completed_bytes, "completed", rng, n)
    rc = folder / "taskrc"
    rc.write_text(f"data.location={folder}\nconfirmation=off\nverbose=nothing\n"
                  "hooks=off\nrecurrence=off\n")
    return rc


def add(rc: Path, text: str) -> None:
    """`task add TEXT` as a whole process."""
    subprocess.run([TASK, f"rc:{rc}", "add", text], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
