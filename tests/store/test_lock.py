"""The workspace lock: an flock that a held lock, a replaced or deleted lock file, a planted
symlink and a sync tool replacing the workspace mid-save cannot fool."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from okrtui.domain.records.models import CheckIn
from okrtui.services import Services
from okrtui.store import Store, WorkspaceLocked
from okrtui.store.store import lock_path
from tests.support.builders import sha
from tests.support.cli import Run
from tests.support.clock import NOW

SUPPORT = Path(__file__).parents[1] / "support"
ROOT = Path(__file__).parents[2]
HOLDER = """
import fcntl, os, sys
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)
fcntl.flock(fd, fcntl.LOCK_EX)
print("held", flush=True)
sys.stdin.read()  # until the test closes our stdin
"""


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def test_a_lock_held_by_another_process_times_out_in_one_line(
        db_path: Path, make_services: Callable[..., Services]) -> None:
    services = make_services()
    services.add_objective("Wait your turn", "2026-Q4")
    before = sha(db_path)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(lock_path(db_path))],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        store = Store(db_path, lock_timeout=0.2)
        with pytest.raises(WorkspaceLocked) as caught, store.transaction() as ws:
            ws.changed.append(("meta", "touch"))
        assert f"{db_path} is locked by another okrtui" in str(caught.value)
        assert str(lock_path(db_path)) in str(caught.value)
        assert sha(db_path) == before
    finally:
        holder.communicate("")
    # Once the other process is gone (its lock went with it), the save goes through.
    services.add_objective("My turn", "2026-Q4")
    assert len(json.loads(db_path.read_bytes())["objectives"]) == 2


def test_two_stores_in_one_process_exclude_each_other(db_path: Path) -> None:
    first, second = Store(db_path), Store(db_path, lock_timeout=0.1)
    with first.transaction(), pytest.raises(WorkspaceLocked), second.transaction():
        pass


def test_a_lock_file_replaced_and_deleted_while_writers_run_loses_nothing(
        tmp_path: Path, db_path: Path, make_services: Callable[..., Services]) -> None:
    """A sync tool keeps replacing and deleting `.okrs.json.lock` while four processes
    check in: no writer fails (none removes another's temporary file), every check-in
    is in the file, and no temporary file is left."""
    services = make_services()
    objective = services.add_objective("Survive a sync tool", "2026-Q4")
    kr = services.add_key_result(objective.id, "Keep every check-in", target=1000)
    start, stop = tmp_path / "start", tmp_path / "stop"
    workers, count = 4, 15
    churner = subprocess.Popen([sys.executable, str(SUPPORT / "lock_churner.py"),
                                str(lock_path(db_path)), str(stop)],
                               stdout=subprocess.PIPE, text=True, env=_env())
    procs = [subprocess.Popen([sys.executable, str(SUPPORT / "checkin_worker.py"),
                               str(db_path), kr.id, f"w{n}", str(n), str(count), str(start)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env=_env())
             for n in range(workers)]
    start.touch()
    results = [p.communicate(timeout=120) for p in procs]
    stop.touch()
    churned = int(churner.communicate(timeout=30)[0])
    for proc, (_, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err
    checkins = json.loads(db_path.read_bytes())["checkins"]
    assert sorted(c["value"] for c in checkins.values()) == sorted(
        float(n * 100 + i) for n in range(workers) for i in range(count))
    assert {line for out, _ in results for line in out.split()} == set(checkins)
    assert list(db_path.parent.glob(f".{db_path.name}.tmp-*")) == []
    assert churned > workers * count  # the lock file really kept changing
    print(f"lock file replaced or deleted {churned} times during {workers * count} check-ins")


def test_a_sync_tool_replacing_the_workspace_during_a_save_loses_neither_version(
        tmp_path: Path, db_path: Path, make_services: Callable[..., Services]) -> None:
    services = make_services()
    objective = services.add_objective("Two devices", "2026-Q4")
    kr = services.add_key_result(objective.id, "Count both", target=10)
    # Another device's version of the file, with a check-in of its own.
    other = tmp_path / "device-b" / "okrs.json"
    other.parent.mkdir()
    shutil.copy2(db_path, other)
    theirs = make_services("bob", path=other).check_in(kr.id, 4.0, note="from device b")
    store = Store(db_path)
    mine = CheckIn(id="c0ffee00-0000-4000-8000-000000000001", kr_id=kr.id, value=7.0,
                   author="alice", at=NOW, updated_at=NOW, updated_by="alice")
    with store.transaction() as ws:
        ws.insert("checkins", mine)
        os.replace(other, db_path)  # the sync tool brings device b's file meanwhile
    data = json.loads(db_path.read_bytes())
    assert set(data["checkins"]) == {theirs.id, mine.id}
    assert services.workspace().latest_checkin(kr.id) is not None


def test_a_symlink_planted_as_the_lock_is_refused_and_its_target_untouched(
        run: Run, tmp_path: Path, db_path: Path,
        make_services: Callable[..., Services]) -> None:
    make_services().add_objective("Guarded", "2026-Q4")
    victim = tmp_path / "private" / "notes.txt"
    victim.parent.mkdir()
    victim.write_text("my private notes\n")
    lock_path(db_path).unlink()  # a teammate swaps okrtui's lock for a link
    lock_path(db_path).symlink_to(victim)
    before = sha(db_path)
    code, out, err = run("objective", "add", "Anything", "--period", "2026-Q4")
    assert victim.read_text() == "my private notes\n"
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "symbolic link" in err and "Traceback" not in err
    assert sha(db_path) == before
    assert lock_path(db_path).is_symlink()  # left where it is, for a person to look at


@pytest.mark.parametrize("planted", ["fifo", "folder"])
def test_a_fifo_or_a_folder_planted_as_the_lock_is_one_line_that_says_what_to_do(
        run: Run, db_path: Path, make_services: Callable[..., Services],
        planted: str) -> None:
    make_services().add_objective("Guarded", "2026-Q4")
    lock_path(db_path).unlink()
    if planted == "fifo":
        os.mkfifo(lock_path(db_path))
    else:
        lock_path(db_path).mkdir()
    before = sha(db_path)
    code, out, err = run("objective", "add", "Anything", "--period", "2026-Q4")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and str(lock_path(db_path)) in err, err
    assert "not a lock file" in err or "not a regular file" in err, err
    assert "remove it" in err, err
    assert sha(db_path) == before


def test_the_lock_is_never_deleted_and_a_killed_holder_frees_it(
        db_path: Path, make_services: Callable[..., Services]) -> None:
    services = make_services()
    services.add_objective("First", "2026-Q4")
    assert lock_path(db_path).is_file()
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(lock_path(db_path))],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    holder.kill()
    holder.wait()
    began = time.monotonic()
    services.add_objective("Second", "2026-Q4")
    print(f"saved {time.monotonic() - began:.3f} s after the holder was killed")
    assert lock_path(db_path).is_file()
