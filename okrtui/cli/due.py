"""`okrtui due`: my key results due for a check-in and my KPIs due for a measurement.

For scripts and cron: exit 0 when nothing is due, 1 when something is, so
`okrtui due -q || notify-send "OKR check-ins are due"` works.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from okrtui.cli.common import EXIT_FINDINGS, EXIT_OK, Parents, add_command, period, print_json
from okrtui.domain.records.text import one_line
from okrtui.domain.scoring.due import DueItem
from okrtui.services import Services

KIND_WORDS = {"key_result": "key result", "kpi": "KPI"}


def register(sub: Any, parents: Parents) -> None:
    """Add the due command."""
    due = add_command(sub, "due", "my key results due for a check-in and KPIs due for a "
                      "measurement, most overdue first (exit 1 when any is)", parents,
                      json_flag=True, handler=due_now)
    due.add_argument("--owner", help="whose (default: you)")
    due.add_argument("--period", type=period, help="default: the current period")
    due.add_argument("-q", "--quiet", action="store_true",
                     help="print nothing; the exit code says (0 nothing due, 1 something)")


def _overdue(item: DueItem, today: dt.date) -> str:
    days = item.days_overdue(today)
    return "due today" if days == 0 else f"due {days} day{'s' if days != 1 else ''}"


def _last(item: DueItem) -> str:
    if item.last_at is None:
        return "never checked in" if item.kind == "key_result" else "never measured"
    day = item.last_at.date() if isinstance(item.last_at, dt.datetime) else item.last_at
    return f"last {day.isoformat()}"


def line(item: DueItem, today: dt.date) -> str:
    """One due item as one line: id, kind, how overdue, title, objective, last time."""
    where = f"  ({one_line(item.objective, 50)})" if item.objective else ""
    stale = ", stale" if item.stale else ""
    return (f"{item.id[:8]}  {KIND_WORDS[item.kind]:10}  {_overdue(item, today):13}  "
            f"{one_line(item.title, 60)}{where}  [{_last(item)}{stale}]")


def due_now(args: argparse.Namespace, services: Services) -> int:
    """okrtui due: one line per item due, the most overdue first."""
    found = services.due(args.period, args.owner)
    if not args.quiet:
        if args.json:
            print_json([item.as_json() for item in found.items])
        elif not found.items:
            print(f"Nothing is due for {found.owner} in {found.period}.")
        else:
            for item in found.items:
                print(line(item, services.today()))
    return EXIT_FINDINGS if found.items else EXIT_OK
