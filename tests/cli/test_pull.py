"""okrtui pull: real shell commands, their numbers as check-ins and KPI values.

Every source here is a real /bin/sh process; the tests read the workspace file and the
state folder afterwards, as a person (or cron) would find them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from okrtui.services import Services
from tests.support.builders import objective_with_krs, sha
from tests.support.cli import Run
from tests.support.config import write_config, write_sources


@pytest.fixture
def records(services: Services) -> tuple[str, str, str]:
    """A key result, a milestone key result and a KPI (their ids)."""
    _, krs = objective_with_krs(services, "Support", ((0, 40), (0, 10)))
    milestone = services.add_key_result(krs[0].objective_id, "Launch the portal",
                                        kind="milestone")
    kpi = services.add_kpi("Response time", unit="min", direction="lower", green=30, red=45)
    return krs[0].id, milestone.id, kpi.id


def backups(db: Path) -> int:
    folder = db.parent / ".okrtui-backups"
    return len(list(folder.glob("*"))) if folder.exists() else 0


def test_pull_records_every_number_in_one_save(run: Run, services: Services, db_path: Path,
                                               records: tuple[str, str, str]) -> None:
    kr, milestone, kpi = records
    write_sources({kr[:6]: "echo 12", milestone[:8]: "echo done",
                   "kpi:" + kpi[:5]: "printf 'avg minutes\\n  34.5 \\n'"})
    saves = backups(db_path)
    code, out, err = run("pull")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"recorded {kr[:8]} “Support KR 1”: 12 x",
        f"recorded {milestone[:8]} “Launch the portal”: 1",
        f"recorded KPI {kpi[:8]} “Response time”: 34.5 min"]
    assert backups(db_path) == saves + 1  # one transaction: the file was saved once
    ws = services.workspace()
    checkin = ws.latest_checkin(kr)
    assert (checkin.value, checkin.author) == (12, "alice")
    assert f"the source '{kr[:6]}': echo 12" in checkin.note
    assert ws.latest_checkin(milestone).value == 1
    measurement = ws.measurements(kpi)[-1]
    assert (measurement.value, measurement.author) == (34.5, "alice")
    assert "printf" in measurement.note and f"'kpi:{kpi[:5]}'" in measurement.note


def test_a_value_equal_to_the_last_one_records_nothing(run: Run, services: Services,
                                                       db_path: Path,
                                                       records: tuple[str, str, str]) -> None:
    kr, _, kpi = records
    services.check_in(kr, 12)
    services.record_kpi(kpi, 30)
    write_sources({kr[:6]: "echo 12", "kpi:" + kpi[:6]: "echo 30.0"})
    before = sha(db_path)
    assert run("pull") == (0, "", "")  # quiet: nothing to say
    assert sha(db_path) == before
    code, out, _ = run("pull", "--dry-run")
    assert code == 0 and out.count("unchanged") == 2


def test_failing_sources_are_one_line_each_and_the_others_land(
        run: Run, services: Services, db_path: Path, tmp_path: Path,
        records: tuple[str, str, str]) -> None:
    kr, milestone, kpi = records
    pid_file = tmp_path / "sleeper.pid"
    write_sources({
        kr[:6]: "echo 7",
        milestone[:6]: "echo 5",                      # a milestone takes done / 0 / 1
        "kpi:" + kpi[:6]: "echo 'no such table' >&2; exit 3",
        kr[:4]: f"sleep 60 & echo $! > {pid_file}; wait",
        "dead": "echo 1",                                    # no such key result
        kr[:5]: "printf 'total: \\033[31mmany\\033[0m\\n'",
        kr[:7]: "cat",                                # stdin is closed, not a terminal
    })
    code, out, err = run("pull", "--timeout", "1")
    assert code == 1
    assert out.splitlines() == [f"recorded {kr[:8]} “Support KR 1”: 7 x"]
    lines = err.splitlines()
    assert lines == [
        f"okrtui: source '{milestone[:6]}': printed 5, but a milestone is done or not done "
        "(done, 1, not-done or 0)",
        f"okrtui: source 'kpi:{kpi[:6]}': exited with status 3: no such table",
        f"okrtui: source '{kr[:4]}': timed out after 1 s",
        "okrtui: source 'dead': no key result has an id starting with 'dead'",
        f"okrtui: source '{kr[:5]}': printed no number (its last line was "
        "'total: many')",  # its colours dropped, not half shown
        f"okrtui: source '{kr[:7]}': printed no number (its output was empty)",
    ]
    assert "\x1b" not in err
    # The timed-out source's whole process group was ended, its background sleep too.
    sleeper = int(pid_file.read_text())
    assert not _alive(sleeper)
    ws = services.workspace()
    assert [c.value for c in ws.checkins(kr)] == [7]
    assert ws.checkins(milestone) == [] and ws.measurements(kpi) == []


def _alive(pid: int) -> bool:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        # A killed child of a reaped shell is reparented and reaped by init: wait for it.
        time.sleep(0.05)
    return True


def test_a_source_that_prints_without_end_is_ended_at_its_timeout(
        run: Run, services: Services, records: tuple[str, str, str]) -> None:
    kr, _, _ = records
    write_sources({kr[:6]: "yes 5"})
    code, _, err = run("pull", "--timeout", "0.5")
    assert code == 1 and err.endswith("timed out after 0.5 s\n")
    assert services.workspace().checkins(kr) == []


@pytest.mark.parametrize("config", [
    "[sources\n",                                    # not TOML
    'sources = "echo 1"\n',                          # not a table
    '[sources]\n"9c1e" = 12\n',                      # not a command
    '[sources]\n"9c1e" = "  "\n',                    # an empty command
])
def test_a_broken_config_is_exit_2_and_runs_nothing(run: Run, db_path: Path, tmp_path: Path,
                                                    records: tuple[str, str, str],
                                                    config: str) -> None:
    marker = tmp_path / "ran"
    kr = records[0]
    write_config(config + f'\n[other]\n"{kr[:6]}" = "touch {marker}"\n')
    before = sha(db_path)
    code, out, err = run("pull")
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and "config file" in err
    assert sha(db_path) == before and not marker.exists()


def test_no_sources_says_where_to_declare_them(run: Run, records: tuple[str, str, str]) -> None:
    code, _, err = run("pull")
    assert code == 2 and "[sources]" in err and os.environ["OKRTUI_CONFIG"] in err


def test_dry_run_runs_the_sources_and_saves_nothing(run: Run, db_path: Path,
                                                    records: tuple[str, str, str]) -> None:
    kr, _, _ = records
    write_sources({kr[:6]: "echo 9"})
    before = sha(db_path)
    code, out, _ = run("pull", "--dry-run")
    assert code == 0 and out == f"would record {kr[:8]} “Support KR 1”: 9 x\n"
    assert sha(db_path) == before
    state = Path(os.environ["XDG_STATE_HOME"]) / "okrtui" / "pulls.json"
    assert not state.exists()


def test_last_pulls_are_kept_in_the_local_state_folder(run: Run, services: Services,
                                                       db_path: Path,
                                                       records: tuple[str, str, str]) -> None:
    kr, _, kpi = records
    write_sources({kr[:6]: "echo 3", "kpi:" + kpi[:6]: "exit 1"})
    assert run("pull")[0] == 1
    pulls = services.last_pulls()
    assert pulls[kr[:6]].outcome == "recorded" and pulls[kr[:6]].value == 3
    assert pulls[kr[:6]].ok_at == pulls[kr[:6]].at
    assert pulls[f"kpi:{kpi[:6]}"].outcome == "failed"
    assert pulls[f"kpi:{kpi[:6]}"].message == "exited with status 1"
    assert pulls[f"kpi:{kpi[:6]}"].ok_at is None
    # The shared file knows nothing of sources or pulls.
    assert "sources" not in db_path.read_text() and "pulls" not in db_path.read_text()
    state = Path(os.environ["XDG_STATE_HOME"]) / "okrtui" / "pulls.json"
    assert str(db_path) in json.loads(state.read_text())
    # A later failure keeps the last good value and time.
    write_sources({kr[:6]: "exit 4"})
    assert run("pull")[0] == 1
    again = services.last_pulls()[kr[:6]]
    assert again.outcome == "failed" and again.value == 3
    assert again.ok_at == pulls[kr[:6]].at


def test_json_reports_every_source(run: Run, records: tuple[str, str, str]) -> None:
    kr, _, kpi = records
    write_sources({kr[:6]: "echo 4", "kpi:" + kpi[:6]: "echo x"})
    code, out, err = run("pull", "--json")
    assert code == 1 and "printed no number" in err
    data = json.loads(out)
    assert data["dry_run"] is False
    first, second = data["sources"]
    assert (first["source"], first["outcome"], first["id"], first["value"]) == (
        kr[:6], "recorded", kr, 4.0)
    assert first["recorded_id"]
    assert (second["outcome"], second["recorded_id"]) == ("failed", None)


def test_pull_as_cron_runs_it(db_path: Path, records: tuple[str, str, str],
                              tmp_path: Path) -> None:
    """The console script with no terminal, no stdin and cron's bare environment."""
    kr, _, kpi = records
    write_sources({kr[:6]: "echo 21", "kpi:" + kpi[:6]: "exit 2"})
    okrtui = Path(sys.executable).with_name("okrtui")
    env = {"PATH": "/usr/bin:/bin", "HOME": os.environ["HOME"], "LOGNAME": "cron",
           "OKRTUI_CONFIG": os.environ["OKRTUI_CONFIG"], "OKRTUI_DB": str(db_path),
           "XDG_STATE_HOME": os.environ["XDG_STATE_HOME"]}
    done = subprocess.run([str(okrtui), "pull", "--quiet"], stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60,
                          check=False, start_new_session=True)  # no controlling terminal
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == f"okrtui: source 'kpi:{kpi[:6]}': exited with status 2\n"
    checkin = Services.open(db_path, "x").workspace().latest_checkin(kr)
    assert (checkin.value, checkin.author) == (21, "cron")


