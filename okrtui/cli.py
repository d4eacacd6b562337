"""The command line: parse arguments, call the services, print.

This module must not import textual: scripts and shell prompts run it often, and start-up
time matters. Only `okrtui` with no subcommand imports the TUI.

Exit codes: 0 success, 1 `lint` found something, 2 bad input of any kind (one line on
stderr, the workspace file untouched).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from pydantic import ValidationError

from okrtui import __version__, config
from okrtui.domain.errors import OkrError, describe
from okrtui.domain.lint import lint
from okrtui.domain.models import KIND_NAMES, TABLES
from okrtui.domain.periods import Period
from okrtui.domain.scoring import STATUS_SYMBOL
from okrtui.domain.text import one_line
from okrtui.domain.values import parse_checkin_value, parse_date, parse_number
from okrtui.domain.views import kpi_json, kr_json, kr_score, objective_json, objective_score
from okrtui.services import Services
from okrtui.store import Store

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2


class UsageError(Exception):
    """Bad command-line usage, reported as one line."""


class _Parser(argparse.ArgumentParser):
    """argparse that reports errors as one line and exit 2 instead of usage + message."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.prog} --help')")


# ---- argument types: one-line refusals that name the field -------------------------------


def _number(field: str) -> Callable[[str], float]:
    def convert(text: str) -> float:
        try:
            return parse_number(text, field)
        except OkrError as exc:
            raise argparse.ArgumentTypeError(exc.message) from None

    return convert


def _date(text: str) -> dt.date:
    try:
        return parse_date(text)
    except OkrError as exc:
        raise argparse.ArgumentTypeError(exc.message) from None


def _period(text: str) -> str:
    try:
        return Period.parse(text).name
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _confidence(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number from 0 to 10") from None
    if not 0 <= value <= 10:
        raise argparse.ArgumentTypeError(f"{value} is outside 0 to 10")
    return value


# ---- the parser ----------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """The whole command-line grammar."""
    common = _Parser(add_help=False)
    common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS,
                        help="workspace file (default: $OKRTUI_DB, config, or the data folder)")
    common.add_argument("--user", metavar="NAME", default=argparse.SUPPRESS,
                        help="who you are (default: $OKRTUI_USER, config, or your login)")
    as_json = _Parser(add_help=False)
    as_json.add_argument("--json", action="store_true", help="print JSON")

    parser = _Parser(prog="okrtui", parents=[common],
                     description="OKRs and KPIs in the terminal. With no command, opens the TUI.")
    parser.add_argument("--version", action="version", version=f"okrtui {__version__}")
    parser.add_argument("--demo", action="store_true",
                        help="open the TUI on a fresh temporary copy of the sample workspace")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, help_text: str, *parents: argparse.ArgumentParser,
                group: Any = sub) -> argparse.ArgumentParser:
        return group.add_parser(name, help=help_text, description=help_text,
                                parents=[common, *parents])

    # objective
    objective = command("objective", "add, edit or remove objectives")
    osub = objective.add_subparsers(dest="action", metavar="ACTION", required=True,
                                    parser_class=_Parser)
    o_add = command("add", "add an objective", as_json, group=osub)
    o_add.add_argument("title")
    o_add.add_argument("--period", type=_period, required=True,
                       help="2026-Q4, 2026-H1, 2026, or START..END")
    _objective_fields(o_add)
    o_edit = command("edit", "change fields of an objective", as_json, group=osub)
    o_edit.add_argument("id")
    o_edit.add_argument("--title")
    o_edit.add_argument("--period", type=_period)
    _objective_fields(o_edit)
    o_edit.add_argument("--status", choices=["draft", "active", "closed"])
    o_rm = command("rm", "delete an objective and its key results", group=osub)
    o_rm.add_argument("id")

    # kr
    kr = command("kr", "add, edit or remove key results")
    ksub = kr.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=_Parser)
    k_add = command("add", "add a key result to an objective", as_json, group=ksub)
    k_add.add_argument("objective_id")
    k_add.add_argument("title")
    _kr_fields(k_add)
    k_edit = command("edit", "change fields of a key result", as_json, group=ksub)
    k_edit.add_argument("id")
    k_edit.add_argument("--title")
    _kr_fields(k_edit)
    k_rm = command("rm", "delete a key result", group=ksub)
    k_rm.add_argument("id")

    # checkin
    checkin = command("checkin", "check in a key result's current value", as_json)
    checkin.add_argument("kr_id")
    checkin.add_argument("value", help="a number; done or not-done for a milestone")
    checkin.add_argument("--confidence", type=_confidence, help="0 (no chance) to 10 (certain)")
    checkin.add_argument("--note", default="")

    # kpi
    kpi = command("kpi", "add KPIs and record their values")
    psub = kpi.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=_Parser)
    p_add = command("add", "add a KPI", as_json, group=psub)
    p_add.add_argument("name")
    _kpi_fields(p_add)
    p_edit = command("edit", "change fields of a KPI", as_json, group=psub)
    p_edit.add_argument("id")
    p_edit.add_argument("--name")
    _kpi_fields(p_edit)
    p_rm = command("rm", "delete a KPI", group=psub)
    p_rm.add_argument("id")
    p_rec = command("record", "record a KPI value", as_json, group=psub)
    p_rec.add_argument("kpi_id")
    p_rec.add_argument("value", type=_number("value"))
    p_rec.add_argument("--at", type=_date, help="the date of the value (default today)")

    # reading
    listing = command("list", "objectives with their scores and key results", as_json)
    listing.add_argument("--period", type=_period)
    listing.add_argument("--owner")
    show = command("show", "one objective, key result or KPI in detail", as_json)
    show.add_argument("id")
    linting = command("lint", "what falls short of SMART (exit 1 when anything does)", as_json)
    linting.add_argument("--period", type=_period)
    return parser


