"""Choosing, among older versions of a record (the backups), the one two versions of it
both descend from: the base of a three-way merge of a sync tool's conflict copy."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from okrtui.domain.records.canonical import (
    MISSING,
    Record,
    Table,
    canonical,
    content,
    rank,
    rev_of,
    same,
    save_time,
)


def differing(a: Mapping[str, Table], b: Mapping[str, Table]) -> list[tuple[str, str]]:
    """(table, id) of the records both sides have in different versions."""
    out: list[tuple[str, str]] = []
    for name in sorted(a.keys() & b.keys()):
        ta, tb = a[name], b[name]
        out.extend((name, rid) for rid in sorted(ta.keys() & tb.keys())
                   if not same(ta[rid], tb[rid]))
    return out


def pick_base(versions: Iterable[Record], a: Record, b: Record) -> Record | None:
    """The ancestor of two versions of one record, among older versions of it (backups).

    A candidate has no more edits than either side (`rev`), is the very version of any
    side with as many edits, and was not saved after either side's last edit (a version
    this device saved after the other side's last edit cannot be its ancestor, though its
    edit count may say so). When one of the sides holds, in a field where it differs
    from the candidate, the value of a still older version, that side predates the
    candidate: an older one is tried. Erring towards an older base only turns a merged
    field into a reported conflict; a too-new base would silently undo an edit.
    """
    unique: dict[bytes, Record] = {}
    for version in versions:
        unique.setdefault(canonical(version), version)
    ordered = sorted(unique.values(), key=rank, reverse=True)
    low = min(rev_of(a), rev_of(b))
    for index, candidate in enumerate(ordered):
        rev = rev_of(candidate)
        if rev > low:
            continue
        if any(rev == rev_of(side) and not same(candidate, side) for side in (a, b)):
            continue
        if any(_saved_after(candidate, side) for side in (a, b)):
            continue
        older = ordered[index + 1:]
        if any(_predates(side, candidate, older) for side in (a, b)):
            continue
        return candidate
    return None


def _saved_after(candidate: Record, side: Record) -> bool:
    """Whether `candidate` was saved after `side`'s last edit: then `side` cannot descend
    from it. (Clocks only ever reject a base here: a skewed clock costs a reported
    conflict, never an edit.)"""
    mine, theirs = save_time(candidate.get("updated_at")), save_time(side.get("updated_at"))
    return mine[0] == theirs[0] == 1 and mine[1] > theirs[1]


def _predates(side: Record, candidate: Record, older: list[Record]) -> bool:
    for name in content(side).keys() | content(candidate).keys():
        value = side.get(name, MISSING)
        if not same(value, candidate.get(name, MISSING)) and any(
                same(value, o.get(name, MISSING)) for o in older):
            return True
    return False
