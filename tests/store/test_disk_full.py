"""A full disk: the refusal names the file and says that nothing was saved."""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from okrtui.services import Services
from okrtui.store import Store
from tests.support.builders import sha
from tests.support.cli import Run


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 64 KiB file system (tmpfs), mounted for the test."""
    point = tmp_path / "disk"
    point.mkdir()
    try:
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(point)],
                       check=True, capture_output=True, timeout=30)
    except (OSError, subprocess.CalledProcessError) as exc:
        pytest.skip(f"needs to mount a small tmpfs (root, where mounting is allowed): {exc}")
    try:
        yield point
    finally:
        subprocess.run(["umount", str(point)], check=False, capture_output=True, timeout=30)


def _fill(folder: Path) -> None:
    """Take every free byte of the file system, as a large download would."""
    with open(folder / "filler", "wb", buffering=0) as handle, contextlib.suppress(OSError):
        while True:
            handle.write(b"\0" * 1024)


def test_a_full_disk_names_the_file_and_says_nothing_was_saved(run: Run,
                                                               small_disk: Path) -> None:
    db = small_disk / "okrs.json"
    services = Services(Store(db), "alice")
    objective = services.add_objective("Fit on a small disk", "2026-Q4")
    kr = services.add_key_result(objective.id, "Close 40 tickets", target=40, unit="tickets")
    _fill(small_disk)
    before = sha(db)
    code, out, err = run("checkin", kr.id[:8], "12", db=db)
    assert code == 2 and out == ""
    assert err.count("\n") == 1, err
    assert str(db) in err and "disk is full" in err and "nothing was saved" in err, err
    assert sha(db) == before
    assert list(small_disk.glob(".okrs.json.tmp-*")) == []
    # Once there is room again, the same check-in goes through.
    (small_disk / "filler").unlink()
    code, _, err = run("checkin", kr.id[:8], "12", db=db)
    assert code == 0, err


def test_the_git_merge_driver_on_a_full_disk_exits_2_and_leaves_ours(
        run: Run, tmp_path: Path, small_disk: Path) -> None:
    # git runs the driver on its own copy of OURS in the work tree: here, a full disk.
    ours = small_disk / "okrs.json"
    Services(Store(ours), "alice").add_objective("Ours", "2026-Q4")
    base, theirs = tmp_path / "base.json", tmp_path / "theirs.json"
    base.write_bytes(ours.read_bytes())
    theirs.write_bytes(ours.read_bytes())
    Services(Store(theirs), "bob").add_objective("Theirs", "2026-Q4")
    _fill(small_disk)
    before = sha(ours)
    code, out, err = run("merge", str(base), str(ours), str(theirs), db=ours)
    # Exit 1 would tell git "merged, look and commit": it must never mean a failure.
    assert code == 2 and out == "" and err.count("\n") == 1, err
    assert str(ours) in err and "nothing was saved" in err, err
    assert sha(ours) == before
