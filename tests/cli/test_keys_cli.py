"""okrtui keys: every binding id with its key and what it does, the user's keymap applied."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.support.cli import Run


def config(text: str) -> Path:
    """Write the test's config file (conftest points OKRTUI_CONFIG at it)."""
    path = Path(os.environ["OKRTUI_CONFIG"])
    path.write_text(text, encoding="utf-8")
    return path


def line_of(out: str, binding_id: str, where: str) -> str:
    """The listing's line of `binding_id` in the section `where`."""
    section = out.split(f"\n{where}\n", 1)[1] if not out.startswith(where) else out
    return next(line for line in section.splitlines() if line.split()[:1] == [binding_id])


def test_every_key_is_listed_with_its_id_key_and_description(run: Run) -> None:
    code, out, err = run("keys")
    assert (code, err) == (0, "")
    assert line_of(out, "okr.check_in", "objective").split() == ["okr.check_in", "c",
                                                                 "Check", "in"]
    assert line_of(out, "okr.help", "anywhere").split()[:2] == ["okr.help", "?"]
    assert line_of(out, "okr.filter", "dashboard").split()[:2] == ["okr.filter", "/"]
    assert line_of(out, "okr.form_save", "forms").split()[:2] == ["okr.form_save", "ctrl+s"]
    assert "remapped" not in out


def test_the_keymap_of_the_config_file_is_applied_and_said(run: Run) -> None:
    path = config('[keys]\n"okr.check_in" = "space"\nokr.add_kr = "shift+x"\n')
    code, out, err = run("keys")
    assert (code, err) == (0, "")
    assert line_of(out, "okr.check_in", "objective").split() == [
        "okr.check_in", "space", "Check", "in", "(remapped;", "default", "c)"]
    # An unquoted id is a nested table in TOML: read as the id it spells. shift+x is X.
    assert line_of(out, "okr.add_kr", "objective").split()[:2] == ["okr.add_kr", "X"]
    assert f"2 keys remapped by [keys] in {path}" in out


def test_a_key_taken_from_another_binding_is_noted(run: Run) -> None:
    config('[keys]\n"okr.check_in" = "a"\n')
    code, out, _ = run("keys")
    assert code == 0
    assert "note: a is okr.check_in now: okr.add_kr loses it (objective)" in out
    config('[keys]\n"okr.kpis" = "K"\n')
    code, out, _ = run("keys")
    assert "note: K is okr.kr_to_kpi in objective, which hides okr.kpis there" in out


def test_an_unknown_id_or_key_name_is_one_line_each_and_exit_2(run: Run) -> None:
    path = config('[keys]\n"okr.chek_in" = "space"\n"okr.add_kr" = "spcae"\n'
                  '"okr.edit_kr" = 3\n')
    code, out, err = run("keys")
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"okrtui: {path}: [keys] 'okr.chek_in': no such key id ('okrtui keys' lists them)",
        f"okrtui: {path}: [keys] 'okr.add_kr': 'spcae' is not a key name (a character, or "
        "one of enter, escape, space, tab, up, down, left, right, home, end, pageup, "
        "pagedown, insert, delete, backspace, f1 to f24)",
        f"okrtui: {path}: [keys] 'okr.edit_kr': the key must be a string, like \"space\" "
        "or \"ctrl+s\"",
    ]


def test_a_keys_value_that_is_not_a_table_is_one_line(run: Run) -> None:
    path = config('keys = "space"\n')
    code, out, err = run("keys")
    assert (code, out) == (2, "")
    assert err == (f"okrtui: {path}: keys must be a table, as in [keys] "
                   '"okr.check_in" = "space"\n')


def test_json_lists_the_same(run: Run) -> None:
    config('[keys]\n"okr.check_in" = "j"\n')
    code, out, _ = run("keys", "--json")
    assert code == 0
    data = json.loads(out)
    row = next(r for r in data["keys"] if r["id"] == "okr.check_in")
    assert row == {"where": "objective", "id": "okr.check_in", "key": "j",
                   "description": "Check in", "default": "c"}
    assert data["clashes"] == []


def test_the_check_in_queue_and_its_keys_are_listed(run: Run) -> None:
    code, out, err = run("keys")
    assert (code, err) == (0, "")
    assert line_of(out, "okr.check_in_queue", "dashboard").split() == [
        "okr.check_in_queue", "c", "Check-ins"]
    assert [line_of(out, f"okr.queue_{name}", "my check-ins").split()[:2]
            for name in ("save", "next", "previous", "leave")] == [
        ["okr.queue_save", "enter"], ["okr.queue_next", "pagedown"],
        ["okr.queue_previous", "pageup"], ["okr.queue_leave", "escape"]]
