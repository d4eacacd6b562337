"""Moving older workspace files forward to the schema this okrtui writes.

Each migration takes the raw tables of schema N and returns those of schema N+1. They
run under the lock, after the file's current version was kept as a backup, and never
drop a field or table they do not know (teammates may run newer versions).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from okrtui.domain.records.workspace import META_TABLE, SCHEMA_VERSION
from okrtui.domain.records.workspace import schema_of as declared_schema

RawTables = dict[str, dict[str, dict[str, Any]]]


def _v0_to_v1(data: RawTables) -> RawTables:
    """Schema 0 is a file from before okrtui stamped its files: add the meta record."""
    meta = data.get(META_TABLE, {}).get("meta", {})
    return {**data, META_TABLE: {"meta": {**meta, "app": "okrtui", "schema": 1}}}


def _v1_to_v2(data: RawTables) -> RawTables:
    """Schema 2 keeps graded periods in archive files beside the workspace (see
    okrtui.domain.records.placement): the tables stay as they are, and the transaction
    that stamps the file moves its graded objectives out. An okrtui that knows schema 1
    only would see the open file alone, so it opens the file read-only."""
    meta = data.get(META_TABLE, {}).get("meta", {})
    return {**data, META_TABLE: {"meta": {**meta, "schema": 2}}}


MIGRATIONS: dict[int, Callable[[RawTables], RawTables]] = {0: _v0_to_v1, 1: _v1_to_v2}


def schema_of(data: RawTables | None) -> int:
    """The schema version a file's tables declare (0 when they declare none)."""
    if not data:
        return SCHEMA_VERSION
    return declared_schema(data)


def needs_migration(data: RawTables | None) -> bool:
    """Whether the tables are of an older schema than this okrtui writes."""
    return bool(data) and schema_of(data) < SCHEMA_VERSION


def migrate(data: RawTables) -> RawTables:
    """Apply every migration from the file's schema up to SCHEMA_VERSION."""
    version = schema_of(data)
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
    return data
