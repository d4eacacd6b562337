"""SIGKILL at any moment of a save that moves records between the open file and an
archive: every confirmed check-in is still in the workspace, and the open file never
holds an older version of a record than an archive does."""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import orjson

from okrtui.domain.merge.core import pick_version
from okrtui.services import Services
from okrtui.store import Store
from okrtui.store.archive import find_archives
from tests.support.builders import objective_with_krs

WORKER = Path(__file__).parents[1] / "support" / "archive_worker.py"
CYCLES = 25


def _files(db: Path) -> dict[str, dict]:
    """Every file of the workspace, parsed (each must parse: old or new, never half)."""
    return {f.name: orjson.loads(f.read_bytes())
            for f in [db, *find_archives(db).values()] if f.exists()}


def test_sigkill_while_records_move_between_files_loses_nothing(
        db_path: Path, make_services: Callable[..., Services]) -> None:
    services = make_services()
    objective, krs = objective_with_krs(services, "Move me", ((0, 10), (0, 10)),
                                        period="2026-Q2")
    services.check_in(krs[1].id, 4, on=dt.date(2026, 5, 2))
    objective_with_krs(services, "Stay open", ((0, 5),))
    rng = random.Random(7)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    confirmed: set[str] = set()
    for cycle in range(CYCLES):
        proc = subprocess.Popen([sys.executable, str(WORKER), str(db_path), objective.id,
                                 krs[0].id, f"worker{cycle}"], stdout=subprocess.PIPE,
                                text=True, env=env)
        assert proc.stdout is not None
        first = proc.stdout.readline().strip()  # it has made one round trip at least
        time.sleep(rng.random() * 0.4)
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        confirmed.update(line for line in [first, *out.splitlines()] if len(line) == 36)

        files = _files(db_path)
        open_file = files.pop(db_path.name)
        for archive in files.values():  # a record in two files: the open one is current
            for table, rows in archive.items():
                for rid, record in rows.items():
                    mine = open_file.get(table, {}).get(rid)
                    if mine is not None and table != "meta":
                        assert pick_version(table, rid, mine, record) == mine, (cycle, rid)
        ws = Store(db_path).snapshot().with_history()
        missing = confirmed - set(ws.tables["checkins"])
        assert not missing, f"confirmed check-ins lost after cycle {cycle}: {missing}"
        assert {k.id for k in ws.key_results(objective.id)} == {kr.id for kr in krs}
    assert len(confirmed) > CYCLES
    # A save after the last kill leaves every record in one file.
    services.edit_objective(objective.id, status="active")
    services.grade_period("2026-Q2", objective_ref=objective.id)
    ws = Store(db_path).snapshot().with_history()
    assert confirmed <= set(ws.tables["checkins"])


CHECKIN_WORKER = Path(__file__).parents[1] / "support" / "checkin_worker.py"


def test_check_ins_at_once_with_a_process_moving_records_lose_nothing(
        tmp_path: Path, db_path: Path, make_services: Callable[..., Services]) -> None:
    """Three processes check in (two on the key result that keeps moving between the
    open file and the archive) while a fourth grades and reopens its objective."""
    services = make_services()
    objective, krs = objective_with_krs(services, "Move me", ((0, 10),), period="2026-Q2")
    _, open_krs = objective_with_krs(services, "Stay open", ((0, 1000),))
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    mover = subprocess.Popen([sys.executable, str(WORKER), str(db_path), objective.id,
                              krs[0].id, "mover", "0.05"], stdout=subprocess.PIPE, text=True,
                             env=env)
    start = tmp_path / "start"
    workers = [subprocess.Popen([sys.executable, str(CHECKIN_WORKER), str(db_path), kr,
                                 f"worker{n}", str(n), "8", str(start)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env=env)
               for n, kr in enumerate([open_krs[0].id, krs[0].id, krs[0].id])]
    assert mover.stdout is not None and mover.stdout.readline()  # it is moving
    start.touch()
    results = [w.communicate(timeout=120) for w in workers]
    mover.send_signal(signal.SIGKILL)
    moved, _ = mover.communicate(timeout=30)
    for worker, (_, err) in zip(workers, results, strict=True):
        assert worker.returncode == 0, err
    ws = Store(db_path).snapshot().with_history()
    notes = {raw["note"] for raw in ws.tables["checkins"].values()}
    assert {f"worker{n} #{i}" for n in range(3) for i in range(8)} <= notes
    assert set(moved.split()) <= set(ws.tables["checkins"])
