"""Export and import: the JSON format round-trips exactly, CSV is safe, bad files change
nothing."""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
from pathlib import Path

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from okrtui.domain.records.models import (
    KPI,
    CheckIn,
    Initiative,
    KeyResult,
    Measurement,
    Objective,
    Record,
    Settings,
)
from okrtui.domain.records.text import is_blank, tidy_line
from okrtui.domain.reporting.exchange import (
    EXPORT_FORMAT,
    ImportRefused,
    apply_import,
    csv_cell,
    export_csv,
    export_json,
    parse_export,
)
from okrtui.services import Services
from okrtui.store import Store
from tests.support.builders import check_in_on, objective_with_krs, sha
from tests.support.clock import NOW, TODAY, FixedClock

TABLE_OF = {Objective: "objectives", KeyResult: "key_results", CheckIn: "checkins",
            KPI: "kpis", Measurement: "measurements", Initiative: "initiatives"}

texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1,
                max_size=12).filter(lambda s: not is_blank(tidy_line(s)))  # as a title needs
numbers = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9)
ids = st.uuids(version=4).map(str)
times = st.datetimes(min_value=dt.datetime(2026, 10, 1), max_value=dt.datetime(2026, 12, 31),
                     timezones=st.just(dt.UTC))
scores = st.none() | st.floats(0.0, 1.0)


@st.composite
def workspaces(draw: st.DrawFn) -> tuple[Settings, list[Record]]:
    """A valid workspace: every record kind, links, grades, carried copies, tombstones."""
    out: list[Record] = []
    deleted = st.none() | times

    def stamp() -> dict[str, object]:
        at = draw(times)
        return {"id": draw(ids), "rev": draw(st.integers(1, 9)), "updated_at": at,
                "updated_by": draw(texts)[:100], "created_at": at}

    kpis: list[KPI] = []
    for _ in range(draw(st.integers(0, 2))):
        green, red = sorted(draw(st.lists(numbers, min_size=2, max_size=2, unique=True)))
        kpi = KPI.model_validate({**stamp(), "name": draw(texts), "unit": draw(texts)[:30],
                                  "owner": draw(texts)[:100], "direction": "lower",
                                  "green": green, "red": red, "description": draw(texts)})
        kpis.append(kpi)
        out.append(kpi)
        for _ in range(draw(st.integers(0, 3))):
            at = draw(times)
            out.append(Measurement(id=draw(ids), kpi_id=kpi.id, value=draw(numbers),
                                   date=at.date(), at=at, updated_at=at,
                                   deleted_at=draw(deleted)))
    objectives: list[Objective] = []
    for _ in range(draw(st.integers(1, 3))):
        graded = draw(scores)
        objective = Objective.model_validate({
            **stamp(), "title": draw(texts), "owner": draw(texts)[:100], "period": "2026-Q4",
            "description": draw(texts), "committed": draw(st.booleans()),
            "status": "closed" if graded is not None else draw(st.sampled_from(["draft",
                                                                                "active"])),
            "grade": graded, "retrospective": draw(texts) if graded is not None else "",
            "parent_id": draw(st.sampled_from([o.id for o in objectives])) if objectives
            and draw(st.booleans()) else None,
            "carried_from": draw(st.none() | ids),
            "deleted_at": None,
        })
        objectives.append(objective)
        out.append(objective)
        for position in range(draw(st.integers(0, 3))):
            kind = draw(st.sampled_from(["metric", "milestone", "above", "below"]))
            start = draw(numbers)
            target = draw(numbers.filter(lambda t, s=start: t != s))
            kr = KeyResult.model_validate({
                **stamp(), "objective_id": objective.id, "title": draw(texts), "kind": kind,
                "start": start, "target": target, "unit": draw(texts)[:30],
                "weight": draw(st.floats(0.5, 5)), "position": position,
                "due": draw(st.none() | st.dates(dt.date(2026, 10, 1), dt.date(2026, 12, 31))),
                "kpi_id": draw(st.sampled_from([k.id for k in kpis])) if kpis
                and draw(st.booleans()) else None,
                "final_score": draw(scores), "final_reason": draw(st.just("") | texts),
                "carried_from": draw(st.none() | ids),
                # A deleted key result: a tombstone the export keeps, with its check-ins.
                "deleted_at": draw(deleted),
            })
            out.append(kr)
            for _ in range(draw(st.integers(0, 3))):
                at = draw(times)
                value = draw(st.sampled_from([0.0, 1.0])) if kind == "milestone" \
                    else draw(numbers)
                out.append(CheckIn(id=draw(ids), kr_id=kr.id, value=value,
                                   confidence=draw(st.none() | st.integers(0, 10)),
                                   note=draw(st.just("") | texts), author=draw(texts)[:100],
                                   at=at, updated_at=at))
            if draw(st.booleans()):
                out.append(Initiative(id=draw(ids), kr_id=kr.id, title=draw(texts),
                                      done=draw(st.booleans()), updated_at=NOW))
    setting = Settings(band_partial_score=draw(st.booleans()),
                       ambition_pace_factor=draw(st.floats(1.0, 10.0)),
                       kpi_flag_over=draw(st.integers(1, 12)))
    return setting, out


