"""Raw workspace records for merge tests, shaped as okrtui writes them."""

from __future__ import annotations

import copy
from typing import Any

from okrtui.domain.records.workspace import SCHEMA_VERSION
from okrtui.store.jsonfile import encode

T0 = "2026-11-22T09:30:00Z"
T1 = "2026-11-22T10:00:00Z"
T2 = "2026-11-23T08:00:00Z"

OBJ = "0b7e1c2d-0000-4000-8000-000000000001"
KR = "9c1e2d3f-0000-4000-8000-000000000002"
KPI_ID = "51d0aa00-0000-4000-8000-000000000003"


def stamps(rev: int = 1, at: str = T0, by: str = "alice") -> dict[str, Any]:
    """The fields every record carries about its last edit."""
    return {"rev": rev, "updated_at": at, "updated_by": by}


def objective(title: str = "Expand our customer base", **fields: Any) -> dict[str, Any]:
    """A raw objective."""
    return {"title": title, "period": "2026-Q4", "owner": "alice", "status": "active",
            "created_at": T0, "created_by": "alice", "description": "", **stamps(),
            **fields}


def key_result(objective_id: str = OBJ, title: str = "Acquire 500 new customers",
               **fields: Any) -> dict[str, Any]:
    """A raw metric key result."""
    return {"objective_id": objective_id, "title": title, "kind": "metric", "start": 0.0,
            "target": 500.0, "unit": "customers", "position": 0, "created_at": T0,
            "created_by": "alice", **stamps(), **fields}


def checkin(kr_id: str = KR, value: float = 10.0, by: str = "alice",
            **fields: Any) -> dict[str, Any]:
    """A raw check-in."""
    return {"kr_id": kr_id, "value": value, "note": "", "author": by, "at": T0,
            **stamps(by=by), **fields}


def kpi(**fields: Any) -> dict[str, Any]:
    """A raw KPI, higher is better, green at 80 and red at 50."""
    return {"name": "Uptime", "unit": "%", "owner": "alice", "direction": "higher",
            "green": 80.0, "red": 50.0, "created_at": T0, "created_by": "alice",
            **stamps(), **fields}


def workspace(**tables: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """A workspace's raw tables with the meta record of the schema this okrtui writes."""
    return {"meta": {"meta": {"app": "okrtui", "schema": SCHEMA_VERSION}},
            **copy.deepcopy(tables)}


def edited(record: dict[str, Any], by: str = "bob", at: str = T1,
           **changes: Any) -> dict[str, Any]:
    """`record` one edit later."""
    return {**record, **changes, "rev": record.get("rev", 1) + 1, "updated_at": at,
            "updated_by": by}


def deleted(record: dict[str, Any], by: str = "bob", at: str = T1) -> dict[str, Any]:
    """`record` as a tombstone, one edit later."""
    return edited(record, by=by, at=at, deleted_at=at, deleted_by=by)


def enc(tables: dict[str, Any]) -> bytes:
    """The canonical bytes of tables (what the file would hold)."""
    return encode(tables)
