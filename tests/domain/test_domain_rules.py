"""The rules okrtui keeps, tested in the domain: the models, okrtui.domain.rules.checks and lint,
and Services on a temp workspace where a rule needs the workspace.

Each refusal is checked for the sentence a person reads (okrtui.domain.errors.describe
for pydantic errors) and, through Services, for the file staying byte for byte as it was.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from okrtui.domain.records.errors import OkrError, RuleViolation, describe
from okrtui.domain.records.models import KPI, CheckIn, KeyResult, Objective, Settings
from okrtui.domain.records.text import safe_text
from okrtui.domain.rules import checks as rules
from okrtui.domain.rules.lint import lint
from okrtui.services import Services
from tests.support.builders import sha
from tests.support.clock import TODAY

NOW = dt.datetime(2026, 11, 22, 9, 30, tzinfo=dt.UTC)
FINITE = "must be a finite number (not NaN or infinity)"


def stamps(**fields: Any) -> dict[str, Any]:
    """The fields every record needs, plus `fields`."""
    return {"id": "0000aaaa-test", "updated_at": NOW, "created_at": NOW, **fields}


def refusal(model: type, **fields: Any) -> str:
    """Validate `fields` with `model`, which must refuse them; return the sentence."""
    with pytest.raises(ValidationError) as info:
        model.model_validate(stamps(**fields))
    return describe(info.value)


def kr_fields(**fields: Any) -> dict[str, Any]:
    """A metric key result from 0 to 10, with `fields` on top."""
    return {"objective_id": "obj-0000", "title": "Acquire 10 customers", "target": 10.0,
            **fields}


@contextmanager
def unchanged(path: Path) -> Iterator[None]:
    """Assert that the block leaves the workspace file byte for byte as it was."""
    before = sha(path)
    yield
    assert sha(path) == before


def refused(path: Path, action: Callable[[], object]) -> str:
    """Run a service action that must be refused; return its one line; file unchanged."""
    with unchanged(path), pytest.raises((OkrError, ValidationError)) as info:
        action()
    message = describe(info.value)
    assert "\n" not in message
    return message


def objective_with(services: Services, n_krs: int, title: str = "Expand our customer base",
                   period: str = "2026-Q4", **fields: Any) -> Objective:
    """An objective with `n_krs` metric key results."""
    objective = services.add_objective(title, period, **fields)
    for n in range(n_krs):
        services.add_key_result(objective.id, f"Sign {n + 10} partners", target=n + 10,
                                unit="partners")
    return objective


def findings(services: Services, rule: str) -> list[str]:
    """Lint's messages for one rule on the workspace today."""
    return [f.message for f in lint(services.workspace(), TODAY) if f.rule == rule]


# ---- key results per objective ---------------------------------------------------------


def test_a_sixth_key_result_is_refused(services: Services, db_path: Path) -> None:
    objective = objective_with(services, 5)
    message = refused(db_path, lambda: services.add_key_result(
        objective.id, "Sign 99 partners", target=99, unit="partners"))
    assert message == "objective: an objective has at most 5 key results"
    # A deleted key result makes room again.
    first = services.workspace().key_results(objective.id)[0]
    services.delete_key_result(first.id)
    services.add_key_result(objective.id, "Sign 99 partners", target=99, unit="partners")
    assert len(services.workspace().key_results(objective.id)) == 5


def test_the_form_learns_of_the_limit_before_anything_is_typed(services: Services) -> None:
    objective = objective_with(services, 5)
    with pytest.raises(RuleViolation, match="at most 5 key results") as info:
        rules.check_room_for_key_result(services.workspace(), objective.id)
    assert info.value.field == "objective"
    # Editing one of the five is not adding a sixth.
    kr = services.workspace().key_results(objective.id)[0]
    rules.check_room_for_key_result(services.workspace(), objective.id, kr.id)


def test_fewer_than_three_key_results_is_flagged(services: Services) -> None:
    two = objective_with(services, 2, title="Two KRs")
    three = objective_with(services, 3, title="Three KRs")
    flagged = [f for f in lint(services.workspace(), TODAY) if f.rule == "kr-count"]
    assert [f.id for f in flagged] == [two.id]
    assert flagged[0].message == "objective 'Two KRs' has 2 key results; aim for 3 to 5"
    assert three.id not in {f.id for f in flagged}


