"""The OKR cycle on the command line: grade, carry, templates, report, status, and the
KPI and key-result transitions (kpi promote, kr move, kr to-kpi).

The transitions join the kr and kpi command groups that records.py makes, so this module
must come after it in COMMAND_MODULES.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from okrtui.cli.common import (
    EXIT_OK,
    Parents,
    UsageError,
    add_command,
    columns,
    date,
    emit,
    given,
    number,
    period,
    print_json,
    subcommands,
)
from okrtui.domain.cycle.carryover import Carried
from okrtui.domain.cycle.grading import ObjectiveGrade, grade_json
from okrtui.domain.cycle.templates import TEMPLATES, Template, get_template
from okrtui.domain.cycle.transitions import NotReached
from okrtui.domain.records.errors import InvalidInput
from okrtui.domain.records.periods import current_period
from okrtui.domain.records.text import one_line
from okrtui.domain.reporting.report import (
    render_csv,
    render_markdown,
    report_json,
    status_counts,
)
from okrtui.domain.scoring.views import kpi_json, kr_json, kr_score
from okrtui.services import Services

PROMOTE_ARGS = {"title": "title", "owner": "owner", "weight": "weight", "due": "due"}


def _group(sub: Any, name: str) -> Any:
    """The sub-subcommand group of an existing command (kr, kpi), to add commands to it."""
    parser = sub.choices[name]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    raise LookupError(f"command '{name}' has no subcommands")


def register(sub: Any, parents: Parents) -> None:
    """Add grade, carry, template, report and status, and kr move / to-kpi, kpi promote."""
    g = add_command(sub, "grade", "grade a period: final key-result scores, objective "
                    "grades, retrospectives; closes the objectives", parents,
                    json_flag=True, handler=grade)
    g.add_argument("period", type=period)
    g.add_argument("--objective", metavar="ID",
                   help="grade (or re-grade) this objective only")
    g.add_argument("--kr", metavar="ID", action="append", default=[],
                   help="a key result whose final score you adjust (repeatable; each "
                        "with its own --score and --reason, in order)")
    g.add_argument("--score", metavar="S", type=number("score"), action="append",
                   default=[], help="the adjusted final score, 0.0 to 1.0")
    g.add_argument("--reason", metavar="TEXT", action="append", default=[],
                   help="why the score differs from the progress")
    g.add_argument("--grade", metavar="G", type=number("grade"),
                   help="give the objective this grade instead of the weighted average")
    g.add_argument("--retro", metavar="TEXT", help="the objective's retrospective note")
    g.add_argument("--dry-run", action="store_true", help="show the grades, save nothing")

    c = add_command(sub, "carry", "carry unfinished objectives over to the next period as "
                    "drafts", parents, json_flag=True, handler=carry)
    c.add_argument("period", type=period)
    c.add_argument("--to", type=period, metavar="PERIOD",
                   help="the period to carry into (default: the next one)")
    c.add_argument("--objective", metavar="ID", help="carry this objective only")
    c.add_argument("--dry-run", action="store_true", help="show the drafts, save nothing")

    kr = _group(sub, "kr")
    move = add_command(kr, "move", "move a key result to another objective of the same "
                       "period", parents, json_flag=True, handler=kr_move)
    move.add_argument("id")
    move.add_argument("objective_id")
    to_kpi = add_command(kr, "to-kpi", "turn a reached key result into a KPI that keeps "
                         "its level", parents, json_flag=True, handler=kr_to_kpi)
    to_kpi.add_argument("id")
    to_kpi.add_argument("--name", help="the KPI's name (default: the key result's title)")
    to_kpi.add_argument("--owner")
    to_kpi.add_argument("--anyway", action="store_true",
                        help="also for a key result that did not reach its target")

    kpi = _group(sub, "kpi")
    promote = add_command(kpi, "promote", "turn a KPI that needs improvement into a key "
                          "result of an objective", parents, json_flag=True,
                          handler=kpi_promote)
    promote.add_argument("kpi_id")
    promote.add_argument("objective_id")
    promote.add_argument("--target", type=number("target"), required=True)
    promote.add_argument("--title")
    promote.add_argument("--owner")
    promote.add_argument("--weight", type=number("weight"))
    promote.add_argument("--due", type=date)

    t = subcommands(add_command(sub, "template", "starting points by department", parents))
    add_command(t, "list", "the templates", parents, json_flag=True, handler=template_list)
    add_command(t, "show", "a template's objectives, key results and KPIs", parents,
                json_flag=True, handler=template_show).add_argument("name")
    apply = add_command(t, "apply", "create a template's objectives, key results and KPIs",
                        parents, json_flag=True, handler=template_apply)
    apply.add_argument("name")
    apply.add_argument("--period", type=period, required=True)
    apply.add_argument("--owner", help="whose they are (default: you)")
    apply.add_argument("--draft", action="store_true", help="create the objectives as drafts")

    r = add_command(sub, "report", "the weekly review and the period summary", parents,
                    handler=report)
    r.add_argument("--period", type=period, help="default: the current period")
    r.add_argument("--owner")
    r.add_argument("--format", choices=["markdown", "json", "csv"], default="markdown")

    s = add_command(sub, "status", "one line for shell prompts: the period's key results "
                    "by status", parents, json_flag=True, handler=status)
    s.add_argument("--period", type=period, help="default: the current period")
    s.add_argument("--owner")


# ---- grade -------------------------------------------------------------------------------


def _adjustments(args: argparse.Namespace) -> dict[str, tuple[float, str]]:
    if len(args.score) != len(args.kr):
        raise UsageError("give exactly one --score for each --kr (see 'okrtui grade --help')")
    if len(args.reason) > len(args.kr):
        raise UsageError("each --reason belongs to a --kr (see 'okrtui grade --help')")
    if len(args.reason) < len(args.kr):
        raise InvalidInput("an adjusted score needs a reason (--reason TEXT)", field="reason")
    return {ref: (score, reason)
            for ref, score, reason in zip(args.kr, args.score, args.reason, strict=True)}


def grade(args: argparse.Namespace, services: Services) -> int:
    """okrtui grade PERIOD: grade, then print each objective's grade and verdict."""
    options: dict[str, Any] = {"objective_ref": args.objective,
                               "adjustments": _adjustments(args), "grade": args.grade,
                               "retrospective": args.retro}
    results = services.grade_period(args.period, dry_run=args.dry_run, **options)
    if args.json:
        print_json([grade_json(r) for r in results])
        return EXIT_OK
    print(f"{args.period}: {'would grade' if args.dry_run else 'graded'} "
          f"{len(results)} objective{'s' if len(results) != 1 else ''}")
    for r in results:
        _print_grade(r)
    return EXIT_OK


