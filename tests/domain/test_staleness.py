"""Staleness, the one rule (okrtui/domain/scoring/staleness.py), for all inputs.

A key result is stale when it has gone longer than its cadence without a check-in,
counted from its last check-in, else from its creation (never from before its period),
and only while its period runs. A check-in a skewed clock dated beyond tomorrow does not
count.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from okrtui.domain.records.models import CADENCE_DAYS, CheckIn, KeyResult
from okrtui.domain.records.periods import Period
from okrtui.domain.scoring.score import score_kr
from okrtui.domain.scoring.staleness import is_stale, stale_from

Q4 = Period.parse("2026-Q4")
UTC = dt.UTC
days = st.dates(min_value=dt.date(2026, 8, 1), max_value=dt.date(2027, 2, 28))
cadences = st.sampled_from(sorted(CADENCE_DAYS))


def _moment(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), UTC)


@given(cadence=cadences, created=days, last=st.none() | days, today=days)
def test_stale_means_longer_than_the_cadence_since_the_last_checkin_or_creation(
        cadence: str, created: dt.date, last: dt.date | None, today: dt.date) -> None:
    # A check-in dated beyond tomorrow (a teammate's skewed clock) is no check-in yet.
    counted = last if last is not None and last <= today + dt.timedelta(days=1) else None
    since = counted if counted is not None else max(created, Q4.start)
    expected = Q4.start <= today <= Q4.end and (today - since).days > CADENCE_DAYS[cadence]
    got = is_stale(Q4, cadence, _moment(last) if last else None, _moment(created), today)
    assert got == expected
    # stale_from is the first such day: stale on it, not on the day before (in the period).
    first = stale_from(Q4, cadence, _moment(counted) if counted else None, _moment(created))
    assert (today >= first) == ((today - since).days > CADENCE_DAYS[cadence])


@given(cadence=cadences, created=days, today=days)
def test_a_checkin_today_is_never_stale(cadence: str, created: dt.date,
                                        today: dt.date) -> None:
    assert not is_stale(Q4, cadence, _moment(today), _moment(created), today)


@given(cadence=cadences, created=days, last=st.none() | days, today=days,
       value=st.floats(min_value=0, max_value=9.9))
def test_the_status_word_is_stale_exactly_when_the_rule_says(
        cadence: str, created: dt.date, last: dt.date | None, today: dt.date,
        value: float) -> None:
    """The score's status asks the same rule (a key result short of its target)."""
    kr = KeyResult.model_validate({
        "id": "kr-00000001", "objective_id": "obj-0001", "title": "Reach 10", "target": 10,
        "created_at": _moment(created), "updated_at": _moment(created)})
    checkins = [] if last is None else [CheckIn.model_validate({
        "id": "ci-00000001", "kr_id": kr.id, "value": value, "at": _moment(last),
        "updated_at": _moment(last)})]
    score = score_kr(kr, checkins, Q4, today, cadence)
    stale = is_stale(Q4, cadence, _moment(last) if last else None, _moment(created), today)
    assert (score.status == "stale") == stale
