"""A teammate's file, a conflict copy, a branch or an import is untrusted: whatever it
holds reaches the terminal only as text, and whatever okrtui cannot read is one line.

Every file here is written as a hostile or careless hand would write it; every command
is the real command line."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from okrtui.services import Services
from tests.support.builders import sha
from tests.support.cli import Run
from tests.support.merge import KR, OBJ, checkin, enc, key_result, objective, workspace

ESC = "\x1b]0;pwned\x07\x1b[2J"
"""Retitles the terminal and clears it, if printed as it is."""
BAD_ID = f"abcd1234-{ESC}"
SYNCTHING = "okrs.sync-conflict-20261122-093000-ABCDEFG.json"
SYNCTHING_2 = "okrs.sync-conflict-20261122-101500-HIJKLMN.json"
DROPBOX_HOSTILE = f"okrs ({ESC}'s conflicted copy 2026-11-22).json"


def _write(path: Path, tables: dict[str, Any]) -> None:
    path.write_bytes(enc(tables))


def _deep(levels: int) -> Any:
    value: Any = 1
    for _ in range(levels):
        value = [value]
    return value


def _no_escape(*texts: str) -> None:
    for text in texts:
        assert "\x1b" not in text and "\x07" not in text, text


def _one_line(code: int, err: str) -> None:
    assert code == 2, err
    assert err.startswith("okrtui: ") and err.count("\n") == 1, err
    assert "Traceback" not in err


def _good_copy(db: Path, name: str, make_services: Callable[..., Services]) -> Path:
    copy = db.parent / name
    shutil.copy2(db, copy)
    make_services("bob", path=copy).add_objective(f"Bob's objective from {name[:20]}",
                                                  "2026-Q4")
    return copy


# ---- ids, table and field names ----------------------------------------------------------


@pytest.mark.parametrize("argv", [("list",), ("lint",), ("report",), ("status",),
                                  ("export", "--format", "csv"), ("show", "abcd1234")])
def test_a_record_id_with_escape_codes_never_reaches_the_terminal(
        run: Run, db_path: Path, argv: tuple[str, ...]) -> None:
    _write(db_path, workspace(objectives={BAD_ID: objective("Looks harmless")}))
    before = sha(db_path)
    code, out, err = run(*argv)
    _no_escape(out, err)
    _one_line(code, err)
    assert "objective abcd1234 is invalid: id: may hold only" in err
    assert sha(db_path) == before


def test_import_refuses_an_id_with_escape_codes(run: Run, tmp_path: Path,
                                                db_path: Path) -> None:
    export = {"format": "okrtui-export", "version": 1, "settings": {},
              "objectives": [{"id": BAD_ID, **objective("Imported")}], "key_results": [],
              "checkins": [], "kpis": [], "measurements": [], "initiatives": []}
    source = tmp_path / "export.json"
    source.write_text(json.dumps(export))
    code, out, err = run("import", str(source))
    _no_escape(out, err)
    _one_line(code, err)
    assert not db_path.exists()


def test_table_and_field_names_in_a_refusal_are_shown_not_obeyed(run: Run,
                                                                 db_path: Path) -> None:
    db_path.write_text(json.dumps({"meta": {"meta": {"app": "okrtui", "schema": 1}},
                                   f"table{ESC}": [1, 2]}))
    code, out, err = run("list")
    _no_escape(out, err)
    _one_line(code, err)
    assert "\\x1b" in err and "control characters in its name" in err


# ---- conflict copies and merge lines -----------------------------------------------------


def test_a_conflict_copy_named_with_escape_codes_is_listed_as_text(
        run: Run, db_path: Path, make_services: Callable[..., Services]) -> None:
    make_services().add_objective("Team objective", "2026-Q4")
    _good_copy(db_path, DROPBOX_HOSTILE, make_services)
    code, out, err = run("resolve", "--dry-run")
    assert code == 0, err
    _no_escape(out, err)
    assert "\\x1b]0;pwned\\x07" in out
    code, out, err = run("resolve", "--json")
    assert code == 0, err
    _no_escape(out, err)


def test_merge_lines_and_the_stored_conflicts_hold_no_escape_codes(
        run: Run, db_path: Path, make_services: Callable[..., Services]) -> None:
    """A copy whose edit of the same field wins, stamped by a name with escape codes,
    with a field and a record of a table only it knows, named with them too."""
    ours = workspace(objectives={OBJ: objective(rev=2, updated_by="alice")},
                     key_results={KR: key_result()}, future_things={f"r1{ESC}": {"a": 1}})
    _write(db_path, ours)
    theirs = workspace(objectives={OBJ: objective(f"Retitled{ESC}", rev=3,
                                                  updated_by=f"mallory{ESC}",
                                                  **{f"note{ESC}": "x"})},
                       key_results={KR: key_result()}, future_things={f"r1{ESC}": {"a": 2}})
    _write(db_path.parent / SYNCTHING, theirs)
    code, out, err = run("resolve")
    assert code == 0, err
    _no_escape(out, err)
    assert "conflict:" in out and "mallory" in out
    stored = json.loads(db_path.read_bytes())
    _no_escape(json.dumps(stored["conflicts"], ensure_ascii=False))
    _no_escape(json.dumps(stored["objectives"], ensure_ascii=False))
    code, out, err = run("list")
    assert code == 0, err
    _no_escape(out, err)


# ---- tracebacks: one line instead --------------------------------------------------------


@pytest.mark.parametrize("schema", ["abc", -1, None, [1], True, 1.5])
@pytest.mark.parametrize("argv", [("list",), ("status",), ("objective", "add", "x",
                                                           "--period", "2026-Q4")])
def test_a_tampered_schema_is_one_line_for_every_command(
        run: Run, db_path: Path, schema: Any, argv: tuple[str, ...]) -> None:
    data = workspace(objectives={OBJ: objective()})
    data["meta"]["meta"]["schema"] = schema
    _write(db_path, data)
    before = sha(db_path)
    code, out, err = run(*argv)
    _one_line(code, err)
    assert out == ""
    assert str(db_path) in err and "schema" in err and "not a version number" in err
    assert sha(db_path) == before


@pytest.mark.parametrize("argv", [("list",), ("status",), ("report",), ("show", KR[:8]),
                                  ("lint",)])
def test_times_without_a_zone_are_read_as_utc(run: Run, db_path: Path,
                                              argv: tuple[str, ...]) -> None:
    """As a script writes them: datetime.now().isoformat(), beside okrtui's own."""
    naive = "2026-11-20T09:00:00"
    _write(db_path, workspace(
        objectives={OBJ: objective(created_at=naive, updated_at=naive)},
        key_results={KR: key_result()},
        checkins={"c0000000-0000-4000-8000-000000000001": checkin(value=50.0, at=naive,
                                                                  updated_at=naive),
                  "c0000000-0000-4000-8000-000000000002": checkin(value=80.0)}))
    code, out, err = run(*argv)
    assert code in (0, 1), err  # lint finds things to say; nothing crashes
    assert "Traceback" not in err and out


