"""Checks around a merge: its inputs validate, and what its result breaks of the limits."""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import ValidationError

from okrtui.domain.merge.conflict import Conflict, title_of
from okrtui.domain.records.canonical import Record, Table
from okrtui.domain.records.errors import OkrError, describe
from okrtui.domain.records.models import KIND_NAMES, TABLES, Settings
from okrtui.domain.records.workspace import SETTINGS_TABLE
from okrtui.domain.rules.alignment import cycles
from okrtui.domain.rules.limits import (
    KEY_RESULTS_PER_OBJECTIVE,
    KPIS_PER_OWNER,
    OBJECTIVES_PER_OWNER,
)


class MergeRefused(OkrError):
    """A side of a merge is not a workspace okrtui can merge."""


def _live(record: Record | None) -> bool:
    return record is not None and not record.get("deleted_at")


def rule_notes(tables: Mapping[str, Table]) -> list[Conflict]:
    """What a merge result breaks of the OKR rules (records are all kept; a person
    decides): more key results per objective, objectives per owner and period, or KPIs
    per owner than the workspace's settings allow, and objectives aligned under each
    other (each side aligned one below the other)."""
    try:
        settings = Settings.model_validate(tables.get(SETTINGS_TABLE, {}).get("settings", {}))
    except ValidationError:
        settings = Settings()
    found: list[Conflict] = []
    objectives = {i: r for i, r in tables.get("objectives", {}).items() if _live(r)}
    # Key results of a deleted objective are gone with it: only live objectives count.
    krs = {i: r for i, r in tables.get("key_results", {}).items()
           if isinstance(r.get("objective_id"), str) and r["objective_id"] in objectives}
    most = KEY_RESULTS_PER_OBJECTIVE.most(settings)
    for oid, ids in KEY_RESULTS_PER_OBJECTIVE.over(krs, most):
        assert isinstance(oid, str)
        found.append(Conflict(
            "rule", "objectives", oid, title_of(objectives[oid]), "key_results", len(ids),
            most, "", "",
            f"has {len(ids)} key results after the merge (at most {most}): all were kept; "
            "remove or move one"))
    parents = {oid: o.get("parent_id") if isinstance(o.get("parent_id"), str) else None
               for oid, o in objectives.items()}
    for loop in cycles(parents):
        names = " and ".join(f"'{title_of(objectives[i]) or i[:8]}'" for i in loop)
        found.append(Conflict(
            "rule", "objectives", loop[0], title_of(objectives[loop[0]]), "parent_id",
            len(loop), 0, "", "",
            f"{names} are aligned under each other after the merge (each side aligned one "
            f"below the other): all were kept; un-align one with okrtui objective edit "
            f"{loop[0][:8]} --parent \"\""))
    most = OBJECTIVES_PER_OWNER.most(settings)
    for key, ids in OBJECTIVES_PER_OWNER.over(objectives, most):
        owner, period = key  # type: ignore[misc]
        found.append(Conflict(
            "rule", "objectives", min(ids), f"{owner}, {period}", "owner", len(ids),
            most, "", "",
            f"{owner} has {len(ids)} objectives in {period} after the merge (at most "
            f"{most}): all were kept; make one a draft"))
    most = KPIS_PER_OWNER.most(settings)
    for owner, ids in KPIS_PER_OWNER.over(tables.get("kpis", {}), most):
        found.append(Conflict(
            "rule", "kpis", min(ids), str(owner), "owner", len(ids), most, "", "",
            f"{owner} has {len(ids)} KPIs after the merge (at most {most}): all were "
            "kept; delete one"))
    return found


def check_tables(tables: Mapping[str, Table], known: Mapping[str, Table] | None = None
                 ) -> None:
    """Refuse tables whose records do not validate through their models (one line that
    names the first bad record); a merge never starts from a broken side.

    Records equal to their version in `known` (the other side, the base) are taken as
    checked already: a team's years of unchanged history are not validated again.
    """
    known = known or {}
    for name, model in TABLES.items():
        seen = known.get(name, {})
        for rid, raw in tables.get(name, {}).items():
            if seen.get(rid) == raw:
                continue
            try:
                model.model_validate({**raw, "id": rid})
            except ValidationError as exc:
                raise MergeRefused(f"{KIND_NAMES[name]} {rid[:8]} is invalid: "
                                   f"{describe(exc)}") from None
    try:
        Settings.model_validate(tables.get(SETTINGS_TABLE, {}).get("settings", {}))
    except ValidationError as exc:
        raise MergeRefused(f"settings are invalid: {describe(exc)}") from None
