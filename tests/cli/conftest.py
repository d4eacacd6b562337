"""Fixtures of the command-line tests: a key result to check in on and to plan work under."""

from __future__ import annotations

import pytest

from tests.support.cli import Run, ok


@pytest.fixture
def kr(run: Run) -> str:
    """'Acquire 10 new clients' (0 to 10 clients) of an objective in 2026-Q4."""
    oid = ok(run, "objective", "add", "Increase our turnover", "--period", "2026-Q4")
    return ok(run, "kr", "add", oid, "Acquire 10 new clients", "--target", "10",
              "--unit", "clients")
