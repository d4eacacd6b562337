"""What each screen shows, at 80x24 and 120x40, on the sample workspace of 2026-11-22.

Snapshots live in snapshots/test_tui_snapshots/ (see conftest.py). Update them with
`pytest tests/test_tui_snapshots.py --snapshot-update` and look at the SVGs before
committing. The sample is built for a fixed day, the app's today is fixed, the cursor
does not blink and nothing animates, so every run draws the same screens.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from okrtui import sample
from okrtui.app import OkrApp
from okrtui.domain.records.workspace import SCHEMA_VERSION
from okrtui.services import Services, lastseen
from okrtui.store import Store
from tests.support.clock import TODAY, FixedClock
from tests.support.tui import SIZES, keys, make_app


@pytest.fixture(autouse=True)
def _colour(monkeypatch: pytest.MonkeyPatch) -> None:
    """Snapshots in colour (the NO_COLOR snapshot sets it again itself)."""
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.mark.parametrize("size", SIZES)
def test_dashboard(snap_compare, sample_app: OkrApp, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """Objectives of 2026-Q4 by owner with bars, scores and status; the KPI strip."""
    assert snap_compare(sample_app, terminal_size=size, run_before=keys())


def test_dashboard_no_color(snap_compare, sample_app: OkrApp,  # type: ignore[no-untyped-def]
                            monkeypatch: pytest.MonkeyPatch) -> None:
    """With NO_COLOR the status still reads: a word and a symbol on every row."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(sample_app.session.services, demo=True)  # NO_COLOR is read when the app is made
    assert snap_compare(app, terminal_size=(80, 24), run_before=keys())