def test_list_says_what_each_source_feeds_and_how_its_last_pull_went(
        run: Run, db_path: Path, records: tuple[str, str, str]) -> None:
    kr, milestone, kpi = records
    write_sources({kr[:6]: "echo 3", "kpi:" + kpi[:6]: "exit 1",
                   milestone[:6]: "echo done", "beef": "echo 1"})
    before = sha(db_path)
    code, out, _ = run("pull", "--list")
    assert code == 0 and sha(db_path) == before  # nothing ran
    assert out.splitlines() == [
        f"{kr[:6]}: {kr[:8]} “Support KR 1”: never pulled",
        f"kpi:{kpi[:6]}: KPI {kpi[:8]} “Response time”: never pulled",
        f"{milestone[:6]}: {milestone[:8]} “Launch the portal”: never pulled",
        "beef: no key result has an id starting with 'beef'"]
    write_sources({kr[:6]: "echo 3", "kpi:" + kpi[:6]: "exit 1"})
    assert run("pull")[0] == 1
    code, out, _ = run("pull", "--list")
    first, second = out.splitlines()
    assert first.startswith(f"{kr[:6]}: {kr[:8]} “Support KR 1”: recorded ")
    assert first.endswith(" (3)")
    assert second.startswith(f"kpi:{kpi[:6]}: KPI {kpi[:8]} “Response time”: failed ")
    assert second.endswith(": exited with status 1")
    code, out, _ = run("pull", "--list", "--json")
    data = json.loads(out)
    assert [d["last"]["outcome"] for d in data] == ["recorded", "failed"]
    assert data[0]["id"] == kr and data[1]["table"] == "kpis"
