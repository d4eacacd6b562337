"""Helpers of the domain rule tests: records to validate, and refusals that must leave
the workspace file byte for byte as it was."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from okrtui.domain.records.errors import OkrError, describe
from okrtui.domain.records.models import Objective
from okrtui.domain.rules.lint import lint
from okrtui.services import Services
from tests.support.builders import sha
from tests.support.clock import TODAY

NOW = dt.datetime(2026, 11, 22, 9, 30, tzinfo=dt.UTC)
FINITE = "must be a finite number (not NaN or infinity)"


def stamps(**fields: Any) -> dict[str, Any]:
    """The fields every record needs, plus `fields`."""
    return {"id": "0000aaaa-test", "updated_at": NOW, "created_at": NOW, **fields}


def refusal(model: type, **fields: Any) -> str:
    """Validate `fields` with `model`, which must refuse them; return the sentence."""
    with pytest.raises(ValidationError) as info:
        model.model_validate(stamps(**fields))
    return describe(info.value)


def kr_fields(**fields: Any) -> dict[str, Any]:
    """A metric key result from 0 to 10, with `fields` on top."""
    return {"objective_id": "obj-0000", "title": "Acquire 10 customers", "target": 10.0,
            **fields}


@contextmanager
def unchanged(path: Path) -> Iterator[None]:
    """Assert that the block leaves the workspace file byte for byte as it was."""
    before = sha(path)
    yield
    assert sha(path) == before


def refused(path: Path, action: Callable[[], object]) -> str:
    """Run a service action that must be refused; return its one line; file unchanged."""
    with unchanged(path), pytest.raises((OkrError, ValidationError)) as info:
        action()
    message = describe(info.value)
    assert "\n" not in message
    return message


def objective_with(services: Services, n_krs: int, title: str = "Expand our customer base",
                   period: str = "2026-Q4", **fields: Any) -> Objective:
    """An objective with `n_krs` metric key results."""
    objective = services.add_objective(title, period, **fields)
    for n in range(n_krs):
        services.add_key_result(objective.id, f"Sign {n + 10} partners", target=n + 10,
                                unit="partners")
    return objective


def findings(services: Services, rule: str) -> list[str]:
    """Lint's messages for one rule on the workspace today."""
    return [f.message for f in lint(services.workspace(), TODAY) if f.rule == rule]
