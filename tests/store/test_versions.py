"""A running okrtui that reads a teammate's new version of the file keeps what did not
change: records it validated stay validated, tables that did not change are not parsed
again, and what changed is read as it now is."""

from __future__ import annotations

from collections.abc import Callable

from okrtui.services import Services
from okrtui.store import Store
from tests.support.builders import objective_with_krs


def test_a_teammates_check_in_keeps_what_it_did_not_change(
        make_services: Callable[..., Services], db_path) -> None:  # type: ignore[no-untyped-def]
    alice = make_services("alice")
    objective, krs = objective_with_krs(alice, "Keep me", ((0, 10), (0, 10)))
    other, _ = objective_with_krs(alice, "Edit me", ((0, 10),))
    alice.check_in(krs[0].id, 3)
    mine = Store(db_path)
    before = mine.snapshot()
    seen = (before.objective(objective.id), before.objective(other.id),
            before.key_result(krs[1].id), before.latest_checkin(krs[0].id))
    bob = make_services("bob")
    made = bob.check_in(krs[1].id, 7)
    bob.edit_objective(other.id, title="Edited by bob")
    after = mine.snapshot()
    assert after is not before
    assert after.objective(objective.id) is seen[0]  # unchanged: validated once
    assert after.key_result(krs[1].id) is seen[2]
    assert after.latest_checkin(krs[0].id) is seen[3]
    assert after.objective(other.id).title == "Edited by bob"  # changed: read anew
    assert after.latest_checkin(krs[1].id).id == made.id
    # The tables bob did not touch are the very tables read before.
    assert after.tables["key_results"] is before.tables["key_results"]
    assert after.tables["checkins"][made.id]["value"] == 7
