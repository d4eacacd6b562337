"""A check-in value that is probably a typo: 95 typed for "Acquire 10 new clients".

A value is an outlier when it lies more than three times as far from the key result's
start as its target does, or on the wrong side of the start (below the start of a key
result that should grow). Such a value is not refused: a person may really have signed 95
clients. The TUI asks for a confirmation and the command line warns, both with this
module's sentence.
"""

from __future__ import annotations

from okrtui.domain.records.models import KeyResult
from okrtui.domain.records.numbers import number, with_unit
from okrtui.domain.records.text import one_line

OUTLIER_FACTOR = 3.0


def is_outlier(kr: KeyResult, value: float) -> bool:
    """Whether `value` is more than three spans from the start, or behind the start.

    Milestones (done or not done) and key results without a span (a target equal to the
    start) have no outliers. Computed on halves so that the model's extreme finite
    numbers never overflow.
    """
    offsets = _offsets(kr, value)
    if offsets is None:
        return False
    moved, span = offsets
    return _behind(moved, span) or abs(moved) > OUTLIER_FACTOR * abs(span)


def _offsets(kr: KeyResult, value: float) -> tuple[float, float] | None:
    """Half the way `value` moved from the start, and half the span to the target."""
    if kr.kind == "milestone" or kr.target is None or kr.target == kr.start:
        return None
    return value / 2 - kr.start / 2, kr.target / 2 - kr.start / 2


def _behind(moved: float, span: float) -> bool:
    """Moved the other way than the target lies."""
    return (moved < 0 < span) or (span < 0 < moved)


def outlier_warning(kr: KeyResult, value: float) -> str | None:
    """The sentence that says why `value` looks like a typo (None when it does not)."""
    if not is_outlier(kr, value):
        return None
    title = one_line(kr.title, 80)
    typed = with_unit(value, kr.unit)
    start, target = number(kr.start), with_unit(kr.target, kr.unit)
    offsets = _offsets(kr, value)
    if offsets is not None and _behind(*offsets):
        why = f"it is on the wrong side of the start ({start}; the target is {target})"
    else:
        why = (f"it is more than {OUTLIER_FACTOR:g} times as far from the start ({start}) "
               f"as the target ({target}) is")
    return f"{typed} for '{title}' looks like a typo: {why}"
