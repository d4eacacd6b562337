"""When each source was last pulled: local to your machine, never in the shared file.

`okrtui pull` notes, per workspace and source, when it last ran the source, what came of
it and when it last recorded or confirmed a value, so that the TUI can say "pulled 2 h
ago" or "failed: timed out". Like the last-seen file it is a convenience: a state file
that cannot be read or written is ignored (and rewritten whole next time).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from okrtui.config import APP
from okrtui.domain.records.canonical import stored_time
from okrtui.store.jsonfile import atomic_replace


def state_path() -> Path:
    """The file that holds, per workspace and source, the last pull."""
    return Path(platformdirs.user_state_dir(APP)) / "pulls.json"


@dataclass(frozen=True)
class LastPull:
    """The last pull of one source: when it ran, how it went, and its last good value."""

    at: dt.datetime
    outcome: str  # "recorded", "unchanged" or "failed"
    message: str = ""
    value: float | None = None
    ok_at: dt.datetime | None = None  # the last pull that gave a number


def _workspace_key(workspace: Path) -> str:
    return str(Path(workspace).expanduser().absolute())


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def last_pulls(workspace: Path) -> dict[str, LastPull]:
    """The last pull of every source of `workspace`, by source key (unreadable ones left out)."""
    entries = _read(state_path()).get(_workspace_key(workspace))
    out: dict[str, LastPull] = {}
    if not isinstance(entries, dict):
        return out
    for key, raw in entries.items():
        at = stored_time(raw.get("at")) if isinstance(raw, dict) else None
        if at is None:
            continue
        value = raw.get("value")
        out[str(key)] = LastPull(
            at, str(raw.get("outcome", "")), str(raw.get("message", "")),
            float(value) if isinstance(value, int | float) and not isinstance(value, bool)
            else None, stored_time(raw.get("ok_at")))
    return out


def note_pulls(workspace: Path, pulls: Iterable[tuple[str, LastPull]]) -> None:
    """Remember these pulls of `workspace`'s sources (silently skipped if impossible).

    A failed pull keeps the time and value of the last good one."""
    path = state_path()
    data = _read(path)
    key = _workspace_key(workspace)
    entries = data.get(key) if isinstance(data.get(key), dict) else {}
    for source, pull in pulls:
        before = entries.get(source) if isinstance(entries.get(source), dict) else {}
        entry: dict[str, Any] = {"at": pull.at.isoformat(), "outcome": pull.outcome,
                                 "message": pull.message}
        if pull.outcome == "failed":
            entry["value"] = before.get("value")
            entry["ok_at"] = before.get("ok_at")
        else:
            entry["value"] = pull.value
            entry["ok_at"] = pull.at.isoformat()
        entries[source] = entry
    data[key] = entries
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_replace(path, json.dumps(data, indent=1, sort_keys=True).encode() + b"\n")
