"""Use cases of sharing a workspace: sync tools' conflict copies, and git's merge driver."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from okrtui.domain.merge.clean import clean_tables
from okrtui.domain.merge.core import (
    Conflict,
    MergeResult,
    check_tables,
    merge2,
    merge3,
    recorded_conflicts,
)
from okrtui.domain.merge.resolution import ResolveReport, count_changes
from okrtui.domain.records.errors import OkrError
from okrtui.domain.records.workspace import META_TABLE
from okrtui.services.base import ServiceBase
from okrtui.store import conflicts as copies
from okrtui.store.jsonfile import atomic_replace, encode


class SharingUseCases(ServiceBase):
    """Use cases of sharing a workspace: sync tools' conflict copies, and git's merge driver."""


    def conflict_copies(self) -> list[Path]:
        """Conflict copies of the workspace's files (the open file and its archives) that
        Syncthing or Dropbox left beside them."""
        return [copy for copy, _ in copies.workspace_copies(self.store.path)]

    def recorded_conflicts(self) -> list[dict[str, Any]]:
        """The decisions merges kept in the workspace's `conflicts` table (each with its
        `id` and a `message` line to show), by record and field."""
        return recorded_conflicts(self.workspace().tables)

    def resolve_conflicts(self, *, dry_run: bool = False) -> ResolveReport:
        """Merge every conflict copy into the workspace in one transaction, then move the
        copies into the backups folder.

        A copy that cannot be read is reported and left where it is; the others are still
        merged. The copies are moved only after the merged workspace was written, so a
        failure at any point leaves them to be merged again (merging is idempotent).
        `dry_run` reports what would happen and changes nothing.
        """
        loaded: list[tuple[Path, Path, dict]] = []
        broken: list[tuple[Path, str]] = []
        # A copy's records equal to these are not checked again.
        current = self.workspace().with_history().tables
        for copy, original in copies.workspace_copies(self.store.path):
            try:
                tables = copies.load_workspace_file(copy, known=current)
                if original != self.store.path:  # an archive's copy: its records only
                    tables.pop(META_TABLE, None)
                loaded.append((copy, original, tables))
            except OkrError as exc:
                broken.append((copy, str(exc)))
            except OSError as exc:
                broken.append((copy, f"{copy}: {exc.strerror or exc}"))
            except Exception as exc:  # a copy is anyone's file: one line, the others merge
                broken.append((copy, f"{copy} cannot be read ({type(exc).__name__}: {exc})"))
        if not loaded:
            return ResolveReport(broken=tuple(broken), dry_run=dry_run)
        if dry_run:
            ws = self.store.snapshot().with_history()
            before = {name: ws.tables[name] for name in ws.tables}
            after, found, merged = self._merge_copies(before, loaded, broken)
            added, changed = count_changes(before, after)
            return ResolveReport(merged, (), tuple(broken), added, changed, found,
                                 dry_run=True)
        copies.prepare_copies_folder(self.store.path)  # refused here, nothing is merged
        with self.store.transaction() as ws:
            ws.with_history()  # every file's records: a copy may be of any of them
            before = {name: ws.tables[name] for name in ws.tables}
            after, found, merged = self._merge_copies(before, loaded, broken)
            check_tables(after, before)  # the sides were valid; a merge keeps them so
            ws.replace_tables(after)
            added, changed = count_changes(before, after)
        moved = tuple(copies.put_away(copy, self.store.path) for copy in merged)
        return ResolveReport(merged, moved, tuple(broken), added, changed, found)

    def _merge_copies(self, tables: dict, loaded: list[tuple[Path, Path, dict]],
                      broken: list[tuple[Path, str]]
                      ) -> tuple[dict, tuple[Conflict, ...], tuple[Path, ...]]:
        """Merge each copy in turn into (the cleaned) `tables`; a copy whose merge fails
        is added to `broken` and the others are still merged. Returns the tables, the
        conflicts decided and the copies merged."""
        tables = clean_tables(tables)  # as the copies are: a merge stores no control code
        found: list[Conflict] = []
        merged: list[Path] = []
        for copy, original, theirs in loaded:
            try:
                # The versions both sides started from are among the backups of the file
                # the copy is a copy of (the open file, or an archive).
                base = copies.assemble_base(original, tables, theirs)
                result = merge2(tables, theirs, base)
            except Exception as exc:  # one poisoned copy never stops the others
                broken.append((copy, f"{copy} cannot be merged ({type(exc).__name__}: {exc})"))
                continue
            tables = result.tables
            found.extend(result.conflicts)
            merged.append(copy)
        return tables, tuple(found), tuple(merged)

    @staticmethod
    def merge_files(base: Path, ours: Path, theirs: Path) -> MergeResult:
        """git's merge driver: the three-way merge of `base`, `ours` and `theirs`, written
        into `ours` (only when it differs). Raises the store's one-line error, and writes
        nothing, when a side is not a workspace."""
        # The base is history both sides share: each side's records are checked where
        # they differ from it, which is what a merge can bring in.
        base_tables = copies.load_workspace_file(base, empty_ok=True, check=False)
        ours_tables = copies.load_workspace_file(ours, known=base_tables)
        theirs_tables = copies.load_workspace_file(theirs, known=base_tables)
        result = merge3(base_tables, ours_tables, theirs_tables)
        blob = encode(result.tables)
        if ours.read_bytes() != blob:
            atomic_replace(ours, blob)
        return result
