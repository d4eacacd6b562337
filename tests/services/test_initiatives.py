"""Initiatives through the services the TUI calls: add, tick, untick, edit, delete; the
completion the objective screen shows; what activity and the weekly review say."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from okrtui.domain.records.errors import InvalidInput
from okrtui.domain.records.models import Initiative
from okrtui.domain.reporting.activity import activity_between
from okrtui.domain.reporting.initiatives import completion
from okrtui.services import Services
from tests.support.builders import objective_with_krs
from tests.support.clock import NOW, FixedClock


def test_three_of_five_done(services: Services) -> None:
    _, [kr, *_] = objective_with_krs(services, "Grow")
    made = [services.add_initiative(kr.id, f"Step {n}") for n in range(5)]
    for i in made[:3]:
        services.set_initiative_done(i.id)
    listed, done = services.initiatives(kr.id)
    assert [i.id for i in listed] == [i.id for i in made]
    assert (done.done, done.total, done.text) == (3, 5, "3 of 5 done")
    services.remove_initiative(made[0].id)
    assert services.initiatives(kr.id)[1].text == "2 of 4 done"
    assert completion([]).text == "no initiatives"


def test_ticking_records_who_and_when_and_activity_tells_it(
        make_services: Callable[..., Services], clock: FixedClock) -> None:
    alice = make_services("alice")
    _, [kr, *_] = objective_with_krs(alice, "Grow")
    made = alice.add_initiative(kr.id, "Call 20 prospects")
    assert (made.owner, made.created_by, made.done) == ("alice", "alice", False)
    before = alice.workspace()
    clock.advance(hours=2)
    bob = make_services("bob")
    ticked = bob.set_initiative_done(made.id)
    assert (ticked.done_by, ticked.done_at, ticked.rev) == ("bob", clock.now, 2)
    assert [a.sentence for a in activity_between(before, bob.workspace())] == [
        "bob ticked initiative “Call 20 prospects”"]
    # Ticking what is ticked changes nothing: no new revision.
    assert bob.set_initiative_done(made.id).rev == 2
    unticked = bob.set_initiative_done(made.id, False)
    assert (unticked.done, unticked.done_at, unticked.done_by) == (False, None, "")
    with pytest.raises(InvalidInput, match="title, owner and done mark can be changed"):
        bob.edit_initiative(made.id, kr_id=kr.id)


def test_the_review_lists_only_the_week_s_ticks(services: Services, clock: FixedClock) -> None:
    _, [kr, *_] = objective_with_krs(services, "Grow")
    old = services.add_initiative(kr.id, "Done last month")
    clock.now = NOW - dt.timedelta(days=8)
    services.set_initiative_done(old.id)
    clock.now = NOW
    recent = services.add_initiative(kr.id, "Done this week")
    services.set_initiative_done(recent.id)
    [review] = services.report("2026-Q4").objectives
    assert [d.initiative.id for d in review.initiatives_done] == [recent.id]


def test_an_initiative_from_an_older_file_reads_without_the_new_stamps() -> None:
    old = Initiative.model_validate({"id": "1" * 36, "kr_id": "2" * 36, "title": "Old work",
                                     "done": True, "updated_at": NOW})
    assert (old.owner, old.created_at, old.done_at) == ("", None, None)
