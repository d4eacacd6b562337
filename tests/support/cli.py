"""The type of the in-process command line that conftest's `run` fixture gives."""

from __future__ import annotations

from collections.abc import Callable

Run = Callable[..., tuple[int, str, str]]
"""Runs okrtui in-process: (argv..., db=None) -> (exit code, stdout, stderr)."""
