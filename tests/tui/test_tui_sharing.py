"""The TUI shares its file: teammates' changes show up, are told, and never lose typing.

Every test runs the real app on a real workspace file that another Services (another
person, as another process would) or a sync tool's rename changes underneath it.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from textual.widgets import Input

from okrtui.app import OkrApp
from okrtui.screens.activity import ActivityScreen
from okrtui.screens.checkin import CheckInScreen
from okrtui.screens.confirm import ConfirmScreen
from okrtui.screens.dashboard import DashboardScreen
from okrtui.screens.kr_form import KeyResultFormScreen
from okrtui.screens.objective import ObjectiveScreen
from okrtui.services import Services, lastseen
from okrtui.store import Store
from okrtui.watch import WATCH_INTERVAL
from tests.support.clock import FixedClock
from tests.support.tui import make_app, press, running, screen_text, settle, until

SIZE = (100, 30)


def notices(app: OkrApp) -> str:
    """Every notification the app has shown, as text."""
    return "\n".join(str(n.message) for n in app._notifications)


def ship_it(services: Services) -> tuple[str, str]:
    """An objective with one key result of 40 tickets; returns their ids."""
    objective = services.add_objective("Ship it", "2026-Q4")
    kr = services.add_key_result(objective.id, "Close 40 tickets", target=40, unit="tickets")
    return objective.id, kr.id


async def test_a_teammates_check_in_is_shown_and_told_within_the_interval(
        make_services: Callable[..., Services]) -> None:
    alice = make_services("alice")
    _, kr_id = ship_it(alice)
    app = make_app(alice)
    async with running(app, size=SIZE) as pilot:
        await press(pilot, "enter")
        assert "0/40 tickets" in screen_text(app)
        make_services("bob").check_in(kr_id, 12, confidence=8)
        # No nudge from the test: the app's own timer finds the change. The wait is for
        # the change to show, bounded generously: a loaded machine may run the timer late.
        await until(pilot, lambda: "12/40 tickets" in screen_text(app),
                    within=WATCH_INTERVAL * 5)
        assert "12/40 tickets" in screen_text(app)
        assert "bob checked in 12 tickets on “Close 40 tickets”" in notices(app)


async def test_a_file_replaced_by_a_sync_tool_is_picked_up(
        db_path: Path, tmp_path: Path, make_services: Callable[..., Services]) -> None:
    alice = make_services("alice")
    _, kr_id = ship_it(alice)
    app = make_app(alice)
    async with running(app, size=SIZE) as pilot:
        # Another machine's version arrives the way Syncthing and Dropbox write it: a
        # temporary file renamed over ours.
        elsewhere = tmp_path / "elsewhere" / "okrs.json"
        elsewhere.parent.mkdir()
        shutil.copy2(db_path, elsewhere)
        make_services("carol", path=elsewhere).check_in(kr_id, 30)
        incoming = db_path.with_name(".syncthing.okrs.json.tmp")
        shutil.copy2(elsewhere, incoming)
        os.replace(incoming, db_path)
        app.watcher.check()
        await settle(pilot)
        assert "carol checked in 30 tickets on “Close 40 tickets”" in notices(app)
        await press(pilot, "enter")
        assert "30/40 tickets" in screen_text(app)


async def test_an_open_form_keeps_typing_and_saves_only_what_was_typed(
        db_path: Path, make_services: Callable[..., Services]) -> None:
    alice = make_services("alice")
    objective_id, kr_id = ship_it(alice)
    app = make_app(alice)
    async with running(app, size=SIZE) as pilot:
        await press(pilot, "enter", "e")
        form = app.screen
        assert isinstance(form, KeyResultFormScreen)
        title = form.query_one("#f-title", Input)
        title.value = ""
        await pilot.press(*"Close 45 tickets")
        await settle(pilot)
        # Meanwhile bob raises the unit's target in his own process.
        make_services("bob").edit_key_result(kr_id, target=45, unit="issues")
        app.watcher.check()
        await settle(pilot)
        assert app.screen is form
        assert title.value == "Close 45 tickets"  # what alice typed stays
        assert form.query_one("#f-target", Input).value == "45"  # bob's value shows
        assert form.query_one("#f-unit", Input).value == "issues"
        assert "bob edited key result “Close 40 tickets” (target, unit)" in notices(app)
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ObjectiveScreen)
    kr = Services(Store(db_path), "check").workspace().key_result(kr_id)
    assert (kr.title, kr.target, kr.unit) == ("Close 45 tickets", 45.0, "issues")
    assert kr.updated_by == "alice" and kr.rev == 3
    assert objective_id == kr.objective_id


async def test_an_open_form_keeps_typing_when_its_record_is_deleted(
        make_services: Callable[..., Services]) -> None:
    alice = make_services("alice")
    _, kr_id = ship_it(alice)
    app = make_app(alice)
    async with running(app, size=SIZE) as pilot:
        await pilot.press("enter", "e")
        await settle(pilot)
        form = app.screen
        title = form.query_one("#f-title", Input)
        title.value = "Close 50 tickets"
        make_services("bob").delete_key_result(kr_id)
        app.watcher.check()
        await settle(pilot)
        assert app.screen is form and title.value == "Close 50 tickets"
        await press(pilot, "ctrl+s")
        assert app.screen is form  # not saved: the record is gone, and the form says so
        assert "deleted" in screen_text(app) or "no key result" in screen_text(app)


async def test_what_changed_since_i_last_looked(
        db_path: Path, make_services: Callable[..., Services], clock: FixedClock) -> None:
    alice = make_services("alice")
    objective_id, kr_id = ship_it(alice)
    lastseen.mark_seen(db_path, "alice", clock.now)
    clock.advance(days=2)
    make_services("bob").check_in(kr_id, 20, note="half way")
    alice.check_in(kr_id, 21)  # alice's own change is not news to her
    app = make_app(alice)
    async with running(app, size=SIZE) as pilot:
        text = screen_text(app)
        assert "1 change by bob since you last looked (Nov 22 09:30)" in text
        await press(pilot, "w")
        assert isinstance(app.screen, ActivityScreen)
        text = screen_text(app)
        assert "★ Nov 24 09:30 bob checked in 20 tickets on “Close 40 tickets”" in text
        # Everyone's changes are listed; only others' are news.
        assert "  Nov 24 09:30 alice checked in 21 tickets" in text
        await pilot.press("down", "up", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ObjectiveScreen)
        assert app.screen.objective_id == objective_id
    # Looking now is remembered for next time.
    assert lastseen.last_seen(db_path, "alice") == clock.now


async def test_no_news_line_the_first_time(make_services: Callable[..., Services],
                                           db_path: Path) -> None:
    alice = make_services("alice")
    ship_it(alice)
    app = make_app(alice)
    async with running(app, size=SIZE):
        assert "since you last looked" not in screen_text(app)
    assert lastseen.last_seen(db_path, "alice") is not None
    assert lastseen.last_seen(db_path, "bob") is None


def test_an_unreadable_state_file_is_ignored_and_rewritten(db_path: Path) -> None:
    path = lastseen.state_path()
    path.parent.mkdir(parents=True)
    path.write_text("{not json")
    assert lastseen.last_seen(db_path, "alice") is None
    at = dt.datetime(2026, 11, 22, 9, 30, tzinfo=dt.UTC)
    lastseen.mark_seen(db_path, "alice", at)
    assert lastseen.last_seen(db_path, "alice") == at


def conflict_copy(db_path: Path, make_services: Callable[..., Services], kr_id: str,
                  name: str) -> Path:
    """A sync tool's conflict copy beside the workspace, with a check-in of dave's in it."""
    copy = db_path.with_name(name)
    shutil.copy2(db_path, copy)
    make_services("dave", path=copy).check_in(kr_id, 33, note="from the laptop")
    return copy


async def test_conflict_copies_are_offered_at_start_and_merged(
        db_path: Path, make_services: Callable[..., Services]) -> None:
    alice = make_services("alice")
    _, kr_id = ship_it(alice)
    alice.check_in(kr_id, 10)
    copy = conflict_copy(db_path, make_services, kr_id,
                         "okrs.sync-conflict-20261122-101500-ABCDEFG.json")
    app = make_app(alice)
    async with running(app, size=SIZE) as pilot:
        text = screen_text(app)
        assert "1 conflict copy beside okrs.json" in text and copy.name in text
        await press(pilot, "y")
        assert "merged 1 conflict copy" in notices(app)
    notes = sorted(c.note for c in Services(Store(db_path), "x").workspace().checkins(kr_id))
    assert notes == ["", "from the laptop"]  # both sides' check-ins
    assert not copy.exists()
    assert list(db_path.parent.glob(".okrtui-backups/**/" + copy.name))  # kept, not deleted


async def test_a_conflict_copy_arriving_while_running_is_offered_once(
        db_path: Path, make_services: Callable[..., Services]) -> None:
    alice = make_services("alice")
    _, kr_id = ship_it(alice)
    app = make_app(alice)
    async with running(app, size=SIZE) as pilot:
        assert "conflict cop" not in screen_text(app)
        copy = conflict_copy(db_path, make_services, kr_id,
                             "okrs (Dave's conflicted copy 2026-11-22).json")
        app.watcher.check()
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        text = " ".join(screen_text(app).split())  # the name wraps inside the dialog
        assert "1 conflict copy beside okrs.json" in text and "(Dave's" in text
        await press(pilot, "n")  # not now: the copy stays, and is not asked about again
        app.watcher.check()
        await settle(pilot)
        assert "conflict cop" not in screen_text(app) and copy.exists()
        await press(pilot, "M")  # until the person asks
        await press(pilot, "y")
        assert not copy.exists()
        await press(pilot, "enter")
        assert "33/40 tickets" in screen_text(app)


async def test_a_check_in_stays_open_over_an_objective_a_teammate_deletes(
        make_services: Callable[..., Services]) -> None:
    # The objective under the dialog learns of the deletion first: it closes once it is
    # on top again, not the dialog in its place.
    alice = make_services("alice")
    objective_id, _ = ship_it(alice)
    app = make_app(alice)
    async with running(app, size=SIZE) as pilot:
        await press(pilot, "enter", "c", "5")
        form = app.screen
        assert isinstance(form, CheckInScreen)
        make_services("bob").delete_objective(objective_id)
        app.watcher.check()
        await settle(pilot)
        assert app.screen is form and form.query_one("#f-value", Input).value == "5"
        await press(pilot, "escape", "y")  # discard what was typed
        assert isinstance(app.screen, DashboardScreen)
        assert notices(app).count("This objective was deleted.") == 1
