"""Pulling numbers through the services: the transaction sees the file as it is then."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import pytest

from okrtui.domain.records.errors import InvalidInput
from okrtui.domain.sources.readings import parse_key, read_number
from okrtui.services import Services
from tests.support.builders import objective_with_krs
from tests.support.clock import FixedClock


def test_the_owners_confidence_carries_over_to_a_pulled_check_in(services: Services,
                                                                  clock: FixedClock) -> None:
    _, (kr, *_) = objective_with_krs(services, "Support")
    services.check_in(kr.id, 2, confidence=4, note="by hand")
    clock.advance(hours=1)
    report = services.pull({kr.id[:6]: "echo 3"})
    assert [r.outcome for r in report.results] == ["recorded"]
    latest = services.workspace().latest_checkin(kr.id)
    assert (latest.value, latest.confidence) == (3, 4)


def test_a_record_deleted_while_sources_run_fails_that_source_only(
        services: Services, db_path: Path) -> None:
    _, (kept, gone, _) = objective_with_krs(services, "Support")
    okrtui = shlex.quote(str(Path(sys.executable).with_name("okrtui")))
    # The first source deletes the other's key result (a teammate, meanwhile), then prints.
    remove = f"{okrtui} --db {shlex.quote(str(db_path))} kr rm {gone.id} >/dev/null; echo 5"
    report = services.pull({kept.id[:6]: remove, gone.id[:6]: "echo 3"})
    outcomes = {r.key: (r.outcome, r.message) for r in report.results}
    assert outcomes[kept.id[:6]] == ("recorded", "")
    assert outcomes[gone.id[:6]] == (
        "failed", f"no key result has an id starting with '{gone.id[:6]}'")
    ws = services.workspace()
    assert ws.key_result(gone.id).deleted
    assert ws.latest_checkin(kept.id).value == 5 and ws.checkins(gone.id) == []


def test_reading_a_number() -> None:
    assert read_number("12\n") == 12
    assert read_number("header\n  1,234.5 \n\n") == 1234.5
    assert read_number('"42"') == 42
    assert read_number("99.5 %") == 99.5
    assert read_number("\x1b[1;32m17\x1b[0m\n") == 17  # jq -C, grep --color=always
    assert read_number("\x1b]0;title\x07\x1b]8;;http://x\x1b\\ 8 \x1b]8;;\x1b\\") == 8
    assert read_number("done", milestone=True) == 1.0
    assert read_number("0", milestone=True) == 0.0
    for bad in ("", "1,5", "nan", "inf", "12 tickets", "1e999", "\x1b[31m\x1b[0m"):
        with pytest.raises(InvalidInput, match="printed no number"):
            read_number(bad)
    with pytest.raises(InvalidInput, match="a milestone is done or not done"):
        read_number("0.5", milestone=True)


def test_source_keys() -> None:
    assert (parse_key("9c1e").table, parse_key("9c1e").prefix) == ("key_results", "9c1e")
    assert (parse_key("kpi:51d0").table, parse_key("KPI: 51d0").prefix) == ("kpis", "51d0")
