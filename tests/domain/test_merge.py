"""The merge rules, one example each: what is kept, what is decided, what is said."""

from __future__ import annotations

from okrtui.domain.merge.core import (
    CONFLICTS_TABLE,
    MergeResult,
    check_tables,
    merge2,
    merge3,
    pick_base,
)
from tests.support.merge import (
    KPI_ID,
    KR,
    OBJ,
    T0,
    T1,
    T2,
    checkin,
    deleted,
    edited,
    enc,
    key_result,
    kpi,
    objective,
    workspace,
)

C1 = "c1c1c1c1-0000-4000-8000-00000000000a"
C2 = "c2c2c2c2-0000-4000-8000-00000000000b"


def both_ways(base, a, b) -> MergeResult:  # type: ignore[no-untyped-def]
    """merge3 one way, after checking the other way gives the same bytes and lines."""
    one, two = merge3(base, a, b), merge3(base, b, a)
    assert enc(one.tables) == enc(two.tables)
    assert one.lines() == two.lines()
    for side in (a, b):
        again = merge3(base, one.tables, side)
        assert enc(again.tables) == enc(one.tables)
        assert again.conflicts == ()
    return one


def test_checkins_of_both_sides_are_kept() -> None:
    base = workspace(objectives={OBJ: objective()}, key_results={KR: key_result()},
                     checkins={})
    ours = workspace(**{**base, "checkins": {C1: checkin(value=120.0)}})
    theirs = workspace(**{**base, "checkins": {C2: checkin(value=130.0, by="bob")}})
    result = both_ways(base, ours, theirs)
    assert result.tables["checkins"] == {C1: ours["checkins"][C1], C2: theirs["checkins"][C2]}
    assert result.conflicts == ()
    assert CONFLICTS_TABLE not in result.tables


def test_edits_of_different_fields_merge_and_stamp_one_edit_more() -> None:
    base = workspace(key_results={KR: key_result()})
    ours = workspace(key_results={KR: edited(key_result(), by="alice", at=T1,
                                             title="Acquire 600 new customers")})
    theirs = workspace(key_results={KR: edited(key_result(), by="bob", at=T2,
                                               unit="clients")})
    merged = both_ways(base, ours, theirs).tables["key_results"][KR]
    assert (merged["title"], merged["unit"]) == ("Acquire 600 new customers", "clients")
    assert (merged["rev"], merged["updated_at"]) == (3, T2)
    check_tables({"objectives": {OBJ: objective()}, "key_results": {KR: merged}})


def test_same_field_is_decided_by_edit_count_and_said_in_words() -> None:
    base = workspace(objectives={OBJ: objective()})
    twice = edited(edited(objective(), by="alice", title="Grow"), by="alice", at=T0,
                   title="Grow sales")
    once = edited(objective(), by="bob", at=T2, title="Expand sales")
    result = both_ways(base, workspace(objectives={OBJ: twice}),
                       workspace(objectives={OBJ: once}))
    # more edits beat a later clock
    assert result.tables["objectives"][OBJ]["title"] == "Grow sales"
    [line] = result.lines()
    assert line.startswith('objective 0b7e1c2d "Grow sales": title: kept "Grow sales" (alice), '
                           'not "Expand sales" (bob)')
    assert "more edits (3 against 2)" in line


def test_ties_fall_to_the_save_time_then_the_author_then_the_content() -> None:
    base = workspace(objectives={OBJ: objective()})
    early = edited(objective(), by="zoe", at=T1, title="Early")
    late = edited(objective(), by="amy", at=T2, title="Late")
    result = both_ways(base, workspace(objectives={OBJ: early}),
                       workspace(objectives={OBJ: late}))
    assert result.tables["objectives"][OBJ]["title"] == "Late"
    assert "saved later" in result.lines()[0]
    amy = edited(objective(), by="amy", at=T1, title="Amy's")
    zoe = edited(objective(), by="zoe", at=T1, title="Zoe's")
    result = both_ways(base, workspace(objectives={OBJ: amy}), workspace(objectives={OBJ: zoe}))
    assert result.tables["objectives"][OBJ]["title"] == "Zoe's"
    same_stamp = edited(objective(), by="amy", at=T1, title="Other")
    result = both_ways(base, workspace(objectives={OBJ: amy}),
                       workspace(objectives={OBJ: same_stamp}))
    assert "decided by the records' content" in result.lines()[0]


