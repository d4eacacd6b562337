"""Which file of a workspace a record lives in: the open file, or the archive of a year.

A workspace is its open file and, beside it, one archive file per year of history. What
a person works with every week (the objectives not yet graded, with their key results,
check-ins and initiatives; the KPIs with their latest values) stays in the open file;
what is history moves to the archives, so that the weekly cost of okrtui follows the open
period, not the years behind it. Where a record lives never changes what it is: the
workspace is the union of its files, and every command and screen sees the same records.

The rules, all of them here:
- a graded objective (closed, with a grade) lives in the archive of its period's year
  (the year its period starts in); every other objective lives in the open file;
- a key result lives where its objective lives; a check-in and an initiative live where
  their key result lives (a family is never split, so the open file alone answers for
  every open objective);
- each KPI keeps its newest OPEN_MEASUREMENTS live measurements in the open file (what the
  dashboard's sparkline and a KPI's latest value need); once it has COMPACT_AT there,
  the older ones move to the archive of their date's year;
- everything else (KPIs, settings, merge decisions, tables a newer okrtui added) lives
  in the open file.

Should one record be found in two files (a crash between the two writes that move it, or
two devices that moved it differently), the files hold two versions of one record: the one
a merge keeps is the record (`okrtui.domain.merge.core.pick_version`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from okrtui.domain.records.periods import Period

ARCHIVED_TABLES = ("objectives", "key_results", "checkins", "initiatives", "measurements")
"""The tables whose records can live in an archive."""

FAMILY = {"key_results": ("objective_id", "objectives"),
          "checkins": ("kr_id", "key_results"),
          "initiatives": ("kr_id", "key_results")}
"""Child table -> (the field naming its parent, the parent's table): a child lives with
its parent."""

OPEN_MEASUREMENTS = 32
"""How many of a KPI's newest live measurements the open file always holds."""

COMPACT_AT = 2 * OPEN_MEASUREMENTS
"""How many of a KPI's measurements in the open file make the older ones move out (in
batches, so that recording a KPI value rarely writes an archive)."""

Home = int | None
"""Where a record lives: None for the open file, else the year of its archive."""


def objective_home(raw: Mapping[str, Any]) -> Home:
    """The file a stored objective belongs in: its period's year once it is graded."""
    if raw.get("status") != "closed" or raw.get("grade") is None:
        return None
    return period_year(raw.get("period"))


def period_year(name: object) -> int | None:
    """The year a period starts in (the year of its archive), None for no period."""
    if not isinstance(name, str):
        return None
    try:
        return Period.parse(name).start.year
    except ValueError:
        return None


def measurements_to_archive(rows: Mapping[str, Mapping[str, Any]]) -> dict[str, int]:
    """Of one KPI's measurements in the open file (id -> stored record), those that move
    to an archive, with the year of each; none until the open file holds COMPACT_AT live
    ones, then all but the newest OPEN_MEASUREMENTS live ones (tombstones go along)."""
    live = sorted(((str(raw.get("date", "")), str(raw.get("at", "")), rid)
                   for rid, raw in rows.items() if not raw.get("deleted_at")), reverse=True)
    if len(live) < COMPACT_AT:
        return {}
    keep_from = live[OPEN_MEASUREMENTS - 1][:2]
    out: dict[str, int] = {}
    for rid, raw in rows.items():
        key = (str(raw.get("date", "")), str(raw.get("at", "")))
        if key >= keep_from and not raw.get("deleted_at"):
            continue
        year = _date_year(raw.get("date"))
        if year is not None and key < keep_from:
            out[rid] = year
    return out


def _date_year(value: object) -> int | None:
    if isinstance(value, str) and len(value) >= 4 and value[:4].isdigit():
        return int(value[:4])
    return None
