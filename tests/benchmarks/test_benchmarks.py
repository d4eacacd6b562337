"""The benchmark's structure (never its timings): a deterministic generator, the table."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import generate
import peer
import report
import run
import terminal

TINY = {"owners": 2, "quarters": 2, "objectives_per_owner": 1, "krs": 2, "checkins": 3,
        "kpis": 2, "days": 5}


def test_the_generator_gives_the_same_bytes_for_the_same_seed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(generate.SCALES, "tiny", TINY)
    today = dt.date(2026, 11, 22)
    counts = generate.generate(tmp_path / "a.json", "tiny", today, seed=7)
    generate.generate(tmp_path / "b.json", "tiny", today, seed=7)
    generate.generate(tmp_path / "c.json", "tiny", today, seed=8)
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    assert (tmp_path / "a.json").read_bytes() != (tmp_path / "c.json").read_bytes()
    assert counts == {"objectives": 4, "key_results": 8, "checkins": 24, "kpis": 2,
                      "measurements": 10}


def test_ratios_are_taken_pair_by_pair_and_judged_against_the_target() -> None:
    row = report.Row("checkin", [2.0, 3.0, 10.0], [1.0, 2.0, 4.0], "s", 1.0, first=2.0,
                     short="checkin")
    assert row.ratios == [2.0, 1.5, 2.5]
    assert row.ratio == 2.0 and row.value == 3.0 and row.baseline == 2.0
    assert (row.met, row.verdict) == (False, "first met")
    assert row.target == "<= 1 (2 first)"
    slow = report.Row("open", [40.0, 35.0, 90.0], None, "ms", 30, on_ratio=False)
    assert (slow.ratio, slow.value, slow.verdict) == (None, 40.0, "MISSED")
    assert report.Row("open", [10.0, 12.0], None, "ms", 30, on_ratio=False).verdict == "met"


def test_the_table_shows_medians_with_their_range_and_the_key_line_every_verdict() -> None:
    rows = [report.Row("first paint", [2.0, 1.0, 3.0], [1.0, 1.0, 1.0], "s", 1.3,
                       short="paint"),
            report.Row("filter", [40.0], None, "ms", 50, on_ratio=False, short="filter")]
    lines = report.table(rows)
    assert lines[2] == ("| first paint | 2.000 (1.000-3.000) s | 1.000 (1.000-1.000) s | "
                        "2.00 (1.00-3.00) | <= 1.3 | MISSED |")
    assert lines[3] == "| filter | 40.0 (40.0-40.0) ms |  |  | < 50 ms | met |"
    assert report.key_line(rows) == ("key figures: paint 2.00 (<= 1.3: MISSED); "
                                     "filter 40 ms (< 50 ms: met)")


def test_paired_runs_alternate(monkeypatch: pytest.MonkeyPatch) -> None:
    order: list[str] = []
    a, b = run.paired(lambda: order.append("a"), lambda: order.append("b"), 3)
    assert order == ["a", "b"] * 3
    assert len(a) == len(b) == 3


def test_the_peer_holds_the_bytes_it_is_given_in_taskwarriors_layout(tmp_path: Path) -> None:
    rc = peer.make(tmp_path / "tw", 20_000, 60_000)
    pending = (tmp_path / "tw" / "pending.data").read_text().splitlines()
    completed = (tmp_path / "tw" / "completed.data").read_text().splitlines()
    size = (tmp_path / "tw" / "pending.data").stat().st_size
    assert 20_000 <= size < 20_000 + 400
    assert all(line.startswith("[") and 'status:"pending"' in line for line in pending)
    assert all('status:"completed"' in line for line in completed)
    assert f"data.location={tmp_path / 'tw'}" in rc.read_text()


def test_first_paint_is_seen_on_a_real_terminal(tmp_path: Path) -> None:
    script = tmp_path / "paint.py"
    script.write_text("import os, sys, time\n"
                      "assert os.isatty(1) and os.get_terminal_size(1) == (80, 24)\n"
                      "sys.stdout.write('\\x1b[2Jhello there'); sys.stdout.flush()\n"
                      "time.sleep(60)\n")
    paint = terminal.first_paint([sys.executable, str(script)], b"hello there",
                                 env=dict(os.environ), timeout=30)
    assert paint.seconds > 0 and paint.peak_rss_mib > 0
    with pytest.raises(terminal.NeverPainted):
        terminal.first_paint([sys.executable, "-c", "print('something else')"],
                             b"hello there", env=dict(os.environ), timeout=30)
