"""Check-in history through the services the TUI calls: newest first, corrections and
removals that say who and when, and what activity, KPI values and imports make of them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import orjson
import pytest

from okrtui.domain.plans.kpis import plan_record_kpi
from okrtui.domain.records.errors import RuleViolation
from okrtui.domain.reporting.activity import activity_between, activity_since
from okrtui.domain.reporting.exchange import ImportRefused
from okrtui.domain.reporting.report import render_markdown
from okrtui.services import Services
from tests.support.builders import objective_with_krs
from tests.support.clock import NOW, TODAY, FixedClock


def test_history_is_newest_first_with_who_and_what(
        make_services: Callable[..., Services], clock: FixedClock) -> None:
    alice = make_services("alice")
    _, [kr, *_] = objective_with_krs(alice, "Grow")
    first = alice.check_in(kr.id, 2, confidence=6, note="slow start", on=dt.date(2026, 10, 9))
    clock.advance(minutes=1)
    bob = make_services("bob")
    second = bob.check_in(kr.id, 4)
    clock.advance(minutes=1)
    bob.edit_check_in(first.id, value=3)
    rows = alice.checkin_history(kr.id[:6])
    assert [r.id for r in rows] == [second.id, first.id]
    assert [(r.who, r.value, r.value_text) for r in rows] == [("bob", 4.0, "4 x"),
                                                              ("alice", 3.0, "3 x")]
    assert (rows[1].confidence, rows[1].note, rows[1].at.date()) == (6, "slow start",
                                                                     dt.date(2026, 10, 9))
    assert (rows[1].edited_by, rows[1].edited_at) == ("bob", clock.now)
    assert rows[0].edited_by is None
    alice.remove_check_in(second.id)
    assert [r.id for r in alice.checkin_history(kr.id)] == [first.id]


def test_a_correction_and_a_removal_are_told_by_who_made_them(
        make_services: Callable[..., Services], clock: FixedClock) -> None:
    alice = make_services("alice")
    objective = alice.add_objective("Launch", "2026-Q4")
    ms = alice.add_key_result(objective.id, "Launch the portal", kind="milestone")
    done = alice.check_in(ms.id, 1)
    before = alice.workspace()
    assert "alice marked done on “Launch the portal”" in [
        a.sentence for a in activity_since(before, NOW - dt.timedelta(hours=1))]
    clock.advance(minutes=3)
    bob = make_services("bob")
    bob.edit_check_in(done.id, value=0)
    after = bob.workspace()
    [change] = activity_between(before, after)
    assert change.sentence == "bob changed a check-in to not done on “Launch the portal”"
    assert [a.sentence for a in activity_since(after, NOW, exclude="alice")] == [
        "bob changed a check-in to not done on “Launch the portal”"]
    bob.remove_check_in(done.id)
    [gone] = activity_between(after, bob.workspace())
    assert gone.sentence == "bob deleted the check-in of not done on “Launch the portal”"


def test_edit_refuses_fields_a_check_in_does_not_have(services: Services) -> None:
    _, [kr, *_] = objective_with_krs(services, "Grow")
    made = services.check_in(kr.id, 2)
    with pytest.raises(Exception, match="value, confidence, note and day can be changed"):
        services.edit_check_in(made.id, kr_id="x" * 8)


def test_a_correction_to_another_day_keeps_the_back_dating_rules(services: Services) -> None:
    _, [kr, *_] = objective_with_krs(services, "Grow")
    made = services.check_in(kr.id, 2)
    moved = services.edit_check_in(made.id, on=dt.date(2026, 11, 2)).checkin
    assert moved.at == dt.datetime(2026, 11, 2, 12, tzinfo=dt.UTC) and moved.rev == 2
    with pytest.raises(RuleViolation, match="has not come yet"):
        services.edit_check_in(made.id, on=TODAY + dt.timedelta(days=1))


def test_the_kpi_form_preview_refuses_a_day_to_come(services: Services) -> None:
    kpi = services.add_kpi("Uptime", unit="%")
    ws = services.workspace()
    plan_record_kpi(ws, services.actor(), kpi.id, 99.9, TODAY)
    with pytest.raises(RuleViolation) as refused:
        plan_record_kpi(ws, services.actor(), kpi.id, 99.9, TODAY + dt.timedelta(days=1))
    assert refused.value.field == "date"


@pytest.mark.parametrize("table", ["checkins", "measurements"])
def test_an_import_refuses_values_dated_on_a_day_to_come(
        make_services: Callable[..., Services], clock: FixedClock, table: str,
        tmp_path) -> None:  # type: ignore[no-untyped-def]
    source = make_services("alice", tmp_path / "source.json")
    _, [kr, *_] = objective_with_krs(source, "Grow")
    kpi = source.add_kpi("Uptime", unit="%")
    clock.advance(days=3)  # a teammate three days ahead, or a mistyped date
    source.check_in(kr.id, 2) if table == "checkins" else source.record_kpi(kpi.id, 99.0)
    blob = source.export_json()
    clock.advance(days=-3)
    target = make_services("alice", tmp_path / "target.json")
    with pytest.raises(ImportRefused, match="cannot be dated 2026-11-25: that day has not "
                                            "come yet"):
        target.import_export(blob)
    assert not (tmp_path / "target.json").exists()
    data = orjson.loads(blob)
    assert data[table]  # the record was there to refuse


def test_the_weekly_review_says_a_milestone_was_marked_done(services: Services) -> None:
    objective = services.add_objective("Launch", "2026-Q4")
    ms = services.add_key_result(objective.id, "Launch the portal", kind="milestone")
    services.check_in(ms.id, 1, on=dt.date(2026, 11, 20))
    markdown = render_markdown(services.report("2026-Q4"))
    assert "- 2026-11-20, Launch the portal: marked done (alice)" in markdown
    assert "→ 1" not in markdown