def _store(records: list[Record], path: Path, setting: Settings | None = None) -> Store:
    store = Store(path, keep_backups=0)
    with store.transaction() as ws:
        if setting is not None:
            ws.put_settings(setting)
        for record in records:
            ws.put(TABLE_OF[type(record)], record)
    return store


@settings(max_examples=60, deadline=None)
@given(workspaces())
def test_export_then_import_into_an_empty_workspace_is_the_same_workspace(
        drawn: tuple[Settings, list[Record]]) -> None:
    setting, records = drawn
    with tempfile.TemporaryDirectory() as folder:
        source = _store(records, Path(folder) / "a.json", setting)
        blob = export_json(source.snapshot())
        target = Store(Path(folder) / "b.json", keep_backups=0)
        with target.transaction() as ws:
            result = apply_import(ws, parse_export(blob))
        assert result.total == len(records) and result.unchanged == 0
        again = target.snapshot().with_history()  # graded objectives live in archives
        for table in TABLE_OF.values():
            assert again.tables.get(table, {}) == \
                source.snapshot().with_history().tables.get(table, {})
        for record in records:
            assert again.get(TABLE_OF[type(record)], record.id, type(record)) == record
        assert again.settings == setting
        assert export_json(again) == blob
        # Importing the same file again is a no-op that writes nothing.
        before = (Path(folder) / "b.json").read_bytes()
        with target.transaction() as ws:
            assert apply_import(ws, parse_export(blob)).total == 0
        assert (Path(folder) / "b.json").read_bytes() == before


def test_the_format_is_documented_data(services: Services, clock: FixedClock) -> None:
    objective, krs = objective_with_krs(services, "Grow")
    check_in_on(services, clock, krs[0].id, 4, dt.date(2026, 11, 20))
    data = orjson.loads(services.export_json())
    assert list(data)[:3] == ["format", "version", "settings"]
    assert (data["format"], data["version"]) == (EXPORT_FORMAT, 1)
    assert [o["id"] for o in data["objectives"]] == [objective.id]
    assert data["objectives"][0]["period"] == "2026-Q4"
    assert data["checkins"][0]["at"] == "2026-11-20T12:00:00Z"
    assert sorted(k["id"] for k in data["key_results"]) == sorted(k.id for k in krs)
    assert services.export_json() == services.export_json()  # the same bytes every time


def _export_with(services: Services, change) -> bytes:  # type: ignore[no-untyped-def]
    data = orjson.loads(services.export_json())
    change(data)
    return orjson.dumps(data)


BAD_FILES = [
    (lambda d: d.update(format="something"), "not an okrtui export"),
    (lambda d: d.update(version=2), "version 2, from a newer okrtui"),
    (lambda d: d.update(extra=[]), "unknown section 'extra'"),
    (lambda d: d["key_results"][0].update(target=0.0), "key_results[0] (id "),
    (lambda d: d["key_results"][0].update(target="lots"), "target: must be a number"),
    (lambda d: d["objectives"][0].update(period="2026-Q5"), "is not a period"),
    (lambda d: d["checkins"].append(dict(d["checkins"][0])), "the id appears twice"),
    (lambda d: d["checkins"][0].update(kr_id="f" * 36), "names no key result"),
    (lambda d: d["key_results"].extend(
        {**d["key_results"][0], "id": f"{n}" * 36} for n in range(1, 4)),
     "at most 5 key results"),
    (lambda d: d["key_results"][0].update(due="2027-02-01"), "outside the objective's period"),
    (lambda d: d.update(settings={"max_key_results": 0}), "settings: max_key_results"),
]


