"""The check-in rules about all inputs: typos (outliers), days that have not come, and a
milestone's check-in in words."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from okrtui.domain.records.errors import RuleViolation
from okrtui.domain.records.models import KeyResult
from okrtui.domain.reporting.history import checkin_phrase, value_words
from okrtui.domain.rules.dates import check_not_future
from okrtui.domain.rules.outliers import is_outlier, outlier_warning
from tests.support.clock import NOW

finite = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e300, max_value=1e300)


def _kr(start: float, target: float, kind: str = "metric") -> KeyResult:
    return KeyResult.model_validate({
        "id": "9c1e2d3f-0000-4000-8000-000000000002", "objective_id": "o" * 8,
        "title": "Acquire 10 new clients", "kind": kind, "start": start, "target": target,
        "unit": "clients", "created_at": NOW, "updated_at": NOW})


@given(start=finite, target=finite, share=st.floats(0.0, 3.0))
def test_a_value_between_the_start_and_three_spans_on_is_no_outlier(
        start: float, target: float, share: float) -> None:
    if target == start:
        return
    value = start + (target - start) * share
    if value == start or (value - start) * (target - start) > 0:
        assert not is_outlier(_kr(start, target), value)
        assert outlier_warning(_kr(start, target), value) is None


@given(start=st.floats(-1e6, 1e6), span=st.floats(0.01, 1e6), beyond=st.floats(3.01, 1e3),
       down=st.booleans())
def test_beyond_three_spans_or_behind_the_start_is_an_outlier(
        start: float, span: float, beyond: float, down: bool) -> None:
    target = start - span if down else start + span
    kr = _kr(start, target)
    far = start + (target - start) * beyond
    behind = start - (target - start) * 0.5
    for value in (far, behind):
        if value != start:
            assert is_outlier(kr, value)
            assert (outlier_warning(kr, value) or "").count("looks like a typo") == 1


def test_the_outlier_sentence_names_the_value_and_the_key_result() -> None:
    assert outlier_warning(_kr(0, 10), 95) == (
        "95 clients for 'Acquire 10 new clients' looks like a typo: it is more than 3 times "
        "as far from the start (0) as the target (10 clients) is")
    assert is_outlier(_kr(40, 28), 41)  # a decreasing metric going up is behind its start
    assert not is_outlier(_kr(40, 28), 30)
    assert not is_outlier(_kr(0, 1, "milestone"), 1)


@given(st.floats(allow_nan=False, allow_infinity=False), st.floats(allow_nan=False,
       allow_infinity=False), st.floats(allow_nan=False, allow_infinity=False))
def test_outliers_never_overflow(start: float, target: float, value: float) -> None:
    if start == target:
        return
    assert isinstance(is_outlier(_kr(start, target), value), bool)


zones = st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=-8)),
                         dt.timezone(dt.timedelta(hours=13, minutes=45))])


@given(st.datetimes(dt.datetime(2020, 1, 1), dt.datetime(2030, 1, 1), timezones=zones),
       st.integers(-400, 400))
def test_a_day_that_has_not_come_is_refused_and_every_other_accepted(
        now: dt.datetime, offset: int) -> None:
    day = now.date() + dt.timedelta(days=offset)
    moment = dt.datetime.combine(day, dt.time(12), now.tzinfo).astimezone(dt.UTC)
    for when in (day, moment):
        if offset > 0:
            with pytest.raises(RuleViolation, match="that day has not come yet"):
                check_not_future(when, now, what="a check-in")
        else:
            check_not_future(when, now, what="a check-in")


def test_later_today_in_utc_is_still_today_where_the_person_is() -> None:
    # 20:00 on Nov 22 in California is 04:00 on Nov 23 in UTC: still today there.
    la = dt.datetime(2026, 11, 22, 20, 0, tzinfo=dt.timezone(dt.timedelta(hours=-8)))
    check_not_future(la.astimezone(dt.UTC), la, what="a check-in")
    check_not_future(dt.date(2026, 11, 22), la, what="a KPI value")
    with pytest.raises(RuleViolation):
        check_not_future(dt.date(2026, 11, 23), la, what="a KPI value")


def test_a_milestone_check_in_reads_as_done_or_not_done() -> None:
    milestone = _kr(0, 1, "milestone")
    assert (checkin_phrase(milestone, 1.0), checkin_phrase(milestone, 0.0)) == (
        "marked done", "marked not done")
    assert value_words(milestone, 1.0) == "done"
    assert checkin_phrase(_kr(0, 10), 3) == "checked in 3 clients"