def _print_grade(r: ObjectiveGrade) -> None:
    o = r.objective
    given_mark = " (given)" if r.given else ""
    print(f"  {o.id[:8]}  {r.grade:4.2f} {r.rag:6}  {o.title}{given_mark}")
    print(f"            {r.verdict}")
    for k in r.key_results:
        note = f"  adjusted from {k.progress:.2f}: {one_line(k.reason, 80)}" \
            if k.adjusted else ""
        print(f"    {k.kr.id[:8]}  {k.final:4.2f} {k.rag:6}  {k.kr.title}{note}")


# ---- carry -------------------------------------------------------------------------------


def _carried_json(c: Carried) -> dict[str, Any]:
    return {
        "id": c.objective.id, "carried_from": c.original.id, "period": c.objective.period,
        "title": c.objective.title, "status": c.objective.status,
        "key_results": [{"id": k.id, "carried_from": k.carried_from, "title": k.title,
                         "start": k.start, "target": k.target, "unit": k.unit}
                        for k in c.key_results],
        "left_behind": [k.id for k in c.left_behind],
    }


def carry(args: argparse.Namespace, services: Services) -> int:
    """okrtui carry PERIOD: print the ids of the new drafts (the drafts with --json)."""
    options: dict[str, Any] = {"to": args.to, "objective_ref": args.objective}
    results = services.carry_over(args.period, dry_run=args.dry_run, **options)
    if args.json:
        print_json([_carried_json(c) for c in results])
    elif args.dry_run:
        for c in results:
            print(f"{c.original.id[:8]} -> {c.objective.period}: {c.objective.title} "
                  f"({len(c.key_results)} key results, {len(c.left_behind)} reached)")
    else:
        for c in results:
            print(c.objective.id)
    return EXIT_OK


# ---- transitions -------------------------------------------------------------------------


def kr_move(args: argparse.Namespace, services: Services) -> int:
    """okrtui kr move KR_ID OBJECTIVE_ID."""
    moved = services.move_key_result_to(args.id, args.objective_id)
    today = services.today()
    return emit(args, services, moved.id, lambda ws: kr_json(kr_score(ws, moved, today), ws))


def kr_to_kpi(args: argparse.Namespace, services: Services) -> int:
    """okrtui kr to-kpi KR_ID: print the KPI's id."""
    try:
        kpi = services.key_result_to_kpi(args.id, anyway=args.anyway, name=args.name,
                                         owner=args.owner)
    except NotReached as exc:  # the way round it, in this command's words
        raise NotReached(f"{exc.message} (--anyway to turn it into one regardless)",
                         field=exc.field) from exc
    return emit(args, services, kpi.id, lambda ws: kpi_json(ws, ws.kpi(kpi.id), services.today()))


