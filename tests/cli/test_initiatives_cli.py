"""Initiatives on the command line: the work under a key result, ticked and unticked,
listed by show --json, counted as "3 of 5 done", and refused where they cannot be."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.builders import sha
from tests.support.cli import Run, ok


def test_add_tick_untick_and_remove(run: Run, kr: str) -> None:
    calls = ok(run, "initiative", "add", kr[:6], "Call 20 prospects", "--owner", "bob")
    fair = ok(run, "initiative", "add", kr, "Book a trade fair stand")
    assert ok(run, "--user", "carol", "initiative", "done", calls[:6]) == calls
    shown = json.loads(ok(run, "show", kr, "--json"))
    assert [(i["id"], i["title"], i["done"], i["owner"]) for i in shown["initiatives"]] == [
        (calls, "Call 20 prospects", True, "bob"),
        (fair, "Book a trade fair stand", False, "alice")]
    first = shown["initiatives"][0]
    assert (first["done_by"], first["created_by"], first["rev"]) == ("carol", "alice", 2)
    assert first["done_at"].startswith("2026-11-22")
    assert shown["initiatives_done"] == {"done": 1, "total": 2, "text": "1 of 2 done"}
    # Initiatives do not count towards the score.
    assert shown["progress"] == 0.0
    assert ok(run, "initiative", "list", kr) == (
        f"1 of 2 done\n  [x] {calls[:8]}  Call 20 prospects  (bob)\n"
        f"  [ ] {fair[:8]}  Book a trade fair stand  (alice)")
    undone = json.loads(ok(run, "initiative", "undone", calls, "--json"))
    assert (undone["done"], undone["done_at"], undone["done_by"]) == (False, None, None)
    assert ok(run, "initiative", "rm", fair) == fair
    ok(run, "initiative", "edit", calls, "--title", "Call 30 prospects", "--owner", "dave")
    listed = json.loads(ok(run, "initiative", "list", kr, "--json"))
    assert (listed["done"], listed["total"]) == (0, 1)
    assert [(i["title"], i["owner"]) for i in listed["initiatives"]] == [
        ("Call 30 prospects", "dave")]


def test_refusals_change_nothing(run: Run, kr: str, db_path: Path) -> None:
    made = ok(run, "initiative", "add", kr, "Call 20 prospects")
    ok(run, "initiative", "rm", made)
    before = sha(db_path)
    for argv, message in (
            (["initiative", "add", kr, "   "], "title: must not be empty"),
            (["initiative", "add", "0000", "x"], "no key result has an id starting with"),
            (["initiative", "done", made], "no initiative has an id starting with"),
            (["initiative", "add", kr, "x" * 201], "at most 200 characters")):
        code, out, err = run(*argv)
        assert (code, out) == (2, ""), argv
        assert message in err and err.count("\n") == 1
    assert sha(db_path) == before
    ok(run, "kr", "rm", kr)
    code, _, err = run("initiative", "add", kr, "Too late")
    assert code == 2 and "no key result" in err


def test_the_weekly_review_lists_the_initiatives_done_in_the_week(run: Run, kr: str) -> None:
    done = ok(run, "initiative", "add", kr, "Call 20 prospects", "--owner", "bob")
    ok(run, "initiative", "add", kr, "Book a trade fair stand")
    ok(run, "--user", "bob", "initiative", "done", done)
    markdown = ok(run, "report")
    assert ("Initiatives done since 2026-11-15:\n\n- 2026-11-22, Acquire 10 new clients: "
            "Call 20 prospects (bob)") in markdown
    assert "trade fair" not in markdown
    data = json.loads(ok(run, "report", "--format", "json"))
    [item] = data["objectives"][0]["initiatives_done"]
    assert (item["id"], item["done_by"], item["key_result"]) == (done, "bob",
                                                                 "Acquire 10 new clients")
