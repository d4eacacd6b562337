"""When you last looked at a workspace: local to your machine, never in the shared file.

The TUI notes the moment it opens a workspace, so that the next time it can say what
teammates changed since. It is a convenience: a state file that cannot be read or
written is ignored (and rewritten whole next time), and never stops okrtui.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from pathlib import Path

import platformdirs

from okrtui.config import APP
from okrtui.domain.records.canonical import stored_time
from okrtui.store.jsonfile import atomic_replace


def state_path() -> Path:
    """The file that holds, per user and workspace, when they last looked."""
    return Path(platformdirs.user_state_dir(APP)) / "last-seen.json"


def _key(workspace: Path, user: str) -> str:
    return f"{user}@{Path(workspace).expanduser().absolute()}"


def _entries(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in data.items() if isinstance(v, str)} if isinstance(data, dict) else {}


def last_seen(workspace: Path, user: str) -> dt.datetime | None:
    """When `user` last opened `workspace` in the TUI (None if never, or unreadable)."""
    return stored_time(_entries(state_path()).get(_key(workspace, user)))


def mark_seen(workspace: Path, user: str, at: dt.datetime) -> None:
    """Note that `user` looked at `workspace` at `at` (silently skipped if impossible)."""
    path = state_path()
    entries = _entries(path)
    entries[_key(workspace, user)] = at.isoformat()
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_replace(path, json.dumps(entries, indent=1, sort_keys=True).encode() + b"\n")
