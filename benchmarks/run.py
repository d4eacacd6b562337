"""okrtui's performance at team and org scale, as ratios against baselines run alongside.

    python benchmarks/run.py [--org] [--repeat N] [--org-repeat N] [--only PART ...]

Every ratio is taken pair by pair from runs that alternate A B A B on the same machine,
and printed as its median with the smallest and largest pair, so the numbers mean the
same on a slow laptop and a fast server and a noisy neighbour shows as a wide range:

1. `okrtui checkin` at team scale against taskwarrior's `task add` holding the same
   bytes in its own layout (peer.py): <= 1.0, a first milestone at 2.0. Skipped, with a
   line saying so, where taskwarrior is not installed.
2. `okrtui checkin` at team scale against an empty workspace: <= 1.2; with --org, org
   scale against team scale: <= 1.2.
3. The TUI's first paint in a real 80x24 pseudo-terminal, from `okrtui` starting to the
   dashboard's first objective on the terminal, against a bare Textual app painting one
   label (terminal.py): <= 1.3, first 2.0; with --org, org against team: <= 1.3.
4. Peak RSS of the TUI (the larger of its first paint and a session that opens
   objectives, saves and filters): < 100 MiB at team scale, < 150 MiB at org scale.
5. Inside a running TUI (tui.py, in-process with Pilot), medians in milliseconds: a
   teammate's check-in shown (< 20 ms), opening an objective (< 30 ms) and opening one
   right after a save (< 30 ms), one character typed in the filter (< 50 ms).
6. One check-in saved by a running app against the floor of serialising the open file
   and writing it atomically once: <= 1.5.

`--only checkin|paint|tui` (repeatable) runs those parts alone (1-2, 3-4, 4-6): for
measuring one change quickly; the README's table comes from a whole run.

Workspaces are made by generate.py, through okrtui's own services. okrtui's modules are
byte-compiled first, as an installed okrtui's are. Prints the machine and its load, a
table, then one line of the key figures. Not a test: nothing here fails a build.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
import peer  # noqa: E402
import terminal  # noqa: E402
from report import Row, key_line, skipped, table  # noqa: E402

from okrtui.domain.records.periods import current_period  # noqa: E402
from okrtui.services import Services  # noqa: E402
from okrtui.store import Store  # noqa: E402
from okrtui.store.jsonfile import atomic_replace, encode  # noqa: E402

PARTS = ("checkin", "paint", "tui")
"""What `--only` may name: the command-line check-ins (rows 1-2), the first paint (3, and
its peak RSS for 4), the running TUI (4-6)."""

OPEN_SHARE = 0.12
"""The share of a team workspace's bytes that its open quarter holds, for the peer's
pending.data where the workspace keeps everything in one file (no archives)."""


def paired(a: Callable[[], object], b: Callable[[], object], repeat: int
           ) -> tuple[list[float], list[float]]:
    """Seconds of each run of a and of b, run alternately (A B A B ...)."""
    ta: list[float] = []
    tb: list[float] = []
    for _ in range(repeat):
        for fn, out in ((a, ta), (b, tb)):
            began = time.perf_counter()
            fn()
            out.append(time.perf_counter() - began)
    return ta, tb


def okrtui_argv() -> list[str]:
    """How a person starts okrtui: its console script beside this Python, else -m."""
    script = Path(sys.executable).with_name("okrtui")
    return [str(script)] if script.exists() else [sys.executable, "-m", "okrtui"]


def env_for(db: Path, user: str = "bench") -> dict[str, str]:
    """The environment of an okrtui child on `db`."""
    return {**os.environ, "OKRTUI_DB": str(db), "OKRTUI_USER": user}


class Subject:
    """One generated workspace and what the benchmark needs to know of it."""

    def __init__(self, path: Path, label: str) -> None:
        self.path = path
        self.label = label
        ws = Store(path).snapshot()
        period = current_period(ws.periods(), dt.date.today())  # the dashboard's choice
        objectives = ws.objectives(period=period.name)
        self.kr = ws.key_results(objectives[0].id)[0].id
        # The dashboard lists the period's objectives by owner, in this order; the first
        # one's title (as much as fits any row) tells that the dashboard is painted.
        self.first_title = objectives[0].title[:16].encode()
        self.files = [path, *sorted(path.parent.glob(f"{path.stem}.archive-*{path.suffix}"))]

    @property
    def size(self) -> int:
        """Bytes in every file of the workspace."""
        return sum(f.stat().st_size for f in self.files)

    @property
    def open_size(self) -> int:
        """Bytes in the workspace's open file (the rest is archives)."""
        return self.path.stat().st_size

    def checkin(self, value: float) -> None:
        """`okrtui checkin KR VALUE` as a whole process."""
        subprocess.run([*okrtui_argv(), "checkin", self.kr, f"{value:g}"],
                       env=env_for(self.path), check=True, stdout=subprocess.DEVNULL,
                       stdin=subprocess.DEVNULL)

    def paint(self) -> terminal.Paint:
        """`okrtui` in a real terminal until the dashboard's first objective is on it."""
        return terminal.first_paint(okrtui_argv(), self.first_title, env=env_for(self.path))