# ---- objectives per owner per period ---------------------------------------------------


def test_a_sixth_objective_per_owner_and_period_is_refused(services: Services,
                                                           db_path: Path) -> None:
    for n in range(5):
        services.add_objective(f"Objective {n}", "2026-Q4")
    message = refused(db_path, lambda: services.add_objective("One too many", "2026-Q4"))
    assert message == ("owner: alice already has 5 objectives in 2026-Q4; "
                       "an owner has at most 5 per period")
    # Another owner, another period, or a draft is fine.
    services.add_objective("Bob's", "2026-Q4", owner="bob")
    services.add_objective("Next year", "2027-Q1")
    services.add_objective("Same quarter, other spelling", "2026-10-01..2026-12-31")
    services.add_objective("Maybe later", "2026-Q4", status="draft")
    assert len(services.workspace().objectives(period="2026-Q4", owner="alice")) == 6


def test_handing_an_objective_to_a_full_owner_is_refused(services: Services,
                                                        db_path: Path) -> None:
    for n in range(5):
        services.add_objective(f"Objective {n}", "2026-Q4", owner="bob")
    mine = services.add_objective("Mine", "2026-Q4")
    draft = services.add_objective("A draft", "2026-Q4", owner="bob", status="draft")
    message = refused(db_path, lambda: services.edit_objective(mine.id, owner="bob"))
    assert message.startswith("owner: bob already has 5 objectives in 2026-Q4")
    assert "at most 5" in refused(db_path, lambda: services.edit_objective(
        draft.id, status="active"))
    # Editing one of bob's five is not a sixth.
    first = services.workspace().objectives(owner="bob")[0]
    services.edit_objective(first.id, title="Renamed")


# ---- KPIs per owner --------------------------------------------------------------------


def test_a_thirteenth_kpi_per_owner_is_refused(services: Services, db_path: Path) -> None:
    for n in range(12):
        services.add_kpi(f"KPI {n:02}", green=10, red=5)
    message = refused(db_path, lambda: services.add_kpi("KPI 13", green=10, red=5))
    assert message == "owner: alice already has 12 KPIs; an owner has at most 12"
    services.add_kpi("Bob's", owner="bob", green=10, red=5)
    bobs = services.workspace().kpis(owner="bob")[0]
    assert "at most 12" in refused(db_path, lambda: services.edit_kpi(bobs.id, owner="alice"))
    # Editing one of the twelve is fine.
    services.edit_kpi(services.workspace().kpis(owner="alice")[0].id, unit="%")


def test_more_than_eight_kpis_is_flagged(services: Services) -> None:
    for n in range(8):
        services.add_kpi(f"KPI {n}", green=10, red=5)
    assert findings(services, "kpi-count") == []
    services.add_kpi("KPI 9", green=10, red=5)
    assert findings(services, "kpi-count") == ["alice has 9 KPIs; more than 8 is hard to watch"]


# ---- the numbers come from the workspace's settings ------------------------------------


def test_the_limits_move_with_the_settings(services: Services, db_path: Path) -> None:
    services.update_settings(max_key_results=3, min_key_results=2,
                             max_objectives_per_owner=2, max_kpis_per_owner=2,
                             kpi_flag_over=1)
    objective = objective_with(services, 3)
    assert refused(db_path, lambda: services.add_key_result(
        objective.id, "Sign 4 partners", target=4, unit="x")) == (
        "objective: an objective has at most 3 key results")
    services.add_objective("Second", "2026-Q4")
    assert "at most 2 per period" in refused(
        db_path, lambda: services.add_objective("Third", "2026-Q4"))
    services.add_kpi("Uptime", green=99, red=95)
    assert findings(services, "kpi-count") == []
    services.add_kpi("Churn", direction="lower", green=2, red=5)
    assert findings(services, "kpi-count") == ["alice has 2 KPIs; more than 1 is hard to watch"]
    assert refused(db_path, lambda: services.add_kpi("Leads")) == (
        "owner: alice already has 2 KPIs; an owner has at most 2")
    two = services.add_objective("Two KRs", "2026-Q4", owner="bob")
    for n in range(2):
        services.add_key_result(two.id, f"Sign {n + 5} partners", target=n + 5, unit="x")
    assert two.id not in {f.id for f in lint(services.workspace(), TODAY)
                          if f.rule == "kr-count"}
    # Raising the limit again makes room.
    services.update_settings(max_key_results=4)
    services.add_key_result(objective.id, "Sign 4 partners", target=4, unit="x")