def test_edit_against_delete_keeps_the_record_and_says_so() -> None:
    base = workspace(key_results={KR: key_result()}, objectives={OBJ: objective()})
    gone = workspace(**{**base, "key_results": {KR: deleted(key_result(), by="bob")}})
    kept = workspace(**{**base, "key_results": {KR: edited(key_result(), by="alice",
                                                           target=600.0)}})
    result = both_ways(base, gone, kept)
    record = result.tables["key_results"][KR]
    assert "deleted_at" not in record and record["target"] == 600.0
    [line] = result.lines()
    assert line == ('key result 9c1e2d3f "Acquire 500 new customers": kept: bob deleted it, '
                    "but alice changed target")
    stored = result.tables[CONFLICTS_TABLE]
    assert [c["kind"] for c in stored.values()] == ["delete"]


def test_a_delete_of_an_untouched_record_stands_silently() -> None:
    base = workspace(key_results={KR: key_result()}, objectives={OBJ: objective()})
    gone = workspace(**{**base, "key_results": {KR: deleted(key_result())}})
    result = both_ways(base, gone, base)
    assert result.tables["key_results"][KR]["deleted_at"] == T1
    assert result.conflicts == ()


def test_without_a_base_a_differing_record_is_decided_whole() -> None:
    ours = workspace(key_results={KR: edited(key_result(), by="alice", title="Acquire 600")})
    theirs = workspace(key_results={KR: edited(edited(key_result(), by="bob", unit="clients"),
                                               by="bob")})
    one, two = merge2(ours, theirs), merge2(theirs, ours)
    assert enc(one.tables) == enc(two.tables)
    assert one.tables["key_results"][KR] == theirs["key_results"][KR]
    # without a base, every differing field is listed: nobody can tell who changed which
    assert [line.split(":")[1].strip() for line in one.lines()] == ["title", "unit"]
    assert "no common earlier version" in one.lines()[0]


def test_without_a_base_an_edited_record_survives_a_delete_of_fewer_edits() -> None:
    live = edited(key_result(), by="alice", target=600.0)
    dead = deleted(key_result(), by="bob")
    result = merge2(workspace(key_results={KR: dead}), workspace(key_results={KR: live}))
    assert result.tables["key_results"][KR] == live
    assert "bob deleted it, but alice had edited it too" in result.lines()[0]
    stale = key_result()
    result = merge2(workspace(key_results={KR: dead}), workspace(key_results={KR: stale}))
    assert result.tables["key_results"][KR] == dead and result.conflicts == ()


def test_a_checkin_on_a_key_result_deleted_meanwhile_brings_it_back() -> None:
    base = workspace(objectives={OBJ: objective()}, key_results={KR: key_result()},
                     checkins={})
    # alice deletes the objective (and so its key result); bob checks in on the KR.
    alice = workspace(objectives={OBJ: deleted(objective(), by="alice")},
                      key_results={KR: deleted(key_result(), by="alice")}, checkins={})
    bob = workspace(**{**base, "checkins": {C1: checkin(by="bob")}})
    result = both_ways(base, alice, bob)
    assert "deleted_at" not in result.tables["key_results"][KR]
    assert "deleted_at" not in result.tables["objectives"][OBJ]
    assert C1 in result.tables["checkins"]
    assert "kept: alice deleted it, but bob added a check-in to it" in result.lines()[0]


def test_a_sixth_key_result_is_kept_and_reported() -> None:
    krs = {f"{n:08x}-0000-4000-8000-000000000000": key_result(position=n) for n in range(4)}
    base = workspace(objectives={OBJ: objective()}, key_results=krs)
    ours = workspace(**{**base, "key_results": {**krs, "aaaaaaaa-1": key_result(title="A")}})
    theirs = workspace(**{**base, "key_results": {**krs, "bbbbbbbb-1": key_result(title="B")}})
    result = both_ways(base, ours, theirs)
    assert len(result.tables["key_results"]) == 6
    assert result.lines() == ['objective 0b7e1c2d "Expand our customer base": has 6 key '
                              "results after the merge (at most 5): all were kept; remove "
                              "or move one"]