def bare_paint() -> terminal.Paint:
    """The bare Textual app in a real terminal until its label is on it."""
    from tui import BARE_TEXT

    return terminal.first_paint([sys.executable, str(HERE / "tui.py"), "bare"],
                                BARE_TEXT.encode(), env=dict(os.environ))


def values() -> Callable[[], float]:
    """A fresh check-in value on each call."""
    counter = iter(range(1, 10**9))
    return lambda: float(next(counter))


def checkin_rows(team: Subject, empty: Subject, repeat: int, notes: list[str]) -> list[Row]:
    """`okrtui checkin` against taskwarrior's `task add`, and against an empty workspace."""
    rows: list[Row] = []
    value = values()
    if peer.available() is None:
        notes.append("taskwarrior is not installed (`apt-get install taskwarrior`): the "
                     "check-in against `task add` was not measured")
    else:
        pending = team.open_size if len(team.files) > 1 else round(OPEN_SHARE * team.size)
        rc = peer.make(team.path.parent / "taskwarrior", pending, team.size - pending)
        ok, tw = paired(lambda: team.checkin(value()),
                        lambda: peer.add(rc, f"check in {value():g}"), repeat)
        rows.append(Row("okrtui checkin, team, vs taskwarrior task add (same bytes)", ok, tw,
                        "s", 1.0, first=2.0, short="checkin vs task add"))
    ok, base = paired(lambda: team.checkin(value()), lambda: empty.checkin(value()), repeat)
    rows.append(Row("okrtui checkin, team vs empty workspace", ok, base, "s", 1.2,
                    short="checkin team/empty"))
    return rows


def paint_rows(team: Subject, repeat: int) -> tuple[list[Row], float]:
    """First paint in a real terminal against the bare app; also the team's peak RSS."""
    okr: list[terminal.Paint] = []
    bare: list[terminal.Paint] = []
    for _ in range(repeat):
        okr.append(team.paint())
        bare.append(bare_paint())
    row = Row("TUI first paint in a terminal, team vs bare Textual app",
              [p.seconds for p in okr], [p.seconds for p in bare], "s", 1.3, first=2.0,
              short="first paint team/bare")
    return [row], max(p.peak_rss_mib for p in okr)


def interaction_rows(ws: Subject, repeat: int, paint_rss: float, rss_limit: float
                     ) -> list[Row]:
    """Latencies inside a running TUI, and its peak RSS."""
    done = subprocess.run([sys.executable, str(HERE / "tui.py"), "interact", str(ws.path),
                           "--repeat", str(repeat)], stdout=subprocess.PIPE,
                          stdin=subprocess.DEVNULL, check=True)
    got = json.loads(done.stdout)
    label = ws.label
    rows = [
        Row(f"a teammate's check-in shown by the running TUI, {label}",
            got["absorb_checkin_ms"], None, "ms", 20, on_ratio=False,
            short=f"absorb checkin {label}"),
        Row(f"open an objective, {label}", got["open_objective_ms"], None, "ms", 30,
            on_ratio=False, short=f"open objective {label}"),
        Row(f"open an objective right after a save, {label}", got["open_after_save_ms"],
            None, "ms", 30, on_ratio=False, short=f"open after save {label}"),
        Row(f"type one character in the filter, {label}", got["filter_char_ms"], None,
            "ms", 50, on_ratio=False, short=f"filter char {label}"),
        Row(f"peak RSS of the TUI, {label}", [max(got["peak_rss_mib"], paint_rss)], None,
            "MiB", rss_limit, on_ratio=False, short=f"peak RSS {label}"),
    ]
    return rows


