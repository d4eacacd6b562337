"""Grading a period: final scores, adjustments with reasons, grades, verdicts, closing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from okrtui.domain.cycle.grading import check_adjustment, grade_objective
from okrtui.domain.records.errors import InvalidInput, OkrError, RuleViolation
from okrtui.domain.rules.lint import lint
from okrtui.services import Services
from tests.support.builders import check_in_on, objective_with_krs, sha
from tests.support.clock import TODAY, FixedClock


def test_default_grade_is_the_weighted_average_of_clamped_progress(
        services: Services, clock: FixedClock) -> None:
    objective, krs = objective_with_krs(services, "Grow", ((0, 10), (0, 10), (100, 50)))
    services.edit_key_result(krs[2].id, weight=2)
    check_in_on(services, clock, krs[0].id, 15, dt.date(2026, 11, 10))  # 1.5 -> clamped 1.0
    check_in_on(services, clock, krs[1].id, 4, dt.date(2026, 11, 10))   # 0.4
    check_in_on(services, clock, krs[2].id, 80, dt.date(2026, 11, 10))  # decreasing: 0.4
    [result] = services.grade_period("2026-Q4")
    assert [k.final for k in result.key_results] == [1.0, 0.4, 0.4]
    assert result.grade == pytest.approx((1.0 + 0.4 + 0.4 * 2) / 4, abs=0.005)
    assert result.rag == "yellow" and not result.given
    stored = services.workspace().objective(objective.id)
    assert stored.status == "closed" and stored.grade == result.grade
    assert [services.workspace().key_result(k.id).final_score for k in krs] == [1.0, 0.4, 0.4]


def test_an_adjusted_score_needs_a_reason_and_moves_the_grade(
        services: Services, clock: FixedClock, db_path: Path) -> None:
    _, krs = objective_with_krs(services, "Grow")
    for kr, value in zip(krs, (7, 7, 7), strict=True):
        check_in_on(services, clock, kr.id, value, dt.date(2026, 11, 20))
    before = sha(db_path)
    with pytest.raises(InvalidInput, match="needs a reason"):
        services.grade_period("2026-Q4", adjustments={krs[0].id: (1.0, "  ")})
    with pytest.raises(InvalidInput, match=r"outside 0\.0 to 1\.0"):
        services.grade_period("2026-Q4", adjustments={krs[0].id: (1.2, "counted twice")})
    assert sha(db_path) == before
    [result] = services.grade_period(
        "2026-Q4", adjustments={krs[0].id[:6]: (1.0, "the last deal signed on Jan 2")})
    first = result.key_results[0]
    assert (first.final, first.adjusted, first.reason) == (
        1.0, True, "the last deal signed on Jan 2")
    assert result.grade == 0.8  # (1.0 + 0.7 + 0.7) / 3
    assert result.rag == "green"
    stored = services.workspace().key_result(krs[0].id)
    assert (stored.final_score, stored.final_reason) == (1.0, "the last deal signed on Jan 2")


def test_verdicts_for_aspirational_and_committed_objectives(
        services: Services, clock: FixedClock) -> None:
    easy, easy_krs = objective_with_krs(services, "Easy", ((0, 10),) * 3)
    must, must_krs = objective_with_krs(services, "Must", ((0, 10),) * 3, committed=True)
    for kr in easy_krs:
        check_in_on(services, clock, kr.id, 10, dt.date(2026, 11, 20))
    for kr in must_krs:
        check_in_on(services, clock, kr.id, 9, dt.date(2026, 11, 20))
    results = {r.objective.title: r for r in services.grade_period("2026-Q4")}
    assert results["Easy"].grade == 1.0
    assert results["Easy"].verdict.startswith("not ambitious enough")
    assert results["Must"].grade == 0.9 and results["Must"].verdict.startswith("missed")
    rules = {(f.id, f.rule) for f in lint(services.workspace(), TODAY)}
    assert (easy.id, "ambition") in rules and (must.id, "ambition") in rules


def test_grade_given_and_retrospective_for_one_objective(
        services: Services, clock: FixedClock) -> None:
    one, _ = objective_with_krs(services, "One")
    two, _ = objective_with_krs(services, "Two")
    with pytest.raises(InvalidInput, match="2 objectives would be graded"):
        services.grade_period("2026-Q4", retrospective="Hiring took longer")
    [result] = services.grade_period("2026-Q4", objective_ref=one.id[:6], grade=0.65,
                                     retrospective="Hiring took longer\nthan planned")
    assert result.given and result.grade == 0.65 and result.computed == 0.0
    assert result.verdict == "in the sweet spot"
    stored = services.workspace().objective(one.id)
    assert stored.retrospective == "Hiring took longer\nthan planned"
    assert services.workspace().objective(two.id).status == "active"
    # The period now grades what is left, and then says everything is graded.
    assert [r.objective.id for r in services.grade_period("2026-Q4")] == [two.id]
    with pytest.raises(RuleViolation, match="graded already"):
        services.grade_period("2026-Q4")


def test_regrading_keeps_adjustments_and_counts_late_check_ins(
        services: Services, clock: FixedClock) -> None:
    objective, krs = objective_with_krs(services, "Grow")
    services.grade_period("2026-Q4", adjustments={krs[0].id: (0.5, "partly delivered")})
    check_in_on(services, clock, krs[1].id, 10, dt.date(2026, 11, 21))  # a late check-in
    [again] = services.grade_period("2026-Q4", objective_ref=objective.id)
    finals = [(k.final, k.reason) for k in again.key_results]
    assert finals == [(0.5, "partly delivered"), (1.0, ""), (0.0, "")]
    assert again.grade == 0.5


def test_preview_writes_nothing(services: Services, db_path: Path) -> None:
    objective, _ = objective_with_krs(services, "Grow")
    before = sha(db_path)
    [preview] = services.grade_period("2026-Q4", dry_run=True)
    assert preview.objective.status == "closed" and preview.grade == 0.0
    assert sha(db_path) == before
    assert services.workspace().objective(objective.id).status == "active"


@pytest.mark.parametrize(("call", "message"), [
    (lambda s, o, k: s.grade_period("2027-Q1"), "has not started yet"),
    (lambda s, o, k: s.grade_period("2026-Q3"), "no active objective"),
    (lambda s, o, k: s.grade_period("2026-Q3", objective_ref=o), "is in 2026-Q4, not 2026-Q3"),
    (lambda s, o, k: s.grade_period("2026-Q4", objective_ref=o, grade=1.5), "outside 0.0"),
    (lambda s, o, k: s.grade_period("2026-Q4", objective_ref=k), "no objective"),
])
def test_refusals_change_nothing(services: Services, db_path: Path, call, message: str) -> None:
    objective, krs = objective_with_krs(services, "Grow")
    before = sha(db_path)
    with pytest.raises(OkrError, match=message):
        call(services, objective.id, krs[0].id)
    assert sha(db_path) == before


def test_drafts_key_results_elsewhere_and_empty_objectives_are_refused(
        services: Services, db_path: Path) -> None:
    draft, _ = objective_with_krs(services, "Draft", status="draft")
    empty = services.add_objective("Empty", "2026-Q4")
    other, other_krs = objective_with_krs(services, "Other")
    before = sha(db_path)
    with pytest.raises(RuleViolation, match="draft"):
        services.grade_period("2026-Q4", objective_ref=draft.id)
    with pytest.raises(RuleViolation, match="no key results to grade"):
        services.grade_period("2026-Q4", objective_ref=empty.id)
    with pytest.raises(RuleViolation, match="not part of this grading"):
        services.grade_period("2026-Q4", objective_ref=empty.id,
                              adjustments={other_krs[0].id: (1.0, "done elsewhere")})
    assert sha(db_path) == before
    [result] = services.grade_period("2026-Q4", objective_ref=empty.id, grade=0.2)
    assert result.rag == "red" and result.grade == 0.2
    assert services.workspace().objective(draft.id).status == "draft"
    assert services.workspace().objective(other.id).grade is None


def test_grade_objective_is_pure(services: Services) -> None:
    objective, _ = objective_with_krs(services, "Grow")
    ws = services.workspace()
    at = dt.datetime(2026, 12, 31, tzinfo=dt.UTC)
    result = grade_objective(ws, objective, TODAY, "carol", at, grade=0.3)
    assert result.objective.updated_by == "carol" and result.objective.updated_at == at
    assert result.rag == "red"
    assert ws.objective(objective.id).grade is None
    assert check_adjustment(0.333, " why ").score == 0.33
