"""okrtui holds the garbage collector off while it imports (okrtui/memory.py): the passes
it ran during start-up found next to nothing and cost a check-in about a quarter of its
time. It must run again once the command's modules are in, and a process that calls the
CLI without the entry point (tests, scripts) must be left as it was: nothing frozen.

Each case runs in a fresh interpreter, a real process, which reports the collector's
state.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import gc, json, sys
entry = sys.argv[1]
if entry == "main":
    import okrtui.__main__ as m
    paused = not gc.isenabled()
    code = m.main(sys.argv[2:])
else:
    from okrtui.cli import main
    paused = not gc.isenabled()
    code = main(sys.argv[2:])
print(json.dumps({"code": code, "paused": paused, "enabled": gc.isenabled(),
                  "frozen": gc.get_freeze_count()}), file=sys.stderr)
"""


def collector_after(entry: str, *argv: str, db: Path) -> dict[str, object]:
    """Run okrtui's `entry` ("main": the console script's module; "cli": the CLI's main
    alone) with `argv` in a new interpreter; what it says of the collector."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OKRTUI_DB": str(db), "OKRTUI_USER": "ann"}
    done = subprocess.run([sys.executable, "-c", PROBE, entry, *argv], capture_output=True,
                          text=True, env=env, timeout=60, check=False)
    return json.loads(done.stderr.strip().splitlines()[-1])


def test_the_entry_point_holds_the_collector_off_then_lets_it_run(tmp_path: Path) -> None:
    db = tmp_path / "okrs.json"
    report = collector_after("main", "objective", "add", "Grow revenue", "--period",
                             "2026-Q4", db=db)
    assert report["code"] == 0
    assert report["paused"] is True  # importing okrtui.__main__ paused it
    assert report["enabled"] is True  # the command ran with it on again
    assert report["frozen"] > 10_000  # what start-up made is out of its passes


def test_a_failing_command_also_lets_it_run(tmp_path: Path) -> None:
    report = collector_after("main", "checkin", "nope", "5", db=tmp_path / "okrs.json")
    assert report["code"] == 2
    assert report["enabled"] is True


def test_the_cli_called_in_process_changes_nothing(tmp_path: Path) -> None:
    report = collector_after("cli", "objective", "add", "Grow revenue", "--period",
                             "2026-Q4", db=tmp_path / "okrs.json")
    assert report["code"] == 0
    assert report["paused"] is False
    assert report["enabled"] is True
    assert report["frozen"] == 0
