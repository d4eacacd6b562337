"""The command line never imports textual: `okrtui --version` and a check-in start fast.

Each runs in a fresh interpreter (a real process, as a shell runs it), which then reports
the modules it loaded.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, sys
from okrtui.__main__ import main
try:
    code = main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'okrtui'))
print(json.dumps({"code": code, "loaded": loaded}), file=sys.stderr)
"""


def loaded_by(*argv: str, db: Path) -> tuple[int, list[str]]:
    """Run okrtui with `argv` in a new interpreter; return its exit code and the textual,
    rich and okrtui modules it imported."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OKRTUI_DB": str(db)}
    done = subprocess.run([sys.executable, "-c", PROBE, *argv], capture_output=True,
                          text=True, env=env, timeout=60, check=False)
    report = json.loads(done.stderr.strip().splitlines()[-1])
    return report["code"], report["loaded"]


@pytest.mark.parametrize("argv", [("--version",), ("status",), ("list",), ("keys",)])
def test_commands_never_import_textual(argv: tuple[str, ...], tmp_path: Path) -> None:
    code, loaded = loaded_by(*argv, db=tmp_path / "okrs.json")
    assert code == 0
    assert not [m for m in loaded if m.split(".")[0] in ("textual", "rich")]
    assert "okrtui.app" not in loaded and "okrtui.launch" not in loaded


def test_a_check_in_never_imports_textual(tmp_path: Path) -> None:
    db = tmp_path / "okrs.json"
    from okrtui.services import Services

    services = Services.open(db, "alice")
    objective = services.add_objective("Expand our customer base", "2026-Q4")
    kr = services.add_key_result(objective.id, "Acquire 10 clients", target=10, unit="x")
    code, loaded = loaded_by("checkin", kr.id[:8], "3", db=db)
    assert code == 0
    assert services.workspace().latest_checkin(kr.id).value == 3
    assert not [m for m in loaded if m.split(".")[0] in ("textual", "rich")]


def test_the_layering_contracts_hold() -> None:
    """import-linter's contracts in pyproject.toml: the layers, and who imports what."""
    linter = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(linter)], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stdout[-2000:]
    assert "0 broken" in done.stdout


# What a check-in has no use for: other commands' use cases and the rules behind them.
NOT_FOR_A_CHECK_IN = ("okrtui.services.cycle", "okrtui.services.sharing",
                      "okrtui.services.reading", "okrtui.domain.merge.core",
                      "okrtui.domain.cycle.grading", "okrtui.domain.reporting.report",
                      "okrtui.cli.cycle", "okrtui.cli.reading", "okrtui.cli.records")


def test_a_check_in_imports_only_what_it_uses(tmp_path: Path) -> None:
    db = tmp_path / "okrs.json"
    from okrtui.services import Services

    services = Services.open(db, "alice")
    objective = services.add_objective("Expand our customer base", "2026-Q4")
    kr = services.add_key_result(objective.id, "Acquire 10 clients", target=10, unit="x")
    code, loaded = loaded_by("checkin", kr.id[:8], "3", "--note", "two deals", db=db)
    assert code == 0
    assert [m for m in NOT_FOR_A_CHECK_IN if m in loaded] == []
    assert services.workspace().latest_checkin(kr.id).note == "two deals"


def test_the_version_and_the_tui_build_no_command_parser(tmp_path: Path) -> None:
    code, loaded = loaded_by("--version", db=tmp_path / "okrs.json")
    assert code == 0
    assert not [m for m in loaded if m.startswith(("okrtui.services", "okrtui.cli."))
                and m != "okrtui.cli.common"]
