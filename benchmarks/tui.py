"""The TUI side of the benchmark, run by run.py as a child process (one process per run).

    python benchmarks/tui.py bare                  # a bare Textual app painting one label
    python benchmarks/tui.py interact DB [-n N]    # latencies inside a running okrtui (ms)

`bare` is the baseline of the first paint: run.py starts it, like `okrtui`, on a real
pseudo-terminal (terminal.py) and stops it once the label has reached the terminal.

`interact` times, in one process with Pilot, what a person does in a running okrtui:
opening an objective screen, opening one right after a save, typing one character in the
dashboard filter, and absorbing a teammate's check-in (another `okrtui checkin` process
writes the file; from the watch's tick to the dashboard showing it). Each is timed from
the key press (or the tick) to the first frame that shows the result; frames are seen
in `App._display`, the one method every frame goes through (a private Textual API, so this
may need a touch when Textual changes it). It prints JSON on stdout.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from textual.app import App, ComposeResult  # noqa: E402
from textual.widgets import Label  # noqa: E402

SIZE = (80, 24)
BARE_TEXT = "okrtui benchmark: one label"


class BareApp(App[None]):
    """The baseline: a Textual app that paints one label."""

    def compose(self) -> ComposeResult:
        yield Label(BARE_TEXT)


class PaintWatch:
    """Notes when a frame that shows what is awaited was painted."""

    def __init__(self) -> None:
        self.probe: Callable[[], bool] | None = None
        self.painted_at: float | None = None

    def frame(self) -> None:
        """Called after every frame the app paints."""
        if self.probe is not None and self.painted_at is None and self.probe():
            self.painted_at = time.perf_counter()


def okr_app(db: Path) -> Any:
    """okrtui's app on `db` as `okrtui` starts it, telling each painted frame."""
    from okrtui.app import OkrApp
    from okrtui.services import Services
    from okrtui.store import Store

    class BenchApp(OkrApp):
        CSS_PATH = str(Path(sys.modules[OkrApp.__module__].__file__).with_name("app.tcss"))

        def __init__(self, services: Services) -> None:
            super().__init__(services)
            self.watch = PaintWatch()

        def _display(self, screen: Any, renderable: Any) -> None:
            super()._display(screen, renderable)
            if renderable is not None:
                self.watch.frame()

    services = Services(Store(db), "bench")
    services.workspace()  # as `okrtui` does before it starts the TUI
    return BenchApp(services)


def teammate_checkin(db: Path, kr_id: str, value: float) -> None:
    """A teammate's `okrtui checkin`, as another process on the same file."""
    env = {**os.environ, "OKRTUI_DB": str(db), "OKRTUI_USER": "teammate"}
    subprocess.run([sys.executable, "-m", "okrtui", "checkin", kr_id, f"{value:g}"], env=env,
                   check=True, stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL)


async def interact(db: Path, repeat: int) -> dict[str, Any]:
    """Milliseconds to open an objective (also right after a save), to filter by one typed
    character, and to show a teammate's check-in."""
    from textual.widgets import Input

    from okrtui.memory import exempt_from_collection, return_large_blocks
    from okrtui.screens.dashboard import DashboardScreen
    from okrtui.screens.objective import ObjectiveScreen
    from okrtui.widgets.objective_list import ObjectiveList

    return_large_blocks()  # as `okrtui` does before it opens the TUI (launch.py)
    exempt_from_collection()
    app = okr_app(db)
    times: dict[str, list[float]] = {"open_objective": [], "open_after_save": [],
                                     "filter_char": [], "absorb_checkin": []}
    async with app.run_test(size=SIZE) as pilot:

        async def settle(done: Callable[[], bool]) -> None:
            for _ in range(400):
                await app.workers.wait_for_complete()
                await pilot.pause()
                watch = app.watch
                if done() and (watch.probe is None or watch.painted_at is not None):
                    return
            raise RuntimeError("the screen never showed what was awaited")

        def start(done: Callable[[], bool]) -> float:
            app.watch.painted_at = None
            app.watch.probe = done
            return time.perf_counter()

        def elapsed(began: float) -> float:
            app.watch.probe = None
            return (app.watch.painted_at - began) * 1000  # type: ignore[operator]

        await settle(lambda: isinstance(app.screen, DashboardScreen)
                     and app.screen.view is not None)
        dashboard = app.screen
        assert isinstance(dashboard, DashboardScreen) and dashboard.view is not None
        scores = dashboard.view.objectives
        listing = dashboard.query_one("#objectives", ObjectiveList)

        def objective_shown() -> bool:
            return isinstance(app.screen, ObjectiveScreen) and app.screen.view is not None

        async def open_one(n: int) -> float:
            listing.highlighted = listing.get_option_index(scores[(n * 7) % len(scores)]
                                                           .objective.id)
            await settle(lambda: True)
            began = start(objective_shown)
            await pilot.press("enter")
            await settle(objective_shown)
            took = elapsed(began)
            await pilot.press("escape")
            await settle(lambda: app.screen is dashboard and not dashboard.workers)
            return took

        for n in range(repeat):
            times["open_objective"].append(await open_one(n))
        for n in range(repeat):
            # A save in this app (what the check-in dialog does), then an objective opens.
            kr = scores[(n * 11) % len(scores)].key_results[0].kr
            app.session.services.check_in(kr.id, float(n + 1))
            times["open_after_save"].append(await open_one(n + 1))
        for n in range(repeat):
            # A teammate checks in on a key result shown here; the watch's next tick finds it.
            score = scores[(n * 5) % len(scores)]
            kr = score.key_results[0].kr
            value = 1000.0 + n
            teammate_checkin(db, kr.id, value)
            before = dashboard.view

            def absorbed(before: Any = before, oid: str = score.objective.id,
                         kid: str = kr.id, value: float = value) -> bool:
                data = dashboard.view
                if data is None or data is before:
                    return False
                shown = next(s for s in data.objectives if s.objective.id == oid)
                return any(k.kr.id == kid and k.current == value for k in shown.key_results)

            began = start(absorbed)
            app.watcher.check()
            await settle(absorbed)
            times["absorb_checkin"].append(elapsed(began))

        field = dashboard.query_one("#filter", Input)
        field.cursor_blink = False  # a blinking cursor repaints on its own
        await pilot.press("slash")
        for _ in range(repeat):
            before_count = len(dashboard.visible()[0])
            began = start(lambda: dashboard.filter_text == "o")
            await pilot.press("o")  # every title has its owner in it: the whole list
            await settle(lambda: dashboard.filter_text == "o")
            times["filter_char"].append(elapsed(began))
            await pilot.press("backspace")
            await settle(lambda: dashboard.filter_text == "")
            assert len(dashboard.visible()[0]) == before_count
    out: dict[str, Any] = {f"{name}_ms": samples for name, samples in times.items()}
    out.update({f"{name}_median_ms": statistics.median(samples)
                for name, samples in times.items()})
    return out


def peak_rss_mib() -> float:
    """This process's peak resident memory in MiB (VmHWM: since exec, not the parent's)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 2**20 if sys.platform == "darwin" else rss / 1024


def main(argv: list[str] | None = None) -> int:
    """Command line of the TUI benchmark child."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("bare", "interact"))
    parser.add_argument("db", type=Path, nargs="?")
    parser.add_argument("-n", "--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    if args.mode == "bare":
        BareApp().run()
        return 0
    if args.db is None:
        parser.error("this mode needs the workspace file")
    began = time.perf_counter()
    result = asyncio.run(interact(args.db, args.repeat))
    result["seconds"] = time.perf_counter() - began
    result["peak_rss_mib"] = peak_rss_mib()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
