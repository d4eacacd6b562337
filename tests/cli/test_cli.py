"""The command line as scripts use it: ids and JSON out, exit codes, refusals change nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from okrtui.cli import main
from tests.support.builders import sha
from tests.support.cli import Run, ok
from tests.support.clock import FixedClock


@pytest.fixture
def objective(run: Run) -> str:
    """An objective in 2026-Q4 with three key results."""
    oid = ok(run, "objective", "add", "Expand our customer base", "--period", "2026-Q4")
    for title, target in (("Acquire 500 new customers", "500"), ("Sign 10 partners", "10"),
                          ("Reach 95% retention", "95")):
        ok(run, "kr", "add", oid[:6], title, "--target", target, "--unit", "customers")
    return oid


def test_add_prints_the_new_id_and_prefixes_resolve(run: Run, objective: str) -> None:
    assert len(objective) == 36 and objective.count("-") == 4
    kr = ok(run, "kr", "add", objective[:4], "Attend 4 events", "--target", "4",
             "--unit", "events")
    checkin = ok(run, "checkin", kr[:5], "2", "--confidence", "8", "--note", "half way")
    shown = json.loads(ok(run, "show", kr[:6], "--json"))
    assert shown["id"] == kr
    assert (shown["start"], shown["target"], shown["current"]) == (0.0, 4.0, 2.0)
    assert shown["progress"] == 0.5
    assert shown["status"] in ("on track", "at risk", "off track", "stale", "done")
    assert shown["checkins"][0]["id"] == checkin
    assert {k: shown["checkins"][0][k] for k in ("value", "confidence", "note", "author")} == {
        "value": 2.0, "confidence": 8, "note": "half way", "author": "alice"}


def test_json_flag_prints_the_whole_record(run: Run, objective: str) -> None:
    data = json.loads(ok(run, "kr", "add", objective, "Win 3 awards", "--target", "3",
                          "--unit", "awards", "--json"))
    assert data["title"] == "Win 3 awards" and data["target"] == 3.0
    listed = json.loads(ok(run, "list", "--json"))
    assert [o["id"] for o in listed] == [objective]
    assert len(listed[0]["key_results"]) == 4
    assert 0.0 <= listed[0]["score"] <= 1.0


def test_checkin_moves_the_score(run: Run, objective: str) -> None:
    krs = json.loads(ok(run, "list", "--json"))[0]["key_results"]
    before = json.loads(ok(run, "list", "--json"))[0]["score"]
    ok(run, "checkin", krs[0]["id"], "250")
    after = json.loads(ok(run, "list", "--json"))[0]
    assert after["score"] == pytest.approx(before + 0.5 / 3, abs=1e-3)
    assert after["key_results"][0]["current"] == 250.0


def test_milestone_takes_done_and_not_done(run: Run, objective: str) -> None:
    oid = ok(run, "objective", "add", "Launch the product", "--period", "2026-Q4")
    kr = ok(run, "kr", "add", oid, "Ship the MVP", "--kind", "milestone")
    ok(run, "checkin", kr, "not-done")
    assert json.loads(ok(run, "show", kr, "--json"))["progress"] == 0.0
    ok(run, "checkin", kr, "done")
    assert json.loads(ok(run, "show", kr, "--json"))["progress"] == 1.0
    code, _, err = run("checkin", kr, "0.5")
    assert code == 2 and "milestone" in err
    code, _, err = run("checkin", kr, "maybe")  # a word: say what a milestone takes
    assert code == 2 and err == "okrtui: value: 'maybe': a milestone takes done or not-done " \
        "(1 or 0)\n"


def test_kpi_add_and_record(run: Run) -> None:
    kpi = ok(run, "kpi", "add", "Average response time", "--unit", "min", "--lower-is-better",
              "--green", "30", "--red", "45", "--cadence", "weekly")
    ok(run, "kpi", "record", kpi[:6], "50", "--at", "2026-11-01")
    ok(run, "kpi", "record", kpi[:6], "38", "--at", "2026-11-15")
    data = json.loads(ok(run, "show", kpi, "--json"))
    assert data["direction"] == "lower" and data["latest"] == 38.0 and data["rag"] == "yellow"
    assert [m["date"] for m in data["measurements"]] == ["2026-11-01", "2026-11-15"]


def test_edit_and_rm(run: Run, objective: str) -> None:
    ok(run, "objective", "edit", objective[:8], "--title", "Grow the customer base",
        "--committed")
    data = json.loads(ok(run, "show", objective, "--json"))
    assert data["title"] == "Grow the customer base" and data["committed"] is True
    kr = data["key_results"][0]["id"]
    ok(run, "kr", "edit", kr, "--target", "600")
    assert json.loads(ok(run, "show", kr, "--json"))["target"] == 600.0
    ok(run, "kr", "rm", kr)
    assert len(json.loads(ok(run, "show", objective, "--json"))["key_results"]) == 2
    code, _, err = run("show", kr)
    assert code == 2 and "no " in err
    ok(run, "objective", "rm", objective)
    assert json.loads(ok(run, "list", "--json")) == []


def test_lint_exit_codes(run: Run, objective: str, clock: FixedClock) -> None:
    # Just created: nothing is stale yet (staleness counts from the key result's creation).
    code, out, _ = run("lint")
    assert code == 0 and out == ""
    clock.advance(days=8)
    code, out, _ = run("lint")
    assert code == 1 and "no check-in yet" in out
    for kr in json.loads(ok(run, "show", objective, "--json"))["key_results"]:
        ok(run, "checkin", kr["id"], "1")
    code, out, _ = run("lint")
    assert code == 0 and out == ""
    oid = ok(run, "objective", "add", "Be better", "--period", "2026-Q4")
    code, out, _ = run("lint", "--json")
    findings = json.loads(out)
    assert code == 1
    assert {"id": oid, "rule": "kr-count"}.items() <= findings[0].items()


REFUSALS: list[tuple[list[str], str]] = [
    (["checkin", "{kr}", "nan"], "value"),
    (["checkin", "{kr}", "inf"], "value"),
    (["checkin", "{kr}", "1e309"], "value"),
    (["checkin", "{kr}", "lots"], "value"),
    (["checkin", "{kr}", "5", "--confidence", "11"], "confidence"),
    (["checkin", "{kr}", "5", "--confidence", "high"], "confidence"),
    (["checkin", "0000", "5"], "id"),
    (["checkin", "ab", "5"], "id"),
    (["kr", "add", "{obj}", "Same as start", "--target", "0"], "target"),
    (["kr", "add", "{obj}", "No target"], "target"),
    (["kr", "add", "{obj}", "Late", "--target", "5", "--due", "2027-02-01"], "due"),
    (["kr", "add", "{obj}", "Bad date", "--target", "5", "--due", "2026-13-01"], "due"),
    (["kr", "add", "{obj}", "Heavy", "--target", "5", "--weight", "0"], "weight"),
    (["kr", "edit", "{kr}", "--target", "-0"], "target"),
    (["objective", "add", "   ", "--period", "2026-Q4"], "title"),
    (["objective", "add", "x" * 201, "--period", "2026-Q4"], "title"),
    (["objective", "add", "Bad period", "--period", "2026-Q5"], "period"),
    (["objective", "add", "No period"], "period"),
    (["objective", "edit", "{obj}", "--parent", "{obj}"], "parent"),
    (["kpi", "add", "Uptime", "--green", "90", "--red", "99"], "green"),
    (["kpi", "record", "{kr}", "5"], "id"),
    (["nonsense"], "COMMAND"),
]


@pytest.mark.parametrize(("argv", "field"), REFUSALS, ids=lambda v: " ".join(v)[:40]
                         if isinstance(v, list) else v)
def test_refusals_are_one_line_exit_2_and_change_nothing(
    run: Run, db_path: Path, objective: str, argv: list[str], field: str
) -> None:
    krs = json.loads(ok(run, "show", objective, "--json"))["key_results"]
    before = sha(db_path)
    args = [a.format(obj=objective, kr=krs[0]["id"]) for a in argv]
    code, out, err = run(*args)
    assert code == 2
    assert out == ""
    assert err.startswith("okrtui: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    assert field in err
    assert sha(db_path) == before


def test_sixth_key_result_names_the_rule(run: Run, db_path: Path, objective: str) -> None:
    ok(run, "kr", "add", objective, "Fourth KR 4", "--target", "4", "--unit", "x")
    ok(run, "kr", "add", objective, "Fifth KR 5", "--target", "5", "--unit", "x")
    before = sha(db_path)
    code, _, err = run("kr", "add", objective, "Sixth KR 6", "--target", "6")
    assert code == 2
    assert "an objective has at most 5 key results" in err
    assert sha(db_path) == before


def test_broken_workspace_is_reported_and_left_alone(run: Run, db_path: Path) -> None:
    db_path.write_text('{"objectives": {"a": ')
    before = sha(db_path)
    code, out, err = run("objective", "add", "Anything", "--period", "2026-Q4")
    assert code == 2 and out == ""
    assert str(db_path) in err and "not valid JSON" in err and err.count("\n") == 1
    assert sha(db_path) == before


def test_hostile_text_is_stored_without_control_codes(run: Run) -> None:
    oid = ok(run, "objective", "add", "Evil \x1b[31mred\x1b[0m \u202etxt.exe [@click=app.quit]",
              "--period", "2026-Q4")
    data = json.loads(ok(run, "show", oid, "--json"))
    assert data["title"] == "Evil [31mred[0m txt.exe [@click=app.quit]"
    assert "\x1b" not in ok(run, "list")


def _cli(db: Path, *argv: str, user: str = "bob") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "OKRTUI_DB": str(db), "OKRTUI_USER": user}
    return subprocess.run([sys.executable, "-m", "okrtui", *argv], capture_output=True,
                          text=True, env=env, timeout=60)


def test_real_process_uses_environment_and_never_loads_textual(db_path: Path) -> None:
    added = _cli(db_path, "objective", "add", "Grow revenue by 10%", "--period", "2026-Q4")
    assert added.returncode == 0, added.stderr
    shown = json.loads(_cli(db_path, "show", added.stdout.strip(), "--json").stdout)
    assert shown["owner"] == "bob"
    probe = subprocess.run(
        [sys.executable, "-c", "import sys; from okrtui.cli import main; "
         "main(['list']); print('textual' in sys.modules)"],
        capture_output=True, text=True, env={**os.environ, "OKRTUI_DB": str(db_path)},
        timeout=60,
    )
    assert probe.stdout.strip().endswith("False")


def test_version_and_usage_errors_in_a_real_process(db_path: Path) -> None:
    version = _cli(db_path, "--version")
    assert version.returncode == 0 and version.stdout.startswith("okrtui ")
    bad = _cli(db_path, "kr", "add")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1
    assert not db_path.exists()


def test_a_reader_that_stops_early_gets_no_error(db_path: Path, make_services) -> None:  # type: ignore[no-untyped-def]
    services = make_services()
    for owner in range(40):  # more JSON than a pipe holds, so the writer meets the close
        for n in range(5):
            services.add_objective(f"Objective {n} " + "x" * 180, "2026-Q4", owner=f"o{owner}")
    env = {**os.environ, "OKRTUI_DB": str(db_path)}
    shell = subprocess.run(
        ["bash", "-c", f"{sys.executable} -m okrtui list --json | head -c 10"],
        capture_output=True, text=True, env=env, timeout=60)
    assert shell.stdout.startswith("[") and len(shell.stdout) == 10
    assert shell.stderr == ""  # no "Broken pipe" complaint, no traceback


def test_config_file_names_the_user_and_workspace(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "team" / "okrs.json"
    conf = tmp_path / "okrtui.toml"
    conf.write_text(f'user = "carol"\ndb = "{db}"\n')
    monkeypatch.setenv("OKRTUI_CONFIG", str(conf))
    monkeypatch.delenv("OKRTUI_USER")
    assert main(["objective", "add", "Ship it", "--period", "2026"]) == 0
    assert json.loads(db.read_text())["objectives"]
    assert main(["list", "--json"]) == 0


def test_bad_config_file_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    conf = tmp_path / "okrtui.toml"
    conf.write_text("user = \n")
    monkeypatch.setenv("OKRTUI_CONFIG", str(conf))
    monkeypatch.delenv("OKRTUI_USER")
    assert main(["list"]) == 2
    err = capsys.readouterr().err
    assert "not valid TOML" in err and err.count("\n") == 1
