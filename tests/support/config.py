"""The user's config file of a test (conftest points OKRTUI_CONFIG at a private one)."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path


def write_config(text: str) -> Path:
    """Write the user's config file."""
    path = Path(os.environ["OKRTUI_CONFIG"])
    path.write_text(text, encoding="utf-8")
    return path


def write_sources(commands: Mapping[str, str]) -> Path:
    """A config whose [sources] table has these keys (a key result's id, `kpi:` and a
    KPI's id) and commands."""
    lines = ["[sources]", *(f"{json.dumps(key)} = {json.dumps(command)}"
                            for key, command in commands.items())]
    return write_config("\n".join(lines) + "\n")
