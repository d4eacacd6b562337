"""Merge properties over random edits: commutative, idempotent, nothing lost, still valid.

A random base workspace is edited twice, independently, as two teammates would: edits of
any field (with their stamps), deletes, new check-ins, measurements and key results,
settings, fields and tables from a newer okrtui. Stamps come from a few times and names,
so ties on the edit counter, the clock and the author all happen.
"""

from __future__ import annotations

import copy
import random
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okrtui.domain.merge.core import CONFLICTS_TABLE, check_tables, merge2, merge3
from okrtui.domain.records.canonical import STAMPS, same
from okrtui.domain.records.models import TABLES
from tests.support.merge import T0, T1, T2, enc

TIMES = [T0, T1, T2]
PEOPLE = ["alice", "bob", "carol"]
TITLES = ["Grow", "Acquire 500 customers", "Ship it", "Grow"]
ODD = [1, 1.0, True, "1", None, [1], {"a": 1}]  # strict equality: 1, 1.0 and True differ

Tables = dict[str, dict[str, dict[str, Any]]]


def _id(rng: random.Random) -> str:
    return f"{rng.getrandbits(32):08x}-0000-4000-8000-{rng.getrandbits(48):012x}"


def _stamp(rng: random.Random, rev: int = 1) -> dict[str, Any]:
    return {"rev": rev, "updated_at": rng.choice(TIMES), "updated_by": rng.choice(PEOPLE)}


def _objective(rng: random.Random) -> dict[str, Any]:
    return {"title": rng.choice(TITLES), "period": "2026-Q4", "owner": rng.choice(PEOPLE),
            "status": "active", "created_at": T0, "created_by": "alice", **_stamp(rng)}


def _kr(rng: random.Random, oid: str) -> dict[str, Any]:
    return {"objective_id": oid, "title": rng.choice(TITLES), "kind": "metric",
            "start": 0.0, "target": rng.choice([10.0, 500.0]), "unit": "x",
            "position": rng.randint(0, 4), "created_at": T0, "created_by": "alice",
            **_stamp(rng)}


def _checkin(rng: random.Random, kr: str) -> dict[str, Any]:
    who = rng.choice(PEOPLE)
    return {"kr_id": kr, "value": float(rng.randint(0, 9)), "note": "", "author": who,
            "at": rng.choice(TIMES), **_stamp(rng), "updated_by": who}


def _kpi(rng: random.Random) -> dict[str, Any]:
    return {"name": rng.choice(TITLES), "direction": "higher", "green": 80.0, "red": 50.0,
            "owner": rng.choice(PEOPLE), "created_at": T0, "created_by": "alice",
            **_stamp(rng)}


def _measurement(rng: random.Random, kpi: str) -> dict[str, Any]:
    return {"kpi_id": kpi, "value": float(rng.randint(0, 99)), "date": "2026-11-20",
            "at": rng.choice(TIMES), **_stamp(rng)}


EDITS: dict[str, dict[str, list[Any]]] = {
    "objectives": {"title": TITLES, "owner": PEOPLE, "description": ["", "why"],
                   "status": ["active", "draft"], "x_future": ODD},
    "key_results": {"title": TITLES, "target": [10.0, 100.0, 500.0], "unit": ["x", "y"],
                    "weight": [1.0, 2.0], "x_future": ODD},
    "kpis": {"name": TITLES, "green": [60.0, 80.0, 90.0], "red": [40.0, 50.0, 70.0]},
    "checkins": {"note": ["", "late", "good"]},
}


def _base(rng: random.Random) -> Tables:
    tables: Tables = {"meta": {"meta": {"app": "okrtui", "schema": 1}}, "objectives": {},
                      "key_results": {}, "checkins": {}, "kpis": {}, "measurements": {},
                      "settings": {"settings": {"backups": 10, "max_key_results": 5}}}
    # Few records, many edits: both sides often touch the same record and field.
    for _ in range(rng.randint(1, 2)):
        oid = _id(rng)
        tables["objectives"][oid] = _objective(rng)
        for _ in range(rng.randint(0, 2)):
            kid = _id(rng)
            tables["key_results"][kid] = _kr(rng, oid)
            for _ in range(rng.randint(0, 2)):
                tables["checkins"][_id(rng)] = _checkin(rng, kid)
    for _ in range(rng.randint(0, 1)):
        kid = _id(rng)
        tables["kpis"][kid] = _kpi(rng)
        tables["measurements"][_id(rng)] = _measurement(rng, kid)
    return tables


def _live(tables: Tables, name: str) -> list[str]:
    return sorted(i for i, r in tables.get(name, {}).items() if not r.get("deleted_at"))


