"""Two real accounts sharing a 2770 team folder: one teammate's umask or planted link
cannot lock the other out or publish the other's private workspace."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

from okrtui.services import Services
from okrtui.store.backups import BACKUP_DIR
from okrtui.store.store import lock_path
from tests.support.accounts import Team


def _as(team: Team, who: str, *command: str) -> None:
    account = getattr(team, who)
    subprocess.run(["setpriv", f"--reuid={account.uid}", f"--regid={account.gid}",
                    "--init-groups", "--", *command], check=True, timeout=60)


def _shared_workspace(team: Team, tmp_path: Path) -> str:
    """The team's workspace as a sync tool or a clone brings it: 0660, the team's group.
    Returns the id of its key result."""
    made = tmp_path / "okrs.json"
    services = Services.open(made, "alice")
    objective = services.add_objective("Serve the team", "2026-Q4")
    kr = services.add_key_result(objective.id, "Answer 100 tickets", target=100, unit="x")
    shutil.copy(made, team.workspace)
    os.chown(team.workspace, team.alice.uid, team.gid)
    os.chmod(team.workspace, 0o660)
    return kr.id


def test_a_teammate_with_umask_022_makes_okrtuis_files_the_team_can_use(
        team: Team, tmp_path: Path) -> None:
    kr = _shared_workspace(team, tmp_path)
    # bob's umask would make the lock 0644 and the backups folder 0755: his first save
    # creates both.
    done = team.okrtui(team.bob, "checkin", kr, "10", umask=0o022)
    assert done.returncode == 0, done.stderr
    lock, backups = lock_path(team.workspace), team.folder / BACKUP_DIR
    assert stat.S_IMODE(lock.stat().st_mode) == 0o660 and lock.stat().st_gid == team.gid
    assert stat.S_IMODE(backups.stat().st_mode) == 0o2770 and backups.stat().st_gid == team.gid
    # alice saves after him (her backup goes into his folder; her rotation may remove his
    # backups), and so on, both ways.
    for who, value in (("alice", "20"), ("bob", "30"), ("alice", "40")):
        done = team.okrtui(getattr(team, who), "checkin", kr, value,
                           umask=0o022 if who == "bob" else 0o002)
        assert done.returncode == 0, (who, done.stderr)
    assert stat.S_IMODE(team.workspace.stat().st_mode) == 0o660
    assert team.workspace.stat().st_gid == team.gid
    for backup in backups.iterdir():
        assert backup.stat().st_gid == team.gid, backup
    done = team.okrtui(team.alice, "show", kr, "--json")
    assert done.returncode == 0 and '"value": 40.0' in done.stdout


def test_a_teammates_link_to_my_private_workspace_is_not_merged_by_my_resolve(
        team: Team, tmp_path: Path, accounts) -> None:  # type: ignore[no-untyped-def]
    _shared_workspace(team, tmp_path)
    home = accounts.base / f"{team.alice.name}-home"
    home.mkdir()
    os.chown(home, team.alice.uid, team.gid)
    os.chmod(home, 0o700)
    private = home / "okrs.json"
    done = team.okrtui(team.alice, "objective", "add", "Secret reorganisation plan",
                       "--period", "2026-Q4", db=private)
    assert done.returncode == 0, done.stderr
    # bob cannot read it, but he can plant a "conflict copy" that points at it.
    planted = team.folder / "okrs.sync-conflict-20261122-093000-ABCDEFG.json"
    _as(team, "bob", "ln", "-s", str(private), str(planted))
    done = team.okrtui(team.alice, "resolve")
    assert done.returncode == 0, done.stderr
    assert "symbolic link" in done.stderr and planted.name in done.stderr
    assert "Secret reorganisation plan" not in team.workspace.read_text()
    assert planted.is_symlink()
