"""Use cases of the OKR cycle: settings, grading, carry-over, KR to KPI, templates."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from okrtui.domain.cycle import carryover, grading, templates, transitions
from okrtui.domain.records.models import KPI, KeyResult, Measurement, Objective, Settings
from okrtui.domain.records.workspace import Workspace
from okrtui.domain.rules import checks as rules
from okrtui.domain.scoring.views import kr_score
from okrtui.services.key_results import KeyResultUseCases
from okrtui.services.objectives import ObjectiveUseCases


@dataclass(frozen=True)
class GradePlan:
    """How a person wants one objective graded: adjusted key-result scores (id or prefix
    to (score, reason)), a given grade (None: the weighted average) and a retrospective
    (None: keep the one it has)."""

    adjustments: Mapping[str, tuple[float, str]] = field(default_factory=dict)
    grade: float | None = None
    retrospective: str | None = None


class CycleUseCases(ObjectiveUseCases, KeyResultUseCases):
    """Use cases of the OKR cycle: settings, grading, carry-over, KR to KPI, templates."""

    # ---- settings ------------------------------------------------------------------

    def update_settings(self, **changes: Any) -> Settings:
        """Change the workspace's rule numbers."""
        with self.store.transaction() as ws:
            settings = Settings.model_validate({**ws.settings.model_dump(), **changes})
            ws.put_settings(settings)
            return settings

    # ---- the OKR cycle: grading, carry-over, transitions, templates, reports, exchange --
    # Rules live in okrtui/domain (grading, carryover, transitions, templates, report,
    # exchange); each method here is one user action, so one transaction.

    def preview_grade(self, ws: Workspace, period: str, *, objective_ref: str | None = None,
                      adjustments: Mapping[str, tuple[float, str]] | None = None,
                      grade: float | None = None,
                      retrospective: str | None = None) -> list[grading.ObjectiveGrade]:
        """What grade_period would store, checked on `ws`; nothing is written (a grading
        screen shows this as a person adjusts scores). Raises what grade_period would."""
        oid = ws.resolve(objective_ref, ("objectives",))[1] if objective_ref else None
        checked: dict[str, grading.Adjustment] = {}
        for ref, (score, reason) in (adjustments or {}).items():
            checked[ws.resolve(ref, ("key_results",))[1]] = grading.check_adjustment(
                score, reason)
        return grading.grade_period(ws, period, self.today(), self.user, self.clock(),
                                    objective_id=oid, adjustments=checked, grade=grade,
                                    retrospective=retrospective)

    def grade_period(self, period: str, *, objective_ref: str | None = None,
                     adjustments: Mapping[str, tuple[float, str]] | None = None,
                     grade: float | None = None,
                     retrospective: str | None = None) -> list[grading.ObjectiveGrade]:
        """Grade a period's active objectives (or the one named, to grade or re-grade it).

        `adjustments` maps key-result ids (or prefixes) to (final score, reason). Each
        key result's final score is stored on it, each objective gets its grade (the
        weighted average, or `grade`) and `retrospective`, and is closed.
        """
        with self.store.transaction() as ws:
            results = self.preview_grade(ws, period, objective_ref=objective_ref,
                                         adjustments=adjustments, grade=grade,
                                         retrospective=retrospective)
            self._store_grades(ws, results)
            return results

    @staticmethod
    def _store_grades(ws: Workspace, results: list[grading.ObjectiveGrade]) -> None:
        for result in results:
            for k in result.key_results:
                if k.kr != ws.key_result(k.kr.id):
                    ws.put("key_results", k.kr)
            ws.put("objectives", result.objective)

    def preview_grade_plans(self, ws: Workspace, period: str,
                            plans: Mapping[str, GradePlan]) -> list[grading.ObjectiveGrade]:
        """What grade_plans would store, checked on `ws`; nothing is written.

        Each objective is previewed as `preview_grade` with `objective_ref` does it, so the
        rules (and the refusals) are the CLI's `grade --objective`.
        """
        results: list[grading.ObjectiveGrade] = []
        for ref, plan in plans.items():
            results += self.preview_grade(ws, period, objective_ref=ref,
                                          adjustments=plan.adjustments, grade=plan.grade,
                                          retrospective=plan.retrospective)
        return results

    def grade_plans(self, period: str,
                    plans: Mapping[str, GradePlan]) -> list[grading.ObjectiveGrade]:
        """Grade several objectives of a period in one transaction, each with its own
        adjusted scores, given grade and retrospective (the TUI's grading screen: one
        confirmation grades every objective on show)."""
        with self.store.transaction() as ws:
            results = self.preview_grade_plans(ws, period, plans)
            self._store_grades(ws, results)
            return results

    def preview_carry_over(self, ws: Workspace, period: str, *, to: str | None = None,
                           objective_ref: str | None = None) -> list[carryover.Carried]:
        """The drafts carry_over would create, checked on `ws`; nothing is written."""
        oid = ws.resolve(objective_ref, ("objectives",))[1] if objective_ref else None
        return carryover.carry_period(ws, period, self.today(), self._created, to=to,
                                      objective_id=oid)

    def carry_over(self, period: str, *, to: str | None = None,
                   objective_ref: str | None = None) -> list[carryover.Carried]:
        """Copy the unfinished objectives of `period` (or one) into `to` (default: the
        next period) as drafts, with their unfinished key results starting where they
        ended and no check-ins."""
        with self.store.transaction() as ws:
            results = self.preview_carry_over(ws, period, to=to, objective_ref=objective_ref)
            for result in results:
                rules.check_objective(ws, result.objective)
                ws.insert("objectives", result.objective)
                for kr in result.key_results:
                    rules.check_key_result(ws, kr)
                    ws.insert("key_results", kr)
            return results

    def key_result_to_kpi(self, kr_ref: str, *, anyway: bool = False,
                          name: str | None = None, owner: str | None = None) -> KPI:
        """Turn a reached key result into a KPI that keeps its level (green at the target,
        red where half the won ground is lost), linked both ways.

        A key result linked to a KPI already (one promoted from it) re-bands that KPI
        instead of making a second one. A new KPI starts with the key result's last value
        as its first measurement, so its history begins where the key result ended.
        """
        with self.store.transaction() as ws:
            kpi = self.preview_key_result_to_kpi(ws, kr_ref, anyway=anyway, name=name,
                                                 owner=owner)
            if ws.raw("kpis", kpi.id) is not None:  # the linked KPI, re-banded
                ws.put("kpis", kpi)
                return kpi
            kr = ws.key_result(ws.resolve(kr_ref, ("key_results",))[1])
            score = kr_score(ws, kr, self.today(), ws.objective(kr.objective_id))
            now = self.clock()
            ws.insert("kpis", kpi)
            if score.current is not None and score.last_checkin is not None:
                ws.insert("measurements", Measurement.model_validate({
                    "id": self.new_id(), "updated_at": now, "updated_by": self.user,
                    "kpi_id": kpi.id, "value": score.current,
                    "date": score.last_checkin.date(), "author": self.user, "at": now}))
            ws.put("key_results", kr.revise(self.user, now, kpi_id=kpi.id))
            return kpi

    def preview_key_result_to_kpi(self, ws: Workspace, kr_ref: str, *, anyway: bool = False,
                                  name: str | None = None, owner: str | None = None) -> KPI:
        """The KPI key_result_to_kpi would save (new, or the linked one re-banded), checked
        on `ws`; nothing is written. Raises what key_result_to_kpi would: a screen shows
        the refusal of a key result that did not reach its target, then asks "anyway?"."""
        _, kid = ws.resolve(kr_ref, ("key_results",))
        kr = ws.key_result(kid)
        objective = ws.objective(kr.objective_id)
        score = kr_score(ws, kr, self.today(), objective)
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
            kpi = ws.kpi(kr.kpi_id).revise(self.user, self.clock(), from_kr_id=kr.id,
                                           **changes)
            rules.check_kpi(ws, kpi)
            return kpi
        kpi = KPI.model_validate({
            **self._created(), **changes, "name": name or kr.title, "unit": kr.unit,
            "owner": (kr.owner or objective.owner or self.user) if owner is None else owner,
            "team": objective.team, "cadence": objective.cadence, "from_kr_id": kr.id,
            "description": f"Keeps the level of key result '{kr.title}' "
                           f"({objective.period}).",
        })
        rules.check_kpi(ws, kpi)
        return kpi

    def apply_template(self, name: str, period: str, *, owner: str | None = None,
                       draft: bool = False) -> templates.AppliedTemplate:
        """Create a department template's objectives, key results and KPIs for `owner`
        (default: the user), every record through the usual rules. A KPI the owner has
        already (same name) is reused, so applying a template twice adds no twin KPIs."""
        with self.store.transaction() as ws:
            return self._apply_template_to(ws, name, period, owner=owner, draft=draft)

    def preview_apply_template(self, ws: Workspace, name: str, period: str, *,
                               owner: str | None = None,
                               draft: bool = False) -> templates.AppliedTemplate:
        """What apply_template would create, checked on a scratch copy of `ws` (which
        stays as it was); raises what apply_template would (a sixth objective, a
        thirteenth KPI), so a dialog can say so before anything is saved."""
        scratch = Workspace(dict(ws.tables))  # copy-on-write: ws's tables are not touched
        return self._apply_template_to(scratch, name, period, owner=owner, draft=draft)

    def _apply_template_to(self, ws: Workspace, name: str, period: str, *,
                           owner: str | None, draft: bool) -> templates.AppliedTemplate:
        template = templates.get_template(name)
        who = self.user if owner is None else owner
        kpis: dict[str, KPI] = {}
        made_kpis: list[KPI] = []
        for item in template.kpis:
            same = [k for k in ws.kpis(owner=who) if k.name.lower() == item.name.lower()]
            if same:
                kpis[item.name] = same[0]
                continue
            kpi = KPI.model_validate({**self._created(), "name": item.name, "owner": who,
                                      "team": template.team, **item.fields()})
            rules.check_kpi(ws, kpi)
            ws.insert("kpis", kpi)
            kpis[item.name] = kpi
            made_kpis.append(kpi)
        objectives: list[Objective] = []
        krs: list[KeyResult] = []
        for item in template.objectives:
            objective = self.preview_objective(
                ws, item.title, period, owner=who, team=template.team,
                level=template.level, committed=item.committed,
                description=item.description, status="draft" if draft else "active")
            ws.insert("objectives", objective)
            objectives.append(objective)
            for t in item.key_results:
                fields: dict[str, Any] = {"kind": t.kind, "start": t.start,
                                          "target": t.target, "unit": t.unit}
                if t.kpi is not None:
                    fields["kpi_id"] = kpis[t.kpi].id
                kr = self.preview_key_result(ws, objective.id, t.title, **fields)
                ws.insert("key_results", kr)
                krs.append(kr)
        return templates.AppliedTemplate(template, tuple(objectives), tuple(krs),
                                         tuple(made_kpis))

