"""okrtui resolve: conflict copies from Syncthing and Dropbox merged, put away, reported."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from okrtui.cli import main
from okrtui.domain.records.workspace import SCHEMA_VERSION
from okrtui.services import Services
from okrtui.store.conflicts import copies_dir, find_copies
from tests.support.cli import Run
from tests.support.clock import FixedClock

SYNCTHING = "okrs.sync-conflict-20261122-093000-ABCDEFG.json"
DROPBOX = "okrs (Bob's conflicted copy 2026-11-22).json"
DROPBOX_2 = "okrs (Bob's conflicted copy 2026-11-22) (1).json"


@pytest.fixture
def team(tmp_path: Path, db_path: Path,
         make_services: Callable[..., Services]) -> tuple[Services, Callable[[str], Services]]:
    """alice's workspace with an objective and a key result, and a way to give bob a copy
    of it as it is now (his device, before the sync tool next runs)."""
    alice = make_services("alice")
    objective = alice.add_objective("Expand our customer base", "2026-Q4")
    alice.add_key_result(objective.id, "Acquire 500 new customers", target=500,
                         unit="customers")

    def bob_device(name: str) -> Services:
        folder = tmp_path / name
        folder.mkdir()
        shutil.copy(db_path, folder / "okrs.json")
        return make_services("bob", folder / "okrs.json")

    return alice, bob_device


def _kr(services: Services) -> str:
    return next(iter(services.workspace().tables["key_results"]))


def _cli(db: Path, *argv: str) -> tuple[int, str, str]:
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--db", str(db), "--user", "alice", *argv])
    return code, out.getvalue(), err.getvalue()


def test_copies_of_both_naming_styles_are_found_and_nothing_else(db_path: Path) -> None:
    db_path.write_text("{}")
    names = [SYNCTHING, DROPBOX, DROPBOX_2, "okrs (Bob’s conflicted copy 2026-11-22).json",
             "okrs.sync-conflict-20261122-093000-ABCDEFG.json.tmp", ".okrs.json.lock",
             "other.sync-conflict-20261122-093000-ABCDEFG.json", "okrs (copy).json",
             "okrs.json.bak"]
    for name in names:
        (db_path.parent / name).write_text("{}")
    assert [p.name for p in find_copies(db_path)] == sorted(names[:4])


def test_resolve_merges_both_styles_keeps_all_checkins_and_puts_copies_away(
        db_path: Path, team: tuple[Services, Callable[[str], Services]]) -> None:
    alice, bob_device = team
    kr = _kr(alice)
    bob, carol = bob_device("bob"), bob_device("carol")
    bob.check_in(kr, 120, note="bob's deals")
    carol.check_in(kr, 130, note="carol's deals")
    alice.check_in(kr, 140, note="alice's deals")
    shutil.copy(bob.store.path, db_path.parent / SYNCTHING)
    shutil.copy(carol.store.path, db_path.parent / DROPBOX_2)

    code, out, err = _cli(db_path, "resolve")

    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "merged 2 conflict copies; 2 records added, 0 changed"
    assert f"merged {SYNCTHING}, kept as {copies_dir(db_path) / SYNCTHING}" in lines
    notes = sorted(c.note for c in alice.workspace().checkins(kr))
    assert notes == ["alice's deals", "bob's deals", "carol's deals"]
    assert find_copies(db_path) == []
    assert sorted(p.name for p in copies_dir(db_path).iterdir()) == sorted([SYNCTHING,
                                                                            DROPBOX_2])
    # Nothing left to do: a second run says so and writes nothing.
    before = db_path.read_bytes()
    assert _cli(db_path, "resolve")[1] == "no conflict copies to resolve\n"
    assert db_path.read_bytes() == before


def test_edits_of_different_fields_merge_using_the_backups_as_base(
        db_path: Path, team: tuple[Services, Callable[[str], Services]]) -> None:
    alice, bob_device = team
    kr = _kr(alice)
    bob = bob_device("bob")
    bob.edit_key_result(kr, title="Acquire 600 new customers")
    alice.edit_key_result(kr, unit="clients")  # her backups keep the version bob started from
    shutil.copy(bob.store.path, db_path.parent / DROPBOX)

    report = alice.resolve_conflicts()

    record = alice.workspace().key_result(kr)
    assert (record.title, record.unit) == ("Acquire 600 new customers", "clients")
    assert report.conflicts == ()
    assert report.changed == {"key_results": 1}


def test_the_same_field_edited_twice_is_decided_and_listed(
        db_path: Path, team: tuple[Services, Callable[[str], Services]]) -> None:
    alice, bob_device = team
    kr = _kr(alice)
    bob = bob_device("bob")
    bob.edit_key_result(kr, target=700)
    bob.edit_key_result(kr, target=800)
    alice.edit_key_result(kr, target=600)
    shutil.copy(bob.store.path, db_path.parent / SYNCTHING)

    code, out, _ = _cli(db_path, "resolve")

    assert code == 0
    assert alice.workspace().key_result(kr).target == 800
    [line] = [line for line in out.splitlines() if line.startswith("conflict:")]
    assert line == (f'conflict: key result {kr[:8]} "Acquire 500 new customers": target: kept '
                    "800 (bob), not 600 (alice): bob's version has more edits (3 against 2)")
    stored = json.loads(db_path.read_bytes())["conflicts"]
    assert [c["field"] for c in stored.values()] == ["target"]
    [recorded] = alice.recorded_conflicts()
    assert recorded["id"] in stored and recorded["message"] == line.removeprefix("conflict: ")


def test_an_edit_against_a_delete_keeps_the_record_and_says_so(
        db_path: Path, team: tuple[Services, Callable[[str], Services]]) -> None:
    alice, bob_device = team
    kr = _kr(alice)
    bob = bob_device("bob")
    bob.delete_key_result(kr)
    alice.edit_key_result(kr, title="Acquire 550 new customers")
    shutil.copy(bob.store.path, db_path.parent / SYNCTHING)

    report = alice.resolve_conflicts()

    assert not alice.workspace().key_result(kr).deleted
    assert [c.kind for c in report.conflicts] == ["delete"]
    assert report.lines()[-1] == (f'conflict: key result {kr[:8]} "Acquire 550 new '
                                  'customers": kept: bob deleted it, but alice changed title')


def test_a_base_saved_after_the_other_side_last_edited_is_not_its_ancestor(
        db_path: Path, clock: FixedClock,
        team: tuple[Services, Callable[[str], Services]]) -> None:
    # bob raises the target and deletes the objective; an hour later alice, who never saw
    # that, lowers the target and saves twice (her backups then hold her own version).
    alice, bob_device = team
    kr = _kr(alice)
    bob = bob_device("bob")
    bob.edit_key_result(kr, target=700)
    bob.delete_objective(alice.workspace().key_result(kr).objective_id)
    clock.advance(hours=1)
    alice.edit_key_result(kr, target=600)
    alice.edit_objective(alice.workspace().key_result(kr).objective_id, description="why")
    shutil.copy(bob.store.path, db_path.parent / SYNCTHING)

    report = alice.resolve_conflicts()

    assert not alice.workspace().key_result(kr).deleted
    kinds = sorted((c.table, c.kind, c.field) for c in report.conflicts)
    assert kinds == [("key_results", "delete", "deleted_at"),
                     ("key_results", "field", "target"),
                     ("objectives", "delete", "deleted_at")]


def test_a_broken_copy_is_named_and_left_while_the_others_merge(
        db_path: Path, team: tuple[Services, Callable[[str], Services]]) -> None:
    alice, bob_device = team
    bob = bob_device("bob")
    bob.check_in(_kr(alice), 99)
    shutil.copy(bob.store.path, db_path.parent / DROPBOX)
    broken = db_path.parent / SYNCTHING
    broken.write_text('{"objectives": ')
    foreign = db_path.parent / DROPBOX_2
    foreign.write_text('{"todos": {"1": {"task": "x"}}}')

    code, out, err = _cli(db_path, "resolve")

    assert code == 0
    assert broken.read_text() == '{"objectives": ' and foreign.exists()
    assert out.splitlines()[0] == ("merged 1 conflict copy; 1 record added, 0 changed; "
                                   "2 copies unreadable, left as they are")
    assert len(err.splitlines()) == 2
    assert f"not merged {SYNCTHING}: " in err and "is not valid JSON" in err
    assert "not an okrtui workspace" in err
    assert find_copies(db_path) == sorted([broken, foreign])


def test_a_copy_with_an_invalid_record_is_refused_whole(
        db_path: Path, team: tuple[Services, Callable[[str], Services]]) -> None:
    alice, _ = team
    data = json.loads(db_path.read_bytes())
    kr = _kr(alice)
    data["key_results"][kr]["target"] = "lots"
    (db_path.parent / SYNCTHING).write_text(json.dumps(data))
    before = db_path.read_bytes()
    report = alice.resolve_conflicts()
    assert report.merged == () and db_path.read_bytes() == before
    [(copy, why)] = report.broken
    assert copy.name == SYNCTHING and f"key result {kr[:8]} is invalid: target" in why


def test_dry_run_and_json_change_nothing(
        db_path: Path, team: tuple[Services, Callable[[str], Services]]) -> None:
    alice, bob_device = team
    bob = bob_device("bob")
    bob.check_in(_kr(alice), 99)
    shutil.copy(bob.store.path, db_path.parent / SYNCTHING)
    before = db_path.read_bytes()

    code, out, _ = _cli(db_path, "resolve", "--dry-run", "--json")

    assert code == 0
    data = json.loads(out)
    assert data["dry_run"] is True and data["added"] == {"checkins": 1}
    assert data["summary"].startswith("would merge 1 conflict copy")
    assert data["moved"] == []
    assert db_path.read_bytes() == before
    assert find_copies(db_path) == [db_path.parent / SYNCTHING]


def test_resolve_with_bad_arguments_is_one_line_and_exit_2(db_path: Path) -> None:
    code, out, err = _cli(db_path, "resolve", "--now")
    assert (code, out) == (2, "")
    assert err.startswith("okrtui: usage: unrecognized arguments: --now")
    assert len(err.splitlines()) == 1


def test_a_copy_from_an_older_okrtui_merges_and_a_newer_ones_is_left(
        db_path: Path, team: tuple[Services, Callable[[str], Services]]) -> None:
    alice, bob_device = team
    bob = bob_device("bob")
    made = bob.check_in(_kr(alice), 42)
    older = json.loads(bob.store.path.read_bytes())
    del older["meta"]  # schema 0: before okrtui stamped its files
    (db_path.parent / SYNCTHING).write_text(json.dumps(older))
    newer = json.loads(bob.store.path.read_bytes())
    newer["meta"]["meta"]["schema"] = 99
    (db_path.parent / DROPBOX).write_text(json.dumps(newer))

    report = alice.resolve_conflicts()

    assert [p.name for p in report.merged] == [SYNCTHING]
    assert made.id in alice.workspace().tables["checkins"]
    [(copy, why)] = report.broken
    assert copy.name == DROPBOX and "written by a newer okrtui (schema 99)" in why
    assert json.loads(db_path.read_bytes())["meta"]["meta"]["schema"] == SCHEMA_VERSION


def test_a_conflict_copy_of_an_archive_merges_into_the_workspace(
        run: Run, db_path: Path, make_services: Callable[..., Services]) -> None:
    """Two devices each checked in late on a graded quarter before they synced: Syncthing
    kept the other device's archive as a conflict copy."""
    import datetime as dt

    from okrtui.store.archive import archive_path

    alice = make_services("alice")
    objective = alice.add_objective("Spring", "2026-Q2")
    kr = alice.add_key_result(objective.id, "Ship it", target=10)
    alice.check_in(kr.id, 4, on=dt.date(2026, 5, 4))
    alice.grade_period("2026-Q2")
    archive = archive_path(db_path, 2026)
    theirs = make_services("bob").check_in(kr.id, 7, on=dt.date(2026, 6, 20))
    copy = archive.with_name("okrs.archive-2026.sync-conflict-20261122-093000-ABCDEFG.json")
    copy.write_bytes(archive.read_bytes())
    data = json.loads(archive.read_bytes())
    del data["checkins"][theirs.id]  # this device never saw bob's check-in
    from okrtui.store.jsonfile import encode

    archive.write_bytes(encode(data))
    mine = alice.check_in(kr.id, 6, on=dt.date(2026, 6, 21))
    code, out, err = run("resolve")
    assert code == 0, err
    assert copy.name in out and not copy.exists()
    ws = make_services("carol").workspace()
    assert {c.id for c in ws.checkins(kr.id)} >= {theirs.id, mine.id}
    meta = json.loads(db_path.read_bytes())["meta"]["meta"]
    assert "archive_of" not in meta and "year" not in meta  # the copy's meta stays its own
