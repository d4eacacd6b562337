"""Any valid workspace survives a save and a fresh read exactly (hypothesis)."""

from __future__ import annotations

import datetime as dt
import tempfile
import uuid
from pathlib import Path

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from okrtui.domain.records.models import (
    KPI,
    NAME_MAX,
    UNIT_MAX,
    CheckIn,
    KeyResult,
    Measurement,
    Objective,
)
from okrtui.domain.records.text import is_blank, tidy_line
from okrtui.store import Store
from okrtui.store.jsonfile import encode

NOW = dt.datetime(2026, 11, 22, 9, 30, tzinfo=dt.UTC)
# Hostile text too: escapes, C1 controls, bidi overrides, markup, wide characters.
pieces = st.one_of(
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=4),
    st.sampled_from(["\x1b[31m", "\x9b", "\u202e", "[@click=app.quit]", "[bold]", "表",
                     "🎯", "\n", "\\", '"']),
)
# Non-blank by the titles' own rule (a soft hyphen alone is as blank as a space).
texts = st.lists(pieces, min_size=1, max_size=8).map("".join).filter(
    lambda s: not is_blank(tidy_line(s)))


def cut(limit: int) -> st.SearchStrategy[str]:
    """Text for a field of at most `limit` characters, cut as stored: tidied first, since
    tidying normalizes (NFC), which lengthens some characters ("\u0958" is two)."""
    return texts.map(lambda s: tidy_line(s)[:limit])
numbers = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12)
ids = st.uuids(version=4).map(str)


@st.composite
def workspaces(draw: st.DrawFn) -> list[tuple[str, object]]:
    """Records of a valid workspace: objectives, key results, check-ins, KPIs, values."""
    out: list[tuple[str, object]] = []
    for _ in range(draw(st.integers(1, 3))):
        objective = Objective(id=draw(ids), title=draw(texts), owner=draw(cut(NAME_MAX)),
                              description=draw(texts), period="2026-Q4", created_at=NOW,
                              updated_at=NOW)
        out.append(("objectives", objective))
        for position in range(draw(st.integers(0, 3))):
            start = draw(numbers)
            target = draw(numbers.filter(lambda t, s=start: t != s))
            kr = KeyResult(id=draw(ids), objective_id=objective.id, title=draw(texts),
                           start=start, target=target, unit=draw(cut(UNIT_MAX)),
                           position=position, created_at=NOW, updated_at=NOW)
            out.append(("key_results", kr))
            for n in range(draw(st.integers(0, 3))):
                at = NOW + dt.timedelta(minutes=n)
                out.append(("checkins", CheckIn(
                    id=draw(ids), kr_id=kr.id, value=draw(numbers),
                    confidence=draw(st.none() | st.integers(0, 10)), note=draw(texts),
                    author=draw(cut(NAME_MAX)), at=at, updated_at=at)))
    if draw(st.booleans()):
        kpi = KPI(id=draw(ids), name=draw(texts), created_at=NOW, updated_at=NOW)
        out.append(("kpis", kpi))
        out.append(("measurements", Measurement(id=draw(ids), kpi_id=kpi.id,
                                                value=draw(numbers), date=NOW.date(),
                                                at=NOW, updated_at=NOW)))
    return out


@settings(max_examples=60, deadline=None)
@given(workspaces())
def test_storage_round_trips_any_valid_workspace(records: list[tuple[str, object]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "okrs.json"
        store = Store(path, keep_backups=0)
        with store.transaction() as ws:
            for table, record in records:
                ws.insert(table, record)  # type: ignore[arg-type]
        first = path.read_bytes()
        reread = Store(path).snapshot()  # a fresh process's view
        for table, record in records:
            assert reread.get(table, record.id, type(record)) == record  # type: ignore[attr-defined]
        # Saving what was read changes nothing, to the byte.
        with Store(path).transaction() as ws:
            ws.put(*records[0])  # type: ignore[arg-type]
        assert path.read_bytes() == first


def test_unknown_fields_and_tables_survive_a_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "okrs.json"
    objective = Objective(id=str(uuid.uuid4()), title="Keep the future", period="2026-Q4",
                          created_at=NOW, updated_at=NOW)
    with Store(path).transaction() as ws:
        ws.insert("objectives", objective)
    # A teammate's newer okrtui adds a field and a table.
    data = orjson.loads(path.read_bytes())
    data["objectives"][objective.id]["mood"] = "optimistic"
    data["future_table"] = {"x": {"from": "okrtui 9"}}
    path.write_bytes(encode(data))
    with Store(path).transaction() as ws:
        ws.put("objectives", ws.objective(objective.id).revise("bob", NOW, title="Renamed"))
    after = orjson.loads(path.read_bytes())
    assert after["objectives"][objective.id]["mood"] == "optimistic"
    assert after["objectives"][objective.id]["title"] == "Renamed"
    assert after["future_table"] == {"x": {"from": "okrtui 9"}}
