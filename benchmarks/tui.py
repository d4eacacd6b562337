"""The TUI side of the benchmark, run by run.py as a child process (one process per run).

    python benchmarks/tui.py bare                  # a bare Textual app that paints one label
    python benchmarks/tui.py dashboard DB          # okrtui until its dashboard is painted
    python benchmarks/tui.py interact DB [-n N]    # open objectives, type in the filter (ms)

`bare` and `dashboard` run the app headless at 80x24 and exit as soon as the first frame
that shows what they wait for was painted: the label, or the dashboard with objectives on
it. The parent times the whole process, start to exit, so interpreter start, imports,
reading the file and building the screen all count. Headless, Textual computes every
frame but writes nothing to a terminal; both apps here also turn each frame into its
terminal bytes (what a real terminal would be sent), so that "painted" costs what it
costs on a terminal.

Nothing in okrtui knows about this: the apps are subclassed here, and the paint is seen
in `App._display`, the one method every frame goes through (a private Textual API, so
this file may need a touch when Textual changes it).

`interact` times, in one process with Pilot, opening an objective screen and typing one
character into the dashboard filter: from the key press to the first frame that shows
the result (workers done, messages handled). It prints JSON on stdout.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import statistics
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


class PaintWatch:
    """Turns each frame into terminal bytes and notes when the awaited one was painted."""

    def __init__(self) -> None:
        self.probe: Callable[[str], bool] | None = None
        self.painted_at: float | None = None

    def frame(self, app: App[Any], renderable: Any) -> None:
        """Called with every frame the app paints."""
        if renderable is None:
            return
        text = renderable.render_segments(app.console) if hasattr(
            renderable, "render_segments") else ""
        if self.probe is not None and self.painted_at is None and self.probe(text):
            self.painted_at = time.perf_counter()


class BareApp(App[None]):
    """The baseline: a Textual app that paints one label."""

    def __init__(self, *, exit_on_paint: bool = True) -> None:
        super().__init__()
        self.watch = PaintWatch()
        self.exit_on_paint = exit_on_paint
        self.watch.probe = lambda text: BARE_TEXT in text

    def compose(self) -> ComposeResult:
        yield Label(BARE_TEXT)

    def _display(self, screen: Any, renderable: Any) -> None:
        super()._display(screen, renderable)
        self.watch.frame(self, renderable)
        if self.exit_on_paint and self.watch.painted_at is not None:
            self.exit()


def okr_app(db: Path, *, exit_on_paint: bool) -> Any:
    """okrtui's app on `db` as `okrtui` starts it, made to exit after painting the
    dashboard's objectives when `exit_on_paint`."""
    from okrtui.app import OkrApp
    from okrtui.screens.dashboard import DashboardScreen
    from okrtui.services import Services
    from okrtui.store import Store
    from okrtui.widgets.objective_list import ObjectiveList

    class BenchApp(OkrApp):
        CSS_PATH = str(Path(sys.modules[OkrApp.__module__].__file__).with_name("app.tcss"))

        def __init__(self, services: Services) -> None:
            super().__init__(services)
            self.watch = PaintWatch()
            self.watch.probe = self.dashboard_painted

        def dashboard_painted(self, text: str) -> bool:
            # The dashboard has its data and the frame shows the first objective's title.
            screen = self.screen
            if not isinstance(screen, DashboardScreen) or screen.data is None:
                return False
            if not screen.data.objectives:
                return True  # nothing to show: the empty state is the first paint
            if screen.query_one("#objectives", ObjectiveList).option_count == 0:
                return False
            return screen.data.objectives[0].objective.title[:16] in text

        def _display(self, screen: Any, renderable: Any) -> None:
            super()._display(screen, renderable)
            self.watch.frame(self, renderable)
            if exit_on_paint and self.watch.painted_at is not None:
                self.exit()

    services = Services(Store(db), "bench")
    services.workspace()  # as `okrtui` does before it starts the TUI (cli._open_tui)
    return BenchApp(services)