def app_checkin_row(ws: Subject, repeat: int) -> Row:
    """One check-in saved by a running process (lock, reload check, write) against the
    floor: serialising the open file's tables and atomically writing them once."""
    services = Services(Store(ws.path, keep_backups=0), "bench")
    services.workspace()  # the running app has read the file already
    value = values()
    floor_path = ws.path.with_name("floor.json")
    data = services.store.storage.read()
    tables = {name: data[name] for name in data}

    def floor() -> None:
        atomic_replace(floor_path, encode(tables))

    saves, floors = paired(lambda: services.check_in(ws.kr, value()), floor, repeat)
    floor_path.unlink()
    return Row(f"checkin in a running app, {ws.label}, vs serialise+write", saves, floors,
               "s", 1.5, short=f"app checkin {ws.label}")


def org_rows(team: Subject, org: Subject, repeat: int, parts: set[str]
             ) -> tuple[list[Row], float]:
    """Check-in and first paint (those of them in `parts`) at org scale against team
    scale; the rows and the org's first paint's peak RSS (0 where not measured)."""
    rows: list[Row] = []
    if "checkin" in parts:
        value = values()
        o, t = paired(lambda: org.checkin(value()), lambda: team.checkin(value()), repeat)
        rows.append(Row("okrtui checkin, org vs team", o, t, "s", 1.2,
                        short="checkin org/team"))
    if "paint" not in parts:
        return rows, 0.0
    op: list[terminal.Paint] = []
    tp: list[terminal.Paint] = []
    for _ in range(repeat):
        op.append(org.paint())
        tp.append(team.paint())
    rows.append(Row("TUI first paint in a terminal, org vs team", [p.seconds for p in op],
                    [p.seconds for p in tp], "s", 1.3, short="first paint org/team"))
    return rows, max(p.peak_rss_mib for p in op)


def _log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def make_workspace(folder: Path, scale: str, today: dt.date) -> Subject:
    """Generate the workspace of `scale` in a folder of its own."""
    (folder / scale).mkdir()
    path = folder / scale / "okrs.json"
    began = time.perf_counter()
    counts = generate.generate(path, scale, today)
    ws = Subject(path, scale)
    _log(f"generated {scale}: {ws.size / 2**20:.1f} MiB in {len(ws.files)} file(s), open "
         f"file {ws.open_size / 2**20:.1f} MiB, {sum(counts.values()):,} records in "
         f"{time.perf_counter() - began:.1f} s")
    return ws


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--org", action="store_true", help="also measure at org scale (slow)")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--org-repeat", type=int, default=3,
                        help="repetitions at org scale (each run is longer)")
    parser.add_argument("--only", action="append", choices=PARTS,
                        help="run only this part (repeatable); default: all of them")
    args = parser.parse_args(argv)
    parts = set(args.only or PARTS)
    compileall.compile_dir(str(HERE.parent / "okrtui"), quiet=1)
    today = dt.date.today()
    load_before = _load()
    rows: list[Row] = []
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="okrtui-bench-") as tmp:
        folder = Path(tmp)
        (folder / "empty").mkdir()
        empty_path = folder / "empty" / "okrs.json"
        services = Services(Store(empty_path), "bench")
        objective = services.add_objective("Baseline", f"{today.year}")
        services.add_key_result(objective.id, "One key result", target=10, unit="x")
        empty = Subject(empty_path, "empty")
        team = make_workspace(folder, "team", today)
        org = make_workspace(folder, "org", today) if args.org else None
        team_rss = org_rss = 0.0  # the first paint's peak RSS, where it is measured
        if "checkin" in parts:
            rows.extend(checkin_rows(team, empty, args.repeat, notes))
            _log("  check-ins done")
        if "paint" in parts:
            paint, team_rss = paint_rows(team, args.repeat)
            rows.extend(paint)
            _log("  first paint done")
        if org is not None and parts & {"checkin", "paint"}:
            more, org_rss = org_rows(team, org, args.org_repeat, parts)
            rows.extend(more)
            _log("  org check-in and first paint done")
        if "tui" in parts:
            rows.extend(interaction_rows(team, args.repeat, team_rss, 100))
            rows.append(app_checkin_row(team, args.repeat))
            _log("  team interactions done")
            if org is not None:
                rows.extend(interaction_rows(org, args.org_repeat, org_rss, 150))
                rows.append(app_checkin_row(org, args.org_repeat))
                _log("  org interactions done")
    print(f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.system()} {platform.release()}; load average {load_before} before, "
          f"{_load()} after")
    print()
    print("\n".join(table(rows)))
    for line in skipped(notes):
        print(line)
    print()
    print(key_line(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
