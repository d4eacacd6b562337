"""Many processes writing one workspace at once lose nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from okrtui.services import Services

WORKER = Path(__file__).parents[1] / "support" / "checkin_worker.py"
PROCESSES = 6
CHECKINS = 10


def test_six_processes_checking_in_at_once_lose_no_checkin(
        tmp_path: Path, db_path: Path, make_services: Callable[..., Services]) -> None:
    services = make_services()
    objective = services.add_objective("Survive a busy Monday", "2026-Q4")
    kr = services.add_key_result(objective.id, "Keep every check-in", target=1000)
    start = tmp_path / "start"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    workers = [subprocess.Popen([sys.executable, str(WORKER), str(db_path), kr.id,
                                 f"worker{n}", str(n), str(CHECKINS), str(start)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env=env)
               for n in range(PROCESSES)]
    ready = [Path(f"{start}.ready-{n}") for n in range(PROCESSES)]
    deadline = time.monotonic() + 60
    while not all(r.exists() for r in ready):  # every one has imported okrtui and waits
        assert time.monotonic() < deadline, "a worker never got to the start line"
        assert all(w.poll() is None for w in workers), "a worker ended before the start"
        time.sleep(0.01)
    began = time.monotonic()
    start.touch()
    results = [w.communicate(timeout=60) for w in workers]
    took = time.monotonic() - began

    for worker, (out, err) in zip(workers, results, strict=True):
        assert worker.returncode == 0, err
        assert len(out.split()) == CHECKINS  # each printed the id of every check-in made
    checkins = json.loads(db_path.read_bytes())["checkins"].values()
    assert len(checkins) == PROCESSES * CHECKINS
    assert sorted(c["value"] for c in checkins) == sorted(
        float(n * 100 + i) for n in range(PROCESSES) for i in range(CHECKINS))
    assert {c["note"] for c in checkins} == {
        f"worker{n} #{i}" for n in range(PROCESSES) for i in range(CHECKINS)}
    assert {c["author"] for c in checkins} == {f"worker{n}" for n in range(PROCESSES)}
    printed = {line for out, _ in results for line in out.split()}
    assert printed == set(json.loads(db_path.read_bytes())["checkins"])
    print(f"{PROCESSES} processes x {CHECKINS} check-ins: {took:.2f} s")
