"""okrtui keys: every key of the TUI, its id, and what it does, with your keymap applied."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from okrtui import config, keys
from okrtui.cli.common import EXIT_BAD_INPUT, EXIT_OK, Parents, add_command, print_json
from okrtui.domain.records.text import one_line
from okrtui.services import Services


def register(sub: Any, parents: Parents) -> None:
    """Add the keys command."""
    add_command(sub, "keys", "list the keys of the TUI: id, key, what it does (with the "
                "[keys] of your config file applied)", parents, json_flag=True,
                handler=list_keys)


def list_keys(args: argparse.Namespace, services: Services) -> int:
    """okrtui keys: one line per binding, by where it acts; remapped keys say so."""
    user = keys.user_keymap()
    if user.problems:
        for problem in user.problems:
            print(f"okrtui: {one_line(problem, 500)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    rows = keys.rows(user)
    notes = keys.clashes(user)
    if args.json:
        print_json({"keys": [{"where": r.where, "id": r.id, "key": r.keys,
                              "description": r.description, "default": r.default}
                             for r in rows], "clashes": notes})
        return EXIT_OK
    width = max(len(r.id) for r in rows)
    key_width = max(len(r.keys) for r in rows)
    where = None
    for row in rows:
        if row.where != where:
            where = row.where
            print(f"{'' if row is rows[0] else chr(10)}{where}")
        remapped = f"  (remapped; default {row.default})" if row.default is not None else ""
        print(f"  {row.id:<{width}}  {row.keys:<{key_width}}  {row.description}{remapped}")
    remapped_count = sum(r.default is not None for r in rows)
    if remapped_count:
        print(f"\n{remapped_count} key{'s' if remapped_count != 1 else ''} remapped by "
              f"[keys] in {config.config_path()}")
    for note in notes:
        print(f"note: {note}")
    return EXIT_OK
