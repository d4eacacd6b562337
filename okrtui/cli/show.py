"""`okrtui show` without --json: a record as a small report, labelled fields and aligned
tables, built from the same data `--json` prints."""

from __future__ import annotations

import datetime as dt
from typing import Any

from okrtui.cli.common import columns
from okrtui.domain.records.numbers import number, with_unit
from okrtui.domain.records.text import one_line
from okrtui.domain.scoring.status import RAG_SYMBOL, STATUS_SYMBOL, grade_word

LABEL = 15


def _text(value: Any, width: int = 100) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return number(value)
    return one_line(str(value), width)


def _day(stamp: str | None) -> str:
    """The local date of a stored moment (or a date as it is)."""
    if not stamp:
        return "—"
    try:
        return dt.datetime.fromisoformat(stamp).astimezone().date().isoformat()
    except ValueError:
        return stamp[:10]


def _fields(pairs: list[tuple[str, Any]]) -> list[str]:
    return [f"  {label + ':':{LABEL}} {_text(value)}" for label, value in pairs]


def _status(status: str) -> str:
    return f"{STATUS_SYMBOL.get(status, '?')} {status}"


def _objective_status(data: dict[str, Any]) -> str:
    """"● on track", or a graded objective's grade in its colour's symbol: "✖ graded 0.3"."""
    if data["progress_status"] == "graded" and data["grade"] is not None:
        return f"{RAG_SYMBOL.get(data['rag'], '?')} {grade_word(data['grade'])}"
    return _status(data["progress_status"])


def render_key_result(data: dict[str, Any]) -> list[str]:
    """A key result: its fields, its check-ins newest first, its initiatives."""
    unit = data["unit"]
    if data["kind"] == "milestone":
        span = "milestone (done or not done)"
        current = "—" if data["current"] is None else \
            ("done" if data["current"] >= 1 else "not done")
    else:
        span = f"{data['kind']}: {number(data['start'])} → {with_unit(data['target'], unit)}"
        current = "—" if data["current"] is None else with_unit(data["current"], unit)
    out = [f"Key result {data['id'][:8]}  {one_line(data['title'], 100)}"]
    out += _fields([
        ("objective", data["objective_id"][:8]), ("owner", data["owner"]), ("kind", span),
        ("current", f"{current} (progress {data['progress']:.2f})"),
        ("status", _status(data["status"])), ("confidence", data["confidence"]),
        ("weight", data["weight"]), ("due", data["due"]), ("KPI", (data["kpi_id"] or "")[:8]),
        ("last check-in", _day(data["last_checkin"])),
    ])
    if data.get("final_score") is not None:
        out += _fields([("final score", data["final_score"]),
                        ("reason", data["final_reason"])])
    checkins = data.get("checkins") or []
    out += ["", f"Check-ins ({len(checkins)}, newest first)" if checkins else "No check-ins yet."]
    rows = [["id", "date", "by", "value", "conf", "note"]]
    for c in reversed(checkins):
        value = ("done" if c["value"] >= 1 else "not done") if data["kind"] == "milestone" \
            else with_unit(c["value"], unit)
        edited = f" (corrected by {one_line(c['updated_by'], 20)})" if c.get("rev", 1) > 1 else ""
        rows.append([c["id"][:8], _day(c["at"]), one_line(c["author"] or "—", 16),
                     one_line(value, 24), _text(c["confidence"]),
                     one_line(c["note"], 60) + edited])
    if checkins:
        out += columns(rows, indent="  ")
    initiatives = data.get("initiatives") or []
    if initiatives:
        out += ["", f"Initiatives ({data['initiatives_done']['text']})"]
        out += columns([["[x]" if i["done"] else "[ ]", i["id"][:8],
                         one_line(i["owner"] or "—", 16), one_line(i["title"], 100)]
                        for i in initiatives], indent="  ")
    return out


def render_objective(data: dict[str, Any]) -> list[str]:
    """An objective: its fields and a table of its key results."""
    kind = "committed" if data["committed"] else "aspirational"
    out = [f"Objective {data['id'][:8]}  {one_line(data['title'], 100)}"]
    pairs: list[tuple[str, Any]] = [
        ("period", f"{data['period']} ({data['status']}, {kind})"),
        ("owner", data["owner"]), ("team", data["team"]), ("level", data["level"]),
        ("score", f"{data['score']:.2f} {_objective_status(data)}"),
    ]
    if data["grade"] is not None:
        pairs += [("grade", f"{data['grade']:.2f} ({data['rag']}): {data['verdict']}")]
    pairs += [("aligned to", (data["parent_id"] or "")[:8]),
              ("description", data["description"])]
    if data["retrospective"]:
        pairs += [("retrospective", data["retrospective"])]
    out += _fields(pairs)
    krs = data["key_results"]
    out += ["", f"Key results ({len(krs)})" if krs else "No key results yet."]
    rows = [["id", "progress", "status", "current / target", "title"]]
    for k in krs:
        current = "—" if k["current"] is None else number(k["current"])
        target = "done" if k["kind"] == "milestone" else with_unit(k["target"], k["unit"])
        rows.append([k["id"][:8], f"{k['progress']:.2f}", _status(k["status"]),
                     one_line(f"{current} / {target}", 30), one_line(k["title"], 80)])
    if krs:
        out += columns(rows, indent="  ")
    return out


def render_kpi(data: dict[str, Any]) -> list[str]:
    """A KPI: its band and a table of its values, newest first."""
    unit = data["unit"]
    better = "≥" if data["direction"] == "higher" else "≤"
    band = "—" if data["green"] is None else (
        f"green {better} {with_unit(data['green'], unit)}, red "
        f"{'≤' if better == '≥' else '≥'} {with_unit(data['red'], unit)}")
    latest = "—" if data["latest"] is None else f"{with_unit(data['latest'], unit)} " \
        f"({data['rag']})"
    out = [f"KPI {data['id'][:8]}  {one_line(data['name'], 100)}"]
    out += _fields([("owner", data["owner"]), ("band", band),
                    ("direction", f"{data['direction']} is better"),
                    ("cadence", data["cadence"]), ("kind", data["kind"]),
                    ("latest", latest)])
    values = data["measurements"]
    out += ["", f"Values ({len(values)}, newest first)" if values else "No values yet."]
    if values:
        out += columns([["date", "value", "by"],
                        *([m["date"], with_unit(m["value"], unit), one_line(m["author"], 16)]
                          for m in reversed(values))], indent="  ")
    return out


def render_record(data: dict[str, Any]) -> list[str]:
    """Any other record: its type and id, then each field labelled."""
    out = [f"{str(data.get('type', 'record')).capitalize()} {str(data.get('id', ''))[:8]}"]
    out += _fields([(k.replace("_", " "), v) for k, v in data.items() if k not in ("type", "id")])
    return out


def render(data: dict[str, Any]) -> str:
    """The report `show` prints for `data`, the record as `--json` gives it."""
    kind = data.get("type")
    lines = render_key_result(data) if kind == "key_result" else \
        render_objective(data) if kind == "objective" else \
        render_kpi(data) if kind == "kpi" else render_record(data)
    return "\n".join(lines)
