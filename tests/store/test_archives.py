"""Graded periods live in yearly archive files beside the workspace; everything still sees
them, and no record is ever in neither file.

Real files throughout: the open file and each archive are read back from disk, parsed as
JSON and checked to be in the canonical layout a person reads and git diffs.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest

from okrtui.domain.records.workspace import SCHEMA_VERSION
from okrtui.services import Services
from okrtui.store import Store
from okrtui.store.archive import archive_path, find_archives
from okrtui.store.jsonfile import encode
from tests.support.builders import objective_with_krs
from tests.support.cli import Run
from tests.support.clock import FixedClock

RECORD_TABLES = ("objectives", "key_results", "checkins", "initiatives", "measurements")


def tables_of(path: Path) -> dict:
    """A file of the workspace as JSON, checked to be in the canonical layout."""
    blob = path.read_bytes()
    data = orjson.loads(blob)
    assert encode(data) == blob, f"{path.name} is not in the canonical layout"
    return data


def where(db: Path) -> dict[str, dict[str, list[str]]]:
    """table -> record id -> the files that hold it."""
    out: dict[str, dict[str, list[str]]] = {}
    for file in [db, *find_archives(db).values()]:
        for table in RECORD_TABLES:
            for rid in tables_of(file).get(table, {}):
                out.setdefault(table, {}).setdefault(rid, []).append(file.name)
    return out


def graded_quarter(services: Services, clock: FixedClock, period: str, title: str,
                   day: dt.date) -> tuple[str, list[str]]:
    """An objective of `period` with two key results, checked in on `day`, then graded."""
    objective, krs = objective_with_krs(services, title, ((0, 10), (0, 20)), period=period)
    for n, kr in enumerate(krs):
        services.check_in(kr.id, 5 + n, on=day, note="in its quarter")
    services.add_initiative(krs[0].id, f"Work on {title}")
    services.grade_period(period)
    return objective.id, [kr.id for kr in krs]


@pytest.fixture
def workspace(make_services: Callable[..., Services], clock: FixedClock,
              db_path: Path) -> tuple[Services, dict[str, tuple[str, list[str]]]]:
    """A workspace with 2025-Q4 and 2026-Q2 graded, and 2026-Q4 open."""
    services = make_services()
    made = {
        "2025-Q4": graded_quarter(services, clock, "2025-Q4", "Last year", dt.date(2025, 11, 3)),
        "2026-Q2": graded_quarter(services, clock, "2026-Q2", "Spring", dt.date(2026, 5, 4)),
    }
    objective, krs = objective_with_krs(services, "Now", ((0, 10), (0, 10), (0, 10)))
    services.check_in(krs[0].id, 3)
    made["2026-Q4"] = (objective.id, [kr.id for kr in krs])
    return services, made


def test_grading_moves_a_period_with_its_family_into_its_years_archive(
        workspace: tuple[Services, dict], db_path: Path) -> None:
    services, made = workspace
    assert sorted(find_archives(db_path)) == [2025, 2026]
    files = where(db_path)
    for period, archive in (("2025-Q4", 2025), ("2026-Q2", 2026), ("2026-Q4", None)):
        oid, krs = made[period]
        name = archive_path(db_path, archive).name if archive else db_path.name
        assert files["objectives"][oid] == [name]
        assert all(files["key_results"][k] == [name] for k in krs)
        checkins = [rid for rid, raw in services.workspace().with_history()
                    .tables["checkins"].items() if raw["kr_id"] in krs]
        assert checkins and all(files["checkins"][c] == [name] for c in checkins)
    # Every record lives in exactly one file.
    assert all(len(found) == 1 for table in files.values() for found in table.values())
    meta = tables_of(archive_path(db_path, 2026))["meta"]["meta"]
    assert meta == {"app": "okrtui", "schema": SCHEMA_VERSION, "archive_of": db_path.name,
                    "year": 2026}


def test_the_open_period_is_read_from_the_open_file_alone(
        workspace: tuple[Services, dict], db_path: Path) -> None:
    _services, made = workspace
    ws = Services(Store(db_path), "bob").workspace()
    assert [o.id for o in ws.objectives(period="2026-Q4")] == [made["2026-Q4"][0]]
    assert ws.attached == set()  # no archive read for it
    assert ws.periods() == ["2025-Q4", "2026-Q2", "2026-Q4"]  # counted, not read
    assert ws.attached == set()
    assert [o.id for o in ws.objectives(period="2026-Q2")] == [made["2026-Q2"][0]]
    assert ws.attached == {2026}


def test_every_command_sees_archived_periods(workspace: tuple[Services, dict],
                                             run: Run) -> None:
    _services, made = workspace
    _oid, krs = made["2026-Q2"]
    code, out, _ = run("list", "--period", "2026-Q2")
    assert code == 0 and "Spring" in out
    code, out, _ = run("show", krs[0][:8], "--json")
    assert code == 0 and json.loads(out)["id"] == krs[0]
    code, out, _ = run("report", "--period", "2025-Q4", "--format", "json")
    assert code == 0 and "Last year" in out
    code, out, _ = run("export")
    exported = json.loads(out)
    assert {o["id"] for o in exported["objectives"]} == {m[0] for m in made.values()}
    assert len(exported["checkins"]) == 5


def test_a_late_check_in_on_a_graded_key_result_goes_to_its_archive_and_regrades(
        workspace: tuple[Services, dict], db_path: Path) -> None:
    services, made = workspace
    oid, krs = made["2026-Q2"]
    before = db_path.read_bytes()
    late = services.check_in(krs[0], 10, on=dt.date(2026, 6, 30), note="late")
    assert db_path.read_bytes() == before  # the open file was not written
    assert where(db_path)["checkins"][late.id] == [archive_path(db_path, 2026).name]
    services.grade_period("2026-Q2", objective_ref=oid)
    ws = services.workspace()
    assert ws.objective(oid).grade == pytest.approx((1.0 + 0.3) / 2)
    assert where(db_path)["objectives"][oid] == [archive_path(db_path, 2026).name]


def test_reopening_a_graded_objective_brings_its_family_back_to_the_open_file(
        workspace: tuple[Services, dict], db_path: Path) -> None:
    services, made = workspace
    oid, krs = made["2026-Q2"]
    services.edit_objective(oid, status="active")
    files = where(db_path)
    assert files["objectives"][oid] == [db_path.name]
    assert all(files["key_results"][k] == [db_path.name] for k in krs)
    assert all(len(found) == 1 for table in files.values() for found in table.values())
    fresh = Services(Store(db_path), "bob").workspace()
    assert [o.id for o in fresh.objectives(period="2026-Q2")] == [oid]


def test_an_older_file_moves_its_graded_periods_out_when_it_is_migrated(
        workspace: tuple[Services, dict], db_path: Path) -> None:
    services, made = workspace
    # The same records as a schema 1 file of one piece (what okrtui wrote before archives).
    whole = services.workspace().with_history().tables
    one = {name: dict(whole[name]) for name in whole}
    one["meta"] = {"meta": {"app": "okrtui", "schema": 1}}
    for archive in find_archives(db_path).values():
        archive.unlink()
    db_path.write_bytes(encode(one))
    fresh = Services(Store(db_path), "bob").workspace()
    assert fresh.schema == SCHEMA_VERSION
    assert sorted(find_archives(db_path)) == [2025, 2026]
    assert made["2026-Q2"][0] not in tables_of(db_path)["objectives"]
    assert {o.id for o in fresh.objectives()} == {m[0] for m in made.values()}


def test_kpi_values_beyond_the_newest_few_move_out_and_the_whole_series_stays(
        services: Services, db_path: Path, clock: FixedClock) -> None:
    from okrtui.domain.records.placement import COMPACT_AT, OPEN_MEASUREMENTS

    kpi = services.add_kpi("Uptime", unit="%", green=99.5, red=98.0)
    first = dt.date(2025, 11, 1)
    for n in range(COMPACT_AT):
        services.record_kpi(kpi.id, 99.0 + n / 1000, first + dt.timedelta(days=n))
    in_open = [raw for raw in tables_of(db_path)["measurements"].values()]
    assert len(in_open) == OPEN_MEASUREMENTS
    assert min(raw["date"] for raw in in_open) == str(first + dt.timedelta(
        days=COMPACT_AT - OPEN_MEASUREMENTS))
    fresh = Services(Store(db_path), "bob").workspace()
    assert [m.value for m in fresh.recent_measurements(kpi.id, 8)] == [
        99.0 + n / 1000 for n in range(COMPACT_AT - 8, COMPACT_AT)]
    assert fresh.attached == set()
    assert len(fresh.measurements(kpi.id)) == COMPACT_AT  # the whole series, from history
    assert sorted(find_archives(db_path)) == [2025]  # the year of the values that moved


def test_an_archive_that_is_a_symlink_is_neither_read_nor_written(
        workspace: tuple[Services, dict], db_path: Path, tmp_path: Path) -> None:
    services, _made = workspace
    real = archive_path(db_path, 2025)
    elsewhere = tmp_path / "elsewhere.json"
    real.rename(elsewhere)
    real.symlink_to(elsewhere)
    assert sorted(find_archives(db_path)) == [2026]
    before = elsewhere.read_bytes()
    fresh = Services(Store(db_path), "bob").workspace()
    assert "2025-Q4" not in fresh.periods()
    services.grade_period("2026-Q4")
    assert elsewhere.read_bytes() == before and real.is_symlink()


def test_an_archive_from_a_newer_okrtui_is_one_line_when_history_is_needed(
        workspace: tuple[Services, dict], db_path: Path, run: Run) -> None:
    archive = archive_path(db_path, 2026)
    data = tables_of(archive)
    data["meta"]["meta"]["schema"] = 99
    archive.write_bytes(encode(data))
    code, out, err = run("list", "--period", "2026-Q4")
    assert code == 0 and "Now" in out  # the open period needs no archive
    code, _, err = run("list", "--period", "2026-Q2")
    assert code == 2 and "newer okrtui (schema 99)" in err and "Traceback" not in err


def test_an_archives_backups_are_its_own_and_restore_brings_one_back_into_it(
        workspace: tuple[Services, dict], db_path: Path, run: Run) -> None:
    services, made = workspace
    _oid, krs = made["2026-Q2"]
    archive = archive_path(db_path, 2026)
    before = archive.read_bytes()
    services.check_in(krs[0], 9, on=dt.date(2026, 6, 30), note="late")
    code, out, _ = run("restore", "--json")
    rows = json.loads(out)
    mine = [r for r in rows if r.get("of") == str(archive)]
    assert mine and all(Path(r["path"]).name.startswith("okrs.archive-2026.") for r in mine)
    assert all(r["number"] is not None for r in rows if "of" not in r)
    newest = max(mine, key=lambda r: r["path"])
    assert Path(newest["path"]).read_bytes() == before
    main_before = db_path.read_bytes()
    code, out, err = run("restore", newest["path"])
    assert code == 0, err
    assert archive.read_bytes() == before and db_path.read_bytes() == main_before
    assert str(archive) in out
