"""Commands that change records: objective, kr, kpi (check-ins: checkins.py)."""

from __future__ import annotations

import argparse
from typing import Any

from okrtui.cli.common import (
    EXIT_OK,
    Parents,
    add_command,
    date,
    emit,
    given,
    number,
    period,
    subcommands,
)
from okrtui.domain.scoring.views import kpi_json, kr_json, kr_score, objective_json, objective_score
from okrtui.services import Services

OBJECTIVE_ARGS = {"title": "title", "period": "period", "owner": "owner", "team": "team",
                  "level": "level", "committed": "committed", "parent": "parent_id",
                  "description": "description", "cadence": "cadence", "status": "status"}
KR_ARGS = {"title": "title", "target": "target", "start": "start", "unit": "unit",
           "owner": "owner", "kind": "kind", "weight": "weight", "due": "due", "kpi": "kpi_id"}
KPI_ARGS = {"name": "name", "unit": "unit", "owner": "owner", "direction": "direction",
            "green": "green", "red": "red", "cadence": "cadence", "type": "type"}


def register(sub: Any, parents: Parents) -> None:
    """Add the objective, kr and kpi commands."""
    objective = subcommands(add_command(sub, "objective", "add, edit or remove objectives",
                                        parents))
    o_add = add_command(objective, "add", "add an objective", parents, json_flag=True,
                        handler=objective_add)
    o_add.add_argument("title")
    o_add.add_argument("--period", type=period, required=True,
                       help="2026-Q4, 2026-H1, 2026, or START..END")
    _objective_fields(o_add)
    o_edit = add_command(objective, "edit", "change fields of an objective", parents,
                         json_flag=True, handler=objective_edit)
    o_edit.add_argument("id")
    o_edit.add_argument("--title")
    o_edit.add_argument("--period", type=period)
    _objective_fields(o_edit)
    o_edit.add_argument("--status", choices=["draft", "active", "closed"])
    add_command(objective, "rm", "delete an objective and its key results", parents,
                handler=objective_rm).add_argument("id")

    kr = subcommands(add_command(sub, "kr", "add, edit or remove key results", parents))
    k_add = add_command(kr, "add", "add a key result to an objective", parents,
                        json_flag=True, handler=kr_add)
    k_add.add_argument("objective_id")
    k_add.add_argument("title")
    _kr_fields(k_add)
    k_edit = add_command(kr, "edit", "change fields of a key result", parents, json_flag=True,
                         handler=kr_edit)
    k_edit.add_argument("id")
    k_edit.add_argument("--title")
    _kr_fields(k_edit)
    add_command(kr, "rm", "delete a key result", parents, handler=kr_rm).add_argument("id")

    kpi = subcommands(add_command(sub, "kpi", "add KPIs and record their values", parents))
    p_add = add_command(kpi, "add", "add a KPI", parents, json_flag=True, handler=kpi_add)
    p_add.add_argument("name")
    _kpi_fields(p_add)
    p_edit = add_command(kpi, "edit", "change fields of a KPI", parents, json_flag=True,
                         handler=kpi_edit)
    p_edit.add_argument("id")
    p_edit.add_argument("--name")
    _kpi_fields(p_edit)
    add_command(kpi, "rm", "delete a KPI", parents, handler=kpi_rm).add_argument("id")
    p_rec = add_command(kpi, "record", "record a KPI value", parents, json_flag=True,
                        handler=kpi_record)
    p_rec.add_argument("kpi_id")
    p_rec.add_argument("value", type=number("value"))
    p_rec.add_argument("--at", type=date, help="the date of the value (default today)")


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
    p.add_argument("--target", type=number("target"))
    p.add_argument("--start", type=number("start"))
    p.add_argument("--unit")
    p.add_argument("--owner")
    p.add_argument("--kind", choices=["metric", "milestone", "above", "below"])
    p.add_argument("--weight", type=number("weight"))
    p.add_argument("--due", type=date)
    p.add_argument("--kpi", help="id of a KPI this key result moves")


def _kpi_fields(p: argparse.ArgumentParser) -> None:
    p.add_argument("--unit")
    p.add_argument("--owner")
    direction = p.add_mutually_exclusive_group()
    direction.add_argument("--lower-is-better", dest="direction", action="store_const",
                           const="lower", default=None)
    direction.add_argument("--higher-is-better", dest="direction", action="store_const",
                           const="higher")
    p.add_argument("--green", type=number("green"), help="green at or beyond this value")
    p.add_argument("--red", type=number("red"), help="red at or beyond this value")
    p.add_argument("--cadence", choices=["daily", "weekly", "monthly"])
    p.add_argument("--type", choices=["leading", "lagging"])


def _objective_out(args: argparse.Namespace, services: Services, objective: Any) -> int:
    today = services.today()
    return emit(args, services, objective.id,
                lambda ws: objective_json(objective_score(ws, objective, today)))


def objective_add(args: argparse.Namespace, services: Services) -> int:
    """okrtui objective add."""
    fields = given(args, OBJECTIVE_ARGS)
    objective = services.add_objective(fields.pop("title"), fields.pop("period"), **fields)
    return _objective_out(args, services, objective)


def objective_edit(args: argparse.Namespace, services: Services) -> int:
    """okrtui objective edit."""
    return _objective_out(args, services,
                          services.edit_objective(args.id, **given(args, OBJECTIVE_ARGS)))


def objective_rm(args: argparse.Namespace, services: Services) -> int:
    """okrtui objective rm."""
    print(services.delete_objective(args.id).id)
    return EXIT_OK


def _kr_out(args: argparse.Namespace, services: Services, kr: Any) -> int:
    today = services.today()
    return emit(args, services, kr.id, lambda ws: kr_json(kr_score(ws, kr, today), ws))


def kr_add(args: argparse.Namespace, services: Services) -> int:
    """okrtui kr add."""
    fields = given(args, KR_ARGS)
    return _kr_out(args, services,
                   services.add_key_result(args.objective_id, fields.pop("title"), **fields))


def kr_edit(args: argparse.Namespace, services: Services) -> int:
    """okrtui kr edit."""
    return _kr_out(args, services, services.edit_key_result(args.id, **given(args, KR_ARGS)))


def kr_rm(args: argparse.Namespace, services: Services) -> int:
    """okrtui kr rm."""
    print(services.delete_key_result(args.id).id)
    return EXIT_OK


def _kpi_out(args: argparse.Namespace, services: Services, kpi: Any) -> int:
    return emit(args, services, kpi.id, lambda ws: kpi_json(ws, kpi, services.today()))


def kpi_add(args: argparse.Namespace, services: Services) -> int:
    """okrtui kpi add."""
    fields = given(args, KPI_ARGS)
    return _kpi_out(args, services, services.add_kpi(fields.pop("name"), **fields))


def kpi_edit(args: argparse.Namespace, services: Services) -> int:
    """okrtui kpi edit."""
    return _kpi_out(args, services, services.edit_kpi(args.id, **given(args, KPI_ARGS)))


def kpi_rm(args: argparse.Namespace, services: Services) -> int:
    """okrtui kpi rm."""
    print(services.delete_kpi(args.id).id)
    return EXIT_OK


def kpi_record(args: argparse.Namespace, services: Services) -> int:
    """okrtui kpi record."""
    m = services.record_kpi(args.kpi_id, args.value, args.at)
    return emit(args, services, m.id, lambda ws: {**m.model_dump(mode="json"),
                                                  "kpi": kpi_json(ws, ws.kpi(m.kpi_id),
                                                                   services.today())})
