"""Data in and out: the JSON export format, CSV for spreadsheets, and validated import.

The JSON export is a faithful copy of a workspace's records, one list per table::

    {
      "format": "okrtui-export",
      "version": 1,
      "settings": {"max_key_results": 5, ...},
      "objectives": [{"id": "...", "title": "...", "period": "2026-Q4", ...}, ...],
      "key_results": [...], "checkins": [...], "kpis": [...],
      "measurements": [...], "initiatives": [...]
    }

Each record has exactly the fields of its model in okrtui/domain/models.py (the id
included), dates and times in ISO 8601. Deleted records are exported as the tombstones
they are (`deleted_at` set), so that an import is the same workspace and a later merge
can still tell "deleted" from "never seen". Records are sorted by id and their fields
come in the models' order, so exporting the same workspace twice gives the same bytes.

Import validates every record through its model and the OKR rules before anything is
written; one bad record refuses the whole file with one line that says which.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson
from pydantic import ValidationError

from okrtui.domain.records.errors import OkrError, describe
from okrtui.domain.records.models import (
    KIND_NAMES,
    KPI,
    TABLES,
    CheckIn,
    KeyResult,
    Measurement,
    Objective,
    Record,
    Settings,
)
from okrtui.domain.records.workspace import Workspace
from okrtui.domain.rules import checks as rules
from okrtui.domain.rules.dates import check_not_future
from okrtui.domain.scoring.views import objective_scores

EXPORT_FORMAT = "okrtui-export"
EXPORT_VERSION = 1

# Which field of each table points at another record, and in which table.
LINKS: dict[str, tuple[tuple[str, str], ...]] = {
    "objectives": (("parent_id", "objectives"),),
    "key_results": (("objective_id", "objectives"), ("kpi_id", "kpis")),
    "checkins": (("kr_id", "key_results"),),
    "kpis": (),
    "measurements": (("kpi_id", "kpis"),),
    "initiatives": (("kr_id", "key_results"),),
}


class ImportRefused(OkrError):
    """An import file is refused; nothing was imported."""


# ---- JSON export -----------------------------------------------------------------------


def export_data(ws: Workspace) -> dict[str, Any]:
    """The workspace as export data: settings and every record, tombstones included."""
    data: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "settings": ws.settings.model_dump(mode="json"),
    }
    for table, model in TABLES.items():
        records = ws.records(table, model, deleted=True)
        data[table] = sorted((r.model_dump(mode="json") for r in records),
                             key=lambda r: r["id"])
    return data


def export_json(ws: Workspace) -> bytes:
    """The JSON export, indented, ending in a newline.

    Keys keep the order of export_data and of the models' fields (deterministic, and the
    format and version come first, where a person opening the file looks).
    """
    return orjson.dumps(export_data(ws), option=orjson.OPT_INDENT_2) + b"\n"


# ---- JSON import -----------------------------------------------------------------------


@dataclass(frozen=True)
class ImportPlan:
    """A parsed, model-validated export file, ready to check against a workspace."""

    settings: Settings | None
    records: tuple[tuple[str, Record], ...]


@dataclass(frozen=True)
class ImportResult:
    """What an import did."""

    added: dict[str, int] = field(default_factory=dict)
    unchanged: int = 0
    settings: str = "unchanged"  # "unchanged", "imported" or "kept"

    @property
    def total(self) -> int:
        """How many records were added."""
        return sum(self.added.values())


def parse_export(blob: bytes) -> ImportPlan:
    """Parse and model-validate an export file; raise ImportRefused naming the bad record."""
    try:
        data = orjson.loads(blob)
    except orjson.JSONDecodeError as exc:
        raise ImportRefused(f"the file is not JSON ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise ImportRefused(f"the file is not an okrtui export (it has no "
                           f'"format": "{EXPORT_FORMAT}")')
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportRefused("the export has no valid version number")
    if version > EXPORT_VERSION:
        raise ImportRefused(f"the export is version {version}, from a newer okrtui (this one "
                           f"reads version {EXPORT_VERSION}); upgrade okrtui")
    unknown = sorted(set(data) - {"format", "version", "settings", *TABLES})
    if unknown:
        raise ImportRefused(f"the export has an unknown section '{str(unknown[0])[:40]}'")
    settings = None
    if data.get("settings") is not None:
        try:
            settings = Settings.model_validate(data["settings"])
        except ValidationError as exc:
            raise ImportRefused(f"settings: {describe(exc)}") from None
    records: list[tuple[str, Record]] = []
    for table, model in TABLES.items():
        rows = data.get(table, [])
        if not isinstance(rows, list):
            raise ImportRefused(f"'{table}' must be a list of records")
        seen: set[str] = set()
        for index, row in enumerate(rows):
            where = f"{table}[{index}]"
            if not isinstance(row, dict):
                raise ImportRefused(f"{where} is not a record (an object)")
            rid = row.get("id")
            if isinstance(rid, str):
                where += f" (id {rid[:8]})"
            try:
                record = model.model_validate(row)
            except ValidationError as exc:
                raise ImportRefused(f"{where}: {describe(exc)}") from None
            if record.id in seen:
                raise ImportRefused(f"{where}: the id appears twice in {table}")
            seen.add(record.id)
            records.append((table, record))
    return ImportPlan(settings, tuple(records))


def apply_import(ws: Workspace, plan: ImportPlan, *,
                 now: dt.datetime | None = None) -> ImportResult:
    """Put the plan's records into `ws` and check them; raise ImportRefused on the first bad one.

    A record whose id exists already is skipped when it is the same and refused when it
    differs (an import never overwrites). Links must point at records that exist after the
    import (a tombstone counts: the source workspace had that link too). The OKR rules
    (limits, due dates, milestone values) apply to live records with live parents, the
    records people see, and with `now` (the moment in the importer's time zone) no live
    check-in or KPI value may be dated on a day that has not come. The caller writes `ws`
    only when this returns.
    """
    ws.with_history()  # records already in the workspace may be history
    empty = not any(ws.tables.get(t) for t in TABLES)
    settings_state = "unchanged"
    if plan.settings is not None and plan.settings != ws.settings:
        if empty:
            ws.put_settings(plan.settings)
            settings_state = "imported"
        else:
            settings_state = "kept"  # a team's rules are not replaced by a file
    added: dict[str, int] = {}
    unchanged = 0
    fresh: list[tuple[str, Record]] = []
    for table, record in plan.records:
        if ws.raw(table, record.id) is not None:
            try:
                same = ws.get(table, record.id, type(record)) == record
            except OkrError:
                same = False
            if not same:
                raise ImportRefused(f"{_name(table, record)} exists in this workspace "
                                   "already with other content; an import never overwrites")
            unchanged += 1
            continue
        ws.put(table, record)
        fresh.append((table, record))
        added[table] = added.get(table, 0) + 1
    for table, record in fresh:
        try:
            check_imported(ws, table, record, now)
        except ImportRefused:
            raise
        except OkrError as exc:
            raise ImportRefused(f"{_name(table, record)}: {exc}") from None
    return ImportResult(added, unchanged, settings_state)


def check_imported(ws: Workspace, table: str, record: Record,
                   now: dt.datetime | None = None) -> None:
    """Check a record an import put into `ws`: its links point at records that exist (a
    tombstone counts), and a live record keeps the OKR rules (and, given `now`, is not
    dated in the future). Raises ImportRefused for a link, the rule's own OkrError
    otherwise."""
    _check_links(ws, table, record)
    if not record.deleted:
        _check_rules(ws, table, record)
        if now is not None:
            _check_dates(record, now)


def _name(table: str, record: Record) -> str:
    return f"{KIND_NAMES[table]} {record.id[:8]}"


def _check_links(ws: Workspace, table: str, record: Record) -> None:
    for attr, target in LINKS[table]:
        linked = getattr(record, attr)
        if linked is not None and ws.raw(target, linked) is None:
            raise ImportRefused(f"{_name(table, record)}: its {attr} {linked[:8]} names no "
                               f"{KIND_NAMES[target]} in the workspace or the file")
    if table == "objectives":
        seen = {record.id}
        parent = getattr(record, "parent_id", None)
        while parent is not None:
            if parent in seen:
                raise ImportRefused(f"{_name(table, record)}: its alignment goes in a circle")
            seen.add(parent)
            parent = (ws.raw("objectives", parent) or {}).get("parent_id")


def _live(ws: Workspace, table: str, record_id: str | None) -> bool:
    raw = ws.raw(table, record_id) if record_id else None
    return raw is not None and not raw.get("deleted_at")


def _check_dates(record: Record, now: dt.datetime) -> None:
    if isinstance(record, CheckIn):
        check_not_future(record.at, now, what="a check-in", field="at")
    elif isinstance(record, Measurement):
        check_not_future(record.date, now, what="a KPI value")


def _check_rules(ws: Workspace, table: str, record: Record) -> None:
    # Links were checked above (tombstones allowed); the rules below see only the counts,
    # dates and values people see, so links are masked where a rule would re-check them.
    if isinstance(record, Objective):
        rules.check_objective(ws, record.model_copy(update={"parent_id": None}))
    elif isinstance(record, KeyResult) and _live(ws, "objectives", record.objective_id):
        rules.check_key_result(ws, record.model_copy(update={"kpi_id": None}))
    elif isinstance(record, KPI):
        rules.check_kpi(ws, record)
    elif isinstance(record, CheckIn) and _live(ws, "key_results", record.kr_id):
        rules.check_checkin(ws.key_result(record.kr_id), record)


# ---- CSV -------------------------------------------------------------------------------

# Spreadsheets run a cell that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


def format_number(value: float) -> str:
    """A number as spreadsheets read it: whole numbers without ".0", others exactly."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def csv_cell(value: Any) -> str:
    """One CSV cell, safe to open in a spreadsheet.

    Numbers stay numbers (a negative number is not a formula). Text that would start a
    formula gets a leading apostrophe, which spreadsheets show as text and do not run.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return format_number(float(value))
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    text = str(value)
    if text.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.match(text):
        return "'" + text
    return text


def write_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """CSV text with a header row, every cell through `csv_cell`, CRLF line ends."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([csv_cell(h) for h in header])
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    return out.getvalue()


CSV_COLUMNS = (
    "period", "objective_id", "objective", "objective_owner", "team", "level", "committed",
    "objective_status", "objective_score", "grade", "kr_id", "key_result", "kr_owner",
    "kind", "start", "target", "current", "unit", "weight", "due", "progress", "status",
    "final_score", "final_reason",
)


def export_csv(ws: Workspace, today: dt.date) -> str:
    """One row per key result with its objective (an objective without any gets one row)."""
    rows: list[list[Any]] = []
    for s in objective_scores(ws, today):
        o = s.objective
        head = [o.period, o.id, o.title, o.owner, o.team, o.level, o.committed, o.status,
                round(s.score, 4), o.grade]
        if not s.key_results:
            rows.append([*head, *[None] * (len(CSV_COLUMNS) - len(head))])
        for k in s.key_results:
            kr = k.kr
            rows.append([*head, kr.id, kr.title, kr.owner, kr.kind, kr.start, kr.target,
                         k.current, kr.unit, kr.weight, kr.due, round(k.progress, 4),
                         k.status, kr.final_score, kr.final_reason])
    return write_csv(CSV_COLUMNS, rows)

