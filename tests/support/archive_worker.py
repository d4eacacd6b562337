"""A process that grades and reopens one objective forever (moving its key results and
check-ins between the open file and its year's archive each time), with a late check-in
on it in between, printing each confirmed check-in id.

Run by tests/store/test_archive_crash.py, which kills it with SIGKILL at random moments:
every id it printed was confirmed by a save that returned, so the workspace must hold it,
whichever file it was in when the process died.
"""

from __future__ import annotations

import datetime as dt
import sys
import time

from okrtui.services import Services
from okrtui.store import Store


def main() -> None:
    """Grade, check in late, reopen, check in; again and again."""
    path, objective_id, kr_id, user = sys.argv[1:5]
    # Between rounds, a pause (seconds) that lets other processes take the lock: a lock is
    # not a queue, and a process that saves in a tight loop would starve them.
    pause = float(sys.argv[5]) if len(sys.argv) > 5 else 0.0
    services = Services(Store(path, keep_backups=2), user)
    value = 0
    while True:
        services.grade_period("2026-Q2", objective_ref=objective_id)
        for _ in range(2):
            made = services.check_in(kr_id, float(value), on=dt.date(2026, 6, 1))
            sys.stdout.write(made.id + "\n")
            sys.stdout.flush()
            value += 1
        services.edit_objective(objective_id, status="active")
        time.sleep(pause)


if __name__ == "__main__":
    main()