def kpi_promote(args: argparse.Namespace, services: Services) -> int:
    """okrtui kpi promote KPI_ID OBJECTIVE_ID --target N: print the key result's id."""
    kr = services.promote_kpi(args.kpi_id, args.objective_id, args.target,
                              **given(args, PROMOTE_ARGS))
    today = services.today()
    return emit(args, services, kr.id, lambda ws: kr_json(kr_score(ws, kr, today), ws))


# ---- templates ---------------------------------------------------------------------------


def _template_json(t: Template) -> dict[str, Any]:
    return {
        "name": t.name, "team": t.team, "level": t.level, "summary": t.summary,
        "objectives": [
            {"title": o.title, "committed": o.committed,
             "key_results": [{"title": k.title, "kind": k.kind, "start": k.start,
                              "target": k.target, "unit": k.unit, "kpi": k.kpi}
                             for k in o.key_results]}
            for o in t.objectives
        ],
        "kpis": [{"name": k.name, **k.fields()} for k in t.kpis],
    }


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def template_list(args: argparse.Namespace, services: Services) -> int:
    """okrtui template list."""
    if args.json:
        print_json([_template_json(t) for t in TEMPLATES])
        return EXIT_OK
    for t in TEMPLATES:
        krs = sum(len(o.key_results) for o in t.objectives)
        print(f"{t.name:17} {t.summary} ({_count(len(t.objectives), 'objective')}, "
              f"{_count(krs, 'key result')}, {_count(len(t.kpis), 'KPI')})")
    return EXIT_OK


def template_show(args: argparse.Namespace, services: Services) -> int:
    """okrtui template show NAME."""
    t = get_template(args.name)
    if args.json:
        print_json(_template_json(t))
        return EXIT_OK
    print(f"{t.name}: {t.summary}")
    for o in t.objectives:
        print(f"  objective: {o.title}")
        for k in o.key_results:
            span = "milestone" if k.kind == "milestone" else \
                f"{k.kind} {k.start:g} -> {k.target:g} {k.unit}".rstrip()
            link = f"  [KPI: {k.kpi}]" if k.kpi else ""
            print(f"    key result: {k.title}  ({span}){link}")
    for p in t.kpis:
        print(f"  KPI: {p.name} ({p.unit}, {p.direction} is better, green {p.green:g}, "
              f"red {p.red:g}, {p.cadence})")
    return EXIT_OK


def template_apply(args: argparse.Namespace, services: Services) -> int:
    """okrtui template apply NAME --period P: one line per record made, its id and what it
    is: the objectives with their key results, then the new KPIs."""
    applied = services.apply_template(args.name, args.period, owner=args.owner,
                                      draft=args.draft)
    if args.json:
        print_json({
            "template": applied.template.name,
            "objectives": [o.id for o in applied.objectives],
            "key_results": [k.id for k in applied.key_results],
            "kpis": [k.id for k in applied.kpis],
        })
        return EXIT_OK
    # Each id with what it is: the objective, its key results under it, then the KPIs.
    rows = []
    for o in applied.objectives:
        rows.append([o.id, "objective", o.title])
        rows += [[k.id, "key result", k.title] for k in applied.key_results
                 if k.objective_id == o.id]
    rows += [[k.id, "KPI", k.name] for k in applied.kpis]
    for line in columns([[i, kind, one_line(title, 100)] for i, kind, title in rows]):
        print(line)
    return EXIT_OK


# ---- report and status -------------------------------------------------------------------


def report(args: argparse.Namespace, services: Services) -> int:
    """okrtui report: Markdown for a wiki or pull request, JSON, or CSV."""
    built = services.report(args.period, args.owner)
    if args.format == "json":
        print_json(report_json(built))
    elif args.format == "csv":
        sys.stdout.write(render_csv(built))
    else:
        sys.stdout.write(render_markdown(built))
    return EXIT_OK


def status(args: argparse.Namespace, services: Services) -> int:
    """okrtui status: "2026-Q4: 4 on track, 1 at risk, 2 stale"."""
    if args.json:
        ws = services.workspace()
        name = args.period or current_period(ws.periods(), services.today()).name
        due = services.due(name, args.owner)
        print_json({"period": name,
                    "counts": status_counts(ws, services.today(), name, args.owner),
                    "due": {"owner": due.owner, "count": len(due.items),
                            "key_results": sum(1 for i in due.items if i.kind == "key_result"),
                            "kpis": sum(1 for i in due.items if i.kind == "kpi")}})
        return EXIT_OK
    print(services.status_line(args.period, args.owner))
    return EXIT_OK
