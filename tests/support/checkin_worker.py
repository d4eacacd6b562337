"""One of several processes checking in on one key result at the same moment.

Run by tests/store/test_concurrency.py. Once imported it creates START.ready-NUMBER, then
waits until the start file exists (so that every worker starts together), then runs
`okrtui checkin` COUNT times through the real command line entry point, each a separate
command with its own store, as a person's shell would. Exits with the first non-zero exit
code.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from okrtui.cli import main as okrtui


def main() -> int:
    """Wait for the start file, then check in values number*100 + 0, 1, 2 ..."""
    db, kr_id, user, number, count, start = sys.argv[1:7]
    Path(f"{start}.ready-{number}").touch()
    while not Path(start).exists():
        time.sleep(0.005)
    for i in range(int(count)):
        value = int(number) * 100 + i
        code = okrtui(["--db", db, "--user", user, "checkin", kr_id, str(value),
                       "--note", f"{user} #{i}"])
        if code != 0:
            return code
    return 0


if __name__ == "__main__":
    sys.exit(main())
