"""A reader without the lock sees one version of the workspace, even when a save moves
records between the open file and an archive between its reads of the two.

The race, made deterministic: a reader reads the open file while a key result is graded
(in its archive); another okrtui reopens it (open file written, then the archive without
it); only then does the reader look for it, in the archive. Real files, two stores.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from okrtui.domain.records.errors import NotFound
from okrtui.domain.records.models import CheckIn
from okrtui.services import Services
from okrtui.store import Store
from okrtui.store.archive import find_archives
from tests.support.builders import objective_with_krs


@pytest.fixture
def graded(make_services: Callable[..., Services]) -> tuple[Services, str, str, str]:
    """A graded objective (its key result and check-in in the 2026 archive), and the
    services of a teammate's okrtui on the same file: (teammate, objective id, KR id,
    the id of a key result of the open quarter)."""
    services = make_services()
    objective, krs = objective_with_krs(services, "Move me", ((0, 10),), period="2026-Q2")
    services.check_in(krs[0].id, 4, on=dt.date(2026, 5, 2))
    _, open_krs = objective_with_krs(services, "Stay open", ((0, 5),))
    services.grade_period("2026-Q2", objective_ref=objective.id)
    assert find_archives(services.store.path)
    return make_services("bob"), objective.id, krs[0].id, open_krs[0].id


def test_a_key_result_reopened_between_a_readers_two_reads_is_found(
        db_path: Path, graded: tuple[Services, str, str, str]) -> None:
    teammate, objective_id, kr_id, _ = graded
    reader = Store(db_path).snapshot()  # the open file read: the key result is not in it
    assert kr_id not in reader.tables.get("key_results", {})
    teammate.edit_objective(objective_id, status="active")  # back to the open file
    assert reader.resolve(kr_id[:8], ("key_results",)) == ("key_results", kr_id)
    assert reader.key_result(kr_id).objective_id == objective_id
    assert [c.kr_id for c in reader.records("checkins", CheckIn)] == [kr_id]


def test_the_version_a_save_left_in_memory_finds_a_record_moved_after_it(
        db_path: Path, graded: tuple[Services, str, str, str]) -> None:
    teammate, objective_id, kr_id, open_kr = graded
    mine = Services(Store(db_path), "alice")
    mine.check_in(open_kr, 2)  # a save of the open file alone
    kept = mine.store.in_memory()
    assert kept is not None and kr_id not in kept.tables.get("key_results", {})
    teammate.edit_objective(objective_id, status="active")
    assert kept.resolve(kr_id[:8], ("key_results",)) == ("key_results", kr_id)


def test_a_key_result_that_is_nowhere_is_still_not_found(
        db_path: Path, graded: tuple[Services, str, str, str]) -> None:
    teammate, objective_id, _, _ = graded
    reader = Store(db_path).snapshot()
    teammate.edit_objective(objective_id, status="active")
    with pytest.raises(NotFound):
        reader.resolve("abcdef12", ("key_results",))
