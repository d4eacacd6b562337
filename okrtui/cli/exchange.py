"""okrtui export and okrtui import: the documented JSON format, and CSV for spreadsheets."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from okrtui.cli.common import EXIT_OK, Parents, add_command, print_json
from okrtui.domain.records.errors import InvalidInput
from okrtui.domain.records.models import KIND_NAMES
from okrtui.services import Services


def register(sub: Any, parents: Parents) -> None:
    """Add the export and import commands."""
    ex = add_command(sub, "export", "the workspace as JSON (every record, the documented "
                     "format) or CSV (one row per key result)", parents, handler=export)
    ex.add_argument("--format", choices=["json", "csv"], default="json")
    ex.add_argument("--out", metavar="FILE", help="write to FILE instead of the terminal")
    im = add_command(sub, "import", "add the records of a JSON or CSV export to the "
                     "workspace (all or nothing)", parents, json_flag=True,
                     handler=import_file)
    im.add_argument("file", help="a file written by 'okrtui export' ('-' reads stdin)")
    im.add_argument("--format", choices=["json", "csv"],
                    help="the file's format (default: csv for a .csv file, else what the "
                    "file starts with)")


def export(args: argparse.Namespace, services: Services) -> int:
    """okrtui export: to stdout, or to --out FILE (never onto the workspace itself)."""
    if args.format == "csv":
        text = services.export_csv()
        # Excel reads UTF-8 only with a byte-order mark; a pipe does not want one.
        blob, stdout = ("\ufeff" + text).encode(), text
    else:
        blob = services.export_json()
        stdout = blob.decode()
    if args.out is None:
        sys.stdout.write(stdout)
        return EXIT_OK
    out = Path(args.out).expanduser()
    if out.absolute() == services.path or (
            out.exists() and out.resolve() == services.path.resolve()):
        raise InvalidInput(f"{args.out} is the workspace itself; export to another file",
                           field="out")
    out.write_bytes(blob)
    print(out)
    return EXIT_OK


def import_file(args: argparse.Namespace, services: Services) -> int:
    """okrtui import FILE: one line saying what was added."""
    blob = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
    if _format(args.file, args.format, blob) == "csv":
        try:
            text = blob.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InvalidInput(f"{args.file}: the CSV file is not UTF-8 text (byte "
                               f"{exc.start})") from None
        result = services.import_csv(text)
    else:
        result = services.import_export(blob)
    if args.json:
        print_json({"added": result.added, "unchanged": result.unchanged,
                    "settings": result.settings})
        return EXIT_OK
    parts = [f"{n} {KIND_NAMES[t]}{'s' if n != 1 else ''}" for t, n in result.added.items()]
    line = f"imported {result.total} records" + (f" ({', '.join(parts)})" if parts else "")
    if result.unchanged:
        line += f"; {result.unchanged} were here already"
    if result.settings == "kept":
        line += "; the workspace's own settings were kept"
    print(line)
    return EXIT_OK


def _format(name: str, given: str | None, blob: bytes) -> str:
    """The import's format: as given, else by the file name, else by its first character
    (an export in JSON starts with `{`)."""
    if given:
        return given
    if name.lower().endswith(".csv"):
        return "csv"
    if name.lower().endswith(".json"):
        return "json"
    return "json" if blob.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") else "csv"
