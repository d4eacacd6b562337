"""Use cases shared by the CLI and the TUI: each user action is one store transaction.

A service resolves ids against the freshly read workspace, builds validated records,
applies the domain rules and writes once. Errors are domain errors or pydantic
ValidationErrors; both read as one line through `okrtui.domain.errors.describe`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from okrtui.domain.cycle import carryover, grading, templates, transitions
from okrtui.domain.merge.core import Conflict, check_tables, merge2, recorded_conflicts
from okrtui.domain.merge.resolution import ResolveReport, count_changes
from okrtui.domain.records.errors import OkrError, RuleViolation, describe
from okrtui.domain.records.models import (
    KPI,
    CheckIn,
    KeyResult,
    Measurement,
    Objective,
    Settings,
)
from okrtui.domain.records.workspace import InvalidRecord, Workspace
from okrtui.domain.reporting import activity, exchange
from okrtui.domain.reporting import report as reporting
from okrtui.domain.rules import checks as rules
from okrtui.domain.scoring.score import latest_measurement
from okrtui.domain.scoring.views import kr_score
from okrtui.store import Store
from okrtui.store import conflicts as copies

Clock = Callable[[], dt.datetime]


@dataclass(frozen=True)
class GradePlan:
    """How a person wants one objective graded: adjusted key-result scores (id or prefix
    to (score, reason)), a given grade (None: the weighted average) and a retrospective
    (None: keep the one it has)."""

    adjustments: Mapping[str, tuple[float, str]] = field(default_factory=dict)
    grade: float | None = None
    retrospective: str | None = None


def utc_now() -> dt.datetime:
    """The current time, timezone-aware in UTC."""
    return dt.datetime.now(dt.UTC)


def new_uuid() -> str:
    """A fresh random record id."""
    return str(uuid.uuid4())


class Services:
    """Every action a person can take on a workspace, for one user."""

    def __init__(self, store: Store, user: str, clock: Clock = utc_now,
                 new_id: Callable[[], str] = new_uuid) -> None:
        self.store = store
        self.user = user
        self.clock = clock
        self.new_id = new_id

    # ---- reading -------------------------------------------------------------------

    def workspace(self) -> Workspace:
        """The workspace as it is on disk now."""
        return self.store.snapshot()

    @property
    def path(self) -> Path:
        """The workspace file."""
        return self.store.path

    def explain(self, error: Exception) -> str:
        """One line for an error; a broken record names the file and the newest backup."""
        if isinstance(error, InvalidRecord):
            return self.store.explain(error)
        return describe(error)

    def today(self) -> dt.date:
        """Today's date where the user is."""
        return self.clock().astimezone().date()

    def changed_on_disk(self) -> bool:
        """Whether someone else (the CLI, a teammate's sync) changed the file since we read it."""
        return self.store.changed_on_disk()

    def on_external_change(self, callback: Callable[[Workspace, Workspace], None] | None
                           ) -> None:
        """Have `callback(previous, fresh)` told of each version of the file that someone
        else wrote (a teammate, the CLI, a sync tool). It may run in any thread, under the
        store's lock: it must only take note, e.g. append to a queue."""
        self.store.on_external_change = callback

    def activity_between(self, before: Workspace, after: Workspace) -> list[activity.Activity]:
        """What `after` changed compared with `before`, oldest first."""
        return activity.activity_between(before, after)

    def activity_since(self, since: dt.datetime, *, everyone: bool = False
                       ) -> list[activity.Activity]:
        """The changes stamped after `since`, oldest first; others' only, unless `everyone`."""
        return activity.activity_since(self.workspace(), since,
                                       exclude=None if everyone else self.user)

    def resolve(self, ref: str, *tables: str) -> tuple[str, str]:
        """The (table, id) an id prefix names, among `tables` (all when none)."""
        ws = self.workspace()
        return ws.resolve(ref, tables) if tables else ws.resolve(ref)

    def _stamp(self) -> dict[str, Any]:
        now = self.clock()
        return {"updated_at": now, "updated_by": self.user}

    def _created(self) -> dict[str, Any]:
        now = self.clock()
        return {"id": self.new_id(), "created_at": now, "created_by": self.user,
                "updated_at": now, "updated_by": self.user}

    # ---- objectives ----------------------------------------------------------------

    def add_objective(self, title: str, period: str, *, owner: str | None = None,
                      **fields: Any) -> Objective:
        """Create an objective (owner defaults to the user)."""
        with self.store.transaction() as ws:
            objective = self.preview_objective(ws, title, period, owner=owner, **fields)
            ws.insert("objectives", objective)
            return objective

    def preview_objective(self, ws: Workspace, title: str, period: str, *,
                          objective_id: str | None = None, owner: str | None = None,
                          **fields: Any) -> Objective:
        """The objective that add (or edit, with `objective_id`) would save, checked on `ws`.

        Nothing is written: forms call this as a person types, to show the broken rule
        under its field. Raises what add_objective / edit_objective would raise.
        """
        if fields.get("parent_id"):
            fields["parent_id"] = ws.resolve(fields["parent_id"], ("objectives",))[1]
        if objective_id is None:
            objective = Objective.model_validate(
                {**self._created(), "title": title, "period": period,
                 "owner": self.user if owner is None else owner, **fields}
            )
        else:
            if owner is not None:
                fields["owner"] = owner
            objective = ws.objective(objective_id).revise(
                self.user, self.clock(), title=title, period=period, **fields)
        rules.check_objective(ws, objective)
        return objective

    def edit_objective(self, ref: str, **changes: Any) -> Objective:
        """Change fields of an objective."""
        with self.store.transaction() as ws:
            _, oid = ws.resolve(ref, ("objectives",))
            if changes.get("parent_id"):
                changes["parent_id"] = ws.resolve(changes["parent_id"], ("objectives",))[1]
            objective = ws.objective(oid).revise(self.user, self.clock(), **changes)
            rules.check_objective(ws, objective)
            ws.put("objectives", objective)
            return objective

    def delete_objective(self, ref: str) -> Objective:
        """Delete an objective and its key results (tombstones, so merges see the delete)."""
        with self.store.transaction() as ws:
            _, oid = ws.resolve(ref, ("objectives",))
            now = self.clock()
            for kr in ws.key_results(oid):
                ws.put("key_results", kr.revise(self.user, now, deleted_at=now,
                                                deleted_by=self.user))
            objective = ws.objective(oid).revise(self.user, now, deleted_at=now,
                                                 deleted_by=self.user)
            ws.put("objectives", objective)
            return objective

    # ---- key results ---------------------------------------------------------------

    def add_key_result(self, objective_ref: str, title: str, **fields: Any) -> KeyResult:
        """Add a key result at the end of an objective's list."""
        with self.store.transaction() as ws:
            kr = self.preview_key_result(ws, objective_ref, title, **fields)
            ws.insert("key_results", kr)
            return kr

    def preview_key_result(self, ws: Workspace, objective_ref: str, title: str, *,
                           kr_id: str | None = None, **fields: Any) -> KeyResult:
        """The key result that add (or edit, with `kr_id`) would save, checked on `ws`.

        Nothing is written: forms call this as a person types, so that "an objective has
        at most 5 key results" shows before saving. Raises what add / edit would raise.
        """
        if fields.get("kpi_id"):
            fields["kpi_id"] = ws.resolve(fields["kpi_id"], ("kpis",))[1]
        if kr_id is not None:
            kr = ws.key_result(kr_id).revise(self.user, self.clock(), title=title, **fields)
        else:
            _, oid = ws.resolve(objective_ref, ("objectives",))
            rules.check_room_for_key_result(ws, oid)  # before the fields: it is news at once
            objective = ws.objective(oid)
            existing = ws.key_results(oid)
            position = max((k.position for k in existing), default=-1) + 1
            fields.setdefault("owner", objective.owner or self.user)
            kr = KeyResult.model_validate(
                {**self._created(), "objective_id": oid, "title": title,
                 "position": position, **fields}
            )
        rules.check_key_result(ws, kr)
        return kr

    def edit_key_result(self, ref: str, **changes: Any) -> KeyResult:
        """Change fields of a key result."""
        with self.store.transaction() as ws:
            _, kid = ws.resolve(ref, ("key_results",))
            if changes.get("kpi_id"):
                changes["kpi_id"] = ws.resolve(changes["kpi_id"], ("kpis",))[1]
            if changes.get("objective_id"):
                changes["objective_id"] = ws.resolve(changes["objective_id"], ("objectives",))[1]
            kr = ws.key_result(kid).revise(self.user, self.clock(), **changes)
            rules.check_key_result(ws, kr)
            ws.put("key_results", kr)
            return kr

    def delete_key_result(self, ref: str) -> KeyResult:
        """Delete a key result (a tombstone; its check-ins stay in history)."""
        with self.store.transaction() as ws:
            _, kid = ws.resolve(ref, ("key_results",))
            now = self.clock()
            kr = ws.key_result(kid).revise(self.user, now, deleted_at=now, deleted_by=self.user)
            ws.put("key_results", kr)
            return kr

    def move_key_result(self, ref: str, offset: int) -> KeyResult:
        """Move a key result up (negative) or down (positive) in its objective's list."""
        with self.store.transaction() as ws:
            _, kid = ws.resolve(ref, ("key_results",))
            kr = ws.key_result(kid)
            order = ws.key_results(kr.objective_id)
            index = next(i for i, k in enumerate(order) if k.id == kid)
            target = min(max(index + offset, 0), len(order) - 1)
            if target == index:
                return kr
            order.insert(target, order.pop(index))
            now = self.clock()
            moved = kr
            for position, item in enumerate(order):
                if item.position != position:
                    revised = item.revise(self.user, now, position=position)
                    ws.put("key_results", revised)
                    moved = revised if item.id == kid else moved
            return moved

    def check_in(self, kr_ref: str, value: float, *, confidence: int | None = None,
                 note: str = "") -> CheckIn:
        """Record a key result's current value, with a confidence and a note."""
        with self.store.transaction() as ws:
            checkin = self.preview_check_in(ws, kr_ref, value, confidence=confidence, note=note)
            ws.insert("checkins", checkin)
            return checkin

    def preview_check_in(self, ws: Workspace, kr_ref: str, value: float, *,
                         confidence: int | None = None, note: str = "") -> CheckIn:
        """The check-in that check_in would save, checked on `ws`; nothing is written."""
        _, kid = ws.resolve(kr_ref, ("key_results",))
        kr = ws.key_result(kid)
        now = self.clock()
        checkin = CheckIn.model_validate(
            {"id": self.new_id(), "updated_at": now, "updated_by": self.user,
             "kr_id": kid, "value": value, "confidence": confidence, "note": note,
             "author": self.user, "at": now}
        )
        rules.check_checkin(kr, checkin)
        return checkin

    # ---- KPIs ----------------------------------------------------------------------

    def add_kpi(self, name: str, *, owner: str | None = None, **fields: Any) -> KPI:
        """Create a KPI (owner defaults to the user)."""
        with self.store.transaction() as ws:
            kpi = self.preview_kpi(ws, name, owner=owner, **fields)
            ws.insert("kpis", kpi)
            return kpi

    def preview_kpi(self, ws: Workspace, name: str, *, owner: str | None = None,
                    **fields: Any) -> KPI:
        """The KPI add_kpi would save, checked on `ws` (the per-owner limit too);
        nothing is written."""
        kpi = KPI.model_validate(
            {**self._created(), "name": name,
             "owner": self.user if owner is None else owner, **fields}
        )
        rules.check_kpi(ws, kpi)
        return kpi

    def edit_kpi(self, ref: str, **changes: Any) -> KPI:
        """Change fields of a KPI."""
        with self.store.transaction() as ws:
            _, kid = ws.resolve(ref, ("kpis",))
            kpi = ws.kpi(kid).revise(self.user, self.clock(), **changes)
            rules.check_kpi(ws, kpi)
            ws.put("kpis", kpi)
            return kpi

    def delete_kpi(self, ref: str) -> KPI:
        """Delete a KPI (a tombstone; key results linked to it keep their history)."""
        with self.store.transaction() as ws:
            _, kid = ws.resolve(ref, ("kpis",))
            now = self.clock()
            kpi = ws.kpi(kid).revise(self.user, now, deleted_at=now, deleted_by=self.user)
            ws.put("kpis", kpi)
            return kpi

    def record_kpi(self, ref: str, value: float, on: dt.date | None = None) -> Measurement:
        """Record a KPI's value on a date (today by default)."""
        with self.store.transaction() as ws:
            measurement = self.preview_record_kpi(ws, ref, value, on)
            ws.insert("measurements", measurement)
            return measurement

    def preview_record_kpi(self, ws: Workspace, ref: str, value: float,
                           on: dt.date | None = None) -> Measurement:
        """The measurement record_kpi would save, checked on `ws`; nothing is written."""
        _, kid = ws.resolve(ref, ("kpis",))
        if ws.kpi(kid).deleted:
            raise RuleViolation("this KPI was deleted", field="kpi")
        now = self.clock()
        return Measurement.model_validate(
            {"id": self.new_id(), "updated_at": now, "updated_by": self.user,
             "kpi_id": kid, "value": value, "date": on or self.today(),
             "author": self.user, "at": now}
        )

    def promote_kpi(self, kpi_ref: str, objective_ref: str, target: float, *,
                    title: str | None = None, **fields: Any) -> KeyResult:
        """Turn a KPI that needs improvement into a key result linked to it.

        The key result starts at the KPI's latest value and moves towards `target`, which
        must be better than that value in the KPI's direction. One transaction: the value
        it starts from is the one on disk when it is saved.
        """
        with self.store.transaction() as ws:
            kr = self.preview_promote_kpi(ws, kpi_ref, objective_ref, target, title=title,
                                          **fields)
            ws.insert("key_results", kr)
            return kr

    def preview_promote_kpi(self, ws: Workspace, kpi_ref: str, objective_ref: str,
                            target: float, *, title: str | None = None,
                            **fields: Any) -> KeyResult:
        """The key result promote_kpi would save, checked on `ws`; nothing is written."""
        _, kid = ws.resolve(kpi_ref, ("kpis",))
        kpi = ws.kpi(kid)
        start = transitions.check_promotion(
            kpi, latest_measurement(ws.measurements(kid)), target)
        fields.setdefault("unit", kpi.unit)
        return self.preview_key_result(
            ws, objective_ref, title or f"{kpi.name}: from {start:g} to {target:g}",
            kind="metric", start=start, target=target, kpi_id=kid, **fields)

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

    def move_key_result_to(self, kr_ref: str, objective_ref: str) -> KeyResult:
        """Move a key result, with its check-ins, to another objective of the same period
        (at the end of its list), within the key-result limit."""
        with self.store.transaction() as ws:
            moved = self.preview_move_key_result_to(ws, kr_ref, objective_ref)
            ws.put("key_results", moved)
            return moved

    def preview_move_key_result_to(self, ws: Workspace, kr_ref: str,
                                   objective_ref: str) -> KeyResult:
        """The key result as move_key_result_to would save it, checked on `ws`; nothing
        is written (a dialog shows the refusal as the objective is chosen)."""
        _, kid = ws.resolve(kr_ref, ("key_results",))
        _, oid = ws.resolve(objective_ref, ("objectives",))
        kr = ws.key_result(kid)
        transitions.check_move(ws, kr, ws.objective(oid))
        position = max((k.position for k in ws.key_results(oid)), default=-1) + 1
        moved = kr.revise(self.user, self.clock(), objective_id=oid, position=position)
        rules.check_key_result(ws, moved)
        return moved

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

    def report(self, period: str | None = None,
               owner: str | None = None) -> reporting.Report:
        """The weekly review and period summary of `period` (default: the current one)."""
        return reporting.build_report(self.workspace(), self.today(), period, owner)

    def status_line(self, period: str | None = None, owner: str | None = None) -> str:
        """One line for a shell prompt: "2026-Q4: 4 on track, 1 at risk, 2 stale"."""
        return reporting.status_line(self.workspace(), self.today(), period, owner)

    def export_json(self) -> bytes:
        """The whole workspace in okrtui's documented JSON export format."""
        return exchange.export_json(self.workspace())

    def export_csv(self) -> str:
        """One CSV row per key result with its objective, safe to open in a spreadsheet."""
        return exchange.export_csv(self.workspace(), self.today())

    def import_export(self, blob: bytes) -> exchange.ImportResult:
        """Import an export file: every record validated by its model and the rules, and
        nothing changed at all when any record is refused."""
        plan = exchange.parse_export(blob)  # outside the lock: parsing can take a while
        with self.store.transaction() as ws:
            return exchange.apply_import(ws, plan)

    # ---- sharing: sync tools' conflict copies ------------------------------------------

    def conflict_copies(self) -> list[Path]:
        """Conflict copies of the workspace that Syncthing or Dropbox left beside it."""
        return copies.find_copies(self.store.path)

    def recorded_conflicts(self) -> list[dict[str, Any]]:
        """The decisions merges kept in the workspace's `conflicts` table (each with its
        `id` and a `message` line to show), by record and field."""
        return recorded_conflicts(self.workspace().tables)

    def resolve_conflicts(self, *, dry_run: bool = False) -> ResolveReport:
        """Merge every conflict copy into the workspace in one transaction, then move the
        copies into the backups folder.

        A copy that cannot be read is reported and left where it is; the others are still
        merged. The copies are moved only after the merged workspace was written, so a
        failure at any point leaves them to be merged again (merging is idempotent).
        `dry_run` reports what would happen and changes nothing.
        """
        loaded: list[tuple[Path, dict]] = []
        broken: list[tuple[Path, str]] = []
        current = self.workspace().tables  # a copy's records equal to these are not re-checked
        for copy in self.conflict_copies():
            try:
                loaded.append((copy, copies.load_workspace_file(copy, known=current)))
            except OkrError as exc:
                broken.append((copy, str(exc)))
            except OSError as exc:
                broken.append((copy, f"{copy}: {exc.strerror or exc}"))
        if not loaded:
            return ResolveReport(broken=tuple(broken), dry_run=dry_run)
        if dry_run:
            ws = self.store.snapshot()
            before = {name: ws.tables[name] for name in ws.tables}
            after, found = self._merge_copies(before, loaded)
            added, changed = count_changes(before, after)
            return ResolveReport(tuple(c for c, _ in loaded), (), tuple(broken), added,
                                 changed, found, dry_run=True)
        with self.store.transaction() as ws:
            before = {name: ws.tables[name] for name in ws.tables}
            after, found = self._merge_copies(before, loaded)
            check_tables(after, before)  # the sides were valid; a merge keeps them so
            ws.replace_tables(after)
            added, changed = count_changes(before, after)
        moved = tuple(copies.put_away(copy, self.store.path) for copy, _ in loaded)
        return ResolveReport(tuple(c for c, _ in loaded), moved, tuple(broken), added,
                             changed, found)

    def _merge_copies(self, tables: dict, loaded: list[tuple[Path, dict]]
                      ) -> tuple[dict, tuple[Conflict, ...]]:
        found: list[Conflict] = []
        for _copy, theirs in loaded:
            base = copies.assemble_base(self.store.path, tables, theirs)
            result = merge2(tables, theirs, base)
            tables = result.tables
            found.extend(result.conflicts)
        return tables, tuple(found)