@pytest.mark.parametrize(
    ("changes", "message"),
    [({"max_key_results": 0}, "max_key_results: must be at least 1"),
     ({"max_objectives_per_owner": 51}, "max_objectives_per_owner: must be at most 50"),
     ({"max_kpis_per_owner": "many"}, "max_kpis_per_owner: must be a number")],
)
def test_settings_are_validated(services: Services, db_path: Path,
                                changes: dict[str, Any], message: str) -> None:
    services.add_objective("Something on disk", "2026-Q4")
    assert refused(db_path, lambda: services.update_settings(**changes)) == message
    assert Settings().max_key_results == 5


# ---- key results: ambition, milestones, due dates --------------------------------------


@pytest.mark.parametrize(("start", "target"), [(0, 0), (40, 40.0), (0.0, -0.0), (-0.0, 0)])
def test_a_metric_target_must_differ_from_its_start(start: float, target: float) -> None:
    message = refusal(KeyResult, **kr_fields(start=start, target=target))
    assert message == "target: the target must differ from the start"


def test_keep_above_and_below_may_start_at_their_target() -> None:
    for kind in ("above", "below"):
        kr = KeyResult.model_validate(stamps(**kr_fields(kind=kind, start=95, target=95)))
        assert (kr.start, kr.target) == (95, 95)
    message = refusal(KeyResult, **kr_fields(kind="above", target=None))
    assert message == "target: a key result of this kind needs a target number"


def test_metric_target_refusal_through_services(services: Services, db_path: Path) -> None:
    objective = objective_with(services, 1)
    assert refused(db_path, lambda: services.add_key_result(
        objective.id, "Stay at 40 min", start=40, target=40)) == (
        "target: the target must differ from the start")
    kr = services.workspace().key_results(objective.id)[0]
    assert refused(db_path, lambda: services.edit_key_result(kr.id, target=0)) == (
        "target: the target must differ from the start")


def test_a_milestone_is_normalised_to_zero_and_one(services: Services, db_path: Path) -> None:
    kr = KeyResult.model_validate(stamps(**kr_fields(kind="milestone", start=5, target=7)))
    assert (kr.start, kr.target) == (0.0, 1.0)
    objective = objective_with(services, 0)
    # A person who gives a milestone numbers is told so, not silently overruled.
    assert refused(db_path, lambda: services.add_key_result(
        objective.id, "Launch the MVP", kind="milestone", start=3, target=12)).startswith(
        "target: a milestone is done or not done and takes no target number")
    stored = services.add_key_result(objective.id, "Launch the MVP", kind="milestone")
    assert (stored.start, stored.target) == (0.0, 1.0)
    raw = json.loads(db_path.read_text())["key_results"][stored.id]
    assert (raw["start"], raw["target"]) == (0.0, 1.0)
    assert refused(db_path, lambda: services.check_in(stored.id, 0.5)) == (
        "value: a milestone is done (1) or not done (0)")
    services.check_in(stored.id, 1.0)


def test_every_due_date_lies_inside_the_period(services: Services, db_path: Path) -> None:
    objective = objective_with(services, 0)
    for day in (dt.date(2026, 10, 1), dt.date(2026, 12, 31)):  # both ends are inside
        services.add_key_result(objective.id, f"Due {day}", target=1, unit="x", due=day)
    assert refused(db_path, lambda: services.add_key_result(
        objective.id, "Too late", target=1, unit="x", due=dt.date(2027, 1, 1))) == (
        "due: the due date 2027-01-01 lies outside the objective's period 2026-Q4 "
        "(2026-10-01 to 2026-12-31)")
    kr = services.workspace().key_results(objective.id)[0]
    assert refused(db_path, lambda: services.edit_key_result(
        kr.id, due=dt.date(2026, 9, 30))).startswith("due: the due date 2026-09-30 lies outside")


