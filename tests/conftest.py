"""Shared fixtures: a workspace file in a temp folder, services with a fixed clock, the
in-process command line, and the snapshots folder."""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from okrtui.services import Services
from okrtui.store import Store
from tests.support.accounts import Accounts, Team, make_accounts, skip_reason
from tests.support.cli import Run
from tests.support.clock import FixedClock


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory):
    """Never read the real user's config, workspace or name."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
    # Times are shown in the local zone: the same everywhere for snapshots.
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    monkeypatch.setenv("OKRTUI_CONFIG", str(home / "okrtui.toml"))
    monkeypatch.delenv("OKRTUI_DB", raising=False)
    monkeypatch.setenv("OKRTUI_USER", "tester")
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.fixture(autouse=True)
def _pinned_cli_clock(monkeypatch: pytest.MonkeyPatch, clock: FixedClock) -> None:
    """The command line run in-process runs on the test's clock, not the real date.

    Reports, status and default periods depend on today; a test written for one day must
    pass on every other.
    """
    import okrtui.cli

    build = okrtui.cli.make_services

    def pinned(args):  # type: ignore[no-untyped-def]
        # Each command a second after the one before, as a person types them: two
        # check-ins never share a moment.
        clock.advance(seconds=1)
        services = build(args)
        services.clock = clock
        return services

    monkeypatch.setattr(okrtui.cli, "make_services", pinned)


@pytest.fixture(scope="session")
def accounts() -> Iterator[Accounts]:
    """Two real Unix accounts in a group of their own (tests that need them skip, with
    the reason, where accounts cannot be made)."""
    reason = skip_reason()
    if reason is not None:
        pytest.skip(reason)
    yield from make_accounts()


@pytest.fixture
def team(accounts: Accounts, request: pytest.FixtureRequest) -> Team:
    """A fresh 2770 team folder of the two accounts' group."""
    return accounts.team(request.node.name.replace("/", "_")[:60])


@pytest.fixture
def run(db_path: Path, capsys: pytest.CaptureFixture[str]) -> Run:
    """Run okrtui in-process as alice on the test workspace (or `db`); return (exit code,
    stdout, stderr)."""
    from okrtui.cli import main

    def call(*argv: str, db: Path | None = None) -> tuple[int, str, str]:
        code = main(["--db", str(db or db_path), "--user", "alice", *argv])
        out, err = capsys.readouterr()
        return code, out, err

    return call


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Path of a workspace file that does not exist yet."""
    return tmp_path / "okrs.json"


@pytest.fixture
def clock() -> FixedClock:
    """A fixed clock at 2026-11-22 09:30 UTC."""
    return FixedClock()


@pytest.fixture
def make_services(db_path: Path, clock: FixedClock) -> Callable[..., Services]:
    """Build Services on the test workspace for a user (ids are deterministic)."""
    rng = random.Random(20261122)

    def make(user: str = "alice", path: Path | None = None) -> Services:
        def new_id() -> str:
            return str(uuid.UUID(int=rng.getrandbits(128), version=4))

        return Services(Store(path or db_path), user, clock=clock, new_id=new_id)

    return make


@pytest.fixture
def services(make_services: Callable[..., Services]) -> Services:
    """Services for alice on an empty workspace."""
    return make_services()


# ---- snapshots live in the top-level snapshots/ folder ---------------------------------
# pytest-textual-snapshot has no option for the folder: its SVG extension is replaced by
# one whose dirname is snapshots/<test module>/. Syrupy decides which snapshots a run
# "used" by matching their folder against the test paths given on the command line; a
# folder outside tests/ never matches, so `pytest tests/test_x.py::one --snapshot-update`
# would delete every other snapshot of the module. The patch below matches our folder by
# the module name instead, so such a run only touches the snapshots of the tests it ran.

SNAPSHOT_DIR = Path(__file__).resolve().parent.parent / "snapshots"


def _install_snapshot_folder() -> None:
    import pytest_textual_snapshot
    from syrupy.report import SnapshotReport

    base = pytest_textual_snapshot.SVGImageExtension
    if getattr(base, "okrtui_folder", False):
        return

    class SnapshotsFolderSVG(base):  # type: ignore[misc, valid-type]
        """SVG snapshots in snapshots/<test module>/<test name>.svg."""

        okrtui_folder = True

        @classmethod
        def dirname(cls, *, test_location) -> str:  # type: ignore[no-untyped-def]
            return str(SNAPSHOT_DIR / Path(test_location.filepath).stem)

    pytest_textual_snapshot.SVGImageExtension = SnapshotsFolderSVG

    matching = SnapshotReport._is_matching_path

    def is_matching_path(self, snapshot_location: str, provided_path: str) -> bool:  # type: ignore[no-untyped-def]
        location = Path(snapshot_location)
        if SNAPSHOT_DIR in location.parents:
            given = Path(provided_path).absolute()
            if given.is_dir():  # a folder that holds the test module holds its snapshots
                return any(given.rglob(f"{location.parent.name}.py"))
            return given.stem == location.parent.name
        return matching(self, snapshot_location, provided_path)

    SnapshotReport._is_matching_path = is_matching_path  # type: ignore[method-assign]


_install_snapshot_folder()
