"""The pure domain layer: pydantic models and OKR rules.

Nothing here touches files, the clock, TinyDB or Textual; "today" is always passed in.

Sub-packages, each one kind of rule:

- `records`: the models, the workspace aggregate, periods, errors, safe text and numbers;
- `rules`: limits, links and due dates (refusals and merge checks), SMART lint, ambition;
- `scoring`: progress, pace, staleness, status words, grades, KPI health, what is due,
  and the scored views;
- `cycle`: grading, carry-over, KR/KPI transitions, templates;
- `reporting`: the weekly review, activity, export and import;
- `merge`: merging versions of a workspace and telling its decisions;
- `plans`: each use case as a pure plan (what an action writes), handed an `Actor`.

The vocabulary is re-exported here (`from okrtui.domain import KeyResult, Period`), loaded
on first use so that importing one small module does not build every model.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_VOCABULARY: dict[str, str] = {
    "Record": "records.models",
    "Objective": "records.models",
    "KeyResult": "records.models",
    "CheckIn": "records.models",
    "KPI": "records.models",
    "Measurement": "records.models",
    "Initiative": "records.models",
    "Settings": "records.models",
    "Workspace": "records.workspace",
    "InvalidRecord": "records.workspace",
    "Period": "records.periods",
    "OkrError": "records.errors",
    "InvalidInput": "records.errors",
    "NotFound": "records.errors",
    "RuleViolation": "records.errors",
    "describe": "records.errors",
    "safe_text": "records.text",
    "Actor": "plans.actor",
}

if TYPE_CHECKING:
    from okrtui.domain.plans.actor import Actor
    from okrtui.domain.records.errors import (
        InvalidInput,
        NotFound,
        OkrError,
        RuleViolation,
        describe,
    )
    from okrtui.domain.records.models import (
        KPI,
        CheckIn,
        Initiative,
        KeyResult,
        Measurement,
        Objective,
        Record,
        Settings,
    )
    from okrtui.domain.records.periods import Period
    from okrtui.domain.records.text import safe_text
    from okrtui.domain.records.workspace import InvalidRecord, Workspace


def __getattr__(name: str) -> Any:
    module = _VOCABULARY.get(name)
    if module is None:
        raise AttributeError(f"module 'okrtui.domain' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"okrtui.domain.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "KPI",
    "Actor",
    "CheckIn",
    "Initiative",
    "InvalidInput",
    "InvalidRecord",
    "KeyResult",
    "Measurement",
    "NotFound",
    "Objective",
    "OkrError",
    "Period",
    "Record",
    "RuleViolation",
    "Settings",
    "Workspace",
    "describe",
    "safe_text",
]