def test_moving_an_objective_keeps_due_dates_inside(services: Services, db_path: Path) -> None:
    # Changing the period must not strand a key result's due date outside it.
    objective = objective_with(services, 0)
    services.add_key_result(objective.id, "Sign 5 partners", target=5, unit="x",
                            due=dt.date(2026, 11, 30))
    assert refused(db_path, lambda: services.edit_objective(objective.id, period="2027-Q1")) == (
        "period: key result 'Sign 5 partners' is due 2026-11-30, outside 2027-Q1 "
        "(2027-01-01 to 2027-03-31); change its due date first")
    # A period that still holds the due date is fine, and so is a key result without one.
    services.edit_objective(objective.id, period="2026-H2")
    services.add_key_result(objective.id, "Sign 6 partners", target=6, unit="x")
    services.edit_objective(objective.id, period="2026")


# ---- KPI bands -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("direction", "green", "red", "message"),
    [("higher", 95, 99, "green: when higher is better, green must be above red"),
     ("higher", 95, 95, "green: when higher is better, green must be above red"),
     ("lower", 45, 30, "green: when lower is better, green must be below red"),
     ("lower", 30, 30, "green: when lower is better, green must be below red")],
)
def test_a_kpi_band_must_agree_with_its_direction(services: Services, db_path: Path,
                                                  direction: str, green: float, red: float,
                                                  message: str) -> None:
    assert refusal(KPI, name="Uptime", direction=direction, green=green, red=red) == message
    services.add_kpi("Something on disk")
    assert refused(db_path, lambda: services.add_kpi(
        "Uptime", direction=direction, green=green, red=red)) == message


def test_turning_a_kpi_around_without_its_band_is_refused(services: Services,
                                                          db_path: Path) -> None:
    kpi = services.add_kpi("Response time", green=30, red=45, direction="lower")
    assert refused(db_path, lambda: services.edit_kpi(kpi.id, direction="higher")) == (
        "green: when higher is better, green must be above red")
    services.edit_kpi(kpi.id, direction="higher", green=45, red=30)
    # Half a band is allowed (no colour until both are set).
    services.add_kpi("Leads", green=10)


# ---- text: titles, names, units, notes -------------------------------------------------


@pytest.mark.parametrize("title", ["", "   ", "\t\n", "\x1b\x1b", "\u202e"])
def test_a_title_must_not_be_empty_after_trimming(title: str) -> None:
    assert refusal(Objective, title=title, period="2026-Q4") == "title: must not be empty"
    assert refusal(KPI, name=title) == "name: must not be empty"


def test_a_title_is_at_most_200_characters() -> None:
    longest = Objective.model_validate(stamps(title="x" * 200, period="2026-Q4"))
    assert len(longest.title) == 200
    padded = Objective.model_validate(stamps(title=f"  {'y' * 200}  ", period="2026-Q4"))
    assert padded.title == "y" * 200  # measured after trimming
    assert refusal(Objective, title="x" * 201, period="2026-Q4") == (
        "title: must be at most 200 characters")
    assert refusal(KeyResult, **kr_fields(title="k" * 201)) == (
        "title: must be at most 200 characters")


def test_title_refusals_through_services(services: Services, db_path: Path) -> None:
    objective = services.add_objective("Something on disk", "2026-Q4")
    assert refused(db_path, lambda: services.add_objective("  ", "2026-Q4")) == (
        "title: must not be empty")
    assert refused(db_path, lambda: services.edit_objective(objective.id, title="x" * 201)) == (
        "title: must be at most 200 characters")
    assert refused(db_path, lambda: services.edit_objective(objective.id, owner="o" * 101)) == (
        "owner: must be at most 100 characters")
    assert refused(db_path, lambda: services.add_key_result(
        objective.id, "Sign 5 partners", target=5, unit="u" * 31)) == (
        "unit: must be at most 30 characters")


@pytest.mark.parametrize(
    ("model", "field", "limit", "extra"),
    [(Objective, "owner", 100, {"title": "T", "period": "2026-Q4"}),
     (Objective, "team", 100, {"title": "T", "period": "2026-Q4"}),
     (KeyResult, "unit", 30, kr_fields()),
     (KPI, "unit", 30, {"name": "Uptime"}),
     (Objective, "description", 5000, {"title": "T", "period": "2026-Q4"})],
)
def test_names_units_and_notes_have_limits(model: type, field: str, limit: int,
                                           extra: dict[str, Any]) -> None:
    record = model.model_validate(stamps(**extra, **{field: "n" * limit}))
    assert len(getattr(record, field)) == limit
    assert refusal(model, **extra, **{field: "n" * (limit + 1)}) == (
        f"{field}: must be at most {limit} characters")


