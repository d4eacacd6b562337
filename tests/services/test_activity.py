"""Who changed what: changes between two versions of the file, and since a moment."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

from okrtui.cli import main
from okrtui.domain.reporting.activity import activity_between, activity_since
from okrtui.services import Services
from tests.support.clock import FixedClock


def test_a_teammates_changes_read_as_sentences(make_services: Callable[..., Services],
                                               clock: FixedClock) -> None:
    alice = make_services("alice")
    objective = alice.add_objective("Expand our customer base", "2026-Q4")
    kr = alice.add_key_result(objective.id, "Acquire 500 new customers", target=500,
                              unit="customers")
    kpi = alice.add_kpi("Average response time", unit="min", direction="lower", green=30,
                        red=45)
    before = alice.workspace()

    bob = make_services("bob")
    clock.advance(minutes=5)
    bob.check_in(kr.id, 320, confidence=7, note="two deals")
    bob.record_kpi(kpi.id, 34)
    bob.edit_key_result(kr.id, target=550)
    third = bob.add_key_result(objective.id, "Sign 10 partners", target=10, unit="partners")
    bob.delete_key_result(third.id)
    after = bob.workspace()

    sentences = [a.sentence for a in activity_between(before, after)]
    assert "bob checked in 320 customers on “Acquire 500 new customers”" in sentences
    assert any(s.startswith("bob recorded 34 min for “Average response time”")
               for s in sentences)
    assert "bob edited key result “Acquire 500 new customers” (target)" in sentences
    # Added and deleted between the two looks: the record's state is what is told.
    assert "bob deleted key result “Sign 10 partners”" in sentences
    # Nothing alice had already seen is told again.
    assert not any("Expand our customer base" in s and "added" in s for s in sentences)
    checkin = next(a for a in activity_between(before, after) if a.table == "checkins")
    assert (checkin.objective_id, checkin.kr_id) == (objective.id, kr.id)


def test_same_versions_tell_nothing(services: Services) -> None:
    services.add_objective("Quiet", "2026-Q4")
    ws = services.workspace()
    assert activity_between(ws, ws) == []


def test_since_a_moment_leaves_out_my_own_changes(make_services: Callable[..., Services],
                                                  clock: FixedClock) -> None:
    alice = make_services("alice")
    objective = alice.add_objective("Delight customers", "2026-Q4")
    kr = alice.add_key_result(objective.id, "Reach 95% satisfaction", target=95, unit="%")
    looked = clock.now
    clock.advance(hours=2)
    bob = make_services("bob")
    bob.check_in(kr.id, 88)
    alice.check_in(kr.id, 89)
    bob.edit_objective(objective.id, team="Support")

    theirs = [a.sentence for a in activity_since(alice.workspace(), looked, exclude="alice")]
    assert theirs == ["bob checked in 88% on “Reach 95% satisfaction”",
                      "bob edited objective “Delight customers”"]
    everyone = activity_since(alice.workspace(), looked)
    assert [a.who for a in everyone] == ["bob", "alice", "bob"]
    assert activity_since(alice.workspace(), clock.now + dt.timedelta(seconds=1)) == []


def test_an_edit_that_changes_nothing_is_no_edit(services: Services) -> None:
    objective = services.add_objective("Steady", "2026-Q4", team="Ops")
    same = services.edit_objective(objective.id, team="Ops")
    assert same.rev == objective.rev == 1
    assert services.edit_objective(objective.id, team="Platform").rev == 2


def test_the_activity_command(make_services: Callable[..., Services], clock: FixedClock,
                              capsys) -> None:  # type: ignore[no-untyped-def]
    alice = make_services("alice")
    objective = alice.add_objective("Grow", "2026-Q4")
    kr = alice.add_key_result(objective.id, "Sign 10 partners", target=10, unit="partners")
    clock.advance(hours=1)
    make_services("bob").check_in(kr.id, 4)
    db = str(alice.store.path)
    capsys.readouterr()
    assert main(["--db", db, "--user", "alice", "activity"]) == 0
    assert capsys.readouterr().out == (
        "2026-11-22 10:30  bob checked in 4 partners on “Sign 10 partners”\n")
    assert main(["--db", db, "--user", "alice", "activity", "--everyone", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["who"] for r in rows] == ["alice", "alice", "bob"]
    assert main(["--db", db, "activity", "--since", "someday"]) == 2
    assert "date" in capsys.readouterr().err
