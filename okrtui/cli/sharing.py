"""okrtui resolve and okrtui merge: sync tools' conflict copies, and git's merge driver."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from okrtui.cli.common import EXIT_FINDINGS, EXIT_OK, Parents, add_command, print_json
from okrtui.domain.merge.core import CONFLICTS_TABLE
from okrtui.domain.records.text import shown
from okrtui.services import Services


def register(sub: Any, parents: Parents) -> None:
    """Add the resolve and merge commands."""
    resolve = add_command(sub, "resolve", "merge the conflict copies Syncthing or Dropbox "
                          "left beside the workspace, and put them away", parents,
                          json_flag=True, handler=resolve_copies)
    resolve.add_argument("--dry-run", action="store_true",
                         help="say what would be merged; change nothing")
    merge = add_command(sub, "merge", "git merge driver: the three-way merge of BASE, OURS "
                        "and THEIRS, written into OURS", parents, handler=merge_files)
    merge.add_argument("base", metavar="BASE", help="the common ancestor (%%O)")
    merge.add_argument("ours", metavar="OURS", help="our version; the result is written here "
                       "(%%A)")
    merge.add_argument("theirs", metavar="THEIRS", help="their version (%%B)")


def resolve_copies(args: argparse.Namespace, services: Services) -> int:
    """okrtui resolve: merge every conflict copy, print what was done and every conflict.

    A copy that cannot be read is also named on stderr (one line each) and left where it
    is; the exit code stays 0, as the readable copies were merged.
    """
    report = services.resolve_conflicts(dry_run=args.dry_run)
    if args.json:
        print_json(report.as_json())
    else:
        for line in report.lines():
            print(line)
    for copy, why in report.broken:
        print(f"okrtui: not merged {shown(copy.name)}: {shown(why)}", file=sys.stderr)
    return EXIT_OK


def merge_files(args: argparse.Namespace, services: Services) -> int:
    """okrtui merge BASE OURS THEIRS: write the three-way merge into OURS.

    Exit 0 when clean; 1 when the rule decided conflicts (listed on stderr and kept in
    the file's `conflicts` table; the file is a valid workspace); 2 when a side is not a
    workspace (nothing is written).
    """
    result = services.merge_files(Path(args.base), Path(args.ours), Path(args.theirs))
    if not result.conflicts:
        return EXIT_OK
    print(f"okrtui merge: {len(result.conflicts)} conflict(s) decided; the merged file "
          f"keeps them in its '{CONFLICTS_TABLE}' table:", file=sys.stderr)
    for line in result.lines():
        print(f"  {line}", file=sys.stderr)
    return EXIT_FINDINGS