def peak_rss_mib() -> float:
    """This process's peak resident memory in MiB.

    VmHWM belongs to the process image since exec; getrusage's ru_maxrss would also count
    the parent's pages that the fork before exec copied (a parent holding an org-scale
    workspace), so it is only the fallback where there is no /proc.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 2**20 if sys.platform == "darwin" else rss / 1024


def run_first_paint(app: App[Any]) -> int:
    """Run `app` headless until it paints what it waits for; 0 when it did. Prints the
    peak RSS as JSON."""
    app.run(headless=True, size=SIZE)
    print(json.dumps({"peak_rss_mib": peak_rss_mib()}))
    return 0 if app.watch.painted_at is not None else 1  # type: ignore[attr-defined]


async def interact(db: Path, repeat: int) -> dict[str, Any]:
    """Milliseconds to open an objective and to filter by one typed character."""
    from textual.widgets import Input

    from okrtui.screens.dashboard import DashboardScreen
    from okrtui.screens.objective import ObjectiveScreen
    from okrtui.widgets.objective_list import ObjectiveList

    app = okr_app(db, exit_on_paint=False)
    opened: list[float] = []
    filtered: list[float] = []
    async with app.run_test(size=SIZE) as pilot:

        async def settle(done: Callable[[], bool]) -> None:
            for _ in range(200):
                await app.workers.wait_for_complete()
                await pilot.pause()
                if done() and app.watch.painted_at is not None:
                    return
            raise RuntimeError("the screen never showed what was awaited")

        def timed_until(done: Callable[[str], bool]) -> float:
            app.watch.painted_at = None
            app.watch.probe = done
            return time.perf_counter()

        await settle(lambda: isinstance(app.screen, DashboardScreen)
                     and app.screen.data is not None)
        dashboard = app.screen
        assert isinstance(dashboard, DashboardScreen) and dashboard.data is not None
        ids = [s.objective.id for s in dashboard.data.objectives]
        listing = dashboard.query_one("#objectives", ObjectiveList)
        for n in range(repeat):
            listing.highlighted = listing.get_option_index(ids[(n * 7) % len(ids)])
            await settle(lambda: True)

            def objective_shown(text: str) -> bool:
                screen = app.screen
                return isinstance(screen, ObjectiveScreen) and screen.data is not None

            began = timed_until(objective_shown)
            await pilot.press("enter")
            await settle(lambda: objective_shown(""))
            opened.append(app.watch.painted_at - began)  # type: ignore[operator]
            app.watch.probe = None
            await pilot.press("escape")
            await settle(lambda: app.screen is dashboard and not dashboard.workers)

        field = dashboard.query_one("#filter", Input)
        field.cursor_blink = False  # a blinking cursor repaints on its own
        await pilot.press("slash")
        for _ in range(repeat):
            before = len(dashboard.visible()[0])

            def filter_shown(text: str) -> bool:
                return dashboard.filter_text == "o"

            began = timed_until(filter_shown)
            await pilot.press("o")  # every title has its owner in it: the whole list
            await settle(lambda: filter_shown(""))
            filtered.append(app.watch.painted_at - began)  # type: ignore[operator]
            app.watch.probe = None
            await pilot.press("backspace")
            await settle(lambda: dashboard.filter_text == "")
            assert len(dashboard.visible()[0]) == before
    return {"open_objective_ms": [t * 1000 for t in opened],
            "filter_char_ms": [t * 1000 for t in filtered],
            "open_objective_median_ms": statistics.median(opened) * 1000,
            "filter_char_median_ms": statistics.median(filtered) * 1000}


def main(argv: list[str] | None = None) -> int:
    """Command line of the TUI benchmark child."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("bare", "dashboard", "interact"))
    parser.add_argument("db", type=Path, nargs="?")
    parser.add_argument("-n", "--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    if args.mode == "bare":
        return run_first_paint(BareApp())
    if args.db is None:
        parser.error("this mode needs the workspace file")
    if args.mode == "dashboard":
        return run_first_paint(okr_app(args.db, exit_on_paint=True))
    began = dt.datetime.now()
    result = asyncio.run(interact(args.db, args.repeat))
    result["seconds"] = (dt.datetime.now() - began).total_seconds()
    result["peak_rss_mib"] = peak_rss_mib()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
