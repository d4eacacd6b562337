"""Check-ins on the command line: back-dating, corrections, removals, typo warnings, and
the refusals of days that have not come (for KPI values too)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.support.builders import sha
from tests.support.cli import Run, ok


def _checkins(run: Run, kr: str) -> list[dict]:
    return json.loads(ok(run, "show", kr, "--json"))["checkins"]


def test_a_back_dated_check_in_is_on_its_day(run: Run, kr: str) -> None:
    made = ok(run, "checkin", kr[:6], "3", "--at", "2026-10-15", "--confidence", "6")
    ok(run, "checkin", kr, "4")
    [old, new] = _checkins(run, kr)
    assert (old["id"], old["at"], old["value"]) == (made, "2026-10-15T12:00:00+00:00", 3.0)
    assert new["at"].startswith("2026-11-22")
    # The newest real check-in is today's, whatever order they were typed in.
    assert json.loads(ok(run, "show", kr, "--json"))["current"] == 4.0


@pytest.mark.parametrize(("day", "message"), [
    ("2026-11-23", "a check-in cannot be dated 2026-11-23: that day has not come yet "
                   "(today is 2026-11-22)"),
    ("2026-09-30", "must be dated inside its period 2026-Q4 (2026-10-01 to 2026-12-31), "
                   "not 2026-09-30"),
    ("2026-13-01", "'2026-13-01' is not a date"),
])
def test_back_dating_refuses_a_day_to_come_or_outside_the_period(
        run: Run, kr: str, db_path: Path, day: str, message: str) -> None:
    before = sha(db_path)
    code, out, err = run("checkin", kr, "3", "--at", day)
    assert (code, out) == (2, "")
    assert message in err and err.count("\n") == 1
    assert sha(db_path) == before


def test_a_kpi_value_for_a_day_to_come_is_refused_in_one_line(run: Run, db_path: Path) -> None:
    kpi = ok(run, "kpi", "add", "Web traffic", "--unit", "visits")
    ok(run, "kpi", "record", kpi, "30", "--at", "2026-11-22")
    before = sha(db_path)
    code, out, err = run("kpi", "record", kpi, "30", "--at", "2027-05-01")
    assert (code, out) == (2, "")
    assert err == ("okrtui: date: a KPI value cannot be dated 2027-05-01: that day has not "
                   "come yet (today is 2026-11-22)\n")
    assert sha(db_path) == before


def test_edit_keeps_history_honest(run: Run, kr: str) -> None:
    made = ok(run, "checkin", kr, "3", "--note", "first deals")
    code, out, err = run("--user", "bob", "checkin", "edit", made[:6], "--value", "4",
                         "--confidence", "7")
    assert (code, err) == (0, "") and out.strip() == made
    [c] = _checkins(run, kr)
    assert (c["value"], c["confidence"], c["note"], c["author"]) == (4.0, 7, "first deals",
                                                                     "alice")
    assert (c["rev"], c["updated_by"]) == (2, "bob")
    assert c["updated_at"] > c["at"]
    # Changing nothing is no edit: no new revision.
    ok(run, "checkin", "edit", made, "--value", "4")
    assert _checkins(run, kr)[0]["rev"] == 2


def test_rm_leaves_a_tombstone_that_says_who(run: Run, kr: str, db_path: Path) -> None:
    keep = ok(run, "checkin", kr, "3")
    gone = ok(run, "checkin", kr, "8")
    assert ok(run, "checkin", "rm", gone[:8]) == gone
    assert [c["id"] for c in _checkins(run, kr)] == [keep]
    assert json.loads(ok(run, "show", kr, "--json"))["current"] == 3.0
    stored = json.loads(db_path.read_bytes())["checkins"][gone]
    assert stored["deleted_by"] == "alice" and stored["rev"] == 2
    code, _, err = run("checkin", "rm", gone)
    assert code == 2 and f"no check-in has an id starting with '{gone}'" in err
    code, _, err = run("checkin", "edit", gone, "--value", "2")
    assert code == 2 and "no check-in" in err


def test_a_milestone_check_in_is_corrected_in_words(run: Run, kr: str) -> None:
    oid = json.loads(ok(run, "show", kr, "--json"))["objective_id"]
    ms = ok(run, "kr", "add", oid, "Launch the partner portal", "--kind", "milestone")
    made = ok(run, "checkin", ms, "done")
    ok(run, "checkin", "edit", made, "--value", "not-done")
    assert _checkins(run, ms)[0]["value"] == 0.0
    code, _, err = run("checkin", "edit", made, "--value", "5")
    assert code == 2 and "a milestone takes done or not-done" in err


def test_a_value_that_looks_like_a_typo_is_saved_with_a_warning(run: Run, kr: str) -> None:
    code, out, err = run("checkin", kr, "95")
    made = out.strip()
    assert code == 0
    assert err == (f"okrtui: warning: 95 clients for 'Acquire 10 new clients' looks like a "
                   f"typo: it is more than 3 times as far from the start (0) as the target "
                   f"(10 clients) is; saved as typed (okrtui checkin edit {made[:8]} "
                   f"--value N corrects it)\n")
    code, _, err = run("checkin", "edit", made, "--value", "-2")
    assert code == 0 and "on the wrong side of the start (0; the target is 10 clients)" in err
    assert ok(run, "checkin", "edit", made, "--value", "9.5") == made  # no warning
    assert ok(run, "checkin", kr, "30")  # three times the span is not yet a typo


def test_kr_add_refuses_a_milestone_with_a_target(run: Run, kr: str, db_path: Path) -> None:
    oid = json.loads(ok(run, "show", kr, "--json"))["objective_id"]
    before = sha(db_path)
    for extra in (["--target", "5"], ["--start", "2"]):
        code, out, err = run("kr", "add", oid, "Launch the portal", "--kind", "milestone",
                             *extra)
        assert (code, out) == (2, "")
        assert "a milestone is done or not done and takes no" in err
    code, _, err = run("kr", "edit", kr, "--kind", "milestone", "--target", "5")
    assert code == 2 and "takes no target number (it was given 5)" in err
    assert sha(db_path) == before
    # What a milestone means anyway is no contradiction.
    ok(run, "kr", "add", oid, "Launch the portal", "--kind", "milestone", "--target", "1")


def test_the_shorthand_finds_the_key_result_after_options(run: Run, kr: str) -> None:
    ok(run, "checkin", "--note", "early", "--confidence", "5", kr, "2")
    assert _checkins(run, kr)[0]["note"] == "early"
    ok(run, "checkin", "add", kr, "3")
    assert [c["value"] for c in _checkins(run, kr)] == [2.0, 3.0]


# ---- merges: a correction or a removal against a teammate's copy -------------------------


def _merge_both_ways(run: Run, base: Path, one: Path, two: Path, tmp: Path) -> dict:
    """Merge `one` and `two` (from `base`) in both directions with `okrtui merge`; both
    give the same bytes; return the merged check-ins."""
    results = []
    for n, (ours, theirs) in enumerate(((one, two), (two, one))):
        out = tmp / f"merged-{n}.json"
        shutil.copy(ours, out)
        code, _, err = run("merge", str(base), str(out), str(theirs))
        assert code in (0, 1), err
        results.append(out.read_bytes())
    assert results[0] == results[1]
    return json.loads(results[0])["checkins"]


@pytest.fixture
def copies(run: Run, kr: str, db_path: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Two check-ins saved; the file copied as the base and as each side's copy."""
    first = ok(run, "checkin", kr, "3")
    second = ok(run, "checkin", kr, "5")
    paths = {}
    for name in ("base", "edited", "other"):
        paths[name] = tmp_path / f"{name}.json"
        shutil.copy(db_path, paths[name])
    return first, second, paths


