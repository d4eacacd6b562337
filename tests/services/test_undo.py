"""Undo and redo: a new change that reverses mine, on the file as it is now.

A teammate is a second user on the same file (their own Services, or the real command
line as another user): their changes made meanwhile must survive my undo.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from okrtui.domain.records.errors import RuleViolation
from okrtui.services import NothingToUndo, Services
from tests.support.builders import objective_with_krs, sha
from tests.support.clock import FixedClock


@pytest.fixture
def bob(make_services: Callable[..., Services]) -> Services:
    """A teammate on the same file."""
    return make_services("bob")


def test_undo_a_check_in_then_redo_it(services: Services, clock: FixedClock) -> None:
    _, (kr, *_) = objective_with_krs(services, "Support")
    checkin = services.check_in(kr.id, 4, note="first")
    clock.advance(minutes=1)
    result = services.undo()
    assert (result.kind, result.reversed, result.kept) == ("undo", True, ())
    assert result.action == "checked in 4 x on “Support KR 1”"
    ws = services.workspace()
    assert ws.latest_checkin(kr.id) is None
    stored = ws.get("checkins", checkin.id, type(checkin))
    assert stored.deleted_by == "alice" and stored.rev == 2  # a new change, not a restore
    clock.advance(minutes=1)
    again = services.redo()
    assert (again.kind, again.action, again.reversed) == ("redo", result.action, True)
    back = services.workspace().latest_checkin(kr.id)
    assert (back.id, back.value, back.rev) == (checkin.id, 4, 3)
    # Redone, it is my newest action again: undo takes it away once more.
    assert services.undo().action == result.action
    assert services.workspace().latest_checkin(kr.id) is None


def test_undo_goes_back_one_action_at_a_time(services: Services, clock: FixedClock) -> None:
    _, (kr, *_) = objective_with_krs(services, "Support")
    services.check_in(kr.id, 1)
    clock.advance(minutes=1)
    services.check_in(kr.id, 2)
    clock.advance(minutes=1)
    services.edit_key_result(kr.id, target=20)
    assert services.undo().action == "edited key result “Support KR 1” (target)"
    assert services.workspace().key_result(kr.id).target == 10
    assert services.undo().action == "checked in 2 x on “Support KR 1”"
    assert services.undo().action == "checked in 1 x on “Support KR 1”"
    assert services.workspace().latest_checkin(kr.id) is None
    assert services.redo().action == "checked in 1 x on “Support KR 1”"
    assert services.workspace().latest_checkin(kr.id).value == 1
    # Something new: what was undone before it can no longer be redone.
    clock.advance(minutes=1)
    services.check_in(kr.id, 5)
    with pytest.raises(NothingToUndo, match="nothing to redo"):
        services.redo()


def test_a_teammates_change_to_another_field_stays(services: Services, bob: Services) -> None:
    _, (kr, *_) = objective_with_krs(services, "Support")
    services.edit_key_result(kr.id, target=20, unit="tickets")
    bob.edit_key_result(kr.id, title="Close the tickets")
    bob_checkin = bob.check_in(kr.id, 3)
    result = services.undo()
    assert result.reversed and result.kept == ()
    ws = services.workspace()
    stored = ws.key_result(kr.id)
    assert (stored.target, stored.unit, stored.title) == (10, "x", "Close the tickets")
    assert ws.latest_checkin(kr.id).id == bob_checkin.id


def test_a_field_a_teammate_changed_since_is_left_as_they_made_it(
        services: Services, bob: Services, db_path: Path) -> None:
    _, (kr, *_) = objective_with_krs(services, "Support")
    services.edit_key_result(kr.id, target=20, unit="tickets")
    bob.edit_key_result(kr.id, target=30)
    result = services.undo()
    assert result.reversed
    assert result.kept == ("bob has changed target of key result “Support KR 1” since; it "
                           "stays as they made it",)
    stored = services.workspace().key_result(kr.id)
    assert (stored.target, stored.unit) == (30, "x")
    # When a teammate changed everything my action did, undo changes nothing.
    services.edit_key_result(kr.id, weight=2)
    bob.edit_key_result(kr.id, weight=3)
    before = sha(db_path)
    result = services.undo()
    assert not result.reversed and len(result.kept) == 1
    assert sha(db_path) == before
    # That action is spent: the next undo goes to the one before it (the key results).
    assert services.undo().action.startswith("added key result")


def test_undo_a_delete_brings_the_objective_and_its_key_results_back(
        services: Services) -> None:
    objective, krs = objective_with_krs(services, "Support")
    services.delete_objective(objective.id)
    assert services.workspace().objectives() == []
    result = services.undo()
    assert result.action == "deleted objective “Support” (and 3 more changes)"
    ws = services.workspace()
    assert [o.id for o in ws.objectives()] == [objective.id]
    assert [k.id for k in ws.key_results(objective.id)] == [k.id for k in krs]


def test_undo_a_move_and_a_grade(services: Services, clock: FixedClock) -> None:
    first, krs = objective_with_krs(services, "Support", ((0, 10), (0, 10)))
    second, _ = objective_with_krs(services, "Sales", ((0, 10),))
    services.move_key_result_to(krs[0].id, second.id)
    services.undo()
    ws = services.workspace()
    moved = ws.key_result(krs[0].id)
    assert (moved.objective_id, moved.position) == (first.id, 0)
    services.check_in(krs[0].id, 7)
    clock.advance(days=60)  # the quarter is over
    services.grade_period("2026-Q4")
    graded = services.workspace().objective(first.id)
    assert graded.status == "closed" and graded.grade is not None
    result = services.undo()
    assert result.action.startswith("graded objective")
    ws = services.workspace()
    assert ws.objective(first.id).status == "active" and ws.objective(first.id).grade is None
    assert ws.key_result(krs[0].id).final_score is None


def test_a_new_record_a_teammate_built_on_stays(services: Services, bob: Services) -> None:
    objective, _ = objective_with_krs(services, "Support", ((0, 10),))
    kr = services.add_key_result(objective.id, "Answer in an hour", target=1, unit="h",
                                 start=3)
    bob.check_in(kr.id, 2)
    result = services.undo()
    assert not result.reversed
    assert result.kept == ("bob added a check-in to it since; key result “Answer in an "
                           "hour” stays",)
    assert not services.workspace().key_result(kr.id).deleted


def test_an_undo_that_would_break_a_rule_is_refused_whole(services: Services, bob: Services,
                                                          db_path: Path) -> None:
    objective, krs = objective_with_krs(services, "Support", ((0, 10),) * 5)
    services.delete_key_result(krs[0].id)
    bob.add_key_result(objective.id, "A fifth again", target=5, unit="x")
    before = sha(db_path)
    with pytest.raises(RuleViolation, match="at most 5 key results"):
        services.undo()
    assert sha(db_path) == before
    with pytest.raises(RuleViolation):  # still the newest: nothing was spent
        services.undo(dry_run=True)


def test_only_my_own_actions_are_undone(services: Services, bob: Services) -> None:
    _, (kr, *_) = objective_with_krs(bob, "Support")
    bob.check_in(kr.id, 3)
    with pytest.raises(NothingToUndo, match="nothing to undo"):
        services.undo()
    assert bob.undo().action == "checked in 3 x on “Support KR 1”"


def test_the_history_lives_in_my_state_folder(services: Services, db_path: Path) -> None:
    _, (kr, *_) = objective_with_krs(services, "Support")
    services.check_in(kr.id, 3, note="a note to find")
    folder = Path(os.environ["XDG_STATE_HOME"]) / "okrtui" / "undo"
    journals = list(folder.glob("*.json"))
    assert len(journals) == 1
    assert "checked in 3 x on “Support KR 1”" in journals[0].read_text()  # in words
    assert "undo" not in db_path.read_text() and "label" not in db_path.read_text()
    undo, redo = services.history()
    assert [e.label for e in undo][-1] == "checked in 3 x on “Support KR 1”"
    assert len(undo) == 5 and redo == []  # the objective, its 3 key results, the check-in


def test_a_dry_run_says_what_would_be_undone_and_changes_nothing(services: Services,
                                                                 db_path: Path) -> None:
    _, (kr, *_) = objective_with_krs(services, "Support")
    services.check_in(kr.id, 3)
    before = sha(db_path)
    result = services.undo(dry_run=True)
    assert result.dry_run and result.action == "checked in 3 x on “Support KR 1”"
    assert sha(db_path) == before
    assert services.undo().action == result.action


def test_undo_covers_a_pull_a_check_in_edit_and_a_removal(services: Services,
                                                          clock: FixedClock) -> None:
    _, (kr, other, _) = objective_with_krs(services, "Support")
    checkin = services.check_in(kr.id, 2)
    clock.advance(minutes=1)
    services.edit_check_in(checkin.id, value=3)
    clock.advance(minutes=1)
    services.remove_check_in(checkin.id)
    clock.advance(minutes=1)
    services.pull({kr.id[:6]: "echo 8", other.id[:6]: "echo 9"})
    assert services.undo().action.endswith("(and 1 more change)")
    ws = services.workspace()
    assert ws.checkins(kr.id) == [] and ws.checkins(other.id) == []
    assert services.undo().action.startswith("deleted the check-in")
    assert services.workspace().latest_checkin(kr.id).value == 3
    assert services.undo().action.startswith("changed a check-in to")
    assert services.workspace().latest_checkin(kr.id).value == 2


def okrtui(*argv: str, db: Path, user: str = "alice") -> subprocess.CompletedProcess[str]:
    command = Path(sys.executable).with_name("okrtui")
    return subprocess.run([str(command), "--db", str(db), "--user", user, *argv],
                          capture_output=True, text=True, timeout=60, check=False,
                          stdin=subprocess.DEVNULL)


def test_the_command_line_undoes_and_redoes(services: Services, db_path: Path) -> None:
    _, (kr, *_) = objective_with_krs(services, "Support")
    assert okrtui("checkin", kr.id[:6], "6", db=db_path).returncode == 0
    assert okrtui("checkin", kr.id[:6], "7", db=db_path, user="bob").returncode == 0
    before = sha(db_path)
    dry = okrtui("undo", "--dry-run", db=db_path)
    assert (dry.returncode, dry.stderr) == (0, "")
    assert dry.stdout == "would undo: checked in 6 x on “Support KR 1”\n"
    assert sha(db_path) == before
    done = okrtui("undo", db=db_path)
    assert done.stdout == "undone: checked in 6 x on “Support KR 1”\n"
    values = [c.value for c in services.workspace().checkins(kr.id)]
    assert values == [7]  # bob's check-in, made after mine, stays
    redone = okrtui("redo", db=db_path)
    assert redone.stdout == "redone: checked in 6 x on “Support KR 1”\n"
    assert sorted(c.value for c in services.workspace().checkins(kr.id)) == [6, 7]
    nothing = okrtui("redo", db=db_path)
    assert (nothing.returncode, nothing.stdout) == (1, "")
    assert nothing.stderr == "okrtui: nothing to redo\n"
