"""The order of the TUI's check-in queue, from the service it calls: my due key results
(stale first, then the most overdue), then the rest of mine."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from okrtui.services import Services
from tests.support.builders import objective_with_krs


def test_the_queue_visits_stale_then_due_then_the_rest_of_mine(
        make_services: Callable[..., Services]) -> None:
    alice = make_services("alice")
    first, [fresh, stale, never] = objective_with_krs(alice, "Grow")
    _, [week, *_] = objective_with_krs(alice, "Keep", krs=((0, 5),))
    alice.check_in(fresh.id, 3, confidence=8, note="two deals", on=dt.date(2026, 11, 20))
    alice.check_in(stale.id, 1, on=dt.date(2026, 11, 1))
    alice.check_in(week.id, 2, on=dt.date(2026, 11, 15))
    bob = make_services("bob")
    objective_with_krs(bob, "Bob's")
    draft, _ = objective_with_krs(alice, "Later")
    alice.edit_objective(draft.id, status="draft")

    queue = alice.checkin_queue()
    # never and week are both due since today: by title.
    assert [e.score.kr.id for e in queue] == [stale.id, never.id, week.id, fresh.id]
    assert [e.due is not None for e in queue] == [True, True, True, False]
    assert queue[0].due is not None and queue[0].due.stale
    last = queue[-1]
    assert (last.objective.id, last.score.current, last.score.confidence, last.last_note) == (
        first.id, 3.0, 8, "two deals")
    assert [e.score.kr.id for e in bob.checkin_queue()][:1] != [stale.id]
    # The same rule as `okrtui due`: the queue's due key results are what due lists.
    assert [i.id for i in alice.due().items if i.kind == "key_result"] == [
        e.score.kr.id for e in queue if e.due is not None]
