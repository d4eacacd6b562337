"""The rules okrtui keeps on text and numbers (titles, names, notes, finite numbers,
confidence, safe text), and that a refusal leaves no trace; the rest of the rules are in
test_domain_rules.py. Tested in the domain: the models, okrtui.domain.rules.checks and lint,
and Services on a temp workspace where a rule needs the workspace.

Each refusal is checked for the sentence a person reads (okrtui.domain.errors.describe
for pydantic errors) and, through Services, for the file staying byte for byte as it was.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from okrtui.domain.records.models import KPI, CheckIn, KeyResult, Objective
from okrtui.domain.records.text import safe_text
from okrtui.services import Services
from tests.support.refusals import (
    FINITE,
    NOW,
    kr_fields,
    objective_with,
    refusal,
    refused,
    stamps,
)

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
