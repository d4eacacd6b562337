"""okrtui's performance at team and org scale, as ratios against baselines run alongside.

    python benchmarks/run.py [--org] [--repeat N]

1. TUI start to the dashboard painted at team scale, against a bare Textual app (both
   whole processes, headless: see tui.py). Target <= 1.3.
2. `okrtui checkin` as a whole process, team scale against an empty workspace. <= 1.5.
3. One check-in saved in a running app against the floor (serialise + atomic write). <= 1.5.
4. Opening an objective screen and typing one character in the dashboard filter, in-process
   with Pilot, median milliseconds from key press to the frame that shows it. < 50 ms.
5. Peak RSS of the TUI process of 4 (dashboard, objectives opened, filter). < 150 MiB.
6. With --org, all of it again at org scale (ten times the records) and, per figure, the
   growth team -> org of what it costs beyond its baseline, next to the file's growth.

Every figure is a ratio against a baseline measured in the same run on the same machine,
so the numbers mean the same on a slow laptop and a fast server. Prints a table and, last,
one line of the key ratios. Not a test: nothing here fails a build.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
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
    """One line of the results table.

    `limit` is the target: on the ratio value/baseline when `on_ratio`, else on the value.
    """

    metric: str
    value: float
    baseline: float | None
    unit: str
    limit: float
    on_ratio: bool = True
    short: str = ""

    @property
    def ratio(self) -> float | None:
        """The measured value over its baseline (None when there is no baseline)."""
        return self.value / self.baseline if self.baseline else None

    @property
    def target(self) -> str:
        """The target as people read it: "<= 1.3" on the ratio, "< 50 ms" on the value."""
        return f"<= {self.limit:g}" if self.on_ratio else f"< {self.limit:g} {self.unit}"

    @property
    def met(self) -> bool:
        """Whether the target is met."""
        if self.on_ratio:
            return self.ratio is not None and self.ratio <= self.limit
        return self.value < self.limit

    @property
    def excess(self) -> float:
        """What the measured thing costs beyond its baseline, the part that grows with the
        workspace; the value itself without a baseline or when it is below its baseline
        (an in-app save costs less than the floor: it writes most tables unchanged)."""
        if self.baseline is not None and self.value > self.baseline:
            return self.value - self.baseline
        return self.value


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


def _child(argv: list[str]) -> tuple[float, dict]:
    """Run a child process: seconds from start to exit, and what it printed (JSON)."""
    began = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, check=True)
    return time.perf_counter() - began, json.loads(done.stdout)


def _tui(*argv: str) -> list[str]:
    return [sys.executable, str(HERE / "tui.py"), *argv]


def first_paint(big: Path, repeat: int, label: str) -> tuple[Row, float]:
    """TUI start to the first frame with the dashboard's objectives, as a whole process,
    against a bare Textual app painting one label; also the bare app's peak RSS."""
    t_okr, t_bare = _paired(lambda: _child(_tui("dashboard", str(big))),
                            lambda: _child(_tui("bare")), repeat)
    bare_rss = statistics.median(_child(_tui("bare"))[1]["peak_rss_mib"] for _ in range(3))
    return Row(f"TUI start to dashboard painted, {label} vs bare app", t_okr, t_bare, "s",
               1.3, short="first paint"), bare_rss


def interaction(big: Path, repeat: int, label: str, bare_rss: float) -> list[Row]:
    """Opening an objective and typing one filter character (in-process, Pilot), and the
    peak RSS of that TUI process (against the bare app's)."""
    _, result = _child(_tui("interact", str(big), "--repeat", str(repeat)))
    rss = result["peak_rss_mib"]
    return [
        Row(f"open an objective screen, {label} (median ms)",
            result["open_objective_median_ms"], None, "ms", 50, on_ratio=False,
            short="open objective"),
        Row(f"type one character in the filter, {label} (median ms)",
            result["filter_char_median_ms"], None, "ms", 50, on_ratio=False,
            short="filter char"),
        Row(f"peak RSS of the TUI, {label} vs bare app", rss, bare_rss, "MiB", 150,
            on_ratio=False, short="peak RSS"),
    ]


def cli_checkin(big: Path, empty: Path, repeat: int, label: str) -> Row:
    """`okrtui checkin` as a whole process: big workspace against an empty one."""
    big_kr, empty_kr = _first_kr(big), _first_kr(empty)
    value = iter(range(10**6))
    t_big, t_empty = _paired(lambda: _cli(big, "checkin", big_kr, str(next(value))),
                             lambda: _cli(empty, "checkin", empty_kr, str(next(value))), repeat)
    return Row(f"CLI checkin, {label} vs empty workspace", t_big, t_empty, "s", 1.5,
               short="CLI checkin")


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
    floor_path.unlink()
    return Row(f"checkin in a running app, {label} vs serialise+write", t_save, t_floor, "s",
               1.5, short="app checkin")


