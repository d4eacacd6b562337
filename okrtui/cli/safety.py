"""okrtui restore: list the backups of the workspace and bring one back."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from okrtui.cli.common import EXIT_OK, Parents, add_command, print_json
from okrtui.domain.records.errors import InvalidInput, NotFound
from okrtui.services import Services
from okrtui.store.backups import backup_dir, list_backups


def register(sub: Any, parents: Parents) -> None:
    """Add the restore command."""
    restore = add_command(sub, "restore", "list backups of the workspace, or restore one",
                          parents, json_flag=True, handler=restore_backup)
    restore.add_argument("backup", nargs="?",
                         help="number from the list (1 is the newest) or a file path")


def restore_backup(args: argparse.Namespace, services: Services) -> int:
    """okrtui restore [N|PATH]: with no argument, list; else restore and keep the current."""
    path = services.store.path
    found = list_backups(path)
    if args.backup is None:
        rows = [{"number": n, "path": str(p), "size": p.stat().st_size,
                 "saved": dt.datetime.fromtimestamp(p.stat().st_mtime).isoformat(" ", "seconds")}
                for n, p in enumerate(found, 1)]
        if args.json:
            print_json(rows)
        elif not rows:
            print(f"No backups of {path} yet (they are kept in {backup_dir(path)}).")
        else:
            print(f"Backups of {path}, newest first:")
            for row in rows:
                print(f"  {row['number']:3}  {row['saved']}  {row['size']:>10,} bytes  "
                      f"{Path(row['path']).name}")
            print("Restore one with: okrtui restore NUMBER")
        return EXIT_OK
    chosen = _choose(args.backup, found)
    kept = services.store.restore(chosen)
    print(f"Restored {chosen.name} into {path}")
    if kept is not None:
        print(f"The version it replaced is kept as {kept}")
    return EXIT_OK


def _choose(spec: str, found: list[Path]) -> Path:
    if spec.isdigit():
        number = int(spec)
        if not 1 <= number <= len(found):
            raise NotFound(f"there is no backup number {number} (there are {len(found)})",
                           field="backup")
        return found[number - 1]
    candidate = Path(spec).expanduser()
    if not candidate.is_file():
        raise InvalidInput(f"{spec} is neither a backup number nor a file", field="backup")
    return candidate
