"""The OKR limits, each once: which records count together, and how many the workspace's
settings allow (okr-domain.md, "Rules of thumb").

- key results per objective (`max_key_results`, 5): the live key results of an objective;
- objectives per owner and period (`max_objectives_per_owner`, 5): live objectives with
  an owner that are not drafts (a draft has not run yet);
- KPIs per owner (`max_kpis_per_owner`, 12; lint flags more than `kpi_flag_over`, 8):
  live KPIs with an owner.

The refusals (`rules.checks`) ask whether one more still fits; the merge checks
(`merge.checks`) and lint ask which groups are over. Both read the same `group` of a
record, given as its stored fields or as a model (`dict(model)` gives its fields).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from okrtui.domain.records.models import Settings
from okrtui.domain.records.text import person_name

Fields = Mapping[str, Any]


def _live(record: Fields) -> bool:
    return not record.get("deleted_at")


def _objective_of(kr: Fields) -> str | None:
    oid = kr.get("objective_id")
    return oid if _live(kr) and isinstance(oid, str) else None


def _owner_of(record: Fields) -> str:
    # As names are compared: "alice\u200b" (a teammate's file) is alice.
    return person_name(str(record.get("owner") or ""))


def _owner_and_period(objective: Fields) -> tuple[str, str] | None:
    owner = _owner_of(objective)
    if not _live(objective) or not owner or objective.get("status") == "draft":
        return None
    return owner, str(objective.get("period"))


def _owner(kpi: Fields) -> str | None:
    owner = _owner_of(kpi)
    return owner if _live(kpi) and owner else None


@dataclass(frozen=True)
class Limit:
    """One limit: the records of `table` that count together (`group`: None for a record
    that does not count) and the setting that says how many a group may hold."""

    table: str
    setting: str
    group: Callable[[Fields], Hashable | None]

    def most(self, settings: Settings) -> int:
        """How many one group may hold under `settings`."""
        return int(getattr(settings, self.setting))

    def others(self, record_id: str, key: Hashable, candidates: Iterable[Fields]) -> int:
        """How many of `candidates` (records with an `id`) count in group `key`, besides
        the record `record_id` itself (an edit does not count the record twice)."""
        return sum(1 for r in candidates if r.get("id") != record_id and self.group(r) == key)

    def groups(self, rows: Mapping[str, Fields]) -> dict[Hashable, list[str]]:
        """The ids in each group of `rows` (a table: id -> stored fields)."""
        out: dict[Hashable, list[str]] = {}
        for rid, record in rows.items():
            key = self.group(record)
            if key is not None:
                out.setdefault(key, []).append(rid)
        return out

    def over(self, rows: Mapping[str, Fields], most: int) -> list[tuple[Hashable, list[str]]]:
        """The groups of `rows` holding more than `most`, in a stable order."""
        found = [(key, ids) for key, ids in self.groups(rows).items() if len(ids) > most]
        return sorted(found, key=lambda item: item[0])  # type: ignore[arg-type, return-value]


KEY_RESULTS_PER_OBJECTIVE = Limit("key_results", "max_key_results", _objective_of)
OBJECTIVES_PER_OWNER = Limit("objectives", "max_objectives_per_owner", _owner_and_period)
KPIS_PER_OWNER = Limit("kpis", "max_kpis_per_owner", _owner)
