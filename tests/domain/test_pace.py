"""Pace, the one rule (okrtui/domain/scoring/pace.py): progress against the share of the
key result's own time gone, from the later of its period's start and its creation to its
due date (or the period's end).

It used to count from the period's start, so a key result added mid-quarter was "off
track" the day it was made, and a template applied on December 1 painted a wall of red.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from okrtui.domain.records.models import CheckIn, KeyResult
from okrtui.domain.records.periods import Period
from okrtui.domain.scoring.pace import pace_status, pace_window, time_elapsed
from okrtui.domain.scoring.score import score_kr

Q4 = Period.parse("2026-Q4")
UTC = dt.UTC
days = st.dates(min_value=dt.date(2026, 8, 1), max_value=dt.date(2027, 2, 28))
in_q4 = st.dates(min_value=Q4.start, max_value=Q4.end)


def _moment(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(9), UTC)


def _kr(created: dt.date, due: dt.date | None = None, target: float = 10) -> KeyResult:
    moment = _moment(created)
    return KeyResult.model_validate({
        "id": "kr-00000001", "objective_id": "obj-0001", "title": "Reach 10",
        "target": target, "due": due, "created_at": moment, "updated_at": moment})


@given(created=days, due=st.none() | in_q4, today=days)
def test_elapsed_is_the_share_of_the_key_results_own_clock(
        created: dt.date, due: dt.date | None, today: dt.date) -> None:
    moment = dt.datetime.combine(created, dt.time(9), UTC)
    start, end = pace_window(Q4, moment, due)
    assert start == min(max(Q4.start, created), due or Q4.end)
    assert end == (due or Q4.end)
    elapsed = time_elapsed(Q4, today, moment, due)
    assert 0.0 <= elapsed <= 1.0
    if today >= end:
        assert elapsed == 1.0
    elif today < start:
        assert elapsed == 0.0
    else:
        assert elapsed == ((today - start).days + 1) / ((end - start).days + 1)


@given(created=in_q4, today=in_q4, later=st.integers(min_value=1, max_value=30))
def test_time_only_moves_forward(created: dt.date, today: dt.date, later: int) -> None:
    moment = dt.datetime.combine(created, dt.time(9), UTC)
    tomorrow = today + dt.timedelta(days=later)
    assert time_elapsed(Q4, today, moment) <= time_elapsed(Q4, tomorrow, moment)


@given(created=st.dates(min_value=Q4.start, max_value=Q4.end - dt.timedelta(days=9)))
def test_a_key_result_just_made_with_nothing_done_is_on_track(created: dt.date) -> None:
    """The day it is made, a key result at 0% with ten days or more to go is not behind
    (its first day is a tenth of its clock at most: within the on-track gap). A template
    applied on December 1 does not paint a wall of red."""
    score = score_kr(_kr(created), [], Q4, created)
    assert score.status == "on track"
    assert pace_status(0.0, time_elapsed(Q4, created, _kr(created).created_at)) == "on track"


def test_a_template_applied_on_december_1_is_on_track_not_red() -> None:
    kr = _kr(dt.date(2026, 12, 1))
    assert [score_kr(kr, [], Q4, dt.date(2026, 12, d)).status for d in (1, 2, 3)] == \
        ["on track"] * 3
    # The same key result made at the quarter's start would be well behind by then.
    assert score_kr(_kr(Q4.start), [], Q4, dt.date(2026, 12, 1)).status == "stale"


def test_a_due_date_ends_the_clock() -> None:
    """Half done, a week after its due date: off track, although half the quarter is left."""
    kr = _kr(Q4.start, due=dt.date(2026, 11, 15))
    assert time_elapsed(Q4, dt.date(2026, 11, 22), kr.created_at, kr.due) == 1.0
    half = CheckIn.model_validate({
        "id": "ci-00000001", "kr_id": kr.id, "value": 5, "at": _moment(dt.date(2026, 11, 21)),
        "updated_at": _moment(dt.date(2026, 11, 21))})
    score = score_kr(kr, [half], Q4, dt.date(2026, 11, 22))
    assert score.status == "off track"
