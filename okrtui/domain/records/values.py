"""Turning what people type into numbers, dates and flags, with one-line refusals."""

from __future__ import annotations

import datetime as dt
import math

from okrtui.domain.records.errors import InvalidInput

DONE_WORDS = {"done": 1.0, "yes": 1.0, "true": 1.0, "not-done": 0.0, "notdone": 0.0,
              "no": 0.0, "false": 0.0, "undone": 0.0}


def parse_number(text: str, field: str = "value") -> float:
    """Parse a finite number; refuse NaN, infinity, overflow and words."""
    raw = text.strip().replace("_", "")
    try:
        value = float(raw)
    except (ValueError, OverflowError):
        raise InvalidInput(f"'{text.strip()[:40]}' is not a number", field=field) from None
    if not math.isfinite(value):
        raise InvalidInput(
            f"'{text.strip()[:40]}' is not a finite number (NaN, infinity and numbers beyond "
            "1.8e308 are refused)",
            field=field,
        )
    return value + 0.0


def parse_checkin_value(text: str, milestone: bool) -> float:
    """A check-in value: a number, or done / not-done for a milestone."""
    word = text.strip().lower()
    if word in DONE_WORDS:
        return DONE_WORDS[word]
    refusal = InvalidInput(f"'{text.strip()[:40]}': a milestone takes done or not-done "
                           "(1 or 0)", field="value")
    try:
        value = parse_number(text)
    except InvalidInput:
        if milestone:
            raise refusal from None
        raise
    if milestone and value not in (0.0, 1.0):
        raise refusal
    return value


def parse_date(text: str, field: str = "date") -> dt.date:
    """Parse an ISO date (2026-11-22)."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(f"'{text.strip()[:40]}' is not a date (use YYYY-MM-DD)",
                           field=field) from None
