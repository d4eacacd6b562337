"""okrtui's performance at team and org scale, as ratios against baselines run alongside.

    python benchmarks/run.py [--org] [--repeat N]

Every figure is a ratio against a baseline measured in the same run on the same machine,
so the numbers mean the same on a slow laptop and a fast server. Prints a table and, last,
one line of the key ratios. Not a test: nothing here fails a build.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

from okrtui.services import Services  # noqa: E402
from okrtui.store import Store  # noqa: E402
from okrtui.store.jsonfile import atomic_replace, encode  # noqa: E402


@dataclass
class Row:
    """One line of the results table."""

    metric: str
    value: float
    baseline: float
    unit: str
    target: str

    @property
    def ratio(self) -> float:
        """The measured value over its baseline."""
        return self.value / self.baseline if self.baseline else float("nan")


def _median_time(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        fn()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def _paired(a: Callable[[], object], b: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median times of a and b, run alternately so that machine noise hits both alike."""
    ta, tb = [], []
    for _ in range(repeat):
        for fn, out in ((a, ta), (b, tb)):
            began = time.perf_counter()
            fn()
            out.append(time.perf_counter() - began)
    return statistics.median(ta), statistics.median(tb)


def _first_kr(path: Path) -> str:
    ws = Store(path).snapshot()
    period = max(ws.periods())
    objective = ws.objectives(period=period)[0]
    return ws.key_results(objective.id)[0].id


def _cli(db: Path, *argv: str) -> None:
    env = {**os.environ, "OKRTUI_DB": str(db), "OKRTUI_USER": "bench"}
    subprocess.run([sys.executable, "-m", "okrtui", *argv], env=env, check=True,
                   stdout=subprocess.DEVNULL)


def cli_checkin(big: Path, empty: Path, repeat: int, label: str) -> Row:
    """`okrtui checkin` as a whole process: big workspace against an empty one."""
    big_kr, empty_kr = _first_kr(big), _first_kr(empty)
    value = iter(range(10**6))
    t_big, t_empty = _paired(lambda: _cli(big, "checkin", big_kr, str(next(value))),
                             lambda: _cli(empty, "checkin", empty_kr, str(next(value))), repeat)
    return Row(f"CLI checkin, {label} vs empty workspace", t_big, t_empty, "s", "<= 1.5")


def app_checkin(big: Path, repeat: int, label: str) -> Row:
    """One check-in saved by a running process (lock, reload check, write) against the
    floor: serialising the same data and atomically writing it once."""
    services = Services(Store(big, keep_backups=0), "bench")
    kr = _first_kr(big)
    services.workspace()  # the running app has read the file already
    value = iter(range(10**6))
    floor_path = big.with_name("floor.json")
    data = services.store.storage.read()

    def floor() -> None:
        atomic_replace(floor_path, encode(data))

    t_save, t_floor = _paired(lambda: services.check_in(kr, float(next(value))), floor, repeat)
    return Row(f"checkin in a running app, {label} vs serialise+write", t_save, t_floor, "s",
               "<= 1.5")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--org", action="store_true", help="also measure at org scale (slow)")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    today = dt.date.today()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="okrtui-bench-") as tmp:
        folder = Path(tmp)
        empty = folder / "empty.json"
        services = Services(Store(empty), "bench")
        objective = services.add_objective("Baseline", f"{today.year}")
        services.add_key_result(objective.id, "One key result", target=10, unit="x")
        scales = ["team", "org"] if args.org else ["team"]
        for scale in scales:
            big = folder / f"{scale}.json"
            began = time.perf_counter()
            counts = generate.generate(big, scale, today)
            print(f"generated {scale}: {big.stat().st_size / 2**20:.1f} MiB, "
                  f"{sum(counts.values()):,} records in {time.perf_counter() - began:.1f} s",
                  file=sys.stderr)
            rows.append(cli_checkin(big, empty, args.repeat, scale))
            rows.append(app_checkin(big, args.repeat, scale))
    _print(rows)
    return 0


def _print(rows: list[Row]) -> None:
    print(f"| {'metric':58} | {'value':>9} | {'baseline':>9} | {'ratio':>6} | target |")
    print(f"|{'-' * 60}|{'-' * 11}|{'-' * 11}|{'-' * 8}|--------|")
    for r in rows:
        print(f"| {r.metric:58} | {r.value:9.3f} | {r.baseline:9.3f} | {r.ratio:6.2f} | "
              f"{r.target:6} |")
    print("key ratios: " + ", ".join(f"{r.metric.split(',')[0]} {r.ratio:.2f}" for r in rows))


if __name__ == "__main__":
    sys.exit(main())
