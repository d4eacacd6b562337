"""The check-in queue's walk: where the person is, what they typed, what they saved; and
a newer read of the file never moves the queue under them."""

from __future__ import annotations

import datetime as dt

from okrtui.services import Services
from okrtui.widgets.queue_view import Draft, Walk, build_queue, start_walk
from tests.support.builders import check_in_on, objective_with_krs
from tests.support.clock import TODAY, FixedClock


def test_steps_stop_at_the_first_and_at_the_end() -> None:
    walk = Walk(("a", "b"))
    assert walk.step(-1).index == 0
    assert walk.step(1).current == "b"
    end = walk.step(1).step(1).step(1)
    assert end.at_end and end.current is None and end.index == 2


def test_only_typed_drafts_are_kept_and_saving_clears_them() -> None:
    prefill = Draft(confidence="7")
    walk = Walk(("a", "b")).keep("a", prefill, prefill)
    assert walk.unsaved() == (), "the prefill alone is not something typed"
    walk = walk.keep("a", Draft("5", "7"), prefill).keep("b", Draft("", "3"), Draft())
    assert walk.unsaved() == ("a", "b")
    assert walk.typed_draft("a") == Draft("5", "7")
    walk = walk.save("a")
    assert walk.unsaved() == ("b",) and walk.saved == ("a",)
    walk = walk.unsave("a", Draft("5", "7"))
    assert walk.saved == () and walk.typed_draft("a") == Draft("5", "7"), "a refused save"


def test_a_newer_read_keeps_the_order_and_the_place(services: Services,
                                                    clock: FixedClock) -> None:
    _, (first,) = objective_with_krs(services, "Never checked in", krs=((0, 10),))
    _, (second,) = objective_with_krs(services, "Stale", krs=((0, 10),))
    check_in_on(services, clock, second.id, 2, TODAY - dt.timedelta(days=20))
    view = build_queue(services.workspace(), TODAY, "2026-Q4", "alice")
    walk = start_walk(view)
    assert walk.order == (second.id, first.id), "stale first"
    walk = walk.save(second.id).step(1)
    services.check_in(second.id, 4)  # no longer due: a fresh queue would put it last
    objective, (third,) = objective_with_krs(services, "Added meanwhile", krs=((0, 10),))
    walk = walk.follow(build_queue(services.workspace(), TODAY, "2026-Q4", "alice"))
    assert walk.order == (second.id, first.id, third.id), "nothing moves; new ones last"
    assert walk.current == first.id
    services.delete_key_result(first.id)
    walk = walk.follow(build_queue(services.workspace(), TODAY, "2026-Q4", "alice"))
    assert walk.order == (second.id, third.id) and walk.current == third.id, (
        "the key result on show was deleted: the next one comes up")
    assert objective.id
