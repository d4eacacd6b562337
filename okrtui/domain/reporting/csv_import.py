"""The CSV export read back: a spreadsheet of objectives and key results, imported once.

The columns are the CSV export's (`exchange.CSV_COLUMNS`); the computed ones (scores,
progress, status) are ignored, the others become objectives, key results and, where
`current` is given, a check-in of that value. The export's formula guard is undone (a
leading apostrophe before `=`, `+`, `-`, `@`, a tab or a carriage return). A sheet a team
keeps by hand may leave the ids empty: rows of one objective then share its period, title
and owner.

As with the JSON import, nothing is written unless every row is good: the first bad row
refuses the file with one line that names the row (as a spreadsheet numbers it, the
header being row 1) and the column.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from okrtui.domain.records.errors import OkrError, field_errors
from okrtui.domain.records.models import CheckIn, KeyResult, Objective, Record
from okrtui.domain.records.values import parse_date, parse_number
from okrtui.domain.records.workspace import Workspace
from okrtui.domain.reporting.exchange import (
    CSV_COLUMNS,
    FORMULA_STARTS,
    ImportRefused,
    ImportResult,
    check_imported,
)

# Computed by okrtui on export; a file's values for them are not data to import.
COMPUTED = frozenset({"objective_score", "progress", "status"})
REQUIRED = ("period", "objective")
OBJECTIVE_COLUMNS = {"objective": "title", "period": "period", "objective_owner": "owner",
                     "team": "team", "level": "level", "committed": "committed",
                     "objective_status": "status", "grade": "grade"}
KR_COLUMNS = {"key_result": "title", "kr_owner": "owner", "kind": "kind", "start": "start",
              "target": "target", "unit": "unit", "weight": "weight", "due": "due",
              "final_score": "final_score", "final_reason": "final_reason"}
NUMBERS = frozenset({"grade", "start", "target", "weight", "final_score", "current"})
_YES = {"yes": True, "true": True, "1": True, "no": False, "false": False, "0": False}
IMPORT_NOTE = "imported from a CSV file"


def unguard(cell: str) -> str:
    """A cell as typed before the export's formula guard: `'=SUM(A1)` is `=SUM(A1)`."""
    if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


@dataclass(frozen=True)
class CsvRow:
    """One data row: its number in the sheet and its cells by column (guard undone)."""

    number: int
    cells: dict[str, str]


@dataclass(frozen=True)
class CsvPlan:
    """A parsed CSV file: its rows, checked for columns, ready to build records from."""

    rows: tuple[CsvRow, ...]


def parse_csv(text: str) -> CsvPlan:
    """Read the CSV text; refuse a file without the needed columns or with unknown ones."""
    text = text.removeprefix("\ufeff")
    try:
        table = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise ImportRefused(f"the file is not CSV ({exc})") from None
    if not table:
        raise ImportRefused("the file is empty (no header row)")
    header = [h.strip() for h in table[0]]
    known = set(CSV_COLUMNS)
    for column in header:
        if column not in known:
            raise ImportRefused(f"row 1: unknown column '{column[:40]}' (the columns are "
                                "those of 'okrtui export --format csv')")
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ImportRefused(f"row 1: the column '{missing[0]}' is missing")
    if len(set(header)) != len(header):
        twice = next(c for c in header if header.count(c) > 1)
        raise ImportRefused(f"row 1: the column '{twice}' appears twice")
    rows: list[CsvRow] = []
    for number, cells in enumerate(table[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header):
            raise ImportRefused(f"row {number}: {len(cells)} cells for {len(header)} columns")
        rows.append(CsvRow(number, {h: unguard(c) for h, c in zip(header, cells,
                                                                  strict=False)}))
    return CsvPlan(tuple(rows))


@dataclass
class _Built:
    added: dict[str, int] = field(default_factory=dict)
    unchanged: int = 0


def apply_csv(ws: Workspace, plan: CsvPlan, *, user: str, now: dt.datetime,
              new_id: Callable[[], str]) -> ImportResult:
    """Put the plan's objectives, key results and check-ins into `ws`, every record checked
    by its model and the rules; raise ImportRefused naming the first bad row and column.

    An objective or key result whose id is in the workspace already is skipped when the
    file says what the workspace says, and refused when it differs (an import never
    overwrites). The caller writes `ws` only when this returns.
    """
    built = _Built()
    objectives: dict[str, tuple[int, dict[str, Any]]] = {}
    by_name: dict[tuple[str, str, str], str] = {}
    positions: dict[str, int] = {}
    stamps = {"created_at": now, "created_by": user, "updated_at": now, "updated_by": user}
    for row in plan.rows:
        fields = _fields(row, OBJECTIVE_COLUMNS)
        oid = row.cells.get("objective_id", "").strip()
        if not oid:
            name = (str(fields.get("period", "")), str(fields.get("title", "")),
                    str(fields.get("owner", "")))
            oid = by_name.setdefault(name, new_id())
        if oid in objectives:
            first, earlier = objectives[oid]
            for key, value in fields.items():
                if earlier.get(key) != value:
                    raise ImportRefused(f"row {row.number}: {_column(key, OBJECTIVE_COLUMNS)}: "
                                        f"differs from row {first} for the same objective")
        else:
            objectives[oid] = (row.number, fields)
            _add(ws, built, row.number, "objectives",
                 _validated(row.number, Objective, {**stamps, **fields, "id": oid},
                            OBJECTIVE_COLUMNS))
        if not any(row.cells.get(c, "").strip() for c in ("kr_id", "key_result")):
            continue
        kr_fields = _fields(row, KR_COLUMNS)
        kid = row.cells.get("kr_id", "").strip() or new_id()
        if oid not in positions:
            positions[oid] = max((k.position for k in ws.key_results(oid)), default=-1) \
                if ws.raw("objectives", oid) is not None else -1
        kr = _validated(row.number, KeyResult, {**stamps, "position": positions[oid] + 1,
                                                **kr_fields, "id": kid, "objective_id": oid},
                        KR_COLUMNS)
        current = row.cells.get("current", "").strip()
        checkin = None
        if current:
            checkin = _validated(row.number, CheckIn, {
                "id": new_id(), "kr_id": kid, "value": _number(row.number, "current", current),
                "note": IMPORT_NOTE, "author": user, "at": now, "updated_at": now,
                "updated_by": user}, {"current": "value"})
        if ws.raw("key_results", kid) is not None:
            _same(ws, built, row.number, "key_results", kr, KR_COLUMNS)
            if checkin is not None:
                latest = ws.latest_checkin(kid)
                if latest is None or latest.value != checkin.value:
                    raise ImportRefused(f"row {row.number}: current: key result {kid[:8]} "
                                        "exists in this workspace already with another "
                                        "current value; an import never overwrites")
            continue
        positions[oid] += 1
        _add(ws, built, row.number, "key_results", kr)
        if checkin is not None:
            _add(ws, built, row.number, "checkins", checkin)
    return ImportResult(built.added, built.unchanged)


def _add(ws: Workspace, built: _Built, number: int, table: str, record: Record) -> None:
    if ws.raw(table, record.id) is not None:
        columns = OBJECTIVE_COLUMNS if table == "objectives" else KR_COLUMNS
        _same(ws, built, number, table, record, columns)
        return
    ws.put(table, record)
    # Checked as it is added, so that the row that breaks a rule (a sixth key result of
    # an objective) is the one named.
    try:
        check_imported(ws, table, record)
    except ImportRefused as exc:
        raise ImportRefused(f"row {number}: {exc}") from None
    except OkrError as exc:
        raise ImportRefused(f"row {number}: {_field_column(table, exc)}") from None
    built.added[table] = built.added.get(table, 0) + 1


def _same(ws: Workspace, built: _Built, number: int, table: str, record: Record,
          columns: dict[str, str]) -> None:
    """Count a record the workspace has already as unchanged, or refuse it if it differs."""
    stored = ws.get(table, record.id, type(record))
    kind = "objective" if table == "objectives" else "key result"
    for column, name in columns.items():
        if getattr(stored, name) != getattr(record, name):
            raise ImportRefused(f"row {number}: {column}: {kind} {record.id[:8]} exists in "
                                "this workspace already with another value; an import "
                                "never overwrites")
    built.unchanged += 1


def _fields(row: CsvRow, columns: dict[str, str]) -> dict[str, Any]:
    """The model fields the row's cells give (empty cells give nothing: the defaults)."""
    out: dict[str, Any] = {}
    for column, name in columns.items():
        text = row.cells.get(column, "")
        if not text.strip():
            continue
        if column != "final_reason":  # a note keeps its spaces and lines
            text = text.strip()
        if column in NUMBERS:
            out[name] = _number(row.number, column, text)
        elif column == "committed":
            if text.lower() not in _YES:
                raise ImportRefused(f"row {row.number}: committed: '{text[:20]}' is not yes "
                                    "or no")
            out[name] = _YES[text.lower()]
        elif column == "due":
            try:
                out[name] = parse_date(text)
            except OkrError as exc:
                raise ImportRefused(f"row {row.number}: due: {exc.message}") from None
        else:
            out[name] = text
    return out


def _number(number: int, column: str, text: str) -> float:
    try:
        return parse_number(text, column)
    except OkrError as exc:
        raise ImportRefused(f"row {number}: {column}: {exc.message}") from None


def _validated(number: int, model: type[Record], data: dict[str, Any],
               columns: dict[str, str]) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        field, message = next(iter(field_errors(exc).items()))
        raise ImportRefused(f"row {number}: {_column(field, columns)}: {message}") from None


def _column(field: str, columns: dict[str, str]) -> str:
    """The column that holds a model field (the field itself where no column does)."""
    return next((c for c, f in columns.items() if f == field), field)


def _field_column(table: str, error: OkrError) -> str:
    """A rule's refusal, its field named by the column that holds it."""
    columns = OBJECTIVE_COLUMNS if table == "objectives" else KR_COLUMNS
    if error.field:
        return f"{_column(error.field, columns)}: {error.message}"
    return error.message
