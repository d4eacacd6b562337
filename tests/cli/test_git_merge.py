"""A real git repository, the workspace edited on two branches by the real okrtui command,
merged by git through `okrtui merge` as its merge driver."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from okrtui.cli import main
from tests.support.git import git, new_repo, okrtui, team_repo

pytestmark = pytest.mark.skipif(
    subprocess.run(["git", "--version"], capture_output=True).returncode != 0,
    reason="git is not installed")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with the README's two lines of set-up and an objective with a key
    result committed on main."""
    return team_repo(tmp_path / "team")


def _kr(repo: Path) -> str:
    return next(iter(json.loads((repo / "okrs.json").read_bytes())["key_results"]))


def test_git_merges_work_of_both_branches_through_the_driver(repo: Path) -> None:
    kr = _kr(repo)
    git(repo, "checkout", "-q", "-b", "bob")
    okrtui(repo, "bob", "checkin", kr, "120", "--note", "bob's deals")
    okrtui(repo, "bob", "kr", "edit", kr, "--title", "Acquire 600 new customers")
    git(repo, "commit", "-q", "-am", "bob's week")
    git(repo, "checkout", "-q", "main")
    okrtui(repo, "alice", "checkin", kr, "130", "--note", "alice's deals")
    okrtui(repo, "alice", "kr", "edit", kr, "--unit", "clients")
    git(repo, "commit", "-q", "-am", "alice's week")

    merged = git(repo, "merge", "--no-edit", "bob")

    assert merged.returncode == 0, merged.stdout + merged.stderr
    shown = json.loads(okrtui(repo, "alice", "show", kr, "--json"))
    assert sorted(c["note"] for c in shown["checkins"]) == ["alice's deals", "bob's deals"]
    assert (shown["title"], shown["unit"]) == ("Acquire 600 new customers", "clients")
    data = json.loads((repo / "okrs.json").read_bytes())
    assert "conflicts" not in data
    assert git(repo, "status", "--porcelain").stdout == ""


def test_the_same_field_on_both_branches_exits_1_and_the_file_still_opens(
        repo: Path) -> None:
    kr = _kr(repo)
    git(repo, "checkout", "-q", "-b", "bob")
    okrtui(repo, "bob", "kr", "edit", kr, "--target", "700")
    okrtui(repo, "bob", "kr", "edit", kr, "--target", "800")
    okrtui(repo, "bob", "checkin", kr, "100")
    git(repo, "commit", "-q", "-am", "bob aims higher")
    git(repo, "checkout", "-q", "main")
    okrtui(repo, "alice", "kr", "edit", kr, "--target", "600")
    git(repo, "commit", "-q", "-am", "alice aims lower")

    merged = git(repo, "merge", "--no-edit", "bob", check=False)

    assert merged.returncode == 1  # git stops: the driver said the rule decided something
    assert "CONFLICT" in merged.stdout
    data = json.loads((repo / "okrs.json").read_bytes())
    assert data["key_results"][kr]["target"] == 800.0  # bob: two edits beat alice's one, made later
    assert len(data["checkins"]) == 1
    [conflict] = data["conflicts"].values()
    assert (conflict["field"], conflict["kept"], conflict["dropped"]) == ("target", 800.0,
                                                                           600.0)
    assert "kept 800 (bob), not 600 (alice)" in conflict["message"]
    assert "Acquire 500 new customers" in okrtui(repo, "alice", "list")  # it opens
    git(repo, "add", "okrs.json")
    git(repo, "commit", "-q", "--no-edit")
    assert git(repo, "status", "--porcelain").stdout == ""


def test_the_driver_exits_2_and_writes_nothing_when_a_side_is_not_a_workspace(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base, ours, theirs = (tmp_path / n for n in ("base", "ours", "theirs"))
    base.write_bytes(b"")  # git gives an empty base when both branches added the file
    ours.write_bytes(b'{"meta": {"meta": {"app": "okrtui", "schema": 1}}}')
    theirs.write_bytes(b"<<<<<<< HEAD\n")
    before = ours.read_bytes()

    code = main(["merge", str(base), str(ours), str(theirs)])

    err = capsys.readouterr().err
    assert code == 2 and ours.read_bytes() == before
    assert err.startswith(f"okrtui: {theirs} is not valid JSON") and err.count("\n") == 1
    theirs.write_bytes(b'{"meta": {"meta": {"app": "okrtui", "schema": 1}}, '
                       b'"checkins": {"c1c1c1c1": {"value": 1}}}')
    assert main(["merge", str(base), str(ours), str(theirs)]) == 2
    assert "check-in c1c1c1c1 is invalid" in capsys.readouterr().err
    assert ours.read_bytes() == before


def test_late_check_ins_on_both_branches_merge_in_the_archive(tmp_path: Path) -> None:
    """A graded quarter lives in okrs.archive-2026.json; the README's .gitattributes line
    for archives makes okrtui their merge driver too."""
    repo = new_repo(tmp_path / "archived",
                    attributes="okrs.json merge=okrtui\nokrs.archive-*.json merge=okrtui\n",
                    ignored=".okrs.json.lock\n.okrs.json.tmp-*\n"
                            ".okrs.archive-*.json.tmp-*\n.okrtui-backups/\n")
    oid = okrtui(repo, "alice", "objective", "add", "Spring", "--period", "2026-Q2")
    kr = okrtui(repo, "alice", "kr", "add", oid, "Ship it", "--target", "10")
    okrtui(repo, "alice", "checkin", kr, "4", "--at", "2026-05-04")
    okrtui(repo, "alice", "grade", "2026-Q2")
    archive = repo / "okrs.archive-2026.json"
    assert kr in json.loads(archive.read_bytes())["key_results"]
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Spring, graded")
    git(repo, "checkout", "-q", "-b", "bob")
    okrtui(repo, "bob", "checkin", kr, "7", "--at", "2026-06-20", "--note", "bob, late")
    git(repo, "commit", "-q", "-am", "bob's late check-in")
    git(repo, "checkout", "-q", "main")
    okrtui(repo, "alice", "checkin", kr, "6", "--at", "2026-06-21", "--note", "alice, late")
    git(repo, "commit", "-q", "-am", "alice's late check-in")
    done = git(repo, "merge", "-q", "bob", "-m", "merge bob", check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    notes = {c["note"] for c in json.loads(archive.read_bytes())["checkins"].values()}
    assert {"bob, late", "alice, late"} <= notes
    shown = json.loads(okrtui(repo, "alice", "show", kr, "--json"))
    assert len(shown["checkins"]) == 3
