"""What a merge takes in from a side is cleaned first: a teammate's file, a conflict copy
and a branch are text from outside, like anything a person types.

A merge stores the other side's records as they are in its file, unvalidated strings and
all; okrtui's own saves never store a control code or a bidi override (the models clean
them), so a merge must not either. Cleaning is a pure function applied to every side
alike, so merging stays commutative and idempotent.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from okrtui.domain.merge.conflict import CONFLICTS_TABLE
from okrtui.domain.records.canonical import RawTables, Record, Table
from okrtui.domain.records.models import TABLES
from okrtui.domain.records.text import safe_text, shown

_CLEANED = (*TABLES, CONFLICTS_TABLE)


def clean_tables(tables: Mapping[str, Table]) -> RawTables:
    """`tables` with every text field of the record tables and of the conflicts table as
    okrtui would store it (see `safe_text`); records without such text are the very
    same objects. The conflicts table's ids are kept as `shown` makes them."""
    out: RawTables = {}
    for name, table in tables.items():
        if name not in _CLEANED:
            out[name] = table  # unknown tables (a newer okrtui's) are kept as they are
            continue
        cleaned: Table = {}
        for rid, record in table.items():
            key = shown(rid) if name == CONFLICTS_TABLE else rid
            cleaned[key] = _clean_record(record)
        out[name] = cleaned
    return out


def _clean_record(record: Record) -> Record:
    changed: dict[str, Any] = {}
    for field, value in record.items():
        if isinstance(value, str) and shown(value) != value:
            # Notes keep their line breaks and tabs; a title's become spaces when read.
            fixed = safe_text(value, multiline=True)
            if fixed != value:
                changed[field] = fixed
    return {**record, **changed} if changed else record
