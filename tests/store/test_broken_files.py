"""Every kind of broken workspace file: one line that names the file, what is wrong and the
newest backup; exit 2; the file byte for byte as it was; never taken for a new workspace."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from okrtui.services import Services
from okrtui.store import Store, SyncInProgress
from tests.support.builders import sha
from tests.support.cli import Run

VALID_META = '{"meta": {"meta": {"app": "okrtui", "schema": 1}}'


BROKEN: list[tuple[str, bytes, str]] = [
    ("empty", b"", "is empty"),
    ("white space", b"  \n ", "is empty"),
    ("truncated", b'{"objectives": {"a": ', "is not valid JSON"),
    ("not utf-8", b"\xff\xfe{", "is not valid JSON"),
    ("a list", b"[1, 2, 3]", "the top level is a JSON list"),
    ("a string", b'"hello"', "the top level is a JSON str"),
    ("a table of lists", b'{"objectives": [1]}', "table 'objectives' is not an object"),
    ("another app's TinyDB file", b'{"_default": {"1": {"a": 1}}}', "not an okrtui workspace"),
    ("an invalid record", (VALID_META + ', "objectives": {"abcd1234-0000": {"title": "", '
                           '"period": "2026-Q4"}}}').encode(), "objective abcd1234 is invalid"),
    ("a bad setting", (VALID_META + ', "settings": {"settings": {"max_key_results": 0}}}'
                       ).encode(), "settings are invalid"),
]


@pytest.mark.parametrize(("blob", "reason"), [(b, r) for _, b, r in BROKEN],
                         ids=[name for name, _, _ in BROKEN])
def test_a_broken_file_is_reported_and_left_alone(run: Run, db_path: Path, blob: bytes,
                                                  reason: str) -> None:
    db_path.write_bytes(blob)
    before = sha(db_path)
    code, out, err = run("objective", "add", "Anything", "--period", "2026-Q4")
    assert code == 2 and out == ""
    assert err.startswith(f"okrtui: {db_path}") and err.count("\n") == 1, err
    assert reason in err
    assert "newest backup: none" in err or "to start a new workspace there, delete it" in err
    assert "Traceback" not in err
    assert sha(db_path) == before
    assert not (db_path.parent / ".okrtui-backups").exists()  # nothing was saved at all


def test_the_message_names_the_newest_backup(run: Run, db_path: Path,
                                             make_services: Callable[..., Services]) -> None:
    services = make_services()
    services.add_objective("First", "2026-Q4")
    services.add_objective("Second", "2026-Q4")  # the first version is now a backup
    newest = sorted((db_path.parent / ".okrtui-backups").iterdir())[-1]
    db_path.write_bytes(b'{"objectives": ')
    code, _, err = run("list")
    assert code == 2 and f"newest backup: {newest}" in err


def test_a_file_that_vanishes_after_a_good_version_is_a_sync_in_progress(
        db_path: Path, make_services: Callable[..., Services]) -> None:
    services = make_services()
    services.add_objective("Keep me", "2026-Q4")
    services.add_objective("And me", "2026-Q4")
    db_path.unlink()  # a sync tool replacing the file, caught half-way
    began = time.monotonic()
    with pytest.raises(SyncInProgress, match="is missing but a good version existed"):
        Services(Store(db_path), "alice").workspace()
    assert time.monotonic() - began >= 1.5  # it waited for the sync before saying so
    assert not db_path.exists()  # and never started an empty workspace over it


def test_a_file_that_comes_back_during_the_wait_is_read(
        db_path: Path, make_services: Callable[..., Services]) -> None:
    services = make_services()
    services.add_objective("Keep me", "2026-Q4")
    blob = db_path.read_bytes()
    db_path.write_bytes(b"")  # the sync tool truncated it and is about to write it again
    threading.Timer(0.5, db_path.write_bytes, (blob,)).start()
    titles = [o.title for o in Services(Store(db_path), "bob").workspace().objectives()]
    assert titles == ["Keep me"]