def test_a_checkin_note_keeps_lines_and_has_a_limit() -> None:
    fields = {"kr_id": "kr-00000", "value": 3, "at": NOW}
    checkin = CheckIn.model_validate(stamps(**fields, note="two deals\n\tone big\r\nmore"))
    assert checkin.note == "two deals\n\tone big\nmore"
    assert refusal(CheckIn, **fields, note="n" * 5001) == "note: must be at most 5000 characters"


# ---- numbers ---------------------------------------------------------------------------

BAD_NUMBERS = [float("nan"), float("inf"), float("-inf"), float("1e309"), "1e309", "nan",
               "-Infinity"]


@pytest.mark.parametrize("bad", BAD_NUMBERS, ids=repr)
def test_numbers_must_be_finite(bad: float | str) -> None:
    assert refusal(KeyResult, **kr_fields(target=bad)) == f"target: {FINITE}"
    assert refusal(KeyResult, **kr_fields(start=bad)) == f"start: {FINITE}"
    assert refusal(KeyResult, **kr_fields(weight=bad)) == f"weight: {FINITE}"
    assert refusal(CheckIn, kr_id="kr-00000", value=bad, at=NOW) == f"value: {FINITE}"
    assert refusal(KPI, name="Uptime", green=bad) == f"green: {FINITE}"
    assert refusal(KPI, name="Uptime", red=bad) == f"red: {FINITE}"


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), float("-inf"), float("1e309")],
                         ids=repr)
def test_non_finite_numbers_through_services(services: Services, db_path: Path,
                                             bad: float) -> None:
    objective = objective_with(services, 1)
    kr = services.workspace().key_results(objective.id)[0]
    kpi = services.add_kpi("Uptime")
    assert refused(db_path, lambda: services.check_in(kr.id, bad)) == f"value: {FINITE}"
    assert refused(db_path, lambda: services.edit_key_result(kr.id, target=bad)) == (
        f"target: {FINITE}")
    assert refused(db_path, lambda: services.record_kpi(kpi.id, bad)) == f"value: {FINITE}"
    assert refused(db_path, lambda: services.edit_kpi(kpi.id, green=bad)) == f"green: {FINITE}"


def test_negative_zero_is_stored_as_zero(services: Services, db_path: Path) -> None:
    kr = KeyResult.model_validate(stamps(**kr_fields(start=-0.0)))
    assert kr.start == 0.0 and math.copysign(1.0, kr.start) == 1.0
    objective = objective_with(services, 0)
    stored = services.add_key_result(objective.id, "From zero", start=-0.0, target=5, unit="x")
    services.check_in(stored.id, -0.0)
    kpi = services.add_kpi("Net change", green=-0.0, red=-5)
    services.record_kpi(kpi.id, -0.0)
    assert "-0.0" not in db_path.read_text()
    checkin = services.workspace().checkins(stored.id)[0]
    assert math.copysign(1.0, checkin.value) == 1.0


def test_huge_integers(services: Services, db_path: Path) -> None:
    # Integers that fit a float are numbers (1e30 customers is odd, not invalid) ...
    kr = KeyResult.model_validate(stamps(**kr_fields(target=10**30)))
    assert kr.target == 1e30
    # ... and one beyond the float range is refused as not finite, never a crash.
    for huge in (10**400, -(10**400), 2**1024):
        assert refusal(KeyResult, **kr_fields(target=huge)) == (
            "target: must be a finite number (numbers beyond 1.8e308 are refused)")
    objective = objective_with(services, 1)
    kr_id = services.workspace().key_results(objective.id)[0].id
    assert refused(db_path, lambda: services.check_in(kr_id, 10**400)).startswith(
        "value: must be a finite number")


@pytest.mark.parametrize(
    ("confidence", "message"),
    [(-1, "confidence: must be at least 0"), (11, "confidence: must be at most 10"),
     (7.5, "confidence: input should be a valid integer, got a number with a fractional part"),
     ("high", "confidence: must be a number")],
)
def test_confidence_is_zero_to_ten(services: Services, db_path: Path, confidence: Any,
                                   message: str) -> None:
    for ok in (0, 10):
        assert CheckIn.model_validate(stamps(kr_id="kr-00000", value=1, at=NOW,
                                             confidence=ok)).confidence == ok
    assert refusal(CheckIn, kr_id="kr-00000", value=1, at=NOW, confidence=confidence) == message
    objective = objective_with(services, 1)
    kr_id = services.workspace().key_results(objective.id)[0].id
    assert refused(db_path, lambda: services.check_in(kr_id, 3, confidence=confidence)) == (
        message)


