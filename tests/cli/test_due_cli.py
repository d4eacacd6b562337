"""`okrtui due` for scripts and cron, and `okrtui status` counting what is due."""

from __future__ import annotations

import json

import pytest

from tests.support.cli import Run, ok


@pytest.fixture
def team(run: Run) -> dict[str, str]:
    """alice's objective of 2026-Q4 (today is 2026-11-22) with four key results checked
    in on different days, one of bob's, a draft of hers, and two KPIs of hers."""
    ids: dict[str, str] = {}
    oid = ok(run, "objective", "add", "Increase our turnover", "--period", "2026-Q4")
    for name, last in (("stale", "2026-11-01"), ("week", "2026-11-15"),
                       ("fresh", "2026-11-20"), ("never", None)):
        ids[name] = ok(run, "kr", "add", oid, f"Key result {name}", "--target", "10",
                        "--unit", "x")
        if last:
            ok(run, "checkin", ids[name], "1", "--at", last)
    ids["done"] = ok(run, "kr", "add", oid, "Launch the portal", "--kind", "milestone")
    ok(run, "checkin", ids["done"], "done", "--at", "2026-10-02")
    bobs = ok(run, "objective", "add", "Bob's", "--period", "2026-Q4", "--owner", "bob")
    ids["bob"] = ok(run, "kr", "add", bobs, "Bob's key result", "--target", "5")
    draft = ok(run, "objective", "add", "Later", "--period", "2026-Q4")
    ok(run, "kr", "add", draft, "Not yet", "--target", "5")
    ok(run, "objective", "edit", draft, "--status", "draft")
    ids["kpi_old"] = ok(run, "kpi", "add", "Uptime", "--cadence", "weekly")
    ok(run, "kpi", "record", ids["kpi_old"], "99.9", "--at", "2026-11-10")
    ids["kpi_new"] = ok(run, "kpi", "add", "Web traffic", "--cadence", "monthly")
    ok(run, "kpi", "record", ids["kpi_new"], "4000", "--at", "2026-11-10")
    return ids


def test_due_lists_mine_most_overdue_first_and_exits_1(run: Run, team: dict[str, str]) -> None:
    code, out, err = run("due")
    assert (code, err) == (1, "")
    lines = out.splitlines()
    # Both due since today (a week after its last check-in; added today): by title.
    assert [line[:8] for line in lines] == [team["stale"][:8], team["kpi_old"][:8],
                                            team["never"][:8], team["week"][:8]]
    assert lines[0] == (f"{team['stale'][:8]}  key result  due 14 days    Key result stale"
                        "  (Increase our turnover)  [last 2026-11-01, stale]")
    assert lines[1].startswith(f"{team['kpi_old'][:8]}  KPI         due 5 days     Uptime  "
                               "[last 2026-11-10]")
    assert lines[2].endswith("[never checked in]")
    assert lines[3].split()[3:5] == ["due", "today"]


def test_due_json_quiet_owner_and_nothing_due(run: Run, team: dict[str, str]) -> None:
    data = json.loads(run("due", "--json")[1])
    assert [d["id"] for d in data][:2] == [team["stale"], team["kpi_old"]]
    assert {k: data[0][k] for k in ("kind", "title", "objective", "last_at", "due_since")} == {
        "kind": "key_result", "title": "Key result stale", "objective": "Increase our turnover",
        "last_at": "2026-11-01T12:00:00+00:00", "due_since": "2026-11-08"}
    assert data[1]["kind"] == "kpi" and data[1]["objective"] is None
    assert run("due", "-q") == (1, "", "")
    code, out, _ = run("due", "--owner", "bob")
    assert code == 1 and out.startswith(team["bob"][:8]) and out.count("\n") == 1
    assert run("due", "--owner", "carol") == (0, "Nothing is due for carol in 2026-Q4.\n", "")
    assert run("due", "--owner", "carol", "-q") == (0, "", "")
    assert run("due", "--owner", "carol", "--json") == (0, "[]\n", "")
    # Another period has nothing running today: only the KPIs are due.
    code, out, _ = run("due", "--period", "2027-Q1", "--json")
    assert [d["kind"] for d in json.loads(out)] == ["kpi"]


def test_a_check_in_makes_it_no_longer_due(run: Run, team: dict[str, str]) -> None:
    ok(run, "checkin", team["stale"], "2")
    ids = [d["id"] for d in json.loads(run("due", "--json")[1])]
    assert team["stale"] not in ids and team["week"] in ids


def test_status_counts_what_is_due(run: Run, team: dict[str, str]) -> None:
    line = ok(run, "status")
    assert line.endswith("; 4 due for alice")
    assert ok(run, "status", "--owner", "bob").endswith("; 1 due for bob")
    assert "due" not in ok(run, "status", "--owner", "carol")  # nothing due: nothing said
    data = json.loads(ok(run, "status", "--json"))
    assert data["due"] == {"owner": "alice", "count": 4, "key_results": 3, "kpis": 1}
