"""Commands that read: list, show, lint, activity."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

from okrtui.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    Parents,
    add_command,
    bar,
    date,
    period,
    print_json,
)
from okrtui.domain.records.models import KIND_NAMES, TABLES
from okrtui.domain.records.periods import Period
from okrtui.domain.records.text import one_line
from okrtui.domain.rules.lint import lint
from okrtui.domain.scoring.score import STATUS_SYMBOL
from okrtui.domain.scoring.views import kpi_json, kr_json, kr_score, objective_json, objective_score
from okrtui.services import Services


def register(sub: Any, parents: Parents) -> None:
    """Add the list, show, lint and activity commands."""
    listing = add_command(sub, "list", "objectives with their scores and key results",
                          parents, json_flag=True, handler=list_objectives)
    listing.add_argument("--period", type=period)
    listing.add_argument("--owner")
    add_command(sub, "show", "one objective, key result or KPI in detail", parents,
                json_flag=True, handler=show).add_argument("id")
    add_command(sub, "lint", "what falls short of SMART (exit 1 when anything does)",
                parents, json_flag=True, handler=lint_workspace).add_argument(
                    "--period", type=period)
    news = add_command(sub, "activity", "who changed what (others' changes of the last 7 "
                       "days)", parents, json_flag=True, handler=activity)
    news.add_argument("--since", type=date, help="from this date on (default: 7 days ago)")
    news.add_argument("--everyone", action="store_true", help="your own changes too")


def list_objectives(args: argparse.Namespace, services: Services) -> int:
    """okrtui list: objectives by period with scores, status and key results."""
    ws = services.workspace()
    today = services.today()
    scores = [objective_score(ws, o, today)
              for o in ws.objectives(period=args.period, owner=args.owner)]
    if args.json:
        print_json([objective_json(s) for s in scores])
        return EXIT_OK
    if not scores:
        print("No objectives yet. Add one: okrtui objective add \"TITLE\" --period "
              f"{Period.quarter_of(today)}", file=sys.stderr)
        return EXIT_OK
    current_period = None
    for s in scores:
        o = s.objective
        if o.period != current_period:
            current_period = o.period
            print(current_period)
        print(f"  {o.id[:8]}  {s.score:4.2f} {bar(s.score)} {STATUS_SYMBOL[s.status]} "
              f"{s.status:11} {one_line(o.owner, 12):12} {o.title}")
        for k in s.key_results:
            kr = k.kr
            current = "-" if k.current is None else f"{k.current:g}"
            print(f"    {kr.id[:8]}  {k.progress:4.2f} {bar(k.progress)} "
                  f"{STATUS_SYMBOL[k.status]} {k.status:11} "
                  f"{current}/{kr.target:g} {kr.unit}  {kr.title}")
    return EXIT_OK


def show(args: argparse.Namespace, services: Services) -> int:
    """okrtui show: any record by id prefix, with its score and history."""
    ws = services.workspace()
    today = services.today()
    table, rid = ws.resolve(args.id)
    if table == "objectives":
        data = objective_json(objective_score(ws, ws.objective(rid), today))
    elif table == "key_results":
        data = kr_json(kr_score(ws, ws.key_result(rid), today), ws)
    elif table == "kpis":
        data = kpi_json(ws, ws.kpi(rid))
    else:
        record = ws.get(table, rid, TABLES[table])
        data = {"type": KIND_NAMES[table], **record.model_dump(mode="json")}
    if args.json:
        print_json(data)
        return EXIT_OK
    for key, value in data.items():
        if isinstance(value, list):
            print(f"{key}:")
            for item in value:
                summary = "  ".join(str(v) for k, v in item.items()
                                    if k != "id" and v not in (None, "", []))
                print(f"  {str(item.get('id', ''))[:8]}  {one_line(summary, 200)}")
        else:
            print(f"{key}: {'' if value is None else value}")
    return EXIT_OK


def lint_workspace(args: argparse.Namespace, services: Services) -> int:
    """okrtui lint: SMART shortfalls; exit 1 when there are any."""
    findings = lint(services.workspace(), services.today(), args.period)
    if args.json:
        print_json([f.as_dict() for f in findings])
    else:
        for f in findings:
            print(f"{(f.id or '-')[:8]:8}  {f.rule:10}  {f.message}")
    return EXIT_FINDINGS if findings else EXIT_OK


def activity(args: argparse.Namespace, services: Services) -> int:
    """okrtui activity: who changed what since a date, oldest first."""
    if args.since is not None:
        since = dt.datetime.combine(args.since, dt.time(), dt.UTC)
    else:
        since = services.clock() - dt.timedelta(days=7)
    found = services.activity_since(since, everyone=args.everyone)
    if args.json:
        print_json([{"at": a.at.isoformat(), "who": a.who, "what": a.text, "table": a.table,
                     "id": a.record_id, "objective_id": a.objective_id, "kr_id": a.kr_id}
                    for a in found])
        return EXIT_OK
    for a in found:
        local = a.at.astimezone()
        print(f"{local:%Y-%m-%d %H:%M}  {one_line(a.sentence, 200)}")
    return EXIT_OK
