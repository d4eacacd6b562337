"""SIGKILL at any moment of a save: the file is old or new, no confirmed check-in lost."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from okrtui.services import Services
from okrtui.store import Store

WORKER = Path(__file__).parents[1] / "support" / "crash_worker.py"
CYCLES = 40


def _start(db: Path, kr_id: str, user: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    return subprocess.Popen([sys.executable, str(WORKER), str(db), kr_id, user],
                            stdout=subprocess.PIPE, text=True, env=env)


def _checkin_ids(db: Path) -> set[str]:
    data = json.loads(db.read_bytes())  # must always parse: old or new, never a mix
    return set(data.get("checkins", {}))  # none yet if killed before its first save


def test_sigkill_loop_loses_no_confirmed_checkin(db_path: Path,
                                                 make_services: Callable[..., Services]) -> None:
    services = make_services()
    objective = services.add_objective("Survive crashes", "2026-Q4")
    kr = services.add_key_result(objective.id, "Keep 100% of check-ins", target=100, unit="%")
    rng = random.Random(1)
    confirmed: set[str] = set()
    for _cycle in range(CYCLES):
        proc = _start(db_path, kr.id, f"worker{_cycle}")
        # Wait for its first confirmed save (start-up time varies with the machine's load),
        # then kill it somewhere in its save loop.
        assert proc.stdout is not None
        first = proc.stdout.readline().strip()
        time.sleep(rng.random() * 0.25)
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        confirmed.update(line for line in [first, *out.splitlines()] if len(line) == 36)
        on_disk = _checkin_ids(db_path)
        missing = confirmed - on_disk
        assert not missing, f"confirmed check-ins lost after cycle {_cycle}: {missing}"
        leftovers = list(db_path.parent.glob(f".{db_path.name}.tmp-*"))
        assert len(leftovers) <= 1  # a killed save leaves at most its own temp file
    assert len(confirmed) > CYCLES  # the workers really saved, many times
    # The next save cleans up whatever a killed save left behind.
    Services(Store(db_path), "after").check_in(kr.id, 1.0)
    assert list(db_path.parent.glob(f".{db_path.name}.tmp-*")) == []
    assert confirmed <= _checkin_ids(db_path)


def test_a_leftover_temp_file_never_piles_up(db_path: Path,
                                             make_services: Callable[..., Services]) -> None:
    services = make_services()
    services.add_objective("Tidy folder", "2026-Q4")
    # Named as killed saves name them (pid, random hex): removed by the next save.
    for n in range(5):
        (db_path.parent / f".{db_path.name}.tmp-{4000 + n}-{n:08x}").write_bytes(b'{"half": ')
    # Not named as a save names its files: not okrtui's to delete.
    planted = db_path.parent / f".{db_path.name}.tmp-keep-me"
    planted.write_bytes(b"a teammate's file")
    services.add_objective("Another", "2026-Q4")
    assert list(db_path.parent.glob(f".{db_path.name}.tmp-*")) == [planted]
    assert len(json.loads(db_path.read_bytes())["objectives"]) == 2
