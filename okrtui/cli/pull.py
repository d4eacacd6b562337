"""okrtui pull: the numbers of the sources in your config file, as check-ins and KPI values.

Cron-friendly: it needs no terminal and prints nothing when nothing changed. A recorded
value is one line on stdout (`--quiet` drops those), a failed source one line on stderr.
Exit 0 when every source landed, 1 when some failed, 2 for a broken config.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

from okrtui import config
from okrtui.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_FINDINGS,
    EXIT_OK,
    Parents,
    add_command,
    print_json,
)
from okrtui.services import PullReport, Services, SourceResult


def register(sub: Any, parents: Parents) -> None:
    """Add the pull command."""
    p = add_command(sub, "pull", "record the numbers your config's [sources] commands "
                    "print, as check-ins and KPI values", parents, json_flag=True,
                    handler=pull)
    p.add_argument("--dry-run", action="store_true",
                   help="run the sources and show what would be recorded; save nothing")
    p.add_argument("--timeout", type=_seconds, default=60.0, metavar="SECONDS",
                   help="end a source that runs longer (default 60)")
    p.add_argument("-q", "--quiet", action="store_true",
                   help="print only failures (for cron)")
    p.add_argument("--list", action="store_true",
                   help="list the sources, what each feeds and its last pull; run nothing")


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text[:20]}' is not a number of seconds") from None
    if not 0 < value <= 86400:
        raise argparse.ArgumentTypeError("give a number of seconds from 0 to 86400")
    return value


def pull(args: argparse.Namespace, services: Services) -> int:
    """okrtui pull: run the sources, record what changed, say what failed."""
    path = config.config_path()
    sources = config.read_sources(path)
    if not sources:
        print(f"okrtui: no sources: add a [sources] table to {path} "
              '("<key result id>" = "<command>", "kpi:<KPI id>" = "<command>")',
              file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.list:
        return _list(args, services, sources)
    report = services.pull(sources, timeout=args.timeout, dry_run=args.dry_run)
    for result in report.failed:
        print(f"okrtui: source {_key(result)}: {result.message}", file=sys.stderr)
    if args.json:
        print_json(_as_data(report))
    elif not args.quiet:
        for line in _lines(report):
            print(line)
    return EXIT_FINDINGS if report.failed else EXIT_OK


def _key(result: SourceResult) -> str:
    from okrtui.domain.sources.readings import shown

    return repr(shown(result.key, 40))


def _lines(report: PullReport) -> list[str]:
    out: list[str] = []
    for r in report.results:
        if r.reading is None:
            continue
        if r.outcome == "recorded":
            verb = "would record" if report.dry_run else "recorded"
        elif report.dry_run:
            verb = "unchanged"
        else:
            continue  # quiet: nothing to say about a number that did not move
        kind = "KPI " if r.reading.table == "kpis" else ""
        out.append(f"{verb} {kind}{r.reading.record_id[:8]} {r.reading.describe()}")
    return out


def _as_data(report: PullReport) -> dict[str, Any]:
    rows = []
    for r in report.results:
        row: dict[str, Any] = {"source": r.key, "outcome": r.outcome, "message": r.message}
        if r.reading is not None:
            row.update(table=r.reading.table, id=r.reading.record_id, title=r.reading.title,
                       value=r.reading.value, previous=r.reading.previous)
        row["recorded_id"] = r.record_id
        rows.append(row)
    return {"dry_run": report.dry_run, "sources": rows}


def _list(args: argparse.Namespace, services: Services, sources: dict[str, str]) -> int:
    """okrtui pull --list: one line per source; nothing runs."""
    statuses = services.source_statuses(sources)
    if args.json:
        print_json([{"source": s.key, "command": s.command, "table": s.table,
                     "id": s.record_id, "title": s.title, "problem": s.problem,
                     "last": None if s.last is None else {
                         "at": s.last.at.isoformat(), "outcome": s.last.outcome,
                         "message": s.last.message, "value": s.last.value,
                         "ok_at": s.last.ok_at.isoformat() if s.last.ok_at else None}}
                    for s in statuses])
        return EXIT_OK
    from okrtui.domain.sources.readings import shown

    for s in statuses:
        key = shown(s.key, 40)
        if s.record_id is None:
            print(f"{key}: {s.problem}")
            continue
        kind = "KPI " if s.table == "kpis" else ""
        where = f"{key}: {kind}{s.record_id[:8]} “{s.title}”"
        if s.last is None:
            print(f"{where}: never pulled")
        elif s.last.outcome == "failed":
            good = f"; last good {moment(s.last.ok_at)}" if s.last.ok_at else ""
            print(f"{where}: failed {moment(s.last.at)}: {s.last.message}{good}")
        else:
            value = "" if s.last.value is None else f" ({s.last.value:g})"
            print(f"{where}: {s.last.outcome} {moment(s.last.at)}{value}")
    return EXIT_OK


def moment(at: dt.datetime | None) -> str:
    """A moment in the local time zone: "2026-12-01 10:30"."""
    return "never" if at is None else f"{at.astimezone():%Y-%m-%d %H:%M}"
