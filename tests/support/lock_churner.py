"""A sync tool that keeps replacing and deleting a workspace's lock file.

Run by tests/store/test_lock.py while okrtui processes check in: it deletes the lock
file, or replaces it with a new file as a sync tool bringing another device's copy does,
over and over until the stop file exists; then prints how many times it did.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path


def main() -> int:
    """Churn the lock file named on the command line until the stop file exists."""
    lock, stop = Path(sys.argv[1]), Path(sys.argv[2])
    churned = 0
    while not stop.exists():
        with contextlib.suppress(OSError):
            if churned % 2:
                lock.unlink()
            else:
                other = lock.with_name(lock.name + ".from-another-device")
                other.write_bytes(b"")
                os.replace(other, lock)
            churned += 1
    print(churned)
    return 0


if __name__ == "__main__":
    sys.exit(main())
