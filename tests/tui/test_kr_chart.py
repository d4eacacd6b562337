"""The objective screen's chart draws the ideal line over the clock its status is judged
by (okrtui/domain/scoring/pace.py): from the later of the period's start and the key
result's creation to its due date. It used to start at the period's start, so the chart
and the status word told a key result added mid-quarter two different stories."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from okrtui.domain.records.models import KeyResult
from okrtui.domain.records.periods import Period
from okrtui.domain.scoring.pace import pace_window
from okrtui.widgets.kr_chart import ideal_line

Q4 = Period.parse("2026-Q4")
in_q4 = st.dates(min_value=Q4.start, max_value=Q4.end)


@given(created=in_q4, due=st.none() | in_q4)
def test_the_ideal_line_runs_over_the_key_results_own_clock(
        created: dt.date, due: dt.date | None) -> None:
    moment = dt.datetime.combine(created, dt.time(9), dt.UTC)
    kr = KeyResult.model_validate({
        "id": "kr-00000001", "objective_id": "obj-0001", "title": "Reach 10", "start": 2,
        "target": 10, "due": due, "created_at": moment, "updated_at": moment})
    start, end = pace_window(Q4, kr.created_at, kr.due)
    xs, ys = ideal_line(kr, Q4)
    assert xs == [(start - Q4.start).days, (end - Q4.start).days]
    assert ys == [2.0, 10.0]
