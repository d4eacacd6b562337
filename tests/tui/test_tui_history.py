"""The objective screen's check-ins of the selected key result (newest first) and the
initiatives under it, driven by Pilot at 80x24 as a person would; each test asserts what
the file holds afterwards."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Input

from okrtui.domain.records.models import CheckIn, Initiative
from okrtui.messages import OpenObjective
from okrtui.screens.checkin_edit import CheckInEditScreen
from okrtui.screens.confirm import ConfirmScreen
from okrtui.screens.initiative_form import InitiativeFormScreen
from okrtui.screens.objective import ObjectiveScreen
from okrtui.services import Services
from okrtui.widgets.checkin_history import CheckInHistory
from okrtui.widgets.initiative_list import InitiativeList
from okrtui.widgets.kr_chart import KRChart
from okrtui.widgets.kr_table import KRTable
from tests.support.clock import TODAY, FixedClock
from tests.support.tui import fill, make_app, press, screen_text, settle

SIZE = (80, 24)


def clients(services: Services, clock: FixedClock) -> tuple[str, str]:
    """"Acquire 10 new clients" with check-ins 2, 4 and 9 (bob's last one a typo of
    "5"), a week apart; the objective's id and the key result's id."""
    objective = services.add_objective("Grow the company", "2026-Q4")
    kr = services.add_key_result(objective.id, "Acquire 10 new clients", target=10,
                                 unit="clients")
    for days, value, note in ((14, 2, "first two"), (7, 4, "steady"), (0, 9, "oops")):
        clock.now = dt.datetime.combine(TODAY - dt.timedelta(days=days), dt.time(9), dt.UTC)
        services.check_in(kr.id, value, confidence=7, note=note)
    clock.now = dt.datetime.combine(TODAY, dt.time(9, 30), dt.UTC)
    return objective.id, kr.id


async def open_objective(pilot, objective_id: str) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    pilot.app.post_message(OpenObjective(objective_id))
    await settle(pilot)
    assert isinstance(pilot.app.screen, ObjectiveScreen)


def stored_checkins(services: Services, kr_id: str) -> list[CheckIn]:
    """Every check-in of the key result in the file, removed ones too, oldest first."""
    ws = services.workspace()
    found = (ws.get("checkins", cid, CheckIn) for cid in ws.tables.get("checkins", {}))
    return sorted((c for c in found if c.kr_id == kr_id), key=lambda c: c.at)


async def test_the_history_lists_check_ins_newest_first_and_the_chart_marks_them(
        services: Services, clock: FixedClock) -> None:
    oid, _ = clients(services, clock)
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await open_objective(pilot, oid)
        history = app.screen.query_one("#history", CheckInHistory)
        assert [r.value for r in history.checkins] == [9, 4, 2]
        assert [history.get_row_at(n)[1].plain for n in range(3)] == ["alice"] * 3
        text = screen_text(app)
        assert text.index("oops") < text.index("steady") < text.index("first two")
        assert "Check-ins · 3, newest first" in text
        chart = app.screen.query_one("#chart", KRChart)
        start = dt.date(2026, 10, 1)
        assert chart.marks == tuple(
            (float((TODAY - dt.timedelta(days=d) - start).days), v)
            for d, v in ((14, 2.0), (7, 4.0), (0, 9.0)))
        assert chart.marked_point is None, "nothing stands out while the table has focus"
        await press(pilot, "tab")  # to the history: its cursor's check-in stands out
        assert app.focused is history
        assert chart.marked_point == chart.marks[-1]
        await press(pilot, "down")
        assert chart.marked_point == chart.marks[1]
        footer = text_of_footer(app)
        assert "e Correct" in footer and "d Remove" in footer and "Add KR" not in footer


def text_of_footer(app) -> str:  # type: ignore[no-untyped-def]
    """The last line of the screen: the footer."""
    return screen_text(app).rstrip("\n").splitlines()[-1]


async def test_a_mistaken_check_in_is_corrected_from_the_history(
        services: Services, clock: FixedClock) -> None:
    oid, kid = clients(services, clock)
    before = stored_checkins(services, kid)[-1]
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await open_objective(pilot, oid)
        await pilot.press("tab", "e")
        await settle(pilot)
        assert isinstance(app.screen, CheckInEditScreen)
        assert app.screen.query_one("#f-value", Input).value == "9"
        await fill(pilot, value="5", note="typo: it was 5")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ObjectiveScreen)
        history = app.screen.query_one("#history", CheckInHistory)
        assert [r.value for r in history.checkins] == [5, 4, 2], "the screen shows it at once"
        assert "5/10 clients" in screen_text(app)
    after = stored_checkins(services, kid)[-1]
    assert after.id == before.id and after.value == 5 and after.note == "typo: it was 5"
    assert after.rev == before.rev + 1 and after.updated_by == "alice"
    assert after.author == before.author and after.at == before.at
    assert after.confidence == 7, "only the fields changed are saved"


async def test_a_value_that_looks_like_a_typo_is_saved_only_after_a_yes(
        services: Services, clock: FixedClock) -> None:
    oid, kid = clients(services, clock)
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await open_objective(pilot, oid)
        await pilot.press("tab", "e")
        await settle(pilot)
        await fill(pilot, value="95")
        assert "looks like a typo" in screen_text(app)
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "n")
        assert isinstance(app.screen, CheckInEditScreen), "no: the form stays as typed"
        assert stored_checkins(services, kid)[-1].value == 9
        await press(pilot, "ctrl+s", "y")
        assert isinstance(app.screen, ObjectiveScreen)
    assert stored_checkins(services, kid)[-1].value == 95


async def test_a_mistaken_check_in_is_removed_after_a_confirmation(
        services: Services, clock: FixedClock) -> None:
    oid, kid = clients(services, clock)
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await open_objective(pilot, oid)
        await pilot.press("tab", "d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "9 clients" in screen_text(app) and "alice" in screen_text(app)
        await press(pilot, "n")
        assert len([c for c in stored_checkins(services, kid) if not c.deleted]) == 3
        await press(pilot, "d", "y")
        assert isinstance(app.screen, ObjectiveScreen)
        history = app.screen.query_one("#history", CheckInHistory)
        assert [r.value for r in history.checkins] == [4, 2]
        assert "4/10 clients" in screen_text(app), "the value goes back to the one before"
        assert app.screen.query_one("#chart", KRChart).marks[-1][1] == 4.0
    stored = stored_checkins(services, kid)
    assert len(stored) == 3, "a removal is a tombstone, not a deletion"
    gone = stored[-1]
    assert gone.value == 9 and gone.deleted and gone.deleted_by == "alice"
    assert gone.updated_by == "alice" and gone.rev == 2


def initiatives_of(services: Services, kr_id: str) -> list[Initiative]:
    """Every initiative of the key result in the file, deleted ones too."""
    ws = services.workspace()
    found = (ws.get("initiatives", iid, Initiative) for iid in ws.tables.get("initiatives", {}))
    return sorted((i for i in found if i.kr_id == kr_id), key=lambda i: i.position)


async def test_initiatives_are_added_ticked_edited_and_deleted(
        services: Services, clock: FixedClock) -> None:
    oid, kid = clients(services, clock)
    services.add_initiative(kid, "Run the partner webinar series")
    app = make_app(services)
    async with app.run_test(size=SIZE) as pilot:
        await open_objective(pilot, oid)
        assert app.focused is app.screen.query_one("#krs", KRTable)
        assert "Initiatives · 0 of 1 done" in screen_text(app)
        await press(pilot, "i")  # from the key-result table: work under the selected one
        assert isinstance(app.screen, InitiativeFormScreen)
        assert app.screen.query_one("#f-owner", Input).value == "alice"
        await fill(pilot, title="Call every lapsed client", owner="bob")
        await press(pilot, "enter")
        assert isinstance(app.screen, ObjectiveScreen)
        assert "Initiatives · 0 of 2 done" in screen_text(app)
        listing = app.screen.query_one("#initiatives", InitiativeList)
        await pilot.press("tab", "tab")
        await settle(pilot)
        assert app.focused is listing
        footer = text_of_footer(app)
        assert "space Tick" in footer and "i Add" in footer and "e Edit" in footer
        await press(pilot, "space")
        assert "Initiatives · 1 of 2 done" in screen_text(app)
        assert "✔ Run the partner webinar" in screen_text(app)
        await pilot.press("down", "e")
        await settle(pilot)
        assert isinstance(app.screen, InitiativeFormScreen)
        await fill(pilot, title="Call every lapsed client from 2025")
        await press(pilot, "enter", "d")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Call every lapsed client from 2025" in screen_text(app)
        await press(pilot, "y")
        assert "Initiatives · 1 of 1 done" in screen_text(app)
        await press(pilot, "space")  # untick the one left
        assert "Initiatives · 0 of 1 done" in screen_text(app)
    first, second = initiatives_of(services, kid)
    assert first.title == "Run the partner webinar series" and not first.done
    assert first.done_at is None and first.rev == 3, "ticked, then unticked"
    assert second.title == "Call every lapsed client from 2025" and second.owner == "bob"
    assert second.deleted and second.deleted_by == "alice"
