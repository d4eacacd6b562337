"""One record per line: finding a record's line in a table's bytes, splicing lines in,
cutting them out, and reading a changed table again line by line.

A canonical table segment is `{\n    "key": {...},\n    "key": {...}\n  }`: its records
sorted by key, one per line, and JSON text never holds a raw newline. So a record's line
is found by a binary search over byte offsets, and a table changes by its lines, without
parsing the rest: a check-in on years of history, a graded period leaving the open file.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import islice
from typing import Any

import orjson

Table = dict[str, dict[str, Any]]
Segment = bytes | memoryview
OPEN = b"{\n    "
CLOSE = b"\n  }"
SEP = b",\n    "


def encode_record(key: str, record: dict[str, Any]) -> bytes:
    """One record's line: its key and its compact JSON with sorted keys."""
    return orjson.dumps(key) + b": " + orjson.dumps(record, option=orjson.OPT_SORT_KEYS)


def _key_at(segment: bytes, start: int) -> str:
    """The key of the record line that starts at `start` (a JSON string, maybe escaped)."""
    end = start
    while True:
        end = segment.index(b'"', end + 1)
        backslashes = len(segment[start:end]) - len(segment[start:end].rstrip(b"\\"))
        if backslashes % 2 == 0:
            return orjson.loads(segment[start: end + 1])


def _insertion_point(segment: bytes, key: str) -> int:
    """Where a line with `key` goes in a segment, by binary search over byte offsets:
    a few probes, never a split of the table into its lines."""
    lo, hi = len(OPEN), len(segment) - len(CLOSE)
    while lo < hi:
        mid = (lo + hi) // 2
        sep = segment.find(SEP, max(mid - len(SEP), lo), hi)
        probe = sep + len(SEP) if sep != -1 else hi
        if probe >= hi:
            probe = lo  # no line starts past the middle: look at the first one
        if _key_at(segment, probe) < key:
            sep = segment.find(SEP, probe, hi)
            lo = sep + len(SEP) if sep != -1 else hi
        else:
            hi = probe
    return lo


def splice(segment: Segment, added: Table, removed: frozenset[str] | set[str] = frozenset()
           ) -> bytes | None:
    """`segment` with `added` records inserted in key order and the lines of `removed`
    keys cut out, in one pass over its bytes; None if that cannot be done without parsing
    (the segment is not one record per line, or an added key exists already)."""
    new = sorted((key, encode_record(key, record)) for key, record in added.items())
    segment = bytes(segment)  # searched below; the result is a new segment anyway
    if segment == b"{}":
        return OPEN + SEP.join(line for _, line in new) + CLOSE if new else segment
    if not (segment.startswith(OPEN) and segment.endswith(CLOSE)):
        return None
    end = len(segment) - len(CLOSE)
    # (where, order, what): an insertion before the line that starts at `where`, or the
    # removal of that line (order 1, after the insertions at the same place).
    events: list[tuple[int, int, bytes | int]] = []
    for key, line in new:
        at = _insertion_point(segment, key)
        if at < end and _key_at(segment, at) == key:
            return None  # an existing record: only a parsed table can change it
        events.append((at, 0, line))
    for key in removed:
        at = _insertion_point(segment, key)
        if at >= end or _key_at(segment, at) != key:
            continue  # not in this table: nothing to cut
        stop = segment.find(SEP, at, end)
        events.append((at, 1, end if stop == -1 else stop))
    events.sort(key=lambda event: (event[0], event[1]))
    # The pieces are views of the segment, joined once: slicing bytes copies them, and
    # each copy of a check-ins table of an organisation's quarter is 17 MiB.
    view = memoryview(segment)
    pieces: list[Segment] = []
    pos = len(OPEN)
    for where, _, what in events:
        if where > pos:
            stop = where - len(SEP) if segment.endswith(SEP, pos, where) else where
            pieces.append(view[pos:stop])
        if isinstance(what, bytes):
            pieces.append(what)
            pos = max(pos, where)
        else:
            pos = min(what + len(SEP), end) if what < end else end
    if pos < end:
        pieces.append(view[pos:end])
    if not pieces:
        return b"{}"
    joined: list[Segment] = [OPEN]
    for piece in pieces:
        joined.extend((piece, SEP))
    joined[-1] = CLOSE
    return b"".join(joined)


def _line_key(line: bytes) -> str | None:
    """The key a record line starts with (None when it does not start with a string)."""
    if not line.startswith(b'"'):
        return None
    end = line.find(b'"', 1)
    if end == -1:
        return None
    if line.find(b"\\", 1, end) == -1:  # no escapes: the bytes are the key
        try:
            return line[1:end].decode()
        except UnicodeDecodeError:
            return None
    try:
        return _key_at(line, 0)
    except (ValueError, orjson.JSONDecodeError):
        return None


def _lines(segment: Segment) -> list[bytes] | None:
    """The record lines of a segment (None when it is not one record per line)."""
    blob = bytes(segment)
    if blob == b"{}":
        return []
    if not (blob.startswith(OPEN) and blob.endswith(CLOSE)):
        return None
    return blob[len(OPEN):-len(CLOSE)].split(SEP)


