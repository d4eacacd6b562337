"""okrtui undo and okrtui redo: reverse my last action, or my last undo.

Exit 0 when something was reversed, 1 when there was nothing to reverse or a teammate
had changed all of it since (one line on stderr then), 2 when a rule refuses it.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from okrtui.cli.common import EXIT_FINDINGS, EXIT_OK, Parents, add_command, print_json
from okrtui.domain.history.journal import PAST
from okrtui.services import NothingToUndo, Services, UndoResult


def register(sub: Any, parents: Parents) -> None:
    """Add the undo and redo commands."""
    for kind, text in (("undo", "reverse my last action on the workspace (a new change: "
                                "teammates' changes made since stay)"),
                       ("redo", "reverse my last undo")):
        p = add_command(sub, kind, text, parents, json_flag=True, handler=reverse)
        p.add_argument("--dry-run", action="store_true",
                       help=f"say what would be {PAST[kind]}; change nothing")
        p.set_defaults(kind=kind)


def reverse(args: argparse.Namespace, services: Services) -> int:
    """okrtui undo / okrtui redo."""
    try:
        result = (services.undo if args.kind == "undo" else services.redo)(
            dry_run=args.dry_run)
    except NothingToUndo as exc:
        print(f"okrtui: {exc}", file=sys.stderr)
        return EXIT_FINDINGS
    if args.json:
        print_json(_as_data(result))
    else:
        verb = f"would {result.kind}" if result.dry_run else PAST[result.kind]
        if result.reversed:
            print(f"{verb}: {result.action}")
        for line in result.kept:
            print(f"kept: {line}")
    if not result.reversed:
        print(f"okrtui: nothing was {PAST[result.kind]} of: {result.action} (all of it was "
              "changed since)", file=sys.stderr)
        return EXIT_FINDINGS
    return EXIT_OK


def _as_data(result: UndoResult) -> dict[str, Any]:
    return {"kind": result.kind, "action": result.action, "reversed": result.reversed,
            "kept": list(result.kept), "dry_run": result.dry_run}
