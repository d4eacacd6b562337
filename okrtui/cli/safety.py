"""okrtui restore: list the backups of the workspace and bring one back."""

from __future__ import annotations

import argparse
from typing import Any

from okrtui.cli.common import EXIT_OK, Parents, add_command, print_json
from okrtui.services import Services


def register(sub: Any, parents: Parents) -> None:
    """Add the restore command."""
    restore = add_command(sub, "restore", "list backups of the workspace, or restore one",
                          parents, json_flag=True, handler=restore_backup)
    restore.add_argument("backup", nargs="?",
                         help="number from the list (1 is the newest) or a file path")


def restore_backup(args: argparse.Namespace, services: Services) -> int:
    """okrtui restore [N|PATH]: with no argument, list; else restore and keep the current."""
    path = services.path
    if args.backup is None:
        rows = [{"number": b.number, "path": str(b.path), "size": b.size,
                 "saved": b.saved.isoformat(" ", "seconds")} for b in services.backups()]
        archived = [{"number": None, "path": str(b.path), "size": b.size,
                     "saved": b.saved.isoformat(" ", "seconds"), "of": str(b.of)}
                    for b in services.archive_backups()]
        if args.json:
            print_json(rows + archived)
            return EXIT_OK
        elif not rows:
            print(f"No backups of {path} yet (they are kept in {services.backup_folder}).")
        else:
            print(f"Backups of {path}, newest first:")
            for row in rows:
                name = str(row["path"]).rsplit("/", 1)[-1]
                print(f"  {row['number']:3}  {row['saved']}  {row['size']:>10,} bytes  {name}")
            print("Restore one with: okrtui restore NUMBER")
        shown = None
        for row in archived:
            if row["of"] != shown:
                shown = row["of"]
                print(f"Backups of the archive {shown} (restore one by its path):")
            print(f"       {row['saved']}  {row['size']:>10,} bytes  {row['path']}")
        return EXIT_OK
    chosen, kept, target = services.restore(args.backup)
    print(f"Restored {chosen.name} into {target}")
    if kept is not None:
        print(f"The version it replaced is kept as {kept}")
    return EXIT_OK
