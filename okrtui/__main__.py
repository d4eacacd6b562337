"""Entry point: `okrtui` and `python -m okrtui`."""

from __future__ import annotations

import sys

from okrtui.cli import main

if __name__ == "__main__":
    sys.exit(main())
