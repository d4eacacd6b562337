"""Numbers as people write them, for every place okrtui shows one (TUI, CLI, sentences)."""

from __future__ import annotations


def number(value: float | None) -> str:
    """A number as people write it: 3,412 or 99.93 (no trailing zeros); None is a dash."""
    if value is None:
        return "—"
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def compact(value: float | None) -> str:
    """A measured value to a sensible precision: 5,562 / 99.93 / 23.81 / 0.125."""
    if value is None:
        return "—"
    size = abs(value)
    if size >= 1000:
        return number(round(value))
    if size >= 100:
        return number(round(value, 1))
    if size >= 1:
        return number(round(value, 2))
    return number(round(value, 3))


def with_unit(value: float | None, unit: str, *, short: bool = False) -> str:
    """A number with its unit: "35 customers", "12%"; `short` rounds to a sensible
    precision for measured values."""
    text = compact(value) if short else number(value)
    if not unit:
        return text
    if unit == "%":
        return f"{text}%"
    return f"{text} {unit}"
