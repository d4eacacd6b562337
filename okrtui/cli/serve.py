"""okrtui serve [--host 127.0.0.1] [--port 8000]: the TUI in a web browser.

There is no login: whoever reaches the address acts as the user who started the server.
So it listens on loopback unless `--public` says otherwise, and then says so.
"""

from __future__ import annotations

import argparse
import ipaddress
import sys
from typing import Any

from okrtui.cli.common import Parents, UsageError, add_command
from okrtui.services import Services

NO_LOGIN = ("there is no login: anyone who reaches it acts as {user} on {db}; reach it "
            "through an SSH tunnel, or a reverse proxy that asks for a password")


def register(sub: Any, parents: Parents) -> None:
    """Add the serve command."""
    p = add_command(sub, "serve", "serve the TUI to a web browser (needs the web extra)",
                    parents, handler=serve)
    p.add_argument("--host", default="127.0.0.1",
                   help="the address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=_port, default=8000, help="the port (default 8000)")
    p.add_argument("--public", action="store_true",
                   help="allow a host other than loopback (there is no login)")
    p.add_argument("--url", metavar="URL",
                   help="the address browsers use, when it is not http://HOST:PORT (a "
                   "reverse proxy)")


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text[:20]}' is not a port number") from None
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError("a port is from 1 to 65535")
    return value


def is_loopback(host: str) -> bool:
    """Whether `host` is this machine only (127.0.0.0/8, ::1, localhost)."""
    if host.strip().lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a name: it may resolve to any interface


def serve(args: argparse.Namespace, services: Services) -> int:
    """okrtui serve: refuse a public host without --public; then serve."""
    warning = NO_LOGIN.format(user=services.user, db=services.path)
    if not is_loopback(args.host):
        if not args.public:
            raise UsageError(f"--host {args.host} is reachable from other machines and "
                             f"{warning}; add --public to serve it anyway")
        print(f"okrtui: warning: serving on {args.host}: {warning}", file=sys.stderr,
              flush=True)
    run = getattr(args, "serve_web", None)
    if run is None:
        raise UsageError("serve runs from the okrtui command")
    return run(args, services)