@pytest.mark.parametrize("size", SIZES)
def test_dashboard_filtered(snap_compare, sample_app: OkrApp, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """`/` then "carol": only carol's objectives and KPIs."""
    assert snap_compare(sample_app, terminal_size=size,
                        run_before=keys("slash", *"carol"))


@pytest.mark.parametrize("size", SIZES)
def test_dashboard_empty(snap_compare, empty_app: OkrApp, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """An empty workspace says how to add the first objective."""
    assert snap_compare(empty_app, terminal_size=size, run_before=keys())


@pytest.mark.parametrize("size", SIZES)
def test_dashboard_next_period(snap_compare, sample_app: OkrApp, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """`]`: an empty next quarter says how to plan it."""
    assert snap_compare(sample_app, terminal_size=size, run_before=keys("]"))


@pytest.mark.parametrize("size", SIZES)
def test_objective(snap_compare, sample_app: OkrApp, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """Bob's objective: key results with value/target, bars, status; chart of the first."""
    assert snap_compare(sample_app, terminal_size=size, run_before=keys("down", "enter"))


@pytest.mark.parametrize("size", SIZES)
def test_objective_second_kr(snap_compare, sample_app: OkrApp, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """Dave's objective, a decreasing metric selected: the ideal line goes down."""
    assert snap_compare(sample_app, terminal_size=size,
                        run_before=keys("down", "down", "down", "down", "enter"))


@pytest.mark.parametrize("size", SIZES)
def test_key_result_form(snap_compare, sample_app: OkrApp, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """A new key result whose target equals its start: the rule under the target field."""
    assert snap_compare(sample_app, terminal_size=size, run_before=keys(
        "down", "enter", "a", *"Sign 5 resellers", "tab", "tab", "tab", "0"))


@pytest.mark.parametrize("size", SIZES)
def test_key_result_form_sixth(snap_compare, sample_app: OkrApp, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """Alice's objective with 5 key results: the form says a 6th is refused, at once."""
    services = sample_app.session.services
    objective = services.workspace().objectives(owner="alice")[0]
    services.add_key_result(objective.id, "Close 3 partnerships", target=3, unit="deals")
    assert snap_compare(sample_app, terminal_size=size, run_before=keys("enter", "a"))


@pytest.mark.parametrize("size", SIZES)
def test_check_in(snap_compare, sample_app: OkrApp, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """Check-in: the previous value, and the new progress for what is typed."""
    assert snap_compare(sample_app, terminal_size=size,
                        run_before=keys("down", "enter", "c", "4", "2"))


@pytest.mark.parametrize("size", SIZES)
def test_objective_form(snap_compare, sample_app: OkrApp, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """A new objective: period and owner filled in; the title is typed."""
    assert snap_compare(sample_app, terminal_size=size,
                        run_before=keys("n", *"Make onboarding delightful"))


@pytest.mark.parametrize("size", SIZES)
def test_confirm_delete(snap_compare, sample_app: OkrApp, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """Deleting a key result asks first; the safe answer has the focus."""
    assert snap_compare(sample_app, terminal_size=size, run_before=keys("down", "enter", "d"))


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare, sample_app: OkrApp, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """`?` on the objective screen: every key of that screen."""
    assert snap_compare(sample_app, terminal_size=size,
                        run_before=keys("down", "enter", "question_mark"))


@pytest.mark.parametrize("size", SIZES)
def test_kpis(snap_compare, sample_app: OkrApp, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """`k`: every KPI with trend, latest value and RAG; the chart with its thresholds."""
    assert snap_compare(sample_app, terminal_size=size, run_before=keys("k"))


@pytest.mark.parametrize("size", SIZES)
def test_kpi_record(snap_compare, sample_app: OkrApp, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """Recording a KPI value shows the colour the value gets."""
    assert snap_compare(sample_app, terminal_size=size,
                        run_before=keys("k", "down", "v", "8", "4"))


@pytest.mark.parametrize("size", SIZES)
def test_kpi_promote(snap_compare, sample_app: OkrApp, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """Promoting a KPI: a target on the wrong side of its latest value is refused."""
    assert snap_compare(sample_app, terminal_size=size,
                        run_before=keys("k", "p", "4", "5"))


@pytest.mark.parametrize("size", SIZES)
def test_alignment(snap_compare, sample_app: OkrApp, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """`t`: the company objective with the team and personal ones aligned below it."""
    assert snap_compare(sample_app, terminal_size=size, run_before=keys("t"))


@pytest.mark.parametrize("size", SIZES)
def test_review(snap_compare, sample_app: OkrApp, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """`r`: what lint finds in the period, per objective."""
    assert snap_compare(sample_app, terminal_size=size, run_before=keys("r"))


@pytest.fixture
def looked_app(sample_app: OkrApp) -> OkrApp:
    """The sample, with alice having last looked on 2026-11-15 at 09:00."""
    lastseen.mark_seen(sample_app.session.services.path, "alice",
                       dt.datetime(2026, 11, 15, 9, 0, tzinfo=dt.UTC))
    return sample_app


@pytest.mark.parametrize("size", SIZES)
def test_dashboard_news(snap_compare, looked_app: OkrApp, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """A line under the top bar: how many changes by whom since alice last looked."""
    assert snap_compare(looked_app, terminal_size=size, run_before=keys())


@pytest.mark.parametrize("size", SIZES)
def test_activity(snap_compare, looked_app: OkrApp, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """What's new (w): everyone's changes, newest first, others' since the last look starred."""
    assert snap_compare(looked_app, terminal_size=size, run_before=keys("w"))


@pytest.mark.parametrize("size", SIZES)
def test_workspace_error(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """A broken file opens on a screen that names it, says what is wrong, and how to go on."""
    path = tmp_path / "okrs.json"
    path.write_text('{"objectives": {"a": ')
    # The reason as the command line reads it, with a path that is the same on every run.
    reason = ("/home/alice/okrs.json is not valid JSON (unexpected end of data: line 1 column "
              "21 (char 20)); it was left as it is; newest backup: "
              "/home/alice/.okrtui-backups/okrs.20261121T170000-000000000.json")
    app = OkrApp(Services(Store(path), "alice", clock=FixedClock()), today=TODAY,
                 startup_error=reason)
    assert snap_compare(app, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_dashboard_read_only(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """A file from a newer okrtui opens read-only, and the top bar says so."""
    path = sample.build(tmp_path / "sample.json", TODAY)
    text = path.read_text().replace(f'"schema":{SCHEMA_VERSION}', '"schema":99')
    assert '"schema":99' in text
    path.write_text(text)
    app = make_app(Services(Store(path), "alice", clock=FixedClock()))
    assert snap_compare(app, terminal_size=size, run_before=keys())
