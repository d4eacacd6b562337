"""Backups can be listed and restored; older files migrate forward after a backup."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from okrtui.cli import main
from okrtui.domain.records.workspace import SCHEMA_VERSION
from okrtui.services import Services
from okrtui.store import Store
from okrtui.store.backups import list_backups


def test_restore_brings_back_a_version_and_keeps_the_current(
    db_path: Path, make_services: Callable[..., Services], capsys: pytest.CaptureFixture[str]
) -> None:
    services = make_services()
    for n in range(3):
        services.add_objective(f"Objective {n}", "2026-Q4")
    current = db_path.read_bytes()
    assert main(["--db", str(db_path), "restore", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [row["number"] for row in listed] == [1, 2]
    oldest = Path(listed[-1]["path"]).read_bytes()
    assert main(["--db", str(db_path), "restore", "2"]) == 0
    assert "kept as" in capsys.readouterr().out
    assert db_path.read_bytes() == oldest
    assert len(json.loads(oldest)["objectives"]) == 1
    # The replaced version is now the newest backup: nothing was lost by restoring.
    assert list_backups(db_path)[0].read_bytes() == current


def test_restore_refuses_a_broken_backup(db_path: Path, make_services: Callable[..., Services],
                                         tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    make_services().add_objective("Keep me", "2026-Q4")
    before = db_path.read_bytes()
    broken = tmp_path / "broken.json"
    broken.write_text('{"objectives": [1, 2')
    assert main(["--db", str(db_path), "restore", str(broken)]) == 2
    assert "not valid JSON" in capsys.readouterr().err
    assert main(["--db", str(db_path), "restore", "7"]) == 2
    assert db_path.read_bytes() == before


def test_backups_rotate_to_the_configured_number(db_path: Path) -> None:
    services = Services(Store(db_path, keep_backups=3), "alice")
    for n in range(8):
        services.add_kpi(f"KPI {n}")
    kept = list_backups(db_path)
    assert len(kept) == 3
    # The newest backup is the version just before the current one.
    assert len(json.loads(kept[0].read_bytes())["kpis"]) == 7


def _schema0_file(path: Path) -> bytes:
    """A workspace as the first okrtui wrote it: records, no meta table."""
    blob = json.dumps({
        "objectives": {"0f1e2d3c-aaaa-4bbb-8ccc-000000000001": {
            "title": "Old but gold", "period": "2026-Q4", "owner": "zed",
            "created_at": "2026-10-01T09:00:00Z", "updated_at": "2026-10-01T09:00:00Z",
            "from_the_future": {"kept": True}}},
    }).encode()
    path.write_bytes(blob)
    return blob


def test_an_older_file_migrates_forward_after_a_backup(db_path: Path) -> None:
    original = _schema0_file(db_path)
    ws = Store(db_path, keep_backups=0).snapshot()
    assert ws.schema == SCHEMA_VERSION
    data = json.loads(db_path.read_bytes())
    assert data["meta"]["meta"]["schema"] == SCHEMA_VERSION
    # Unknown fields survive the migration; the original bytes are kept as a backup.
    record = data["objectives"]["0f1e2d3c-aaaa-4bbb-8ccc-000000000001"]
    assert record["from_the_future"] == {"kept": True}
    assert [b.read_bytes() for b in list_backups(db_path)] == [original]
    assert ws.objectives()[0].title == "Old but gold"


def test_an_older_file_that_cannot_be_written_is_still_readable(db_path: Path) -> None:
    original = _schema0_file(db_path)
    # A lock that cannot be taken stands for a folder we may not write to (tests run as
    # root, who may write anywhere).
    (db_path.parent / f".{db_path.name}.lock").mkdir()
    ws = Store(db_path).snapshot()
    assert ws.objectives()[0].title == "Old but gold"
    assert db_path.read_bytes() == original


def test_a_newer_file_is_read_only(db_path: Path, make_services: Callable[..., Services],
                                   capsys: pytest.CaptureFixture[str]) -> None:
    make_services().add_objective("From a newer okrtui", "2026-Q4")
    data = json.loads(db_path.read_bytes())
    data["meta"]["meta"]["schema"] = 99
    db_path.write_text(json.dumps(data))
    before = db_path.read_bytes()
    assert Store(db_path).read_only
    assert main(["--db", str(db_path), "list"]) == 0
    assert "From a newer okrtui" in capsys.readouterr().out
    assert main(["--db", str(db_path), "objective", "add", "x", "--period", "2026-Q4"]) == 2
    assert "newer okrtui" in capsys.readouterr().err
    assert db_path.read_bytes() == before


def test_the_workspace_settings_choose_how_many_backups_are_kept(db_path: Path) -> None:
    services = Services(Store(db_path), "alice")
    services.update_settings(backups=2)
    for n in range(6):
        services.add_kpi(f"KPI {n}")
    assert len(list_backups(db_path)) == 2
    services.update_settings(backups=0)
    services.add_kpi("One more")
    assert len(list_backups(db_path)) == 2  # none made, none removed
