"""Check-in commands: check in (today or back-dated), correct a check-in, remove one.

`okrtui checkin KR VALUE` is the short form of `okrtui checkin add KR VALUE`: people type
it every week, so `shorthand` puts the `add` in before parsing.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from okrtui.cli.common import (
    EXIT_OK,
    Parents,
    add_command,
    confidence,
    date,
    emit,
    given,
    subcommands,
)
from okrtui.domain.plans.checkins import CheckInPlan
from okrtui.domain.records.models import CheckIn
from okrtui.domain.records.text import one_line
from okrtui.domain.records.values import parse_checkin_value
from okrtui.domain.scoring.views import kr_json, kr_score
from okrtui.services import Services

ACTIONS = ("add", "edit", "rm")
# Options that take a value, anywhere before the key result's id.
_VALUED = frozenset({"--db", "--user", "--confidence", "--note", "--at", "--value"})
EDIT_ARGS = {"confidence": "confidence", "note": "note", "at": "on"}


def shorthand(argv: Sequence[str]) -> list[str]:
    """`checkin KR VALUE ...` as `checkin add KR VALUE ...`; any other line as it is."""
    out = list(argv)
    command = _first_word(out, 0)
    if command is None or out[command] != "checkin":
        return out
    action = _first_word(out, command + 1)
    if action is not None and out[action] not in ACTIONS:
        out.insert(command + 1, "add")
    return out


def _first_word(argv: list[str], start: int) -> int | None:
    """The index of the first word from `start` on that is neither an option nor the
    value of one."""
    index = start
    while index < len(argv):
        word = argv[index]
        if word == "--":
            return index + 1 if index + 1 < len(argv) else None
        if word.startswith("-"):
            index += 2 if word in _VALUED else 1
            continue
        return index
    return None


def register(sub: Any, parents: Parents) -> None:
    """Add checkin (add), checkin edit and checkin rm."""
    group = subcommands(add_command(
        sub, "checkin", "check in a key result's value (checkin KR VALUE), or correct or "
        "remove a check-in", parents))
    ci = add_command(group, "add", "check in a key result's current value (the short form: "
                     "checkin KR VALUE)", parents, json_flag=True, handler=checkin)
    ci.add_argument("kr_id")
    ci.add_argument("value", help="a number; done or not-done for a milestone")
    ci.add_argument("--confidence", type=confidence, help="0 (no chance) to 10 (certain)")
    ci.add_argument("--note", default="")
    ci.add_argument("--at", type=date, metavar="DATE",
                    help="the day it is for (default today): a day of the key result's "
                         "period that has come")

    edit = add_command(group, "edit", "correct a check-in (the record keeps who changed it "
                       "and when)", parents, json_flag=True, handler=checkin_edit)
    edit.add_argument("checkin_id")
    edit.add_argument("--value", help="a number; done or not-done for a milestone")
    edit.add_argument("--confidence", type=confidence, help="0 (no chance) to 10 (certain)")
    edit.add_argument("--note")
    edit.add_argument("--at", type=date, metavar="DATE", help="the day it is for")

    add_command(group, "rm", "remove a mistaken check-in (a tombstone: merges and history "
                "see it)", parents, handler=checkin_rm).add_argument("checkin_id")


def _warn(plan: CheckInPlan) -> None:
    """Say on stderr that the value saved looks like a typo, and how to correct it."""
    if plan.outlier is not None:
        print(f"okrtui: warning: {one_line(plan.outlier, 300)}; saved as typed "
              f"(okrtui checkin edit {plan.checkin.id[:8]} --value N corrects it)",
              file=sys.stderr)


def _out(args: argparse.Namespace, services: Services, made: CheckIn) -> int:
    today = services.today()
    return emit(args, services, made.id, lambda ws: {
        **made.model_dump(mode="json"),
        "key_result": kr_json(kr_score(ws, ws.key_result(made.kr_id), today)),
    })


def checkin(args: argparse.Namespace, services: Services) -> int:
    """okrtui checkin KR VALUE: a number, or done / not-done for a milestone."""
    ws = services.workspace()
    _, kid = ws.resolve(args.kr_id, ("key_results",))
    value = parse_checkin_value(args.value, ws.key_result(kid).kind == "milestone")
    plan = services.check_in_plan(kid, value, confidence=args.confidence, note=args.note,
                                  on=args.at)
    _warn(plan)
    return _out(args, services, plan.checkin)


def checkin_edit(args: argparse.Namespace, services: Services) -> int:
    """okrtui checkin edit ID [--value V] [--confidence C] [--note T] [--at DATE]."""
    changes = given(args, EDIT_ARGS)
    if args.value is not None:
        ws = services.workspace()
        _, cid = ws.resolve(args.checkin_id, ("checkins",))
        kr = ws.key_result(ws.get("checkins", cid, CheckIn).kr_id)
        changes["value"] = parse_checkin_value(args.value, kr.kind == "milestone")
    plan = services.edit_check_in(args.checkin_id, **changes)
    _warn(plan)
    return _out(args, services, plan.checkin)


def checkin_rm(args: argparse.Namespace, services: Services) -> int:
    """okrtui checkin rm ID: print the removed check-in's id."""
    print(services.remove_check_in(args.checkin_id).id)
    return EXIT_OK
