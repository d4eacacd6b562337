"""What teammates' okrtuis do to each other: names of invisible characters, alignments
that cross in a git merge, a clock a year ahead, and the end of the calendar."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from okrtui.domain.merge.core import merge2
from okrtui.services import Services
from okrtui.store import Store
from tests.support.builders import sha
from tests.support.cli import Run
from tests.support.clock import NOW, FixedClock
from tests.support.git import git, new_repo, run_okrtui
from tests.support.merge import objective, workspace

INVISIBLE = ["\u200b", "\u2060", "\u3164", "\u00ad", "\u200b\u200d\ufe0f", "\u115f \u2060"]


# ---- invisible titles and names ----------------------------------------------------------


@pytest.mark.parametrize("title", INVISIBLE, ids=[t.encode("unicode_escape").decode()
                                                  for t in INVISIBLE])
def test_a_title_of_invisible_characters_is_refused_like_a_blank_one(
        run: Run, db_path: Path, make_services: Callable[..., Services], title: str) -> None:
    objective_id = make_services().add_objective("Visible", "2026-Q4").id
    before = sha(db_path)
    for argv in (("objective", "add", title, "--period", "2026-Q4"),
                 ("kr", "add", objective_id, title, "--target", "5", "--unit", "x"),
                 ("kpi", "add", title),
                 ("objective", "edit", objective_id, "--title", title)):
        code, out, err = run(*argv)
        assert code == 2 and out == "", argv
        assert "must not be empty" in err and err.count("\n") == 1, (argv, err)
    assert sha(db_path) == before


def test_a_name_with_invisible_characters_is_the_same_person_for_the_limits(
        run: Run, make_services: Callable[..., Services]) -> None:
    services = make_services()
    for n in range(5):
        services.add_objective(f"Objective {n}", "2026-Q4", owner="alice")
    for owner in ("alice\u200b", "\u2060alice", "al\u00adice", "alice\u3164"):
        code, _, err = run("objective", "add", "One too many", "--period", "2026-Q4",
                           "--owner", owner)
        assert code == 2 and "alice already has 5 objectives" in err, (owner, err)


def test_an_owner_of_invisible_characters_is_no_owner(run: Run, db_path: Path) -> None:
    code, out, err = run("objective", "add", "Nobody's", "--period", "2026-Q4",
                         "--owner", "\u200b\u2060")
    assert code == 0, err
    [(oid, stored)] = json.loads(db_path.read_bytes())["objectives"].items()
    assert out.strip() == oid
    assert stored["owner"] == ""


def test_a_merge_counts_names_with_invisible_characters_as_one_owner() -> None:
    ids = [f"0b7e1c2d-0000-4000-8000-00000000000{n}" for n in range(6)]
    a = workspace(objectives={i: objective(f"O{n}", owner="alice")
                              for n, i in enumerate(ids[:3])})
    b = workspace(objectives={i: objective(f"O{n}", owner="alice\u200b")
                              for n, i in enumerate(ids[3:], 3)})
    result = merge2(a, b)
    assert [c.reason for c in result.conflicts if c.kind == "rule"] == [
        "alice has 6 objectives in 2026-Q4 after the merge (at most 5): all were kept; "
        "make one a draft"]


# ---- alignments that cross in a git merge -------------------------------------------------


@pytest.fixture
def crossed(tmp_path: Path) -> tuple[Path, str, str]:
    """A real git merge in which alice aligned X under Y and bob Y under X."""
    if git(tmp_path, "--version", check=False).returncode != 0:
        pytest.skip("git is not installed")
    repo = new_repo(tmp_path / "team")
    x = run_okrtui(repo, "alice", "objective", "add", "Win the market", "--period",
                   "2026-Q4").stdout.strip()
    y = run_okrtui(repo, "alice", "objective", "add", "Ship the product", "--period",
                   "2026-Q4").stdout.strip()
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "two objectives")
    git(repo, "checkout", "-q", "-b", "bob")
    assert run_okrtui(repo, "bob", "objective", "edit", y, "--parent", x).returncode == 0
    git(repo, "commit", "-q", "-am", "bob aligns Y under X")
    git(repo, "checkout", "-q", "main")
    assert run_okrtui(repo, "alice", "objective", "edit", x, "--parent", y).returncode == 0
    git(repo, "commit", "-q", "-am", "alice aligns X under Y")
    merged = git(repo, "merge", "--no-edit", "bob", check=False)
    assert merged.returncode != 0  # the driver exits 1: a decision to look at
    assert "aligned under each other" in merged.stdout + merged.stderr
    return repo, x, y


def test_a_merge_that_crosses_alignments_says_so_and_either_can_be_edited(
        crossed: tuple[Path, str, str]) -> None:
    repo, x, y = crossed
    data = json.loads((repo / "okrs.json").read_bytes())
    [rule] = [c for c in data["conflicts"].values() if c["kind"] == "rule"]
    assert "un-align one" in rule["message"]
    for oid in (x, y):  # neither is refused for what it did not change
        done = run_okrtui(repo, "alice", "objective", "edit", oid, "--description", "still ok")
        assert done.returncode == 0, done.stderr
    done = run_okrtui(repo, "alice", "objective", "edit", x, "--parent", y)
    assert done.returncode == 0, done.stderr  # the same parent again is no change of it
    done = run_okrtui(repo, "alice", "objective", "edit", x, "--parent", "")
    assert done.returncode == 0, done.stderr
    assert json.loads((repo / "okrs.json").read_bytes())["objectives"][x]["parent_id"] is None
    done = run_okrtui(repo, "alice", "objective", "edit", x, "--parent", y)
    assert done.returncode == 2 and "below itself" in done.stderr  # a new cycle is refused


# ---- a clock a year ahead -----------------------------------------------------------------


@pytest.fixture
def skewed(make_services: Callable[..., Services], db_path: Path,
           clock: FixedClock) -> Callable[[str], Services]:
    """Services for a teammate whose machine's clock is a year ahead."""
    ahead = FixedClock(NOW + dt.timedelta(days=365))

    def make(user: str) -> Services:
        return Services(Store(db_path), user, clock=ahead)

    return make


