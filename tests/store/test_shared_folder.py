"""The shared folder is untrusted: a symlinked workspace, two workspaces side by side,
symlinked folders and planted links, FIFOs, devices and absurd sizes."""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from okrtui.services import Services
from okrtui.store import Store
from okrtui.store.backups import BACKUP_DIR, list_backups
from okrtui.store.files import MAX_FILE_BYTES
from tests.support.builders import sha
from tests.support.cli import Run

ROOT = Path(__file__).parents[2]
SYNCTHING = "okrs.sync-conflict-20261122-093000-ABCDEFG.json"
SYNCTHING_2 = "okrs.sync-conflict-20261122-101500-HIJKLMN.json"
# Another user's private workspace; a name that sorts after every real backup.
PLANTED_BACKUP = "okrs.20991231T235959-999999999.json"


def _titles(path: Path) -> set[str]:
    return {o["title"] for o in json.loads(path.read_bytes()).get("objectives", {}).values()}


def _limited() -> None:
    # A child that tries to read a device without bound fails here, not the machine.
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def _okrtui(db: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """okrtui as a separate process (a hang is a failed test, not a stuck suite)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "okrtui", "--db", str(db), "--user", "alice",
                           *argv], capture_output=True, text=True, env=env, timeout=60,
                          preexec_fn=_limited, check=False)


@pytest.fixture
def private(tmp_path: Path) -> Path:
    """alice's private workspace elsewhere, which no teammate may publish."""
    path = tmp_path / "home" / "alice" / "private" / "okrs.json"
    path.parent.mkdir(parents=True)
    Services.open(path, "alice").add_objective("Secret reorganisation plan", "2026-Q4")
    return path


# ---- the workspace path is a symlink ------------------------------------------------------


def test_a_workspace_path_that_is_a_symlink_saves_into_the_real_file(
        run: Run, tmp_path: Path) -> None:
    team = tmp_path / "srv" / "okrs" / "okrs.json"
    team.parent.mkdir(parents=True)
    Services.open(team, "bob").add_objective("Bob's objective", "2026-Q4")
    link = tmp_path / "home" / ".local" / "share" / "okrtui" / "okrs.json"
    link.parent.mkdir(parents=True)
    link.symlink_to(team)
    for title in ("Alice's first", "Alice's second"):
        code, _, err = run("objective", "add", title, "--period", "2026-Q4", db=link)
        assert code == 0, err
    assert link.is_symlink() and link.resolve() == team
    assert _titles(team) == {"Bob's objective", "Alice's first", "Alice's second"}
    # Lock, temporary files and backups live beside the real file, none beside the link.
    assert sorted(p.name for p in link.parent.iterdir()) == ["okrs.json"]
    assert (team.parent / ".okrs.json.lock").is_file()
    assert len(list_backups(team)) == 2


# ---- two workspaces in one folder ---------------------------------------------------------


def test_two_workspaces_in_one_folder_keep_and_restore_only_their_own_backups(
        run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "team"
    folder.mkdir()
    names = ("okrs.json", "okrs.sales.json", "okrs.2025.json")
    for name in names:
        services = Services(Store(folder / name, keep_backups=2), "alice")
        for n in range(4):
            services.add_objective(f"{name} #{n}", "2026-Q4")
    for name in names:
        own = list_backups(folder / name)
        assert len(own) == 2, (name, own)
        assert all(_titles(b) <= {f"{name} #{n}" for n in range(4)} for b in own)
    code, out, err = run("restore", "1", db=folder / "okrs.json")
    assert code == 0, err
    assert _titles(folder / "okrs.json") == {f"okrs.json #{n}" for n in range(3)}
    code, out, _ = run("restore", db=folder / "okrs.sales.json")
    assert "okrs.sales." in out and "okrs.2026" not in out and "okrs.2025." not in out
    # Conflict copies too: each workspace's resolve sees its own copies and no other's.
    for name in names:
        stem = name.removesuffix(".json")
        shutil.copy2(folder / name, folder / f"{stem}.sync-conflict-20261122-093000-ABCDEFG.json")
        shutil.copy2(folder / name, folder / f"{stem} (Bob's conflicted copy 2026-11-22).json")
    for name in names:
        code, out, err = run("resolve", "--dry-run", db=folder / name)
        assert code == 0, err
        stem = name.removesuffix(".json")
        merged = sorted(line.split(" ", 1)[1] for line in out.splitlines()
                        if line.startswith("merged "))
        assert merged == [f"{stem} (Bob's conflicted copy 2026-11-22).json",
                          f"{stem}.sync-conflict-20261122-093000-ABCDEFG.json"], out


# ---- okrtui's own folders swapped for symlinks ------------------------------------------


def test_a_symlinked_backups_folder_is_refused_and_nothing_there_is_touched(
        run: Run, tmp_path: Path, db_path: Path,
        make_services: Callable[..., Services]) -> None:
    make_services().add_objective("Team objective", "2026-Q4")
    elsewhere = tmp_path / "someone-elses-folder"
    elsewhere.mkdir()
    for n in range(12):  # named like backups: rotation would delete them through the link
        (elsewhere / f"okrs.2026010{n % 10}T00000{n % 10}-00000000{n:01d}.json").write_text(
            f"precious {n}")
    before = {p.name: p.read_text() for p in elsewhere.iterdir()}
    shutil.rmtree(db_path.parent / BACKUP_DIR, ignore_errors=True)
    (db_path.parent / BACKUP_DIR).symlink_to(elsewhere)
    workspace = sha(db_path)
    code, out, err = run("objective", "add", "Another", "--period", "2026-Q4")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "symbolic link" in err and BACKUP_DIR in err, err
    assert {p.name: p.read_text() for p in elsewhere.iterdir()} == before
    assert sha(db_path) == workspace
    code, _, err = run("restore")
    assert code == 2 and "symbolic link" in err and err.count("\n") == 1


def test_a_file_in_place_of_the_backups_folder_is_named_for_what_it_is(
        run: Run, db_path: Path, make_services: Callable[..., Services]) -> None:
    make_services().add_objective("Team objective", "2026-Q4")
    shutil.rmtree(db_path.parent / BACKUP_DIR, ignore_errors=True)
    (db_path.parent / BACKUP_DIR).write_text("a teammate's notes\n")
    workspace = sha(db_path)
    code, out, err = run("objective", "add", "Another", "--period", "2026-Q4")
    assert code == 2 and out == "" and err.count("\n") == 1, err
    assert f"{BACKUP_DIR} is a regular file, not a folder of okrtui's own" in err, err
    assert sha(db_path) == workspace
    assert (db_path.parent / BACKUP_DIR).read_text() == "a teammate's notes\n"


def test_a_symlinked_conflict_copies_folder_is_refused_before_anything_is_merged(
        run: Run, tmp_path: Path, db_path: Path,
        make_services: Callable[..., Services]) -> None:
    alice = make_services()
    alice.add_objective("Team objective", "2026-Q4")
    copy = db_path.parent / SYNCTHING
    shutil.copy2(db_path, copy)
    make_services("bob", path=copy).add_objective("Bob's offline objective", "2026-Q4")
    elsewhere = tmp_path / "someone-elses-folder"
    elsewhere.mkdir()
    backups = db_path.parent / BACKUP_DIR
    backups.mkdir(exist_ok=True)
    (backups / "conflict-copies").symlink_to(elsewhere)
    workspace = sha(db_path)
    code, out, err = run("resolve")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "symbolic link" in err and "conflict-copies" in err, err
    assert list(elsewhere.iterdir()) == []
    assert copy.is_file() and sha(db_path) == workspace


# ---- planted links among the copies and the backups --------------------------------------


def test_a_conflict_copy_that_is_a_symlink_to_a_private_file_is_named_and_left(
        run: Run, db_path: Path, private: Path,
        make_services: Callable[..., Services]) -> None:
    make_services().add_objective("Team objective", "2026-Q4")
    good = db_path.parent / SYNCTHING
    shutil.copy2(db_path, good)
    make_services("bob", path=good).add_objective("Bob's offline objective", "2026-Q4")
    planted = db_path.parent / SYNCTHING_2
    planted.symlink_to(private)
    secret = sha(private)
    code, out, err = run("resolve")
    assert code == 0, err
    assert f"merged {SYNCTHING}" in out
    assert "Secret reorganisation plan" not in db_path.read_text()
    assert "Bob's offline objective" in _titles(db_path)
    [line] = err.splitlines()
    assert SYNCTHING_2 in line and "symbolic link" in line
    assert planted.is_symlink() and sha(private) == secret
    assert not good.exists()  # the good copy was merged and put away


def test_a_backup_entry_that_is_a_symlink_is_never_listed_or_restored(
        run: Run, db_path: Path, private: Path,
        make_services: Callable[..., Services]) -> None:
    services = make_services()
    services.add_objective("First", "2026-Q4")
    services.add_objective("Second", "2026-Q4")
    (db_path.parent / BACKUP_DIR / PLANTED_BACKUP).symlink_to(private)
    code, out, _ = run("restore")
    assert code == 0 and PLANTED_BACKUP not in out
    code, _, err = run("restore", "1")
    assert code == 0, err
    assert _titles(db_path) == {"First"}
    services.add_objective("Third", "2026-Q4")  # rotation leaves the planted link alone
    assert (db_path.parent / BACKUP_DIR / PLANTED_BACKUP).is_symlink()


# ---- FIFOs, devices and absurd sizes ------------------------------------------------------


def test_a_fifo_as_the_workspace_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "okrs.json"
    os.mkfifo(fifo)
    done = _okrtui(fifo, "list")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "is a FIFO" in done.stderr, done.stderr


def test_a_workspace_linked_to_a_device_is_refused_without_reading_it(tmp_path: Path) -> None:
    link = tmp_path / "okrs.json"
    link.symlink_to("/dev/zero")
    done = _okrtui(link, "objective", "add", "x", "--period", "2026-Q4")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "character device" in done.stderr, done.stderr
    assert link.is_symlink()


def test_a_workspace_far_beyond_any_plausible_size_is_refused_unread(tmp_path: Path) -> None:
    huge = tmp_path / "okrs.json"
    with open(huge, "wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk
    done = _okrtui(huge, "list")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "far beyond" in done.stderr, done.stderr
    assert huge.stat().st_size == MAX_FILE_BYTES + 1


def test_a_fifo_named_as_a_conflict_copy_is_named_while_the_others_merge(
        db_path: Path, make_services: Callable[..., Services]) -> None:
    make_services().add_objective("Team objective", "2026-Q4")
    good = db_path.parent / SYNCTHING
    shutil.copy2(db_path, good)
    make_services("bob", path=good).add_objective("Bob's offline objective", "2026-Q4")
    os.mkfifo(db_path.parent / SYNCTHING_2)
    done = _okrtui(db_path, "resolve")
    assert done.returncode == 0, done.stderr
    [line] = done.stderr.splitlines()
    assert SYNCTHING_2 in line and "FIFO" in line
    assert "Bob's offline objective" in _titles(db_path)


def test_the_git_merge_driver_refuses_a_fifo_side_without_hanging(
        tmp_path: Path, db_path: Path, make_services: Callable[..., Services]) -> None:
    make_services().add_objective("Ours", "2026-Q4")
    base, theirs = tmp_path / "base.json", tmp_path / "theirs.json"
    shutil.copy2(db_path, base)
    os.mkfifo(theirs)
    before = sha(db_path)
    done = _okrtui(db_path, "merge", str(base), str(db_path), str(theirs))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "FIFO" in done.stderr, done.stderr
    assert sha(db_path) == before
