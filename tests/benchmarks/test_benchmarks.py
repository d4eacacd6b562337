"""The benchmark's structure (never its timings): a deterministic generator, the table."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import generate
import run

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


def test_rows_growth_and_the_last_line() -> None:
    team = run.Scale("team", 100, [
        run.Row("first paint", 2.0, 1.0, "s", 1.3, short="first paint"),
        run.Row("filter", 40.0, None, "ms", 50, on_ratio=False, short="filter char"),
    ])
    org = run.Scale("org", 1000, [
        run.Row("first paint", 11.0, 1.0, "s", 1.3, short="first paint"),
        run.Row("filter", 80.0, None, "ms", 50, on_ratio=False, short="filter char"),
    ])
    assert [r.met for r in team.rows] == [False, True]
    assert run.growth(team, org) == [("first paint", 1.0, 10.0, 10.0),
                                     ("filter char", 40.0, 80.0, 2.0)]
    line = run.key_ratios([team, org])
    assert line.startswith("key ratios: first paint 2.00 (<= 1.3, missed), filter char 40 ms")
    assert line.endswith("org growth at most x10.0 for a file x10.0")
