"""Errors the domain raises, each readable as one line by a person."""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import ValidationError

from okrtui.domain.records.text import shown

# Model-level validators say which field they are about as "field: sentence".
_FIELD_PREFIX = re.compile(r"^([a-z_]+): (.+)$", re.S)


class OkrError(Exception):
    """Base of every error okrtui reports to a person as one line.

    The message may name anything from a file (an id, a table, a file name, a
    teammate's name): it is kept as `shown` makes it, so no error carries a control code
    to a terminal, whichever screen or stream shows it.
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        message = shown(message)
        super().__init__(message)
        self.message = message
        self.field = None if field is None else shown(field)

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


class RuleViolation(OkrError):
    """An OKR rule refuses the change (too many key results, no ambition, ...)."""


class NotFound(OkrError):
    """No record has the given id or id prefix."""


class AmbiguousId(OkrError):
    """An id prefix matches more than one record."""


class InvalidInput(OkrError):
    """A value cannot be understood (not a number, not a date, not a period)."""


def field_errors(error: ValidationError) -> dict[str, str]:
    """Map each field of a pydantic ValidationError to one human sentence."""
    out: dict[str, str] = {}
    for item in error.errors(include_url=False):
        loc = ".".join(str(part) for part in item.get("loc", ()) if part != "__root__")
        message = _humanise(item)
        if not loc and (m := _FIELD_PREFIX.match(message)):
            loc, message = m[1], m[2]
        out.setdefault(loc or "value", message)
    return out


def is_validation_error(error: BaseException) -> bool:
    """Whether `error` is pydantic's ValidationError (without importing pydantic: whatever
    raised one imported it already)."""
    core: Any = sys.modules.get("pydantic_core")
    return core is not None and isinstance(error, core.ValidationError)


def describe(error: Exception) -> str:
    """Return one line that says what is wrong, for a pydantic or domain error."""
    if is_validation_error(error):
        return shown("; ".join(f"{field}: {msg}" for field, msg in field_errors(error).items()))
    return shown(str(error))


def _humanise(item: dict) -> str:
    kind = item.get("type", "")
    msg = str(item.get("msg", "invalid value"))
    ctx = item.get("ctx") or {}
    if kind == "finite_number":
        return "must be a finite number (not NaN or infinity)"
    if kind == "float_type" and type(item.get("input")) is int:
        # An integer too large for a float (10**400): a number, just not a finite one.
        return "must be a finite number (numbers beyond 1.8e308 are refused)"
    if kind in ("float_parsing", "float_type", "int_parsing", "int_type"):
        return "must be a number"
    if kind == "string_pattern_mismatch":
        return "may hold only letters, digits and - _ . : (as okrtui's ids do)"
    if kind == "string_too_long":
        return f"must be at most {ctx.get('max_length')} characters"
    if kind == "less_than_equal":
        return f"must be at most {ctx.get('le')}"
    if kind == "greater_than_equal":
        return f"must be at least {ctx.get('ge')}"
    if kind == "greater_than":
        return f"must be more than {ctx.get('gt')}"
    if kind == "literal_error" or kind == "enum":
        return f"must be one of {ctx.get('expected', '')}".rstrip()
    if kind == "value_error":
        # Our own validators raise ValueError with a sentence already.
        return msg.removeprefix("Value error, ")
    if kind == "missing":
        return "is required"
    return msg[0].lower() + msg[1:] if msg else "invalid value"