# ---- safe_text -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "single", "multi"),
    [
        ("Evil \x1b[31mred\x1b[0m", "Evil [31mred[0m", "Evil [31mred[0m"),  # ESC
        ("\x1b]8;;http://x\x07link", "]8;;http://xlink", "]8;;http://xlink"),  # OSC 8, BEL
        ("a\x9b31mb\x85c", "a31mb c", "a31mb\nc"),  # C1 CSI goes; NEL is a line break
        ("a\x00b\x7fc\x08d", "abcd", "abcd"),  # NUL, DEL, backspace
        ("txt\u202eexe.doc", "txtexe.doc", "txtexe.doc"),  # right-to-left override
        ("\u2066iso\u2069 \u202aemb\u202c", "iso emb", "iso emb"),  # isolates, embeddings
        ("\u200emark\u200f\u061c", "mark", "mark"),  # LRM, RLM, ALM
        ("\ufeffbom", "bom", "bom"),
        ("one\ntwo\tthree", "one two three", "one\ntwo\tthree"),
        ("crlf\r\nand\rcr\u2028ls", "crlf and cr ls", "crlf\nand\ncr\nls"),
        ("\x0bvt\x0cff", "vtff", "vtff"),  # vertical tab and form feed are not kept
        ("[@click=app.quit]quit[/] [bold]b[", "[@click=app.quit]quit[/] [bold]b[",
         "[@click=app.quit]quit[/] [bold]b["),  # markup stays text
        ("cafe\u0301 🚀 中文 ×", "café 🚀 中文 ×", "café 🚀 中文 ×"),  # NFC; emoji, CJK kept
        ("bad \udcff byte", "bad \ufffd byte", "bad \ufffd byte"),  # undecodable argv byte
    ],
)
def test_safe_text(raw: str, single: str, multi: str) -> None:
    assert safe_text(raw) == single
    assert safe_text(raw, multiline=True) == multi
    assert safe_text(single) == single  # idempotent: what is stored stays as it is


def test_hostile_text_is_stored_clean(services: Services, db_path: Path) -> None:
    objective = services.add_objective(
        "\x1b[2J[@click=app.quit] Grow\u202e", "2026-Q4",
        description="line one\n\x1b[31mline two\x9b", owner="ev\x1bil\nname", team="[b]T")
    assert objective.title == "[2J[@click=app.quit] Grow"
    assert objective.description == "line one\n[31mline two"
    assert (objective.owner, objective.team) == ("evil name", "[b]T")
    stored = json.loads(db_path.read_text())["objectives"][objective.id]
    assert stored["title"] == objective.title and "\x1b" not in db_path.read_text()


def test_text_that_is_not_utf8_is_saved_not_a_crash(services: Services, db_path: Path) -> None:
    # Python turns undecodable bytes in argv into lone surrogates; no JSON encoder takes
    # them, so saving used to raise a TypeError with a traceback.
    objective = services.add_objective("Caf\udce9 opening", "2026-Q4", owner="b\udcffob")
    assert objective.title == "Caf\ufffd opening" and objective.owner == "b\ufffdob"
    assert services.workspace().objective(objective.id).title == "Caf\ufffd opening"
    db_path.read_bytes().decode("utf-8")


# ---- refusals leave no trace -----------------------------------------------------------


def test_refusals_leave_no_trace(make_services: Callable[..., Services], db_path: Path) -> None:
    # The same refusals as above, by another user on a workspace with more in it: the
    # file (and so its backups and its modification) stays exactly as it was.
    services = make_services("bob")
    objective = objective_with(services, 5, owner="bob")
    kr = services.workspace().key_results(objective.id)[0]
    mtime = db_path.stat().st_mtime_ns
    for action in (
        lambda: services.add_key_result(objective.id, "Sixth", target=6),
        lambda: services.check_in(kr.id, float("nan")),
        lambda: services.edit_key_result(kr.id, target=kr.start),
        lambda: services.edit_objective(objective.id, title=" "),
        lambda: services.add_kpi("Band", green=1, red=2),
    ):
        refused(db_path, action)
    assert db_path.stat().st_mtime_ns == mtime
