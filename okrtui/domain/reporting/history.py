"""A key result's check-ins as people read them: newest first, in words.

A milestone's check-in is "done" or "not done", never "1 deals": every place that tells a
check-in (the history list, activity, the command line) says its value through
`value_words` and the act through `checkin_phrase`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from okrtui.domain.records.models import CheckIn, KeyResult
from okrtui.domain.records.numbers import with_unit
from okrtui.domain.records.workspace import Workspace


def done_words(value: float) -> str:
    """A milestone's check-in value in words: "done" or "not done"."""
    return "done" if value >= 1.0 else "not done"


def value_words(kr: KeyResult | None, value: float) -> str:
    """A check-in's value: "35 clients", "12%", or "done" / "not done" for a milestone."""
    if kr is not None and kr.kind == "milestone":
        return done_words(value)
    return with_unit(value, kr.unit if kr is not None else "")


def checkin_phrase(kr: KeyResult | None, value: float) -> str:
    """What checking in `value` did: "checked in 35 clients", "marked done"."""
    if kr is not None and kr.kind == "milestone":
        return f"marked {value_words(kr, value)}"
    return f"checked in {value_words(kr, value)}"


@dataclass(frozen=True)
class HistoryRow:
    """One check-in in a key result's history: when, who, value, confidence, note."""

    id: str
    at: dt.datetime
    who: str
    value: float
    value_text: str
    confidence: int | None
    note: str
    edited_by: str | None
    edited_at: dt.datetime | None


def history_row(kr: KeyResult, checkin: CheckIn) -> HistoryRow:
    """A check-in as its history row; `edited_*` say who corrected it last, and when."""
    edited = checkin.rev > 1
    return HistoryRow(
        id=checkin.id, at=checkin.at, who=checkin.author or checkin.updated_by,
        value=checkin.value, value_text=value_words(kr, checkin.value),
        confidence=checkin.confidence, note=checkin.note,
        edited_by=checkin.updated_by if edited else None,
        edited_at=checkin.updated_at if edited else None,
    )


def checkin_history(ws: Workspace, kr_id: str) -> list[HistoryRow]:
    """The live check-ins of a key result, newest first."""
    kr = ws.key_result(kr_id)
    return [history_row(kr, c) for c in reversed(ws.checkins(kr_id))]
