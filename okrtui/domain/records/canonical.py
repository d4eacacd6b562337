"""Comparing versions of a record as the file holds them: strictly, and symmetrically.

`same` tells values apart the way the file does (1, 1.0 and true differ), and `rank`
orders two versions of one record by what is written in them, never by which side of a
merge they came from, so that every device reaches the same verdict.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections.abc import Mapping
from typing import Any

import orjson

Record = dict[str, Any]
Table = dict[str, Record]
RawTables = dict[str, Table]

STAMPS = ("rev", "updated_at", "updated_by")
TOMBSTONE = ("deleted_at", "deleted_by")


class _Missing:
    """A field a record does not have (distinct from a null value)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


MAX_NESTING = 200
"""How deeply a record's fields may nest lists and objects. okrtui's own records do not
nest at all; orjson writes at most 255 levels, and Python's own comparisons break near
1,000, so a file holding a deeper value (it parses up to 1,024) is refused when read
rather than crashing every save and merge after."""


def nesting_problem(name: str, table: Mapping[str, Any]) -> str | None:
    """Which record of table `name` nests a field deeper than MAX_NESTING (None: none)."""
    for rid, record in table.items():
        for field, value in record.items():
            if type(value) in (dict, list) and _deeper_than(value, MAX_NESTING - 1):
                return (f"field '{field}' of record '{rid}' in table '{name}' is nested more "
                        f"than {MAX_NESTING} levels deep")
    return None


def _deeper_than(value: Any, limit: int) -> bool:
    """Whether a list or object nests more than `limit` levels (without recursion)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return True
        children = item.values() if type(item) is dict else item
        stack.extend((child, depth + 1) for child in children if type(child) in (dict, list))
    return False


def canonical(value: Any) -> bytes:
    """The value's canonical JSON bytes (sorted keys): 1 and 1.0 and True all differ."""
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)


def same(x: Any, y: Any) -> bool:
    """Whether two JSON values are the same, as they would be written to the file."""
    if x is y:
        return True
    if x is MISSING or y is MISSING:
        return False
    return x == y and canonical(x) == canonical(y)


def content(record: Record) -> Record:
    """The record without its stamps (what was edited, not who or when)."""
    return {k: v for k, v in record.items() if k not in STAMPS}


def body(record: Record) -> Record:
    """The record without its stamps and tombstone (what a delete leaves untouched)."""
    return {k: v for k, v in record.items() if k not in STAMPS and k not in TOMBSTONE}


def rev_of(record: Record) -> int:
    """The record's edit counter (1 when it has none, 0 when it is not a number)."""
    rev = record.get("rev", 1)
    return rev if isinstance(rev, int) and not isinstance(rev, bool) else 0


def stored_time(value: Any) -> dt.datetime | None:
    """A time as the file holds it (ISO 8601; naive read as UTC), aware; None when it is
    absent or does not read as one."""
    if not isinstance(value, str):
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=dt.UTC)


def save_time(value: Any) -> tuple[int, float]:
    """A sortable save time: parsed ISO 8601 (naive read as UTC), else nothing."""
    parsed = stored_time(value)
    return (0, 0.0) if parsed is None else (1, parsed.timestamp())


def rank(record: Record) -> tuple[int, tuple[int, float], str, str]:
    """How a record ranks against another version of itself: more edits first, then the
    later save, then the author's name, then a hash of its content. Every part is read
    from the record, so both sides of a merge reach the same verdict."""
    digest = hashlib.sha256(canonical(record)).hexdigest()
    return (rev_of(record), save_time(record.get("updated_at")), str(record.get("updated_by", "")),
            digest)


def value_rank(value: Any) -> tuple[int, float, bytes]:
    """The order of plain values (for records without an edit counter): numbers by size."""
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return (1, float(value), canonical(value))
    return (0, 0.0, b"" if value is MISSING else canonical(value))
