"""The limits are one rule each (okrtui/domain/rules/limits.py): a refusal
(`rules.checks`) and a merge's note (`merge.checks.rule_notes`) count the same records.

They were counted twice, by hand, in both places: drafts, tombstones and ownerless
records had to be left out the same way in each.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from okrtui.domain.merge.checks import rule_notes
from okrtui.domain.records.errors import RuleViolation
from okrtui.domain.records.models import KPI, KeyResult, Objective, Settings
from okrtui.domain.records.workspace import SETTINGS_TABLE, Workspace
from okrtui.domain.rules import checks
from okrtui.domain.rules.limits import (
    KEY_RESULTS_PER_OBJECTIVE,
    KPIS_PER_OWNER,
    OBJECTIVES_PER_OWNER,
)

AT = dt.datetime(2026, 10, 1, 9, tzinfo=dt.UTC).isoformat()
OWNERS = ["alice", "bob", ""]
PERIODS = ["2026-Q4", "2027-Q1"]
LIMIT = 2  # small, so that random tables go over it


def _stamp(deleted: bool) -> dict[str, Any]:
    return {"updated_at": AT, "created_at": AT, "deleted_at": AT if deleted else None}


objective_rows = st.lists(st.tuples(st.sampled_from(OWNERS), st.sampled_from(PERIODS),
                                    st.sampled_from(["active", "draft", "closed"]),
                                    st.booleans()), max_size=8)
kr_rows = st.lists(st.tuples(st.integers(0, 7), st.booleans()), max_size=12)
kpi_rows = st.lists(st.tuples(st.sampled_from(OWNERS), st.booleans()), max_size=8)


def _tables(objectives: list[tuple[str, str, str, bool]], krs: list[tuple[int, bool]],
            kpis: list[tuple[str, bool]]) -> dict[str, dict[str, dict[str, Any]]]:
    o_rows = {f"obj-{n:04d}": {"title": f"O{n}", "owner": owner, "period": period,
                               "status": status, **_stamp(gone)}
              for n, (owner, period, status, gone) in enumerate(objectives)}
    o_ids = sorted(o_rows) or ["obj-none"]
    k_rows = {f"kr-{n:05d}": {"title": f"K{n}", "objective_id": o_ids[i % len(o_ids)],
                              "target": 10, "position": n, **_stamp(gone)}
              for n, (i, gone) in enumerate(krs)}
    p_rows = {f"kpi-{n:04d}": {"name": f"P{n}", "owner": owner, **_stamp(gone)}
              for n, (owner, gone) in enumerate(kpis)}
    settings = Settings(max_key_results=LIMIT, max_objectives_per_owner=LIMIT,
                        max_kpis_per_owner=LIMIT)
    return {"objectives": o_rows, "key_results": k_rows, "kpis": p_rows,
            SETTINGS_TABLE: {"settings": settings.model_dump(mode="json")}}


def _refused(call: Any) -> bool:
    try:
        call()
    except RuleViolation:
        return True
    return False


@given(objectives=objective_rows, krs=kr_rows, kpis=kpi_rows)
def test_a_refusal_and_a_merge_note_count_the_same_records(
        objectives: list[tuple[str, str, str, bool]], krs: list[tuple[int, bool]],
        kpis: list[tuple[str, bool]]) -> None:
    tables = _tables(objectives, krs, kpis)
    ws = Workspace(tables)
    notes = {(n.table, n.field, n.record_id if n.table == "kpis" or n.field == "key_results"
              else n.title) for n in rule_notes(tables)}
    for oid, raw in tables["objectives"].items():
        if raw["deleted_at"]:
            continue
        # A key result more on this objective: refused when the merge would note it.
        live = sum(1 for k in tables["key_results"].values()
                   if k["objective_id"] == oid and not k["deleted_at"])
        assert (("objectives", "key_results", oid) in notes) == (live > LIMIT)
        new_kr = KeyResult.model_validate({"id": "kr-new-0001", "objective_id": oid,
                                           "title": "One more", "target": 5,
                                           "created_at": AT, "updated_at": AT})
        assert _refused(lambda kr=new_kr: checks.check_key_result(ws, kr)) == (live >= LIMIT)
    for owner in OWNERS:
        for period in PERIODS:
            counted = OBJECTIVES_PER_OWNER.groups(tables["objectives"]).get((owner, period), [])
            new = Objective.model_validate({"id": "obj-new-0001", "title": "One more",
                                            "owner": owner, "period": period,
                                            "created_at": AT, "updated_at": AT})
            refused = _refused(lambda o=new: checks.check_objective(ws, o))
            assert refused == (bool(owner) and len(counted) >= LIMIT)
            flagged = ("objectives", "owner", f"{owner}, {period}") in notes
            assert flagged == (len(counted) > LIMIT)
        counted = KPIS_PER_OWNER.groups(tables["kpis"]).get(owner, [])
        kpi = KPI.model_validate({"id": "kpi-new-0001", "name": "One more", "owner": owner,
                                  "created_at": AT, "updated_at": AT})
        assert _refused(lambda k=kpi: checks.check_kpi(ws, k)) == \
            (bool(owner) and len(counted) >= LIMIT)
    over = {oid for oid, _ in KEY_RESULTS_PER_OBJECTIVE.over(tables["key_results"], LIMIT)}
    live_objectives = {i for i, r in tables["objectives"].items() if not r["deleted_at"]}
    assert {r for t, f, r in notes if f == "key_results"} == over & live_objectives