@pytest.mark.parametrize(("change", "message"), BAD_FILES,
                         ids=[m for _, m in BAD_FILES])
def test_a_bad_record_refuses_the_whole_file(services: Services, clock: FixedClock,
                                             make_services, tmp_path: Path,
                                             change, message: str) -> None:
    _, krs = objective_with_krs(services, "Grow")
    check_in_on(services, clock, krs[0].id, 4, dt.date(2026, 11, 20))
    blob = _export_with(services, change)
    other = make_services("bob", tmp_path / "other.json")
    other.add_objective("Already here", "2026-Q4")
    before = sha(tmp_path / "other.json")
    with pytest.raises(ImportRefused, match=message.replace("[", r"\[").replace("(", r"\(")):
        other.import_export(blob)
    assert sha(tmp_path / "other.json") == before


def test_existing_ids_are_skipped_when_equal_and_refused_when_different(
        services: Services, db_path: Path) -> None:
    objective_with_krs(services, "Grow")
    blob = services.export_json()
    result = services.import_export(blob)
    assert (result.total, result.unchanged) == (0, 4)
    data = orjson.loads(blob)
    data["objectives"][0]["title"] = "Someone else's title"
    before = sha(db_path)
    with pytest.raises(ImportRefused, match="exists in this workspace already"):
        services.import_export(orjson.dumps(data))
    assert sha(db_path) == before


def test_settings_of_a_team_are_not_replaced(services: Services, make_services,
                                             tmp_path: Path) -> None:
    services.update_settings(max_key_results=4)
    objective_with_krs(services, "Grow")
    other = make_services("bob", tmp_path / "other.json")
    other.add_objective("Ours", "2026-Q4")
    result = other.import_export(services.export_json())
    assert result.settings == "kept" and other.workspace().settings.max_key_results == 5
    empty = make_services("bob", tmp_path / "empty.json")
    assert empty.import_export(services.export_json()).settings == "imported"
    assert empty.workspace().settings.max_key_results == 4


def test_a_link_to_a_deleted_record_survives(services: Services) -> None:
    parent, _ = objective_with_krs(services, "Parent")
    child, _ = objective_with_krs(services, "Child", parent_id=parent.id)
    services.delete_objective(parent.id)  # the child stays aligned to a tombstone
    blob = services.export_json()
    with tempfile.TemporaryDirectory() as folder:
        target = Store(Path(folder) / "b.json", keep_backups=0)
        with target.transaction() as ws:
            apply_import(ws, parse_export(blob))
        assert target.snapshot().objective(child.id).parent_id == parent.id
        assert target.snapshot().objective(parent.id).deleted


# ---- CSV ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "cell"), [
    ("=1+1", "'=1+1"), ("+SUM(A1)", "'+SUM(A1)"), ("-2+3", "'-2+3"), ("@cmd", "'@cmd"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("-5", "-5"), ("+1.5e3", "+1.5e3"), ("safe", "safe"),
    (-5.0, "-5"), (-0.25, "-0.25"), (1e20, "1e+20"), (3.0, "3"), (None, ""), (True, "yes"),
])
def test_csv_cells_never_start_a_formula(value: object, cell: str) -> None:
    assert csv_cell(value) == cell


def test_csv_has_one_row_per_key_result_with_its_objective(services: Services,
                                                           clock: FixedClock) -> None:
    objective, krs = objective_with_krs(services, "=cmd|'/c calc'!A1", ((-10, -2), (0, 5)))
    check_in_on(services, clock, krs[0].id, -6, dt.date(2026, 11, 20))
    services.add_objective("No key results yet", "2026-Q4")
    rows = list(csv.DictReader(io.StringIO(export_csv(services.workspace(), TODAY))))
    assert len(rows) == 3
    mine = [r for r in rows if r["objective_id"] == objective.id]
    assert [r["kr_id"] for r in mine] == [k.id for k in krs]
    assert mine[0]["objective"] == "'=cmd|'/c calc'!A1"
    assert (mine[0]["start"], mine[0]["target"], mine[0]["current"]) == ("-10", "-2", "-6")
    assert mine[0]["progress"] == "0.5"
    empty = next(r for r in rows if r["objective"] == "No key results yet")
    assert empty["kr_id"] == ""
