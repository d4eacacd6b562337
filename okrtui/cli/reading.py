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
from okrtui.cli.show import render as render_show
from okrtui.domain.records.models import KIND_NAMES, TABLES
from okrtui.domain.records.periods import Period
from okrtui.domain.records.text import one_line
from okrtui.domain.rules.lint import lint
from okrtui.domain.scoring.score import ObjectiveScore
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
    for line in list_lines(scores):
        print(line)
    return EXIT_OK


def list_lines(scores: list[ObjectiveScore]) -> list[str]:
    """The objectives under their periods, key results under them, every column aligned
    across the whole list (however long a value or an owner), drafts marked as such."""
    objective_rows: list[list[str]] = []
    kr_rows: list[list[str]] = []
    for s in scores:
        o = s.objective
        # A graded objective says its grade ("graded 0.3") and, after its title, its verdict.
        status = "draft" if o.status == "draft" else s.word
        symbol = "✎" if o.status == "draft" else s.symbol
        verdict = f"  ({s.verdict})" if s.verdict else ""
        objective_rows.append([o.id[:8], f"{s.score:4.2f}", bar(s.score), symbol, status,
                               one_line(o.owner or "-", 12), o.title + verdict])
        for k in s.key_results:
            kr = k.kr
            current = "-" if k.current is None else f"{k.current:g}"
            target = "done" if kr.kind == "milestone" else f"{kr.target:g}"
            value = one_line(f"{current}/{target} {kr.unit}".rstrip(), 24)
            kr_rows.append([kr.id[:8], f"{k.progress:4.2f}", bar(k.progress),
                            k.symbol, k.word, value, kr.title])
    # One set of widths for both kinds of row: the key results' columns sit under their
    # objective's, two characters in.
    widths = [max(len(r[i]) for r in objective_rows + kr_rows) for i in range(6)]
    out: list[str] = []
    current_period = None
    krs = iter(kr_rows)
    for s, row in zip(scores, objective_rows, strict=True):
        if s.objective.period != current_period:
            current_period = s.objective.period
            out.append(current_period)
        out.append(_row("  ", row, widths))
        out.extend(_row("    ", next(krs), widths) for _ in s.key_results)
    return out


def _row(indent: str, cells: list[str], widths: list[int]) -> str:
    head = " ".join(cell.ljust(w) for cell, w in zip(cells[:6], widths, strict=True))
    return f"{indent}{head}  {cells[6]}"


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
        data = kpi_json(ws, ws.kpi(rid), today)
    else:
        record = ws.get(table, rid, TABLES[table])
        data = {"type": KIND_NAMES[table], **record.model_dump(mode="json")}
    if args.json:
        print_json(data)
        return EXIT_OK
    print(render_show(data))
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
