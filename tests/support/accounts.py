"""Real Unix accounts for the tests about permissions: root bypasses every check, so two
teammates are made with `useradd`, in a group of their own, and okrtui runs as each of
them in a real process (setpriv), with the umask the test gives.

Names carry the test process's id, so that runs side by side never share an account.
"""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SITE = next(p for p in map(Path, sys.path) if p.name == "site-packages" and p.is_dir())


def _reachable_by_all(path: Path) -> bool:
    """Whether every account may run `path` (each folder on the way searchable)."""
    path = path.resolve()
    if not path.stat().st_mode & 0o001:
        return False
    return all(parent.stat().st_mode & 0o001 for parent in path.parents)


def interpreter() -> Path | None:
    """A Python of this version that any account may run (this one, or the system's
    where this one lives in root's home), with this environment's packages on its path."""
    mine = Path(sys.executable)
    if _reachable_by_all(mine):
        return mine
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    for folder in ("/usr/bin", "/usr/local/bin", "/bin"):
        candidate = Path(folder) / version
        if candidate.exists() and _reachable_by_all(candidate) and _reachable_by_all(SITE):
            return candidate
    return None


@dataclass(frozen=True)
class Account:
    """A real user: name, uid and the team group's gid."""

    name: str
    uid: int
    gid: int


@dataclass(frozen=True)
class Accounts:
    """Two teammates in one group, and a folder others may reach to hold team folders."""

    alice: Account
    bob: Account
    group: str
    gid: int
    base: Path

    def team(self, name: str) -> Team:
        """A fresh team folder, 2770 and of the team's group, as the README says."""
        folder = self.base / name
        folder.mkdir()
        os.chown(folder, 0, self.gid)
        os.chmod(folder, 0o2770)
        return Team(self.alice, self.bob, self.gid, folder)


@dataclass(frozen=True)
class Team:
    """Two teammates and the team folder they share."""

    alice: Account
    bob: Account
    gid: int
    folder: Path

    def okrtui(self, who: Account, *argv: str, umask: int = 0o002,
               db: Path | None = None) -> subprocess.CompletedProcess[str]:
        """Run okrtui as `who`, with `umask`, on the team's workspace (or `db`)."""
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(self.folder),
               "PYTHONPATH": f"{ROOT}:{SITE}", "OKRTUI_CONFIG": str(self.folder / "none.toml"),
               "XDG_STATE_HOME": str(self.folder / f".state-{who.name}"),
               "OKRTUI_USER": who.name, "NO_COLOR": "1", "TZ": "UTC",
               "PYTHONDONTWRITEBYTECODE": "1"}
        command = ["setpriv", f"--reuid={who.uid}", f"--regid={who.gid}", "--init-groups",
                   "--", "sh", "-c", f"umask {umask:03o}; exec \"$@\"", "sh",
                   str(interpreter()), "-m", "okrtui", "--db", str(db or self.workspace),
                   *argv]
        return subprocess.run(command, capture_output=True, text=True, env=env,
                              timeout=120, check=False, cwd=self.folder)

    @property
    def workspace(self) -> Path:
        """The team's workspace file."""
        return self.folder / "okrs.json"


def skip_reason() -> str | None:
    """Why real accounts cannot be made here (None when they can)."""
    if os.geteuid() != 0:
        return "needs root to create real Unix accounts with useradd"
    for tool in ("useradd", "groupadd", "userdel", "groupdel", "setpriv"):
        if shutil.which(tool) is None:
            return f"needs {tool} to run okrtui as a second account"
    if interpreter() is None:
        return "needs a Python that other accounts may run (this one is in a private folder)"
    return None


def _run(*command: str) -> None:
    subprocess.run(command, check=True, capture_output=True, timeout=60)


def make_accounts() -> Iterator[Accounts]:
    """Create the group and the two accounts; remove them (and their folders) after."""
    tag = f"{os.getpid() % 100000}"
    group = f"okt{tag}"
    names = (f"okt{tag}a", f"okt{tag}b")
    _run("groupadd", group)
    made: list[str] = []
    base = Path(tempfile.mkdtemp(prefix="okrtui-team-"))
    try:
        for name in names:
            _run("useradd", "--no-create-home", "--gid", group, "--shell", "/bin/sh", name)
            made.append(name)
        gid = grp.getgrnam(group).gr_gid
        alice, bob = (Account(n, pwd.getpwnam(n).pw_uid, gid) for n in names)
        os.chmod(base, 0o755)  # the others may reach the team folders inside
        yield Accounts(alice, bob, group, gid, base)
    finally:
        shutil.rmtree(base, ignore_errors=True)
        for name in made:
            subprocess.run(["userdel", name], capture_output=True, timeout=60, check=False)
        subprocess.run(["groupdel", group], capture_output=True, timeout=60, check=False)
