"""My undo history of a workspace: local to my machine, never in the shared file.

Every transaction of mine that changes records leaves one entry here (what it changed,
field by field, and the action in words); `okrtui undo` and the TUI's `u` reverse the
newest, `ctrl+r` and `okrtui redo` reverse the reversal. The file holds two stacks, per
user and workspace, each at most JOURNAL_LIMIT entries. Like the other state files it is
a convenience: one that cannot be read is an empty history, one that cannot be written
is skipped, and okrtui never stops for it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs

from okrtui.config import APP

if TYPE_CHECKING:
    from okrtui.domain.history.journal import Change

JOURNAL_LIMIT = 100


def journal_path(workspace: Path, user: str) -> Path:
    """The file that holds `user`'s undo history of `workspace`."""
    key = f"{user}@{Path(workspace).expanduser().absolute()}"
    name = hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()[:32]
    return Path(platformdirs.user_state_dir(APP)) / "undo" / f"{name}.json"


@dataclass(frozen=True)
class Entry:
    """One action of mine: when, in words, and what it changed."""

    id: str
    at: str
    label: str
    changes: tuple[Change, ...]

    def as_data(self) -> dict[str, Any]:
        """The entry as JSON data."""
        return {"id": self.id, "at": self.at, "label": self.label,
                "changes": [c.as_data() for c in self.changes]}

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Entry:
        """An entry read back (raises KeyError, TypeError or ValueError when broken)."""
        from okrtui.domain.history.journal import Change

        return cls(str(data["id"]), str(data["at"]), str(data["label"]),
                   tuple(Change.from_data(c) for c in data["changes"]))


class Journal:
    """The undo and redo stacks of one user on one workspace, in the local state folder.

    Callers hold the workspace's lock while they read and write it (the store's commit
    hook runs under it, and so do undo and redo), so two okrtui of the same user on the
    same workspace take turns.
    """

    def __init__(self, workspace: Path, user: str) -> None:
        self.path = journal_path(workspace, user)
        self.workspace = str(Path(workspace).expanduser().absolute())
        self.user = user

    def load(self) -> tuple[list[Entry], list[Entry]]:
        """(the undo stack, the redo stack), newest last; empty when unreadable."""
        undo, redo = self._raw()
        return self._entries(undo), self._entries(redo)

    def _raw(self) -> tuple[list[Any], list[Any]]:
        """Both stacks as stored (unreadable: empty)."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return [], []
        if not isinstance(data, dict):
            return [], []
        undo, redo = data.get("undo"), data.get("redo")
        return (undo if isinstance(undo, list) else [], redo if isinstance(redo, list) else [])

    @staticmethod
    def _entries(rows: Any) -> list[Entry]:
        out: list[Entry] = []
        for row in rows if isinstance(rows, list) else []:
            with contextlib.suppress(KeyError, TypeError, ValueError, AttributeError):
                out.append(Entry.from_data(row))
        return out

    def save(self, undo: list[Entry], redo: list[Entry]) -> None:
        """Write both stacks (silently skipped where the state folder cannot be written)."""
        self._save([e.as_data() for e in undo], [e.as_data() for e in redo])

    def _save(self, undo: list[Any], redo: list[Any]) -> None:
        data = {"workspace": self.workspace, "user": self.user,
                "undo": undo[-JOURNAL_LIMIT:], "redo": redo[-JOURNAL_LIMIT:]}
        blob = json.dumps(data, ensure_ascii=False, sort_keys=True).encode() + b"\n"
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
            temp.write_bytes(blob)
            os.replace(temp, self.path)  # a reader sees the old history or the new one

    def done(self, entry: Entry) -> None:
        """A new action: undoable next; what was undone can no longer be redone.

        Every save of the user runs this: the stored entries are passed on as they are,
        not read back into changes."""
        undo, _ = self._raw()
        self._save([*undo, entry.as_data()], [])

    def reversed(self, kind: str, consumed: str, entry: Entry | None) -> None:
        """`consumed` (the newest of the undo stack for "undo", of the redo stack for
        "redo") was reversed by `entry` (None when nothing could be): the reversal goes on
        the other stack, to be reversed in turn."""
        undo, redo = self.load()
        source, target = (undo, redo) if kind == "undo" else (redo, undo)
        source[:] = [e for e in source if e.id != consumed]
        if entry is not None:
            target.append(entry)
        self.save(undo, redo)
