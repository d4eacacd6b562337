"""Status words that tell the truth (okr-domain.md, "Status words").

- an objective takes the status of its weakest key result, stale included;
- a graded objective shows "graded 0.3" in its grade's colour, never "done";
- a keep-above/below key result is holding or breached during its period, and done only
  when the period has ended with the band held (and only then reached for carry-over).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from okrtui.domain.cycle.carryover import kr_finished
from okrtui.domain.records.models import CheckIn, KeyResult, Objective
from okrtui.domain.records.periods import Period
from okrtui.domain.scoring.due import kr_done
from okrtui.domain.scoring.score import KRScore, score_kr, score_objective
from okrtui.domain.scoring.status import STATUS_ORDER, STATUS_RAG, grade_word, weakest

Q4 = Period.parse("2026-Q4")
TODAY = dt.date(2026, 11, 22)
START = dt.datetime(2026, 10, 1, 9, tzinfo=dt.UTC)
KR_STATUSES = list(STATUS_ORDER)


def _kr(kind: str = "metric", target: float = 10, **fields: Any) -> KeyResult:
    return KeyResult.model_validate({
        "id": "kr-00000001", "objective_id": "obj-0001", "title": "Keep it", "kind": kind,
        "target": target, "created_at": START, "updated_at": START, **fields})


def _checkin(kr: KeyResult, value: float, day: dt.date) -> CheckIn:
    moment = dt.datetime.combine(day, dt.time(12), dt.UTC)
    return CheckIn.model_validate({"id": f"ci-{day.isoformat()}", "kr_id": kr.id,
                                   "value": value, "at": moment, "updated_at": moment})


def _objective(**fields: Any) -> Objective:
    return Objective.model_validate({"id": "obj-0001", "title": "Grow", "period": "2026-Q4",
                                     "created_at": START, "updated_at": START, **fields})


def _score(status: str) -> KRScore:
    """A key result score carrying `status` (the objective only reads the words)."""
    return KRScore(_kr(), None, 0.0, 0.0, status, STATUS_RAG[status], None, None, 0)  # type: ignore[arg-type]


# ---- an objective is its weakest key result --------------------------------------------


@given(st.lists(st.sampled_from(KR_STATUSES), min_size=1, max_size=6))
def test_an_objective_takes_the_status_of_its_weakest_key_result(statuses: list[str]) -> None:
    result = score_objective(_objective(), [_score(s) for s in statuses])
    assert result.status in statuses
    # No key result is weaker than the objective says.
    assert all(STATUS_ORDER.index(result.status) <= STATUS_ORDER.index(s) for s in statuses)
    assert result.status == weakest(statuses)  # type: ignore[arg-type]


def test_one_on_track_and_three_stale_is_not_on_track() -> None:
    result = score_objective(_objective(), [_score("on track")] + [_score("stale")] * 3)
    assert (result.status, result.word, result.symbol) == ("stale", "stale", "◌")
    assert score_objective(_objective(), [_score("done"), _score("holding")]).status == \
        "holding"
    assert score_objective(_objective(), [_score("on track"), _score("breached")]).status == \
        "breached"


# ---- a graded objective shows its grade ------------------------------------------------


@given(grade=st.floats(min_value=0.0, max_value=1.0), committed=st.booleans(),
       statuses=st.lists(st.sampled_from(KR_STATUSES), max_size=5))
def test_a_graded_objective_is_never_done(grade: float, committed: bool,
                                          statuses: list[str]) -> None:
    grade = round(grade, 2)
    result = score_objective(_objective(grade=grade, status="closed", committed=committed),
                             [_score(s) for s in statuses])
    assert result.status == "graded" and result.word.startswith("graded ")
    assert result.word != "done" and result.verdict


@pytest.mark.parametrize(("grade", "word", "rag", "symbol"), [
    (0.0, "graded 0.0", "red", "✖"), (0.3, "graded 0.3", "red", "✖"),
    (0.65, "graded 0.65", "yellow", "▲"), (0.7, "graded 0.7", "green", "●"),
    (1.0, "graded 1.0", "green", "●"),
])
def test_graded_words_and_colours(grade: float, word: str, rag: str, symbol: str) -> None:
    result = score_objective(_objective(grade=grade, status="closed"), [_score("done")])
    assert (result.word, result.rag, result.symbol) == (word, rag, symbol)
    assert grade_word(grade) == word


def test_a_red_zero_is_not_a_success() -> None:
    result = score_objective(_objective(grade=0.0, status="closed", committed=True),
                             [_score("done")])
    assert (result.word, result.rag) == ("graded 0.0", "red")
    assert result.verdict is not None and result.verdict.startswith("missed")


# ---- keep-above / keep-below: holding or breached, done at the end ---------------------


@pytest.mark.parametrize(("kind", "value", "during", "after"), [
    ("below", 1.5, "holding", "done"), ("below", 2.5, "breached", "breached"),
    ("above", 99.95, "holding", "done"), ("above", 99.0, "breached", "breached"),
])
def test_a_band_holds_or_is_breached_and_is_done_only_after_the_period(
        kind: str, value: float, during: str, after: str) -> None:
    target = 2.0 if kind == "below" else 99.9
    kr = _kr(kind, target)
    checkins = [_checkin(kr, value, dt.date(2026, 11, 20))]
    now = score_kr(kr, checkins, Q4, TODAY)
    assert now.status == during
    # It scores as the domain says (1 while it holds), but it is not reached yet.
    assert now.progress == (1.0 if during == "holding" else 0.0)
    assert kr_finished(now) is False
    ended = score_kr(kr, checkins, Q4, dt.date(2027, 1, 5))
    assert ended.status == after
    assert kr_finished(ended) is (after == "done")


def test_a_band_nobody_checked_in_on_for_weeks_is_stale_not_holding() -> None:
    kr = _kr("below", 2.0)
    score = score_kr(kr, [_checkin(kr, 1.0, dt.date(2026, 11, 1))], Q4, TODAY)
    assert score.status == "stale"


@given(value=st.floats(min_value=-1e6, max_value=1e6), kind=st.sampled_from(["above", "below"]),
       day=st.dates(min_value=Q4.start, max_value=Q4.end))
def test_during_its_period_a_band_is_never_done(value: float, kind: str,
                                                day: dt.date) -> None:
    kr = _kr(kind, 5.0)
    score = score_kr(kr, [_checkin(kr, value, day)], Q4, day)
    assert score.status in ("holding", "breached")


@given(kind=st.sampled_from(["metric", "milestone", "above", "below"]),
       value=st.none() | st.floats(min_value=-20, max_value=20),
       day=st.dates(min_value=Q4.start, max_value=Q4.end))
def test_done_is_one_rule_for_the_status_word_and_the_due_list(
        kind: str, value: float | None, day: dt.date) -> None:
    """`okrtui due` leaves out what is done; the status word says done: the same rule
    (progress.reached), so nothing is both "done" and due, or neither and not due."""
    kr = _kr(kind, 10)
    if kind == "milestone" and value is not None:
        value = 1.0 if value > 0 else 0.0
    checkins = [] if value is None else [_checkin(kr, value, day)]
    score = score_kr(kr, checkins, Q4, day)
    assert (score.status == "done") == kr_done(kr, score.current)
