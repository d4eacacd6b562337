"""Initiative commands: the work planned under a key result (add, done, undone, edit, rm,
list)."""

from __future__ import annotations

import argparse
from typing import Any

from okrtui.cli.common import EXIT_OK, Parents, add_command, emit, given, print_json, subcommands
from okrtui.domain.records.models import Initiative
from okrtui.domain.records.text import one_line
from okrtui.domain.scoring.views import initiative_json
from okrtui.services import Services

EDIT_ARGS = {"title": "title", "owner": "owner"}


def register(sub: Any, parents: Parents) -> None:
    """Add initiative add / done / undone / edit / rm / list."""
    group = subcommands(add_command(sub, "initiative", "the work planned to move a key "
                                    "result (it does not count towards the score)", parents))
    add = add_command(group, "add", "add an initiative to a key result", parents,
                      json_flag=True, handler=initiative_add)
    add.add_argument("kr_id")
    add.add_argument("title")
    add.add_argument("--owner", help="who does it (default: you)")
    for name, help_text, handler in (
            ("done", "tick an initiative: done (records who and when)", initiative_done),
            ("undone", "untick an initiative: not done", initiative_undone)):
        add_command(group, name, help_text, parents, json_flag=True,
                    handler=handler).add_argument("id")
    edit = add_command(group, "edit", "change an initiative's title or owner", parents,
                       json_flag=True, handler=initiative_edit)
    edit.add_argument("id")
    edit.add_argument("--title")
    edit.add_argument("--owner")
    add_command(group, "rm", "remove an initiative", parents,
                handler=initiative_rm).add_argument("id")
    add_command(group, "list", "a key result's initiatives: 3 of 5 done", parents,
                json_flag=True, handler=initiative_list).add_argument("kr_id")


def _out(args: argparse.Namespace, services: Services, made: Initiative) -> int:
    return emit(args, services, made.id, lambda ws: initiative_json(made))


def initiative_add(args: argparse.Namespace, services: Services) -> int:
    """okrtui initiative add KR_ID TITLE [--owner N]: print the new initiative's id."""
    return _out(args, services, services.add_initiative(args.kr_id, args.title,
                                                        owner=args.owner))


def initiative_done(args: argparse.Namespace, services: Services) -> int:
    """okrtui initiative done ID."""
    return _out(args, services, services.set_initiative_done(args.id, True))


def initiative_undone(args: argparse.Namespace, services: Services) -> int:
    """okrtui initiative undone ID."""
    return _out(args, services, services.set_initiative_done(args.id, False))


def initiative_edit(args: argparse.Namespace, services: Services) -> int:
    """okrtui initiative edit ID [--title T] [--owner N]."""
    return _out(args, services, services.edit_initiative(args.id, **given(args, EDIT_ARGS)))


def initiative_rm(args: argparse.Namespace, services: Services) -> int:
    """okrtui initiative rm ID: print the removed initiative's id."""
    print(services.remove_initiative(args.id).id)
    return EXIT_OK


def initiative_list(args: argparse.Namespace, services: Services) -> int:
    """okrtui initiative list KR_ID: "3 of 5 done", then one line per initiative."""
    listed, done = services.initiatives(args.kr_id)
    if args.json:
        print_json({"done": done.done, "total": done.total,
                    "initiatives": [initiative_json(i) for i in listed]})
        return EXIT_OK
    print(done.text)
    for i in listed:
        mark = "[x]" if i.done else "[ ]"
        owner = f"  ({one_line(i.owner, 30)})" if i.owner else ""
        print(f"  {mark} {i.id[:8]}  {one_line(i.title, 120)}{owner}")
    return EXIT_OK
