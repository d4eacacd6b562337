"""The TUI on a teammate's hostile or careless file: escape codes only as text, one line
instead of a traceback, every objective still shown."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from okrtui.app import OkrApp
from okrtui.screens.confirm import ConfirmScreen
from okrtui.services import Services
from okrtui.store import Store
from tests.support.clock import FixedClock
from tests.support.merge import KR, OBJ, checkin, enc, key_result, objective, workspace
from tests.support.terminal import on_terminal
from tests.support.tui import field_error, fill, make_app, press, running, screen_text

ESC = "\x1b]0;pwned\x07"
SIZE = (100, 30)


def _notices(app: OkrApp) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


def _services(db: Path) -> Services:
    return Services(Store(db), "alice", clock=FixedClock())


async def test_a_conflict_copy_named_with_escape_codes_is_offered_as_text(
        db_path: Path, make_services: Callable[..., Services]) -> None:
    alice = make_services("alice")
    alice.add_objective("Ship it", "2026-Q4")
    copy = db_path.with_name(f"okrs ({ESC}'s conflicted copy 2026-11-22).json")
    shutil.copy2(db_path, copy)
    make_services("dave", path=copy).add_objective("From the laptop", "2026-Q4")
    app = make_app(alice)
    async with running(app, size=SIZE) as pilot:
        assert isinstance(app.screen, ConfirmScreen)
        question = app.screen.question.plain
        assert "\x1b" not in question and "\x07" not in question
        assert "\\x1b]0;pwned\\x07" in question
        await press(pilot, "y")
        assert "merged 1 conflict copy" in _notices(app)
        assert "\x1b" not in _notices(app) and "\\x1b" in _notices(app)


async def test_the_merge_prompt_leaves_a_copy_that_links_to_a_private_file(
        tmp_path: Path, db_path: Path, make_services: Callable[..., Services]) -> None:
    private = tmp_path / "home" / "okrs.json"
    private.parent.mkdir()
    Services.open(private, "alice").add_objective("Secret reorganisation plan", "2026-Q4")
    alice = make_services("alice")
    alice.add_objective("Ship it", "2026-Q4")
    planted = db_path.with_name("okrs.sync-conflict-20261122-093000-ABCDEFG.json")
    planted.symlink_to(private)
    app = make_app(alice)
    async with running(app, size=SIZE) as pilot:
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "y")
        assert "symbolic link" in _notices(app)
        assert "Secret reorganisation plan" not in screen_text(app)
    assert "Secret reorganisation plan" not in db_path.read_text()
    assert planted.is_symlink()


async def test_an_error_toast_that_names_a_record_carries_no_escape_code(
        db_path: Path) -> None:
    db_path.write_bytes(enc(workspace(objectives={f"ab{ESC}cd-0001": objective("")})))
    app = make_app(_services(db_path))
    async with running(app, size=SIZE):
        text = _notices(app)
        assert "is invalid" in text, text
        assert "\x1b" not in text and "\x07" not in text


async def test_times_without_a_zone_still_show_on_the_dashboard(db_path: Path) -> None:
    naive = "2026-11-20T09:00:00"
    db_path.write_bytes(enc(workspace(
        objectives={OBJ: objective(created_at=naive, updated_at=naive)},
        key_results={KR: key_result()},
        checkins={"c0000000-0000-4000-8000-000000000001": checkin(value=50.0, at=naive),
                  "c0000000-0000-4000-8000-000000000002": checkin(value=80.0)})))
    app = make_app(_services(db_path))
    async with running(app, size=SIZE):
        assert "Expand our customer base" in screen_text(app)
        assert "Cannot read" not in _notices(app)


def _tampered(db: Path, schema: Any) -> None:
    data = workspace(objectives={OBJ: objective()})
    data["meta"]["meta"]["schema"] = schema
    db.write_bytes(enc(data))


def test_the_tui_opens_on_a_tampered_schema_with_one_line_not_a_traceback(
        tmp_path: Path) -> None:
    db = tmp_path / "okrs.json"
    _tampered(db, "abc")
    before = db.read_bytes()
    with on_terminal(db) as (proc, screen):
        screen.wait_for(b"not a version number")  # the workspace error screen says why
        screen.send(b"q")
        proc.wait(timeout=20)
        screen.drain()
    assert b"Traceback" not in screen.seen
    assert proc.returncode == 2
    assert db.read_bytes() == before


async def test_the_alignment_tree_shows_objectives_a_merge_aligned_under_each_other(
        db_path: Path) -> None:
    x, y = "0b7e1c2d-0000-4000-8000-00000000000a", "0b7e1c2d-0000-4000-8000-00000000000b"
    db_path.write_bytes(enc(workspace(objectives={
        x: objective("Win the market", parent_id=y),
        y: objective("Ship the product", parent_id=x),
        OBJ: objective("Grow the team")})))
    app = make_app(_services(db_path))
    async with running(app, size=SIZE) as pilot:
        await press(pilot, "t")
        text = screen_text(app)
        for title in ("Win the market", "Ship the product", "Grow the team"):
            assert title in text, text


async def test_a_title_of_zero_width_spaces_is_refused_under_the_field(db_path: Path) -> None:
    services = _services(db_path)
    services.add_objective("Visible", "2026-Q4")
    app = make_app(services)
    async with running(app, size=SIZE) as pilot:
        await press(pilot, "n")
        await fill(pilot, title="\u200b\u2060\u3164")
        await press(pilot, "ctrl+s")
        assert field_error(app, "title") == "must not be empty"
    assert len(Services(Store(db_path), "x").workspace().objectives()) == 1


async def test_stepping_and_carrying_past_9999_q4_says_so_instead_of_crashing(
        db_path: Path) -> None:
    services = _services(db_path)
    services.add_objective("The last quarter", "9999-Q4")
    app = make_app(services)
    async with running(app, size=SIZE) as pilot:
        await press(pilot, "]")  # the next period with objectives: 9999-Q4
        assert "The last quarter" in screen_text(app)
        await press(pilot, "]")  # nothing comes after it
        assert "there is no period after 9999-Q4" in _notices(app)
        assert "The last quarter" in screen_text(app)
        await press(pilot, "C")  # carry over into the period after it
        assert _notices(app).count("there is no period after 9999-Q4") == 2
        assert "The last quarter" in screen_text(app)