def _objective_fields(p: argparse.ArgumentParser) -> None:
    p.add_argument("--owner")
    p.add_argument("--team")
    p.add_argument("--level", choices=["company", "team", "personal"])
    ambition = p.add_mutually_exclusive_group()
    ambition.add_argument("--committed", dest="committed", action="store_true", default=None,
                          help="must reach 1.0")
    ambition.add_argument("--aspirational", dest="committed", action="store_false",
                          help="aims at 0.7 (the default)")
    p.add_argument("--parent", help="id of the objective this one is aligned to")
    p.add_argument("--description")
    p.add_argument("--cadence", choices=["daily", "weekly", "monthly"])


def _kr_fields(p: argparse.ArgumentParser) -> None:
    p.add_argument("--target", type=_number("target"))
    p.add_argument("--start", type=_number("start"))
    p.add_argument("--unit")
    p.add_argument("--owner")
    p.add_argument("--kind", choices=["metric", "milestone", "above", "below"])
    p.add_argument("--weight", type=_number("weight"))
    p.add_argument("--due", type=_date)
    p.add_argument("--kpi", help="id of a KPI this key result moves")


def _kpi_fields(p: argparse.ArgumentParser) -> None:
    p.add_argument("--unit")
    p.add_argument("--owner")
    direction = p.add_mutually_exclusive_group()
    direction.add_argument("--lower-is-better", dest="direction", action="store_const",
                           const="lower", default=None)
    direction.add_argument("--higher-is-better", dest="direction", action="store_const",
                           const="higher")
    p.add_argument("--green", type=_number("green"), help="green at or beyond this value")
    p.add_argument("--red", type=_number("red"), help="red at or beyond this value")
    p.add_argument("--cadence", choices=["daily", "weekly", "monthly"])
    p.add_argument("--type", choices=["leading", "lagging"])


def _given(args: argparse.Namespace, mapping: dict[str, str]) -> dict[str, Any]:
    """The fields a person actually gave on the command line, under model field names."""
    out: dict[str, Any] = {}
    for arg, field in mapping.items():
        value = getattr(args, arg, None)
        if value is not None:
            out[field] = value
    return out


OBJECTIVE_ARGS = {"title": "title", "period": "period", "owner": "owner", "team": "team",
                  "level": "level", "committed": "committed", "parent": "parent_id",
                  "description": "description", "cadence": "cadence", "status": "status"}
KR_ARGS = {"title": "title", "target": "target", "start": "start", "unit": "unit",
           "owner": "owner", "kind": "kind", "weight": "weight", "due": "due", "kpi": "kpi_id"}
KPI_ARGS = {"name": "name", "unit": "unit", "owner": "owner", "direction": "direction",
            "green": "green", "red": "red", "cadence": "cadence", "type": "type"}


# ---- commands --------------------------------------------------------------------------------


def _print_json(data: Any) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def _run(args: argparse.Namespace, services: Services) -> int:
    cmd, action = args.command, getattr(args, "action", None)
    today = services.today()
    if cmd == "objective":
        if action == "rm":
            print(services.delete_objective(args.id).id)
            return EXIT_OK
        fields = _given(args, OBJECTIVE_ARGS)
        if action == "add":
            obj = services.add_objective(fields.pop("title"), fields.pop("period"), **fields)
        else:
            obj = services.edit_objective(args.id, **fields)
        return _emit(args, obj.id, lambda ws: objective_json(objective_score(ws, obj, today)),
                     services)
    if cmd == "kr":
        if action == "rm":
            print(services.delete_key_result(args.id).id)
            return EXIT_OK
        fields = _given(args, KR_ARGS)
        if action == "add":
            kr = services.add_key_result(args.objective_id, fields.pop("title"), **fields)
        else:
            kr = services.edit_key_result(args.id, **fields)
        return _emit(args, kr.id, lambda ws: kr_json(kr_score(ws, kr, today), ws), services)
    if cmd == "checkin":
        ws = services.workspace()
        _, kid = ws.resolve(args.kr_id, ("key_results",))
        value = parse_checkin_value(args.value, ws.key_result(kid).kind == "milestone")
        checkin = services.check_in(kid, value, confidence=args.confidence, note=args.note)
        return _emit(args, checkin.id, lambda ws: {
            **checkin.model_dump(mode="json"),
            "key_result": kr_json(kr_score(ws, ws.key_result(kid), today)),
        }, services)
    if cmd == "kpi":
        if action == "rm":
            print(services.delete_kpi(args.id).id)
            return EXIT_OK
        if action == "record":
            m = services.record_kpi(args.kpi_id, args.value, args.at)
            return _emit(args, m.id, lambda ws: {**m.model_dump(mode="json"),
                                                 "kpi": kpi_json(ws, ws.kpi(m.kpi_id))}, services)
        fields = _given(args, KPI_ARGS)
        if action == "add":
            kpi = services.add_kpi(fields.pop("name"), **fields)
        else:
            kpi = services.edit_kpi(args.id, **fields)
        return _emit(args, kpi.id, lambda ws: kpi_json(ws, kpi), services)
    if cmd == "list":
        return _list(args, services, today)
    if cmd == "show":
        return _show(args, services, today)
    if cmd == "lint":
        findings = lint(services.workspace(), today, args.period)
        if args.json:
            _print_json([f.as_dict() for f in findings])
        else:
            for f in findings:
                print(f"{(f.id or '-')[:8]:8}  {f.rule:10}  {f.message}")
        return EXIT_FINDINGS if findings else EXIT_OK
    raise UsageError(f"unknown command {cmd}")