def test_a_check_in_from_a_clock_a_year_ahead_never_freezes_the_key_result(
        run: Run, make_services: Callable[..., Services],
        skewed: Callable[[str], Services], clock: FixedClock) -> None:
    alice = make_services()
    objective_id = alice.add_objective("Close tickets", "2026-Q4").id
    kr = alice.add_key_result(objective_id, "Close 40 tickets", target=40, unit="tickets")
    alice.check_in(kr.id, 10)
    skewed("bob").check_in(kr.id, 12)  # bob's laptop thinks it is next November
    clock.advance(days=1)
    code, _, err = run("checkin", kr.id[:8], "30")
    assert code == 0, err
    code, out, err = run("show", kr.id[:8], "--json")
    assert code == 0, err
    shown = json.loads(out)
    assert shown["current"] == 30.0
    assert len(shown["checkins"]) == 3  # bob's is kept and listed, just not current
    code, out, _ = run("list")
    assert "30/40" in out


def test_a_check_in_from_the_future_does_not_hide_that_a_key_result_went_stale(
        run: Run, make_services: Callable[..., Services],
        skewed: Callable[[str], Services], clock: FixedClock) -> None:
    alice = make_services()
    objective_id = alice.add_objective("Close tickets", "2026-Q4").id
    for n in range(3):
        kr = alice.add_key_result(objective_id, f"Close {40 + n} tickets", target=40 + n,
                                  unit="tickets", due=dt.date(2026, 12, 20))
        clock.advance(days=-30)
        alice.check_in(kr.id, 10)  # a month ago
        clock.advance(days=30)
        skewed("bob").check_in(kr.id, 12)
    code, out, _ = run("lint")
    assert code == 1 and "has had no check-in since" in out, out


def test_a_kpi_value_from_a_clock_a_year_ahead_is_not_the_latest(
        run: Run, make_services: Callable[..., Services],
        skewed: Callable[[str], Services]) -> None:
    alice = make_services()
    kpi = alice.add_kpi("Uptime", unit="%", green=99.0, red=95.0)
    skewed("bob").record_kpi(kpi.id, 99.9)
    alice.record_kpi(kpi.id, 90.0)
    code, out, err = run("report", "--period", "2026-Q4")
    assert code == 0, err
    assert "Uptime" in out and "90" in out, out


# ---- the end of the calendar --------------------------------------------------------------


def test_carrying_over_past_9999_q4_is_one_line(run: Run,
                                                make_services: Callable[..., Services]) -> None:
    make_services().add_objective("The last quarter", "9999-Q4")
    code, out, err = run("carry", "9999-Q4")
    assert code == 2 and out == ""
    assert err == "okrtui: period: there is no period after 9999-Q4\n"