def test_merge_an_edited_check_in_with_an_untouched_copy(run: Run, copies, tmp_path) -> None:  # type: ignore[no-untyped-def]
    first, second, p = copies
    ok(run, "--user", "bob", "checkin", "edit", first, "--value", "4", db=p["edited"])
    merged = _merge_both_ways(run, p["base"], p["edited"], p["other"], tmp_path)
    assert merged[first]["value"] == 4.0 and merged[first]["updated_by"] == "bob"
    assert merged[second]["value"] == 5.0 and merged[second]["rev"] == 1


def test_merge_an_edited_check_in_with_a_removed_one(run: Run, copies, tmp_path) -> None:  # type: ignore[no-untyped-def]
    first, _, p = copies
    ok(run, "--user", "bob", "checkin", "edit", first, "--note", "corrected",
        db=p["edited"])
    ok(run, "checkin", "rm", first, db=p["other"])
    merged = _merge_both_ways(run, p["base"], p["edited"], p["other"], tmp_path)
    # A correction made while someone removed the check-in keeps it (and says so).
    assert merged[first]["note"] == "corrected" and not merged[first].get("deleted_at")


def test_merge_a_removed_check_in_with_an_untouched_copy(run: Run, copies, tmp_path) -> None:  # type: ignore[no-untyped-def]
    first, second, p = copies
    ok(run, "checkin", "rm", second, db=p["edited"])
    merged = _merge_both_ways(run, p["base"], p["edited"], p["other"], tmp_path)
    assert merged[second]["deleted_by"] == "alice"
    assert not merged[first].get("deleted_at")
