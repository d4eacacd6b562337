"""git's merge driver on a branch that is a hostile or broken workspace: exit 2 with one
line and OURS untouched, never exit 1 (which the README defines as "merged, look and
commit": a person who followed it would drop the other branch's work)."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.support.git import git, okrtui, team_repo

pytestmark = pytest.mark.skipif(
    subprocess.run(["git", "--version"], capture_output=True).returncode != 0,
    reason="git is not installed")

ESC = "\x1b]0;pwned\x07"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository set up as the README says, whose driver also notes its exit codes."""
    codes = tmp_path / "driver-exit-codes"
    driver = (f"sh -c '{shlex.quote(sys.executable)} -m okrtui merge \"$1\" \"$2\" \"$3\"; "
              f"code=$?; echo $code >> {shlex.quote(str(codes))}; exit $code' driver "
              "%O %A %B")
    return team_repo(tmp_path / "team", driver=driver)


def _deep(levels: int) -> Any:
    value: Any = 1
    for _ in range(levels):
        value = [value]
    return value


def _dump(data: Any) -> str:
    """JSON however deep it nests (json.dumps and orjson stop before 1,000 levels)."""
    if isinstance(data, dict):
        return "{" + ",".join(f"{json.dumps(k)}:{_dump(v)}" for k, v in data.items()) + "}"
    if isinstance(data, list):
        return "[" + ",".join(_dump(v) for v in data) + "]"
    return json.dumps(data)


def _poison(data: dict[str, Any], kind: str) -> None:
    objectives = data["objectives"]
    first = next(iter(objectives))
    if kind == "schema":
        data["meta"]["meta"]["schema"] = "abc"
    elif kind == "deep":
        objectives[first]["extra"] = _deep(300)
    elif kind == "id":
        objectives[f"abcd1234-{ESC}"] = {**objectives[first], "title": "Planted"}


@pytest.mark.parametrize("kind", ["schema", "deep", "id"])
def test_a_hostile_branch_makes_the_driver_exit_2_and_write_nothing(repo: Path,
                                                                    kind: str) -> None:
    kr = next(iter(json.loads((repo / "okrs.json").read_bytes())["key_results"]))
    git(repo, "checkout", "-q", "-b", "mallory")
    okrtui(repo, "mallory", "checkin", kr, "120", "--note", "mallory's deals")
    data = json.loads((repo / "okrs.json").read_bytes())
    _poison(data, kind)
    (repo / "okrs.json").write_text(_dump(data))
    git(repo, "commit", "-q", "-am", "mallory's week")
    git(repo, "checkout", "-q", "main")
    okrtui(repo, "alice", "checkin", kr, "130", "--note", "alice's deals")
    git(repo, "commit", "-q", "-am", "alice's week")
    ours = git(repo, "show", "HEAD:okrs.json").stdout

    merged = git(repo, "merge", "--no-edit", "mallory", check=False)

    assert merged.returncode != 0  # git stops: the merge is not done
    codes = (repo.parent / "driver-exit-codes").read_text().split()
    assert codes == ["2"], codes
    output = merged.stdout + merged.stderr
    assert "Traceback" not in output and "\x1b" not in output
    lines = [line for line in output.splitlines() if line.startswith("okrtui: ")]
    assert len(lines) == 1, output
    assert (repo / "okrs.json").read_text() == ours  # nothing was written into OURS
