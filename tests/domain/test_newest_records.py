"""Scores and sparklines read only the newest records, and read the same as from all."""

from __future__ import annotations

import datetime as dt

import pytest

from okrtui.domain.records.models import CheckIn, Measurement
from okrtui.domain.records.periods import Period
from okrtui.domain.records.workspace import InvalidRecord, Workspace
from okrtui.domain.scoring.score import score_kr
from okrtui.domain.scoring.views import kr_score
from tests.support.clock import FixedClock

T0 = dt.datetime(2026, 10, 5, 9, tzinfo=dt.UTC)
KR = "kr-00000001"
KPI = "kpi-0000001"


def _checkin(n: int, at: dt.datetime, **extra: object) -> tuple[str, dict]:
    record = CheckIn(id=f"c-{n:08d}", kr_id=KR, value=float(n), author="a", at=at,
                     updated_at=at, **extra)
    return record.id, record.model_dump(mode="json", exclude={"id"})


def _measurement(n: int, day: dt.date, at: dt.datetime) -> tuple[str, dict]:
    record = Measurement(id=f"m-{n:08d}", kpi_id=KPI, value=float(n), date=day, author="a",
                         at=at, updated_at=at)
    return record.id, record.model_dump(mode="json", exclude={"id"})


def _workspace(**tables: dict) -> Workspace:
    return Workspace({name: dict(rows) for name, rows in tables.items()})


def test_latest_checkin_is_the_newest_live_one_and_ties_go_by_id() -> None:
    rows = dict(_checkin(n, T0 + dt.timedelta(days=n)) for n in range(10))
    rows.update([_checkin(20, T0 + dt.timedelta(days=9))])  # same time as #9: id decides
    rows.update([_checkin(30, T0 + dt.timedelta(days=50), deleted_at=T0.isoformat())])
    ws = _workspace(checkins=rows)
    everything = _workspace(checkins=rows).checkins(KR)
    assert ws.latest_checkin(KR) == everything[-1]
    assert ws.latest_checkin(KR).id == "c-00000020"
    assert ws.live_count("checkins", KR) == len(everything) == 11
    assert ws.latest_checkin("no-such-kr") is None


def test_only_the_newest_checkin_is_validated() -> None:
    rows = dict(_checkin(n, T0 + dt.timedelta(days=n)) for n in range(5))
    rows["c-00000000"]["value"] = "not a number"  # an old record a hand edit broke
    ws = _workspace(checkins=rows)
    assert ws.latest_checkin(KR).id == "c-00000004"
    with pytest.raises(InvalidRecord):
        ws.checkins(KR)  # reading all of them still reports it


def test_a_time_that_does_not_read_as_iso_falls_back_to_validating_all() -> None:
    rows = dict(_checkin(n, T0 + dt.timedelta(days=n)) for n in range(3))
    rows["c-00000001"]["at"] = 1_790_000_000  # a number: pydantic may read it, we do not
    ws = _workspace(checkins=rows)
    assert ws.latest_checkin(KR) == _workspace(checkins=rows).checkins(KR)[-1]


def test_kr_score_from_the_latest_equals_the_score_from_all(
        make_services, clock: FixedClock) -> None:  # type: ignore[no-untyped-def]
    services = make_services()
    objective = services.add_objective("Grow", "2026-Q4")
    kr = services.add_key_result(objective.id, "Reach 100", target=100, unit="u")
    for value in (10, 40, 30):
        clock.advance(days=3)
        services.check_in(kr.id, value, confidence=6)
    ws = services.workspace()
    today = dt.date(2026, 11, 22)
    full = score_kr(kr, ws.checkins(kr.id), Period.parse("2026-Q4"), today, objective.cadence)
    assert kr_score(ws, kr, today) == full
    assert full.current == 30 and full.checkins == 3


def test_recent_measurements_are_the_last_ones_in_date_time_id_order() -> None:
    day0 = dt.date(2025, 1, 1)
    rows = dict(_measurement(n, day0 + dt.timedelta(days=n),
                             dt.datetime.combine(day0, dt.time(18), dt.UTC)
                             + dt.timedelta(days=n)) for n in range(40))
    # Two values on the last day, the later one recorded first in the table.
    last = day0 + dt.timedelta(days=39)
    rows.update([_measurement(99, last, dt.datetime.combine(last, dt.time(8), dt.UTC))])
    ws = _workspace(measurements=rows)
    everything = _workspace(measurements=rows).measurements(KPI)
    for count in (1, 2, 8, 100):
        assert ws.recent_measurements(KPI, count) == everything[-count:]
    assert ws.recent_measurements(KPI, 1)[0].id == "m-00000039"  # 18:00 after 08:00


def test_a_version_that_inherits_an_index_writes_to_its_own_copy() -> None:
    """A workspace built on another's unchanged tables takes over its index of children;
    a record written to the new one leaves the old one (which a screen may still be
    reading in another thread) as it was."""
    rows = dict(_checkin(n, T0 + dt.timedelta(days=n)) for n in range(5))
    shown = _workspace(checkins=rows)
    assert shown.live_count("checkins", KR) == 5  # its index is built
    saving = Workspace(dict(shown.tables))
    saving.inherit(shown)
    saving.insert("checkins", CheckIn(id="c-00000009", kr_id=KR, value=9.0, author="a",
                                      at=T0 + dt.timedelta(days=9), updated_at=T0))
    assert saving.live_count("checkins", KR) == 6
    assert shown.live_count("checkins", KR) == 5
    assert shown.latest_checkin(KR).id == "c-00000004"


def test_a_version_with_the_very_same_records_takes_over_the_index() -> None:
    """After a save, the file's table and the saved workspace's are two dicts of the same
    records: the index of children is taken over, not built again (an organisation's
    quarter of check-ins took 150 ms to index, on every objective opened after a save).
    A table where one record is another object is indexed again."""
    rows = dict(_checkin(n, T0 + dt.timedelta(days=n)) for n in range(5))
    shown = _workspace(checkins=rows)
    assert shown.live_count("checkins", KR) == 5
    same = Workspace({**shown.tables, "checkins": dict(shown.tables["checkins"])})
    same.inherit(shown)
    assert "checkins" in same._children  # taken over before anything was read
    assert same.live_count("checkins", KR) == 5
    changed_rows = dict(shown.tables["checkins"])
    changed_rows["c-00000002"] = {**changed_rows["c-00000002"], "kr_id": "kr-other"}
    changed = Workspace({**shown.tables, "checkins": changed_rows})
    changed.inherit(shown)
    assert "checkins" not in changed._children
    assert changed.live_count("checkins", KR) == 4