def _edit(rng: random.Random, side: Tables) -> None:
    """One thing a teammate does; a change that a model refuses is not made."""
    action = rng.choice(["edit"] * 5 + ["delete", "checkin", "checkin", "measure", "kr",
                                        "settings", "future"])
    if action in ("edit", "delete"):
        name = rng.choice(sorted(EDITS))
        ids = sorted(side[name])
        if not ids:
            return
        rid = rng.choice(ids)
        old = side[name][rid]
        stamp = _stamp(rng, old["rev"] + 1)
        if action == "delete":
            new = {**old, **stamp, "deleted_at": stamp["updated_at"],
                   "deleted_by": stamp["updated_by"]}
        else:
            field = rng.choice(sorted(EDITS[name]))
            new = {**old, **stamp, field: rng.choice(EDITS[name][field])}
        try:
            TABLES[name].model_validate({**new, "id": rid})
        except ValueError:
            return
        side[name][rid] = new
    elif action == "checkin" and _live(side, "key_results"):
        side["checkins"][_id(rng)] = _checkin(rng, rng.choice(_live(side, "key_results")))
    elif action == "measure" and _live(side, "kpis"):
        side["measurements"][_id(rng)] = _measurement(rng, rng.choice(_live(side, "kpis")))
    elif action == "kr" and _live(side, "objectives"):
        side["key_results"][_id(rng)] = _kr(rng, rng.choice(_live(side, "objectives")))
    elif action == "settings":
        side["settings"]["settings"][rng.choice(["backups", "max_key_results"])] = (
            rng.choice([3, 4, 5, 10]))
    elif action == "future":
        side.setdefault("future_table", {})[rng.choice(["k1", "k2"])] = {
            "v": rng.choice(ODD)}


def _side(rng: random.Random, base: Tables) -> Tables:
    side = copy.deepcopy(base)
    for _ in range(rng.randint(0, 8)):
        _edit(rng, side)
    return side


def _three(rng: random.Random) -> tuple[Tables, Tables, Tables]:
    base = _base(rng)
    return base, _side(rng, base), _side(rng, base)


def _check_merge(result_ab: Any, result_ba: Any, a: Tables, b: Tables, again: Any) -> None:
    assert enc(result_ab.tables) == enc(result_ba.tables)  # commutative, byte for byte
    assert result_ab.lines() == result_ba.lines()
    merged = result_ab.tables
    for side in (a, b):
        twice = again(merged, side)
        assert enc(twice.tables) == enc(merged)  # idempotent, with either side
        assert twice.conflicts == ()
        for name, table in side.items():  # nothing of either side is lost
            assert set(table) <= set(merged[name])
    check_tables(merged)  # every record still validates through its model
    for conflict in result_ab.conflicts:
        assert conflict.id in merged[CONFLICTS_TABLE]
        assert conflict.record_id[:8] in conflict.line()


SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.randoms(use_true_random=False))
def test_three_way_merge_is_commutative_idempotent_and_loses_nothing(
        rng: random.Random) -> None:
    base, a, b = _three(rng)
    _check_merge(merge3(base, a, b), merge3(base, b, a), a, b,
                 lambda m, side: merge3(base, m, side))


@SETTINGS
@given(st.randoms(use_true_random=False))
def test_merge_without_a_base_is_commutative_idempotent_and_loses_nothing(
        rng: random.Random) -> None:
    _, a, b = _three(rng)
    _check_merge(merge2(a, b), merge2(b, a), a, b, lambda m, side: merge2(m, side))


@SETTINGS
@given(st.randoms(use_true_random=False))
def test_merging_a_merge_result_again_with_a_third_version_keeps_the_properties(
        rng: random.Random) -> None:
    base, a, b = _three(rng)
    c = _side(rng, base)
    ab = merge3(base, a, b).tables
    _check_merge(merge3(base, ab, c), merge3(base, c, ab), ab, c,
                 lambda m, side: merge3(base, m, side))


@SETTINGS
@given(st.randoms(use_true_random=False))
def test_checkins_and_measurements_of_both_sides_all_survive(rng: random.Random) -> None:
    base, a, b = _three(rng)
    merged = merge3(base, a, b).tables
    for name in ("checkins", "measurements"):
        assert set(merged[name]) == set(a[name]) | set(b[name])
        for rid, record in merged[name].items():
            sides = [side[name][rid] for side in (a, b) if rid in side[name]]
            for field, value in record.items():  # every value came from a side: none made up
                assert field in STAMPS or any(
                    field in s and same(s[field], value) for s in sides), (rid, field)
