"""Which fields an edit of a record may change: one refusal, naming what may be changed."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from okrtui.domain.records.errors import InvalidInput


def check_editable(changes: Mapping[str, Any], editable: Iterable[str], fields: str) -> None:
    """Refuse `changes` to a field outside `editable` ("`fields` can be changed, not X"),
    about the first such field in alphabetical order."""
    unknown = sorted(set(changes) - set(editable))
    if unknown:
        raise InvalidInput(f"{fields} can be changed, not {', '.join(unknown)}",
                           field=unknown[0])
