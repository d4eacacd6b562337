"""The in-process command line that conftest's `run` fixture gives, and running a command
of it that must succeed."""

from __future__ import annotations

from collections.abc import Callable

Run = Callable[..., tuple[int, str, str]]
"""Runs okrtui in-process: (argv..., db=None) -> (exit code, stdout, stderr)."""


def ok(run: Run, *argv: str, **kw: object) -> str:
    """Run a command that must succeed quietly on stderr; return its stdout, stripped."""
    code, out, err = run(*argv, **kw)
    assert code == 0, err
    assert err == ""
    return out.strip()
