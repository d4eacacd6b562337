"""A team's git repository with okrtui as the merge driver of its workspace, set up as the
README says, and the real okrtui command run on that workspace."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

DRIVER = f"{shlex.quote(sys.executable)} -m okrtui merge %O %A %B"
"""okrtui as git's merge driver, the README's line."""
ATTRIBUTES = "okrs.json merge=okrtui\n"
IGNORED = ".okrs.json.lock\n.okrs.json.tmp-*\n.okrtui-backups/\n"
"""What okrtui keeps beside the workspace that is not committed."""


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run git in the test repository."""
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True,
                          check=check)


def run_okrtui(repo: Path, user: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the real okrtui command as `user` on the repository's workspace."""
    return subprocess.run([sys.executable, "-m", "okrtui", "--db", str(repo / "okrs.json"),
                           "--user", user, *args], capture_output=True, text=True)


def okrtui(repo: Path, user: str, *args: str) -> str:
    """Run the real okrtui command, which must succeed, on the repository's workspace;
    return its output."""
    done = run_okrtui(repo, user, *args)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def new_repo(repo: Path, *, driver: str = DRIVER, attributes: str = ATTRIBUTES,
             ignored: str = IGNORED) -> Path:
    """A new repository at `repo` with the README's set-up: okrtui as the merge driver of
    the workspace, and what okrtui keeps beside it ignored."""
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.name", "Test")
    git(repo, "config", "user.email", "test@example.com")
    git(repo, "config", "merge.okrtui.driver", driver)
    (repo / ".gitattributes").write_text(attributes)
    (repo / ".gitignore").write_text(ignored)
    return repo


def team_repo(repo: Path, *, driver: str = DRIVER) -> Path:
    """A new repository (`new_repo`) with an objective and its key result committed on
    main, as alice made them."""
    new_repo(repo, driver=driver)
    oid = okrtui(repo, "alice", "objective", "add", "Expand our customer base",
                 "--period", "2026-Q4")
    okrtui(repo, "alice", "kr", "add", oid, "Acquire 500 new customers", "--target", "500",
           "--unit", "customers")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "OKRs of the quarter")
    return repo