def test_edits_that_break_a_rule_together_decide_the_record_whole() -> None:
    base = workspace(kpis={KPI_ID: kpi()})
    # Higher is better: green must stay above red. Each edit alone is fine.
    ours = workspace(kpis={KPI_ID: edited(kpi(), by="alice", green=60.0)})
    theirs = workspace(kpis={KPI_ID: edited(kpi(), by="bob", at=T2, red=70.0)})
    result = both_ways(base, ours, theirs)
    assert result.tables["kpis"][KPI_ID] == theirs["kpis"][KPI_ID]
    check_tables(result.tables)
    assert any("break a rule" in line for line in result.lines())


def test_unknown_fields_and_tables_are_kept() -> None:
    base = workspace(objectives={OBJ: objective()})
    ours = workspace(objectives={OBJ: edited(objective(), x_future={"a": 1})},
                     future_table={"k": {"v": 1}})
    theirs = workspace(objectives={OBJ: edited(objective(), by="carol", at=T2, title="New")})
    merged = both_ways(base, ours, theirs).tables
    assert merged["objectives"][OBJ]["x_future"] == {"a": 1}
    assert merged["objectives"][OBJ]["title"] == "New"
    assert merged["future_table"] == {"k": {"v": 1}}


def test_settings_merge_by_field_and_the_schema_by_its_highest() -> None:
    base = workspace(settings={"settings": {"backups": 10, "max_key_results": 5}})
    ours = workspace(settings={"settings": {"backups": 3, "max_key_results": 5}})
    theirs = workspace(settings={"settings": {"backups": 10, "max_key_results": 4}})
    merged = both_ways(base, ours, theirs).tables
    assert merged["settings"]["settings"] == {"backups": 3, "max_key_results": 4}
    newer = workspace()
    newer["meta"]["meta"]["schema"] = 2
    assert merge2(workspace(), newer).tables["meta"]["meta"]["schema"] == 2


def test_one_and_one_point_zero_are_different_values_decided_the_same_both_ways() -> None:
    a = workspace(objectives={OBJ: {**objective(), "x": 1}})
    b = workspace(objectives={OBJ: {**objective(), "x": 1.0}})
    assert enc(merge2(a, b).tables) == enc(merge2(b, a).tables)


def test_the_base_is_the_newest_backup_both_sides_descend_from() -> None:
    v1 = key_result()
    v2 = edited(v1, by="alice", title="Acquire 550")  # alice's, before the split
    ours = edited(v2, by="alice", unit="clients")
    theirs = edited(v2, by="bob", at=T2, target=700.0)
    assert pick_base([v1, v2], ours, theirs) == v2
    # alice edited twice more; bob's side never saw her second edit (v3).
    v3 = edited(v2, by="alice", title="Acquire 600")
    ours = edited(v3, by="alice", unit="clients")
    bob = edited(edited(v2, by="bob", target=700.0), by="bob", target=800.0)
    assert pick_base([v1, v2, v3], ours, bob) == v2  # v3 would silently undo alice's title
    assert pick_base([], ours, bob) is None


def test_a_record_mixing_both_sides_wins_any_later_merge_with_either() -> None:
    # Same edit count, time and author: only the content hash decides. The mixed record
    # must still beat both sides when merged again, whatever the hashes are.
    base = workspace(key_results={KR: key_result()})
    for n in range(8):
        ours = workspace(key_results={KR: edited(key_result(), by="amy", title=f"A{n}",
                                                 unit="u")})
        theirs = workspace(key_results={KR: edited(key_result(), by="amy", title=f"B{n}",
                                                   target=900.0)})
        result = both_ways(base, ours, theirs)
        merged = result.tables["key_results"][KR]
        assert (merged["unit"], merged["target"], merged["rev"]) == ("u", 900.0, 3)


def test_a_version_saved_after_a_side_last_edited_is_never_its_base() -> None:
    v1 = key_result()
    mine = edited(v1, by="alice", at=T2, target=600.0)  # saved after bob's edits
    bob = edited(edited(v1, by="bob", at=T1, target=700.0), by="bob", at=T1,
                 deleted_at=T1, deleted_by="bob")
    assert pick_base([v1, mine], mine, bob) == v1
