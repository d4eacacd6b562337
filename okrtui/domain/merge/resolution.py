"""What resolving sync-tool conflict copies did, ready to show to a person."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from okrtui.domain.merge.conflict import CONFLICTS_TABLE, Conflict
from okrtui.domain.records.canonical import Table, same
from okrtui.domain.records.models import KIND_NAMES
from okrtui.domain.records.text import shown


def count_changes(before: Mapping[str, Table],
                  after: Mapping[str, Table]) -> tuple[dict[str, int], dict[str, int]]:
    """Records added and changed per table, from `before` to `after` (the conflicts table
    aside: it is reported as conflicts)."""
    added: dict[str, int] = {}
    changed: dict[str, int] = {}
    for name in sorted(after):
        if name == CONFLICTS_TABLE:
            continue
        old = before.get(name, {})
        for rid, record in after[name].items():
            if rid not in old:
                added[name] = added.get(name, 0) + 1
            elif not same(old[rid], record):
                changed[name] = changed.get(name, 0) + 1
    return added, changed


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def _counts(counts: Mapping[str, int]) -> str:
    return ", ".join(_plural(n, KIND_NAMES.get(t, t)) for t, n in counts.items())


@dataclass(frozen=True)
class ResolveReport:
    """The outcome of `Services.resolve_conflicts`.

    File names are anyone's (a sync tool names a copy after a device or a person): every
    line and the JSON show them through `shown`.

    `merged` are the copies merged into the workspace, `moved` where they went (nothing
    moves on a dry run), `broken` the copies that could not be read (each with one line
    saying why; they stay where they are), `added` and `changed` count records per
    table, `conflicts` are the decisions a person should know about.
    """

    merged: tuple[Path, ...] = ()
    moved: tuple[Path, ...] = ()
    broken: tuple[tuple[Path, str], ...] = ()
    added: Mapping[str, int] = field(default_factory=dict)
    changed: Mapping[str, int] = field(default_factory=dict)
    conflicts: tuple[Conflict, ...] = ()
    dry_run: bool = False

    @property
    def summary(self) -> str:
        """One line: how many copies, records and conflicts."""
        if not self.merged and not self.broken:
            return "no conflict copies to resolve"
        verb = "would merge" if self.dry_run else "merged"
        parts = [f"{verb} {_plural(len(self.merged), 'conflict copy', 'conflict copies')}"]
        n_added, n_changed = sum(self.added.values()), sum(self.changed.values())
        parts.append(f"{_plural(n_added, 'record')} added, {n_changed} changed")
        if self.conflicts:
            parts.append(f"{_plural(len(self.conflicts), 'conflict')} decided")
        if self.broken:
            parts.append(f"{_plural(len(self.broken), 'copy', 'copies')} unreadable, left "
                         f"as {'it is' if len(self.broken) == 1 else 'they are'}")
        return "; ".join(parts)

    def lines(self) -> list[str]:
        """The summary, then a line per copy, per kind of record changed and per conflict."""
        out = [self.summary]
        for copy, moved in zip(self.merged, self.moved or (None,) * len(self.merged),
                               strict=True):
            out.append(f"merged {shown(copy.name)}"
                       + (f", kept as {shown(moved)}" if moved else ""))
        for copy, why in self.broken:
            out.append(f"not merged {shown(copy.name)}: {shown(why)}")
        if self.added:
            out.append(f"added: {_counts(self.added)}")
        if self.changed:
            out.append(f"changed: {_counts(self.changed)}")
        out.extend(f"conflict: {c.line()}" for c in self.conflicts)
        return out

    def as_json(self) -> dict[str, Any]:
        """The report as data (for `okrtui resolve --json`)."""
        return {
            "summary": self.summary, "dry_run": self.dry_run,
            "merged": [shown(p) for p in self.merged], "moved": [shown(p) for p in self.moved],
            "broken": [{"path": shown(p), "error": shown(why)} for p, why in self.broken],
            "added": dict(self.added), "changed": dict(self.changed),
            "conflicts": [{"id": c.id, **c.as_record()} for c in self.conflicts],
        }
