"""Use cases of the OKR cycle: settings, grading, carry-over, KR to KPI, templates (each
plan in okrtui/domain/plans/cycle.py, applied in one transaction; a dry run plans on the
workspace as it is on disk and writes nothing)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from okrtui.domain.cycle import carryover, grading, templates
from okrtui.domain.plans import cycle as plans
from okrtui.domain.plans.cycle import GradePlan
from okrtui.domain.records.models import KPI, Settings
from okrtui.domain.records.workspace import Workspace
from okrtui.services.key_results import KeyResultUseCases
from okrtui.services.objectives import ObjectiveUseCases

__all__ = ["CycleUseCases", "GradePlan"]


class CycleUseCases(ObjectiveUseCases, KeyResultUseCases):
    """Use cases of the OKR cycle: settings, grading, carry-over, KR to KPI, templates."""

    # ---- settings ------------------------------------------------------------------

    def update_settings(self, **changes: Any) -> Settings:
        """Change the workspace's rule numbers."""
        with self.store.transaction() as ws:
            settings = Settings.model_validate({**ws.settings.model_dump(), **changes})
            ws.put_settings(settings)
            return settings

    # ---- grading -------------------------------------------------------------------

    def grade_period(self, period: str, *, objective_ref: str | None = None,
                     adjustments: Mapping[str, tuple[float, str]] | None = None,
                     grade: float | None = None, retrospective: str | None = None,
                     dry_run: bool = False) -> list[grading.ObjectiveGrade]:
        """Grade a period's active objectives (or the one named, to grade or re-grade it).

        `adjustments` maps key-result ids (or prefixes) to (final score, reason). Each
        key result's final score is stored on it, each objective gets its grade (the
        weighted average, or `grade`) and `retrospective`, and is closed. `dry_run`
        returns the grades and stores nothing.
        """
        if dry_run:
            return plans.plan_grade(self.workspace(), self.actor(), period,
                                    objective_ref=objective_ref, adjustments=adjustments,
                                    grade=grade, retrospective=retrospective)
        with self.store.transaction() as ws:
            results = plans.plan_grade(ws, self.actor(), period, objective_ref=objective_ref,
                                       adjustments=adjustments, grade=grade,
                                       retrospective=retrospective)
            self._store_grades(ws, results)
            return results

    def grade_plans(self, period: str,
                    plans_by_objective: Mapping[str, GradePlan]) -> list[grading.ObjectiveGrade]:
        """Grade several objectives of a period in one transaction, each with its own
        adjusted scores, given grade and retrospective (the TUI's grading screen: one
        confirmation grades every objective on show)."""
        with self.store.transaction() as ws:
            results = plans.plan_grade_objectives(ws, self.actor(), period, plans_by_objective)
            self._store_grades(ws, results)
            return results

    @staticmethod
    def _store_grades(ws: Workspace, results: list[grading.ObjectiveGrade]) -> None:
        for result in results:
            for k in result.key_results:
                if k.kr != ws.key_result(k.kr.id):
                    ws.put("key_results", k.kr)
            ws.put("objectives", result.objective)

    # ---- carry-over ----------------------------------------------------------------

    def carry_over(self, period: str, *, to: str | None = None,
                   objective_ref: str | None = None,
                   dry_run: bool = False) -> list[carryover.Carried]:
        """Copy the unfinished objectives of `period` (or one) into `to` (default: the
        next period) as drafts, with their unfinished key results starting where they
        ended and no check-ins. `dry_run` returns the drafts and creates nothing."""
        if dry_run:
            return plans.plan_carry_over(self.workspace(), self.actor(), period, to=to,
                                         objective_ref=objective_ref)
        with self.store.transaction() as ws:
            results = plans.plan_carry_over(ws, self.actor(), period, to=to,
                                            objective_ref=objective_ref)
            for result in results:
                ws.insert("objectives", result.objective)
                for kr in result.key_results:
                    ws.insert("key_results", kr)
            return results

    # ---- a reached key result becomes a KPI ------------------------------------------

    def key_result_to_kpi(self, kr_ref: str, *, anyway: bool = False,
                          name: str | None = None, owner: str | None = None) -> KPI:
        """Turn a reached key result into a KPI that keeps its level (green at the target,
        red where half the won ground is lost), linked both ways.

        A key result linked to a KPI already (one promoted from it) re-bands that KPI
        instead of making a second one. A new KPI starts with the key result's last value
        as its first measurement, so its history begins where the key result ended.
        """
        with self.store.transaction() as ws:
            made = plans.plan_key_result_to_kpi(ws, self.actor(), kr_ref, anyway=anyway,
                                                name=name, owner=owner)
            if made.rebanded:
                ws.put("kpis", made.kpi)
                return made.kpi
            ws.insert("kpis", made.kpi)
            if made.measurement is not None:
                ws.insert("measurements", made.measurement)
            if made.key_result is not None:
                ws.put("key_results", made.key_result)
            return made.kpi

    # ---- templates -----------------------------------------------------------------

    def apply_template(self, name: str, period: str, *, owner: str | None = None,
                       draft: bool = False) -> templates.AppliedTemplate:
        """Create a department template's objectives, key results and KPIs for `owner`
        (default: the user), every record through the usual rules. A KPI the owner has
        already (same name) is reused, so applying a template twice adds no twin KPIs."""
        with self.store.transaction() as ws:
            applied = plans.plan_apply_template(ws, self.actor(), name, period, owner=owner,
                                                draft=draft)
            for kpi in applied.kpis:
                ws.insert("kpis", kpi)
            for objective in applied.objectives:
                ws.insert("objectives", objective)
            for kr in applied.key_results:
                ws.insert("key_results", kr)
            return applied