def _emit(args: argparse.Namespace, record_id: str, as_json: Callable[[Any], Any],
          services: Services) -> int:
    """Print the id of the record a command made or changed (the record with --json)."""
    if getattr(args, "json", False):
        _print_json(as_json(services.workspace()))
    else:
        print(record_id)
    return EXIT_OK


def _bar(progress: float, width: int = 10) -> str:
    full = round(progress * width)
    return "█" * full + "·" * (width - full)


def _list(args: argparse.Namespace, services: Services, today: dt.date) -> int:
    ws = services.workspace()
    scores = [objective_score(ws, o, today)
              for o in ws.objectives(period=args.period, owner=args.owner)]
    if args.json:
        _print_json([objective_json(s) for s in scores])
        return EXIT_OK
    if not scores:
        print("No objectives yet. Add one: okrtui objective add \"TITLE\" --period "
              f"{Period.quarter_of(today)}", file=sys.stderr)
        return EXIT_OK
    period = None
    for s in scores:
        o = s.objective
        if o.period != period:
            period = o.period
            print(f"{period}")
        print(f"  {o.id[:8]}  {s.score:4.2f} {_bar(s.score)} {STATUS_SYMBOL[s.status]} "
              f"{s.status:11} {one_line(o.owner, 12):12} {o.title}")
        for k in s.key_results:
            kr = k.kr
            current = "-" if k.current is None else f"{k.current:g}"
            print(f"    {kr.id[:8]}  {k.progress:4.2f} {_bar(k.progress)} "
                  f"{STATUS_SYMBOL[k.status]} {k.status:11} "
                  f"{current}/{kr.target:g} {kr.unit}  {kr.title}")
    return EXIT_OK


def _show(args: argparse.Namespace, services: Services, today: dt.date) -> int:
    ws = services.workspace()
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
        _print_json(data)
        return EXIT_OK
    for key, value in data.items():
        if isinstance(value, list):
            print(f"{key}:")
            for item in value:
                summary = "  ".join(f"{v}" for k, v in item.items() if k != "id" and v not in
                                    (None, "", []))
                print(f"  {str(item.get('id', ''))[:8]}  {one_line(summary, 200)}")
        else:
            print(f"{key}: {'' if value is None else value}")
    return EXIT_OK


# ---- entry ------------------------------------------------------------------------------------


def _services(args: argparse.Namespace) -> Services:
    cfg = config.resolve(getattr(args, "db", None), getattr(args, "user", None))
    return Services(Store(cfg.db), cfg.user)


def _open_tui(args: argparse.Namespace) -> int:
    if args.demo:
        folder = Path(tempfile.mkdtemp(prefix="okrtui-demo-"))
        from okrtui import sample

        cfg = config.resolve(str(folder / "okrs.json"), getattr(args, "user", None) or "alice")
        sample.build(cfg.db, dt.date.today())
        services = Services(Store(cfg.db), cfg.user)
    else:
        services = _services(args)
        services.workspace()  # a broken file is reported here, before the screen opens
    from okrtui.app import run_tui  # textual is imported only for the TUI

    return run_tui(services, demo=args.demo)


def main(argv: Sequence[str] | None = None) -> int:
    """Run okrtui with `argv` (default: sys.argv[1:]) and return the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            return _open_tui(args)
        return _run(args, _services(args))
    except UsageError as exc:
        return _fail(f"usage: {exc}")
    except ValidationError as exc:
        return _fail(describe(exc))
    except OkrError as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"{exc.filename or 'file'}: {exc.strerror or exc}")
    except KeyboardInterrupt:
        return 130


def _fail(message: str) -> int:
    print(f"okrtui: {one_line(message, 2000)}", file=sys.stderr)
    return EXIT_BAD_INPUT
