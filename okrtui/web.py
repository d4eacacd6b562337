"""okrtui serve: the TUI in a web browser, through textual-serve (the `web` extra).

Each browser tab that connects gets its own okrtui process on the workspace, as the user
who started the server: the same app, the same file, the same lock as in a terminal.
This module is the only one that imports textual-serve, and only `okrtui serve` loads it.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path
from typing import Any

from okrtui.domain.records.errors import InvalidInput
from okrtui.services import Services

# okrtui's own page: textual-serve's asks Google Fonts for its font, a request to another
# host from every teammate who opens it (and a broken font offline).
TEMPLATES = Path(__file__).with_name("web_templates")

EXTRA_HINT = ("okrtui serve needs the web extra: pipx install '.[web]' from a clone (or "
              "pip install 'okrtui[web]')")


def serve(args: argparse.Namespace, services: Services) -> int:
    """Serve the TUI on `services`' workspace until ctrl+c; return the exit code."""
    try:
        from textual_serve.server import Server
    except ImportError:
        raise InvalidInput(EXTRA_HINT) from None

    services.workspace()  # a broken file is one line here, not a dead page in a browser
    command = shlex.join([sys.executable, "-m", "okrtui", "--db", str(services.path),
                          "--user", services.user])
    shown = f"[{args.host}]" if ":" in args.host else args.host
    url = args.url or f"http://{shown}:{args.port}"

    class OkrtuiServer(Server):
        """textual-serve's server, telling what it serves in okrtui's words."""

        async def on_startup(self, app: Any) -> None:
            print(f"okrtui: serving {services.path} as {services.user} on {url} "
                  "(ctrl+c stops)", file=sys.stderr, flush=True)

        def initialize_logging(self) -> None:
            pass  # quiet: no banner, no line per request

    server = OkrtuiServer(command, host=args.host, port=args.port, title="okrtui",
                          public_url=url, templates_path=TEMPLATES)
    try:
        server.serve()
    except OSError as exc:
        raise InvalidInput(f"cannot listen on {shown}:{args.port}: "
                           f"{exc.strerror or exc}") from None
    return 0