def measure(scale: str, folder: Path, empty: Path, today: dt.date, repeat: int) -> Scale:
    """Every figure at one scale, on a workspace generated for it."""
    big = folder / f"{scale}.json"
    began = time.perf_counter()
    counts = generate.generate(big, scale, today)
    size = big.stat().st_size
    _log(f"generated {scale}: {size / 2**20:.1f} MiB, {sum(counts.values()):,} records in "
         f"{time.perf_counter() - began:.1f} s")
    rows: list[Row] = []
    paint, bare_rss = first_paint(big, repeat, scale)
    rows.append(paint)
    _log(f"  {paint.metric}: {paint.value:.3f} s")
    rows.append(cli_checkin(big, empty, repeat, scale))
    _log(f"  {rows[-1].metric}: {rows[-1].value:.3f} s")
    rows.append(app_checkin(big, repeat, scale))
    _log(f"  {rows[-1].metric}: {rows[-1].value:.3f} s")
    rows.extend(interaction(big, repeat, scale, bare_rss))
    _log(f"  interaction: {', '.join(f'{r.value:.1f} {r.unit}' for r in rows[-3:])}")
    big.unlink()  # an org file is large; free the space before the next scale
    return Scale(scale, size, rows)


@dataclass
class Scale:
    """The figures measured at one scale, and the size of its workspace file."""

    name: str
    size: int
    rows: list[Row]


def _log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--org", action="store_true", help="also measure at org scale (slow)")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--org-repeat", type=int, default=3,
                        help="repetitions at org scale (each run is ten times longer)")
    args = parser.parse_args(argv)
    today = dt.date.today()
    load_before = _load()
    scales: list[Scale] = []
    with tempfile.TemporaryDirectory(prefix="okrtui-bench-") as tmp:
        folder = Path(tmp)
        empty = folder / "empty.json"
        services = Services(Store(empty), "bench")
        objective = services.add_objective("Baseline", f"{today.year}")
        services.add_key_result(objective.id, "One key result", target=10, unit="x")
        scales.append(measure("team", folder, empty, today, args.repeat))
        if args.org:
            scales.append(measure("org", folder, empty, today, args.org_repeat))
    print(f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average {load_before} before, {_load()} after")
    _print([row for scale in scales for row in scale.rows])
    if len(scales) == 2:
        _print_growth(*scales)
    print(key_ratios(scales))
    return 0


def _print(rows: list[Row]) -> None:
    print()
    print(f"| {'metric':58} | {'value':>9} | {'baseline':>9} | {'ratio':>6} | "
          f"{'target':9} | met |")
    print(f"|{'-' * 60}|{'-' * 11}|{'-' * 11}|{'-' * 8}|{'-' * 11}|-----|")
    for r in rows:
        baseline = f"{r.baseline:9.3f}" if r.baseline is not None else f"{'':9}"
        ratio = f"{r.ratio:6.2f}" if r.ratio is not None else f"{'':6}"
        value = f"{r.value:9.3f}" if r.unit == "s" else f"{r.value:9.1f}"
        if r.unit != "s" and r.baseline is not None:
            baseline = f"{r.baseline:9.1f}"
        print(f"| {r.metric:58} | {value} | {baseline} | {ratio} | {r.target:9} | "
              f"{'yes' if r.met else 'NO':3} |")


def growth(team: Scale, org: Scale) -> list[tuple[str, float, float, float]]:
    """Per figure: what it costs beyond its baseline at team and at org scale, and the
    growth of that cost (to set against the growth of the file)."""
    out = []
    for a, b in zip(team.rows, org.rows, strict=True):
        out.append((a.short, a.excess, b.excess,
                    b.excess / a.excess if a.excess > 0 else float("nan")))
    return out


def _print_growth(team: Scale, org: Scale) -> None:
    files = org.size / team.size
    print()
    print(f"growth team -> org (cost beyond the baseline; file {team.size / 2**20:.1f} MiB -> "
          f"{org.size / 2**20:.1f} MiB, x{files:.1f})")
    print(f"| {'figure':16} | {'team':>9} | {'org':>9} | {'growth':>7} | linear or better |")
    print(f"|{'-' * 18}|{'-' * 11}|{'-' * 11}|{'-' * 9}|------------------|")
    for name, a, b, g in growth(team, org):
        print(f"| {name:16} | {a:9.3f} | {b:9.3f} | {g:7.1f} | "
              f"{'yes' if g <= files * 1.05 else 'NO':16} |")


def key_ratios(scales: list[Scale]) -> str:
    """The last line: each key figure against its target, and org growth against file growth."""
    parts = []
    for r in scales[0].rows:
        figure = f"{r.ratio:.2f}" if r.on_ratio else f"{r.value:.0f} {r.unit}"
        parts.append(f"{r.short} {figure} ({r.target}{'' if r.met else ', missed'})")
    line = "key ratios: " + ", ".join(parts)
    if len(scales) == 2:
        files = scales[1].size / scales[0].size
        worst = max((g for *_, g in growth(*scales) if g == g), default=float("nan"))
        line += f"; org growth at most x{worst:.1f} for a file x{files:.1f}"
    return line


if __name__ == "__main__":
    sys.exit(main())
