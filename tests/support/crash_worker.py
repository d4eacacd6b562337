"""A process that checks in on one key result forever, printing each confirmed check-in id.

Run by tests/test_crash.py, which kills it with SIGKILL at random moments: every id this
process printed was confirmed by a save that returned, so it must be in the file.
"""

from __future__ import annotations

import sys

from okrtui.services import Services
from okrtui.store import Store


def main() -> None:
    """Check in values 0, 1, 2 ... on the key result named on the command line."""
    path, kr_id, user = sys.argv[1], sys.argv[2], sys.argv[3]
    services = Services(Store(path, keep_backups=3), user)
    value = 0
    while True:
        made = services.check_in(kr_id, float(value), note="x" * (value % 50))
        sys.stdout.write(made.id + "\n")
        sys.stdout.flush()
        value += 1


if __name__ == "__main__":
    main()
