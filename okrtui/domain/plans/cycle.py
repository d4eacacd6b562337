"""The OKR cycle as plans: grade a period (or objectives one by one, each as a person
wants it), carry the unfinished objectives over, turn a reached key result into a KPI,
apply a department template.

Each returns the records the action would write, checked against every rule the save
checks (on a scratch copy of the workspace where one record's rule depends on the ones
before it), so a dry run, a form's preview and the save say the same thing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from okrtui.domain.cycle import carryover, grading, templates, transitions
from okrtui.domain.plans.actor import Actor
from okrtui.domain.plans.key_results import plan_add_key_result
from okrtui.domain.plans.objectives import plan_add_objective
from okrtui.domain.records.models import KPI, KeyResult, Measurement, Objective
from okrtui.domain.records.workspace import Workspace
from okrtui.domain.rules import checks as rules
from okrtui.domain.scoring.views import kr_score

# ---- grading ---------------------------------------------------------------------------


@dataclass(frozen=True)
class GradePlan:
    """How a person wants one objective graded: adjusted key-result scores (id or prefix
    to (score, reason)), a given grade (None: the weighted average) and a retrospective
    (None: keep the one it has)."""

    adjustments: Mapping[str, tuple[float, str]] = field(default_factory=dict)
    grade: float | None = None
    retrospective: str | None = None


def plan_grade(ws: Workspace, actor: Actor, period: str, *, objective_ref: str | None = None,
               adjustments: Mapping[str, tuple[float, str]] | None = None,
               grade: float | None = None,
               retrospective: str | None = None) -> list[grading.ObjectiveGrade]:
    """Grade a period's active objectives (or the one named, to grade or re-grade it):
    each key result's final score, each objective's grade, colour and verdict, closed.
    `adjustments` maps key-result ids (or prefixes) to (final score, reason)."""
    oid = ws.resolve(objective_ref, ("objectives",))[1] if objective_ref else None
    checked: dict[str, grading.Adjustment] = {}
    for ref, (score, reason) in (adjustments or {}).items():
        checked[ws.resolve(ref, ("key_results",))[1]] = grading.check_adjustment(score, reason)
    return grading.grade_period(ws, period, actor.today, actor.user, actor.at,
                                objective_id=oid, adjustments=checked, grade=grade,
                                retrospective=retrospective)


def plan_grade_objectives(ws: Workspace, actor: Actor, period: str,
                          plans: Mapping[str, GradePlan]) -> list[grading.ObjectiveGrade]:
    """Grade several objectives of a period, each as its plan says: each one as
    `plan_grade` with `objective_ref` does it, so the rules (and the refusals) are the
    command line's `grade --objective`."""
    results: list[grading.ObjectiveGrade] = []
    for ref, plan in plans.items():
        results += plan_grade(ws, actor, period, objective_ref=ref,
                              adjustments=plan.adjustments, grade=plan.grade,
                              retrospective=plan.retrospective)
    return results


# ---- carry-over ------------------------------------------------------------------------


def plan_carry_over(ws: Workspace, actor: Actor, period: str, *, to: str | None = None,
                    objective_ref: str | None = None) -> list[carryover.Carried]:
    """The drafts a carry-over of `period` (or one objective) into `to` (default: the next
    period) makes, each checked as it would be saved after the ones before it (five
    objectives per owner, five key results per objective)."""
    oid = ws.resolve(objective_ref, ("objectives",))[1] if objective_ref else None
    results = carryover.carry_period(ws, period, actor.today, actor.created, to=to,
                                     objective_id=oid)
    scratch = ws.scratch()
    for result in results:
        rules.check_objective(scratch, result.objective)
        scratch.insert("objectives", result.objective)
        for kr in result.key_results:
            rules.check_key_result(scratch, kr)
            scratch.insert("key_results", kr)
    return results


# ---- a reached key result becomes a KPI ------------------------------------------------


@dataclass(frozen=True)
class ToKpi:
    """What turning a key result into a KPI writes: the KPI (new, or the linked one
    re-banded), and for a new one its first measurement (the key result's last value)
    and the key result linked to it."""

    kpi: KPI
    rebanded: bool
    measurement: Measurement | None = None
    key_result: KeyResult | None = None