def reparse(name: str, old: Segment, table: Table, new: Segment,
            parse: Callable[[str, Segment], Table], *, in_order: bool = False
            ) -> Table | None:
    """Table `name` as segment `new` holds it, from its previous version (`old`, parsed
    as `table`): the lines both have keep their parsed records (the very same objects, so
    a comparison of the two versions stops at them), only the other lines are parsed.
    The result lists its records in the order of `new`'s lines. `in_order` says that
    `table` lists its records in the order of `old`'s lines (it was parsed from them):
    then only the lines between what the two versions start and end with are looked at.
    None when that cannot be done (not one record per line, or `table` not from `old`)."""
    if in_order:
        quick = _reparse_middle(name, old, table, new, parse)
        if quick is not None:
            return quick
    before, after = _lines(old), _lines(new)
    if before is None or after is None or len(before) != len(table):
        return None
    # Each old line's key is read from the line itself (a hand-edited file need not be
    # in key order), and must name the record parsed from it.
    known: dict[bytes, str] = {}
    for line in before:
        key = _line_key(line)
        if key is None or key not in table:
            return None
        known[line] = key
    fresh = [line for line in after if line not in known]
    parsed = parse(name, OPEN + SEP.join(fresh) + CLOSE) if fresh else {}
    if len(parsed) != len(fresh):
        return None  # a key twice: let a whole parse say what it is
    out: Table = {}
    new_records = iter(parsed.items())
    for line in after:
        key = known.get(line)
        if key is not None:
            out[key] = table[key]
        else:
            rid, record = next(new_records)
            out[rid] = record
    return out


_STRIDE = 1 << 16


def _alike(a: bytes, b: bytes, most: int, part: Callable[[bytes, int, int], bytes]) -> int:
    """How many bytes (at most `most`) `a` and `b` have alike from one end, where
    `part(x, pos, n)` is the `n` bytes of `x` that lie `pos` bytes from that end; compared
    a block at a time in C (slices of bytes compare with memcmp, a memoryview's byte by
    byte), then halving the block that differs."""
    pos = 0
    while pos < most:
        step = min(_STRIDE, most - pos)
        if part(a, pos, step) == part(b, pos, step):
            pos += step
            continue
        while step > 1:
            half = step // 2
            if part(a, pos, half) == part(b, pos, half):
                pos += half
                step -= half
            else:
                step = half
        return pos
    return most


def _common_head(a: bytes, b: bytes) -> int:
    """How many bytes `a` and `b` start with alike."""
    return _alike(a, b, min(len(a), len(b)), lambda x, pos, n: x[pos:pos + n])


def _common_tail(a: bytes, b: bytes, most: int) -> int:
    """How many bytes (at most `most`) `a` and `b` end with alike."""
    return _alike(a, b, most, lambda x, pos, n: x[len(x) - pos - n:len(x) - pos])


def _reparse_middle(name: str, old: Segment, table: Table, new: Segment,
                    parse: Callable[[str, Segment], Table]) -> Table | None:
    """`reparse` for a `table` in the order of `old`'s lines: the whole lines before the
    first byte that differs and after the last one are the records at those places in
    `table`; only the lines between are parsed (a teammate's check-in: one line). None
    when the segments are not both one record per line."""
    a, b = bytes(old), bytes(new)  # views of a whole file: count and find want bytes
    if not (a.startswith(OPEN) and a.endswith(CLOSE) and b.startswith(OPEN)
            and b.endswith(CLOSE)):
        return None
    rows_a = a.count(b"\n") - 1  # CLOSE's newline ends no line
    if rows_a != len(table):
        return None
    head = _common_head(a, b)
    tail = _common_tail(a, b, min(len(a), len(b)) - head)
    # Whole lines kept at the start: each newline after OPEN in the shared head ends one.
    kept_head = a.count(b"\n", len(OPEN), head)
    start = a.rfind(b"\n", len(OPEN), head) + len(SEP) - 1 if kept_head else len(OPEN)
    # Whole lines kept at the end: each newline in the shared tail, but CLOSE's, starts one.
    kept_tail = b.count(b"\n", len(b) - tail) - 1
    stop = len(b) - len(CLOSE)
    if kept_tail > 0:
        stop = b.find(b"\n", len(b) - tail) - 1  # at the comma before that newline
    if kept_tail < 0 or kept_head + kept_tail > rows_a or stop < start or \
            (kept_tail and b[stop:stop + 1] != b","):
        return None
    middle = b[start:stop]
    rows = middle.count(b"\n") + 1 if middle else 0
    parsed = parse(name, OPEN + middle + CLOSE) if middle else {}
    if len(parsed) != rows:
        return None  # a key twice: a whole parse says what it is
    head_rows = list(islice(table.items(), kept_head))
    tail_rows = list(islice(table.items(), rows_a - kept_tail, None))
    # The records next to what changed are the ones their lines name (the order held).
    if head_rows and _line_key(a[a.rfind(b"\n", 0, start - len(SEP) + 1) + len(SEP) - 1:
                                 start]) != head_rows[-1][0]:
        return None
    if tail_rows and _line_key(b[stop + len(SEP):stop + len(SEP) + 80]) != tail_rows[0][0]:
        return None
    # A line in the middle that the old middle has too (a neighbour of a removed line)
    # keeps its record, the very object, as `reparse` keeps every unchanged line's.
    old_middle = a[start:len(a) - (len(b) - stop)]
    was = dict(zip(old_middle.split(SEP) if old_middle else (),
                   islice(table.values(), kept_head, rows_a - kept_tail), strict=False))
    out: Table = dict(head_rows)
    if was:
        for line, (key, record) in zip(middle.split(SEP) if middle else (), parsed.items(),
                                       strict=True):
            kept = was.get(line)
            out[key] = kept if kept is not None and kept == record else record
    else:
        out.update(parsed)
    out.update(tail_rows)
    if len(out) != kept_head + rows + kept_tail:
        return None  # a new line has the key of a kept one
    return out
