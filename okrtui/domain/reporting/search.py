"""What the command palette can find: every live objective, key result and KPI, in every
period, by title, owner and team.

The palette matches a person's typing against each entry's `text` (fuzzy, as Textual's
palette does for commands) and goes to its place: the objective's period and row, the key
result's objective and row, the KPI's row. Entries are built from the stored fields,
without validating a team's years of history, and every piece of text is made safe.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from okrtui.domain.records.text import one_line, safe_text
from okrtui.domain.records.workspace import Workspace

TITLE_WIDTH = 80


@dataclass(frozen=True)
class Findable:
    """One record the palette can go to."""

    kind: str  # "objective", "key result" or "KPI"
    record_id: str
    title: str
    owner: str
    team: str
    period: str = ""  # the objective's period (an objective or a key result)
    objective_id: str = ""  # the objective to open (an objective or a key result)
    objective_title: str = ""  # a key result's objective

    @property
    def text(self) -> str:
        """What typing is matched against: the title, then who and which team."""
        return " · ".join(part for part in (self.title, self.owner, self.team) if part)

    @property
    def where(self) -> str:
        """Where it lives, in words: "key result of “Grow” · 2026-Q4"."""
        if self.kind == "KPI":
            return "KPI"
        if self.kind == "key result":
            return f"key result of “{self.objective_title}” · {self.period}"
        return f"objective · {self.period}"


def _text(raw: dict[str, Any], key: str) -> str:
    value = raw.get(key)
    return one_line(safe_text(value).strip(), TITLE_WIDTH) if isinstance(value, str) else ""


def findables(ws: Workspace) -> list[Findable]:
    """Every live objective, key result (of a live objective) and KPI, newest period first."""
    objectives = {oid: raw for oid, raw in ws.tables.get("objectives", {}).items()
                  if isinstance(raw, dict) and not raw.get("deleted_at")}
    out: list[Findable] = []
    for oid, raw in objectives.items():
        out.append(Findable("objective", oid, _text(raw, "title"), _text(raw, "owner"),
                            _text(raw, "team"), _text(raw, "period"), oid))
    for kid, raw in ws.tables.get("key_results", {}).items():
        parent = objectives.get(str(raw.get("objective_id"))) if isinstance(raw, dict) else None
        if parent is None or raw.get("deleted_at"):
            continue
        out.append(Findable("key result", kid, _text(raw, "title"),
                            _text(raw, "owner") or _text(parent, "owner"),
                            _text(parent, "team"), _text(parent, "period"),
                            str(raw["objective_id"]), _text(parent, "title")))
    for pid, raw in ws.tables.get("kpis", {}).items():
        if isinstance(raw, dict) and not raw.get("deleted_at"):
            out.append(Findable("KPI", pid, _text(raw, "name"), _text(raw, "owner"),
                                _text(raw, "team")))
    order = {"objective": 0, "key result": 1, "KPI": 2}
    return sorted(out, key=lambda f: (f.kind == "KPI", _negated(f.period), order[f.kind],
                                      f.title.lower(), f.record_id))


def _negated(period: str) -> tuple[int, ...]:
    """Newest period first: order by the negated code points of its name."""
    return tuple(-ord(c) for c in period)
