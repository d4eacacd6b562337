"""Nothing typed is lost in the edit forms: `e !` on a key result (or `o !` for the
objective, `e !` on an initiative) typed at once lands on the record's title as if typed
slowly, however long the form takes to read the record; a form of a new record takes its
keys at once."""

from __future__ import annotations

import asyncio

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from okrtui.messages import OpenObjective
from okrtui.screens.form import FormScreen
from okrtui.screens.initiative_form import InitiativeFormScreen
from okrtui.screens.kr_form import KeyResultFormScreen
from okrtui.screens.objective import ObjectiveScreen
from okrtui.screens.objective_form import ObjectiveFormScreen
from okrtui.services import Services
from okrtui.widgets.initiative_list import InitiativeList
from tests.support.builders import objective_with_krs
from tests.support.tui import SlowRead, make_app, send_at_once, settle, until_shown

SIZE = (100, 30)


def grow(services: Services) -> str:
    """"Grow the blog", one key result with one initiative; the objective's id."""
    objective, (kr,) = objective_with_krs(services, "Grow the blog", krs=((0, 10),))
    services.add_initiative(kr.id, "Write a post a week")
    return objective.id


async def on_objective(pilot: Pilot, objective_id: str, where: str) -> None:
    """The objective screen, with the key results (or the initiatives) focused."""
    await settle(pilot)
    pilot.app.post_message(OpenObjective(objective_id))
    await settle(pilot)
    assert isinstance(pilot.app.screen, ObjectiveScreen)
    if where == "initiatives":
        pilot.app.screen.query_one(InitiativeList).focus()
        await settle(pilot)


def title(app) -> str:  # type: ignore[no-untyped-def]
    return app.screen.query_one("#f-title", Input).value


CASES = [
    pytest.param("key results", "e", KeyResultFormScreen, "Grow the blog KR 1!", id="kr"),
    pytest.param("key results", "o", ObjectiveFormScreen, "Grow the blog!", id="objective"),
    pytest.param("initiatives", "e", InitiativeFormScreen, "Write a post a week!",
                 id="initiative"),
]


@pytest.mark.parametrize(("where", "key", "form", "expected"), CASES)
async def test_typed_slowly(services: Services, where: str, key: str,
                            form: type[FormScreen], expected: str) -> None:
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await on_objective(pilot, grow(services), where)
        for typed in (key, "exclamation_mark"):
            await pilot.press(typed)
            await settle(pilot)
        assert isinstance(app.screen, form)
        assert title(app) == expected


@pytest.mark.parametrize(("where", "key", "form", "expected"), CASES)
async def test_a_burst_waits_for_the_record_to_be_read(
        services: Services, monkeypatch: pytest.MonkeyPatch, where: str, key: str,
        form: type[FormScreen], expected: str) -> None:
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await on_objective(pilot, grow(services), where)
        held = SlowRead(services, monkeypatch)
        send_at_once(pilot, key, "exclamation_mark")
        await until_shown(lambda: isinstance(app.screen, form) and title(app) == "")
        await asyncio.sleep(0.5)  # the app is idle, the read held: time to let a key by
        # The form is up, the title not yet: the "!" waits for it rather than become the
        # title on its own.
        assert title(app) == ""
        held.go_on.set()
        await settle(pilot)
        assert title(app) == expected


async def test_a_new_key_result_takes_keys_before_its_read(
        services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    """`a` then a title, while the read is held: nothing to wait for, the title is typed."""
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await on_objective(pilot, grow(services), "key results")
        held = SlowRead(services, monkeypatch)
        send_at_once(pilot, "a", "N", "e", "w")
        await until_shown(lambda: isinstance(app.screen, KeyResultFormScreen)
                          and title(app) == "New")
        held.go_on.set()
        await settle(pilot)
        assert title(app) == "New"