def test_import_stores_times_without_a_zone_as_utc(run: Run, tmp_path: Path,
                                                   db_path: Path) -> None:
    naive = "2026-11-20T09:00:00"
    export = {"format": "okrtui-export", "version": 1, "settings": {},
              "objectives": [{"id": OBJ, **objective(created_at=naive, updated_at=naive)}],
              "key_results": [], "checkins": [], "kpis": [], "measurements": [],
              "initiatives": []}
    source = tmp_path / "export.json"
    source.write_text(json.dumps(export))
    code, _, err = run("import", str(source))
    assert code == 0, err
    stored = json.loads(db_path.read_bytes())["objectives"][OBJ]
    assert stored["updated_at"] in ("2026-11-20T09:00:00Z", "2026-11-20T09:00:00+00:00")
    code, out, err = run("list")
    assert code == 0 and "Expand our customer base" in out, err


@pytest.mark.parametrize("levels", [255, 600, 1021])
def test_a_field_nested_hundreds_of_levels_deep_is_refused_in_one_line(
        run: Run, db_path: Path, levels: int) -> None:
    _write(db_path, workspace(objectives={OBJ: objective()}))
    data = json.loads(db_path.read_bytes())
    data["objectives"][OBJ]["extra"] = _deep(levels)
    # Written as a hand or a script would (json.dumps cannot go so deep, orjson neither).
    db_path.write_bytes(_dump_deep(data))
    before = sha(db_path)
    for argv in (("list",), ("objective", "add", "x", "--period", "2026-Q4")):
        code, out, err = run(*argv)
        _one_line(code, err)
        assert out == "" and "nested more than" in err
    assert sha(db_path) == before


def _dump_deep(data: dict[str, Any]) -> bytes:
    """JSON of `data` however deep it nests (a plain recursive writer)."""
    def write(value: Any) -> str:
        if isinstance(value, dict):
            return "{" + ",".join(f"{json.dumps(k)}:{write(v)}" for k, v in value.items()) + "}"
        if isinstance(value, list):
            return "[" + ",".join(write(v) for v in value) + "]"
        return json.dumps(value)

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(10_000)
    try:
        return write(data).encode()
    finally:
        sys.setrecursionlimit(limit)


@pytest.mark.parametrize("poison", ["schema", "deep", "id"])
def test_one_poisoned_conflict_copy_never_stops_the_good_ones(
        run: Run, db_path: Path, make_services: Callable[..., Services], poison: str) -> None:
    make_services().add_objective("Team objective", "2026-Q4")
    good = _good_copy(db_path, SYNCTHING, make_services)
    bad = db_path.parent / SYNCTHING_2
    data = json.loads(db_path.read_bytes())
    if poison == "schema":
        data["meta"]["meta"]["schema"] = "abc"
    elif poison == "deep":
        data["objectives"][next(iter(data["objectives"]))]["extra"] = _deep(300)
    else:
        data["objectives"][BAD_ID] = objective("Planted")
    bad.write_bytes(_dump_deep(data))
    code, out, err = run("resolve")
    assert code == 0, err
    _no_escape(out, err)
    [line] = err.splitlines()
    assert line.startswith(f"okrtui: not merged {SYNCTHING_2}")
    assert f"merged {SYNCTHING}" in out and not good.exists() and bad.exists()
    assert any("Bob's objective" in line for line in run("list")[1].splitlines())