def plan_key_result_to_kpi(ws: Workspace, actor: Actor, kr_ref: str, *, anyway: bool = False,
                           name: str | None = None, owner: str | None = None) -> ToKpi:
    """A reached key result (any, with `anyway`) as a KPI that keeps its level: green at
    the target, red where half the won ground is lost, linked both ways. A key result
    linked to a KPI already (one promoted from it) re-bands that KPI instead."""
    _, kid = ws.resolve(kr_ref, ("key_results",))
    kr = ws.key_result(kid)
    objective = ws.objective(kr.objective_id)
    score = kr_score(ws, kr, actor.today, objective)
    band = transitions.kpi_thresholds(kr)
    if not anyway:
        transitions.check_reached(score)
    changes: dict[str, Any] = {"direction": band.direction, "green": band.green,
                               "red": band.red}
    if kr.kpi_id and ws.raw("kpis", kr.kpi_id) and not ws.kpi(kr.kpi_id).deleted:
        if name:
            changes["name"] = name
        if owner is not None:
            changes["owner"] = owner
        kpi = ws.kpi(kr.kpi_id).revise(actor.user, actor.at, from_kr_id=kr.id, **changes)
        rules.check_kpi(ws, kpi)
        return ToKpi(kpi, rebanded=True)
    kpi = KPI.model_validate({
        **actor.created(), **changes, "name": name or kr.title, "unit": kr.unit,
        "owner": (kr.owner or objective.owner or actor.user) if owner is None else owner,
        "team": objective.team, "cadence": objective.cadence, "from_kr_id": kr.id,
        "description": f"Keeps the level of key result '{kr.title}' ({objective.period}).",
    })
    rules.check_kpi(ws, kpi)
    measurement = None
    if score.current is not None and score.last_checkin is not None:
        # Its history begins where the key result ended.
        measurement = Measurement.model_validate({
            "id": actor.new_id(), **actor.stamp(), "kpi_id": kpi.id, "value": score.current,
            "date": score.last_checkin.date(), "author": actor.user, "at": actor.at})
    return ToKpi(kpi, False, measurement, kr.revise(actor.user, actor.at, kpi_id=kpi.id))


# ---- templates -------------------------------------------------------------------------


def plan_apply_template(ws: Workspace, actor: Actor, name: str, period: str, *,
                        owner: str | None = None,
                        draft: bool = False) -> templates.AppliedTemplate:
    """A department template's objectives, key results and KPIs for `owner` (default: the
    person applying it), every record through the usual rules, checked on a scratch copy
    of `ws` (which stays as it was). A KPI the owner has already (same name) is reused,
    so applying a template twice adds no twin KPIs."""
    scratch = ws.scratch()
    template = templates.get_template(name)
    who = actor.user if owner is None else owner
    kpis: dict[str, KPI] = {}
    made_kpis: list[KPI] = []
    for item in template.kpis:
        same = [k for k in scratch.kpis(owner=who) if k.name.lower() == item.name.lower()]
        if same:
            kpis[item.name] = same[0]
            continue
        kpi = KPI.model_validate({**actor.created(), "name": item.name, "owner": who,
                                  "team": template.team, **item.fields()})
        rules.check_kpi(scratch, kpi)
        scratch.insert("kpis", kpi)
        kpis[item.name] = kpi
        made_kpis.append(kpi)
    objectives: list[Objective] = []
    krs: list[KeyResult] = []
    for item in template.objectives:
        objective = plan_add_objective(
            scratch, actor, item.title, period, owner=who, team=template.team,
            level=template.level, committed=item.committed, description=item.description,
            status="draft" if draft else "active")
        scratch.insert("objectives", objective)
        objectives.append(objective)
        for t in item.key_results:
            fields: dict[str, Any] = {"kind": t.kind, "start": t.start, "target": t.target,
                                      "unit": t.unit}
            if t.kpi is not None:
                fields["kpi_id"] = kpis[t.kpi].id
            kr = plan_add_key_result(scratch, actor, objective.id, t.title, **fields)
            scratch.insert("key_results", kr)
            krs.append(kr)
    return templates.AppliedTemplate(template, tuple(objectives), tuple(krs),
                                     tuple(made_kpis))
