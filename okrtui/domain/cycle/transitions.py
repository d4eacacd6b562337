"""Moving between OKRs and KPIs, and moving key results between objectives.

- KPI to KR: a KPI that needs improvement becomes a key result, linked to the KPI and
  starting at its latest value; the target must be better than that value.
- KR to KPI: a reached key result becomes a KPI that keeps the level. Green is at the
  target; red is where half of the ground the key result won is lost again (for a
  keep-above/below key result, which won no ground, 10% of the target beyond it).
- A key result moves to another objective of the same period, within the key-result
  limit; graded (closed) objectives keep their key results as graded.
"""

from __future__ import annotations

from dataclasses import dataclass

from okrtui.domain.records.errors import RuleViolation
from okrtui.domain.records.models import KPI, Direction, KeyResult, Measurement, Objective
from okrtui.domain.records.workspace import Workspace
from okrtui.domain.scoring.score import KRScore

# Red is this share of the won ground back from the target (metric key results) ...
RED_SHARE_OF_GAIN = 0.5
# ... or this share of the target itself beyond it (keep-above/below key results).
RED_SHARE_OF_TARGET = 0.1


def check_promotion(kpi: KPI, latest: Measurement | None, target: float) -> float:
    """Refuse promoting a KPI without a value, or to a target no better than its value.

    Returns the start of the key result: the KPI's latest value.
    """
    if latest is None:
        raise RuleViolation(f"KPI '{kpi.name}' has no measurement yet to start from",
                            field="kpi")
    better = target > latest.value if kpi.direction == "higher" else target < latest.value
    if not better:
        word = "above" if kpi.direction == "higher" else "below"
        raise RuleViolation(
            f"the target {target:g} must lie {word} the KPI's latest value {latest.value:g} "
            f"({kpi.direction} is better for '{kpi.name}')",
            field="target",
        )
    return latest.value


@dataclass(frozen=True)
class Thresholds:
    """The band a KPI made from a key result keeps."""

    direction: Direction
    green: float
    red: float


def kpi_thresholds(kr: KeyResult) -> Thresholds:
    """Green at the key result's target, red a margin beyond it in the wrong direction."""
    target = kr.target if kr.target is not None else 1.0
    if kr.kind == "milestone":
        raise RuleViolation("a milestone has no level to keep as a KPI", field="kr")
    if kr.kind == "metric":
        direction: Direction = "higher" if target > kr.start else "lower"
        margin = abs(target - kr.start) * RED_SHARE_OF_GAIN
    else:
        direction = "higher" if kr.kind == "above" else "lower"
        margin = abs(target) * RED_SHARE_OF_TARGET or 1.0
    red = target - margin if direction == "higher" else target + margin
    return Thresholds(direction, target, red)


class NotReached(RuleViolation):
    """The key result did not reach its target; a person may still say "anyway"."""


def check_reached(score: KRScore) -> None:
    """Refuse turning a key result that did not reach its target into a KPI."""
    if score.progress < 1.0 - 1e-9:
        raise NotReached(
            f"key result '{score.kr.title}' is at {score.progress:.0%} of its target; only a "
            "reached key result becomes a KPI",
            field="kr",
        )


def check_move(ws: Workspace, kr: KeyResult, objective: Objective) -> None:
    """Refuse moving a key result to its own objective, across periods, or in or out of a
    graded objective. The moved key result must then pass `rules.check_key_result` (the
    key-result limit, its due date inside the period)."""
    source = ws.objective(kr.objective_id)
    if objective.id == source.id:
        raise RuleViolation(f"key result '{kr.title}' is in that objective already",
                            field="objective")
    if objective.period != source.period:
        raise RuleViolation(
            f"key result '{kr.title}' belongs to {source.period} and cannot move to an "
            f"objective in {objective.period}; carry its objective over instead",
            field="objective",
        )
    for o in (source, objective):
        if o.status == "closed":
            raise RuleViolation(f"objective '{o.title}' is graded (closed); its key results "
                                "stay as graded", field="objective")
