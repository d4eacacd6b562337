"""The one rule of what is due, about all inputs: due means never checked in or a whole
cadence since the last check-in; every stale key result is due; nothing is due outside its
period or once done."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from okrtui.domain.records.models import CADENCE_DAYS, KPI, KeyResult, Objective
from okrtui.domain.records.periods import Period
from okrtui.domain.scoring.due import kpi_due_since, kr_done, kr_due_since
from okrtui.domain.scoring.status import kr_status
from tests.support.clock import NOW

Q4 = Period.parse("2026-Q4")
days = st.dates(dt.date(2026, 8, 1), dt.date(2027, 2, 28))
cadences = st.sampled_from(sorted(CADENCE_DAYS))


def _objective(cadence: str, status: str = "active") -> Objective:
    return Objective.model_validate({"id": "0" * 36, "title": "Grow", "period": "2026-Q4",
                                     "cadence": cadence, "status": status,
                                     "created_at": NOW, "updated_at": NOW})


def _kr(created: dt.date) -> KeyResult:
    at = dt.datetime.combine(created, dt.time(9), dt.UTC)
    return KeyResult.model_validate({"id": "1" * 36, "objective_id": "0" * 36,
                                     "title": "Acquire 10 new clients", "target": 10,
                                     "created_at": at, "updated_at": at})


@given(created=days, last=st.none() | days, today=days, cadence=cadences)
def test_due_is_never_checked_in_or_a_cadence_since_the_last(
        created: dt.date, last: dt.date | None, today: dt.date, cadence: str) -> None:
    if last is not None and last < created:
        return
    when = dt.datetime.combine(last, dt.time(10), dt.UTC) if last else None
    since = kr_due_since(_kr(created), _objective(cadence), when, today)
    if not Q4.contains(today):
        assert since is None
    elif last is None:
        assert since == max(Q4.start, created)
    else:
        assert (since is not None) == ((today - last).days >= CADENCE_DAYS[cadence])
        if since is not None:
            assert since == last + dt.timedelta(days=CADENCE_DAYS[cadence]) <= today


@given(created=days, last=st.none() | days, today=days, cadence=cadences,
       progress=st.floats(0.0, 0.99), confidence=st.none() | st.integers(0, 10))
def test_every_stale_key_result_is_due(created: dt.date, last: dt.date | None,
                                       today: dt.date, cadence: str, progress: float,
                                       confidence: int | None) -> None:
    if last is not None and (last < created or last > today):
        return
    when = dt.datetime.combine(last, dt.time(10), dt.UTC) if last else None
    kr = _kr(created)
    status = kr_status(kr, progress, Q4, today, when, confidence, cadence)
    if status == "stale":
        assert kr_due_since(kr, _objective(cadence), when, today) is not None


@given(today=days, status=st.sampled_from(["draft", "closed"]))
def test_drafts_and_closed_objectives_have_nothing_due(today: dt.date, status: str) -> None:
    assert kr_due_since(_kr(dt.date(2026, 9, 20)), _objective("weekly", status), None,
                        today) is None


def test_a_reached_metric_and_a_done_milestone_are_done_a_band_is_not() -> None:
    kr = _kr(dt.date(2026, 10, 1))
    assert kr_done(kr, 10) and kr_done(kr, 12) and not kr_done(kr, 9.9)
    assert not kr_done(kr, None)
    milestone = kr.model_copy(update={"kind": "milestone", "target": 1.0})
    assert kr_done(milestone, 1) and not kr_done(milestone, 0)
    band = kr.model_copy(update={"kind": "above"})
    assert not kr_done(band, 50)  # a keep-above key result is watched to the end


@given(created=days, last=st.none() | days, today=days, cadence=cadences)
def test_a_kpi_is_due_a_cadence_after_its_last_value(
        created: dt.date, last: dt.date | None, today: dt.date, cadence: str) -> None:
    if today < created or (last is not None and not created <= last <= today):
        return
    at = dt.datetime.combine(created, dt.time(9), dt.UTC)
    kpi = KPI.model_validate({"id": "2" * 36, "name": "Uptime", "cadence": cadence,
                              "created_at": at, "updated_at": at})
    since = kpi_due_since(kpi, last, today)
    if last is None:
        assert since == created
    else:
        assert (since is not None) == ((today - last).days >= CADENCE_DAYS[cadence])
