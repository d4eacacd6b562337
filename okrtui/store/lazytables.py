"""Tables of a workspace file, each parsed only when a command reads it.

The canonical file (see `jsonfile.encode`) puts each record on one line, and JSON text
never holds a raw newline, so every newline in the file is structural: table segments
can be found with a few byte searches, and a new record can be spliced into its table's
lines without parsing the table. A check-in on a team's years of history then reads the
key results it needs and leaves 40,000 older check-ins as the bytes they were.

Whatever is not in the canonical layout (a hand-formatted file, an older okrtui's) is
parsed whole, as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, MutableMapping
from typing import Any

import orjson

from okrtui.store.errors import StoreError
from okrtui.store.lines import CLOSE as _CLOSE
from okrtui.store.lines import OPEN as _OPEN
from okrtui.store.lines import SEP as _SEP
from okrtui.store.lines import encode_record, reparse, splice

Table = dict[str, dict[str, Any]]
Segment = bytes | memoryview
"""A table's bytes: a view into the file as read (no copy of years of history), or bytes."""
_HEADER = b'\n  "'


def encode_table(table: Table, name: str = "") -> bytes:
    """A table's segment: its records sorted by key, one per line.

    A record that cannot be written (nested deeper than JSON encoding goes; such files
    are refused when read, but records can come from elsewhere) is refused in one line
    that names it: nothing is written."""
    if not table:
        return b"{}"
    try:
        lines = [encode_record(key, record) for key, record in sorted(table.items())]
    except (TypeError, ValueError):  # orjson's JSONEncodeError is a TypeError
        for key, record in sorted(table.items()):
            try:
                encode_record(key, record)
            except (TypeError, ValueError) as exc:
                raise StoreError(f"record '{key}' of table '{name}' cannot be written ({exc}); "
                                 "nothing was saved") from None
        raise
    return _OPEN + _SEP.join(lines) + _CLOSE


def assemble(segments: dict[str, Segment]) -> bytes:
    """The whole file from its tables' segments, tables sorted by name."""
    return b"".join(assemble_chunks(segments))


def assemble_chunks(segments: dict[str, Segment]) -> list[Segment]:
    """The whole file as a list of byte strings, written one after another (large tables
    are not copied into one buffer first)."""
    parts: list[Segment] = [b"{"]
    names = sorted(segments)
    for index, name in enumerate(names):
        parts.append(b"\n  " + orjson.dumps(name) + b": ")
        parts.append(segments[name])
        if index < len(names) - 1:
            parts.append(b",")
    parts.append(b"\n}\n")
    return parts


def split_tables(blob: bytes, spans: dict[str, tuple[int, int]] | None = None
                 ) -> dict[str, Segment] | None:
    """Segments of a file in the canonical layout, or None when it is not in it.

    Segments are views into `blob`: slicing would copy the whole file once more, and
    that copy was a sixth of the TUI's memory at team scale. `spans`, when given, gets
    each segment's (start, end) in `blob`.
    """
    if not blob.startswith(b"{") or not blob.endswith(b"\n}\n"):
        return None
    view = memoryview(blob)
    segments: dict[str, Segment] = {}
    pos = blob.find(_HEADER)
    if pos == -1:
        return {} if blob.strip() in (b"{\n}", b"{}") else None
    if blob[1:pos].strip():
        return None
    while pos != -1:
        colon = blob.find(b'": ', pos + 4)
        if colon == -1:
            return None
        try:
            name = orjson.loads(blob[pos + 3: colon + 1])
        except orjson.JSONDecodeError:
            return None
        start = colon + 3
        if blob.startswith(b"{}", start):
            end = start + 2
        elif blob.startswith(_OPEN, start):
            close = blob.find(_CLOSE, start)
            if close == -1:
                return None
            end = close + len(_CLOSE)
            # One record per line: every newline but the closing one starts a record.
            if blob.count(b"\n", start, end) != blob.count(b'\n    "', start, end) + 1:
                return None
        else:
            return None
        if not isinstance(name, str) or name in segments:
            return None
        segments[name] = view[start:end]
        if spans is not None:
            spans[name] = (start, end)
        following = blob[end:end + 2]
        pos = blob.find(_HEADER, end)
        if following == b",\n" and pos == end + 1:
            continue
        if following == b"\n}" and end + 3 == len(blob):
            return segments
        return None
    return None


class LazyTables(MutableMapping[str, Table]):
    """The tables of one file: segments parsed on first read, new records kept aside.

    `parse(name, segment)` turns a segment into a table (and raises the store's error for
    a broken one). Copies share the tables parsed from the segments, which nobody changes
    in place: a table to change is replaced (the Workspace copies it first), and brand-new
    records wait in `append_new` until the table is read or the file written.
    """

    def __init__(self, segments: dict[str, Segment], parse: Callable[[str, Segment], Table],
                 cache: dict[str, Table] | None = None, in_order: set[str] | None = None
                 ) -> None:
        self._segments = segments
        self._parse = parse
        self._cache: dict[str, Table] = {} if cache is None else cache
        self._in_order: set[str] = set() if in_order is None else in_order
        """Tables of the cache that list their records in the order of their segment's
        lines (parsed from it): a teammate's next version is read from the lines that
        differ alone (`reparse`)."""
        self._own: dict[str, Table] = {}
        self._added: dict[str, Table] = {}
        self._removed: dict[str, set[str]] = {}

    @classmethod
    def from_tables(cls, tables: dict[str, Table],
                    parse: Callable[[str, Segment], Table]) -> LazyTables:
        """Tables that were parsed whole (a file not in the canonical layout)."""
        lazy = cls({}, parse)
        lazy._own = dict(tables)
        return lazy

    # ---- Mapping -------------------------------------------------------------------

    def __getitem__(self, name: str) -> Table:
        own = self._own.get(name)
        if own is not None:
            return own
        if name not in self._segments:
            raise KeyError(name)
        table = self._cache.get(name)
        if table is None:
            table = self._cache[name] = self._parse(name, self._segments[name])
            self._in_order.add(name)
        added = self._added.pop(name, None)
        removed = self._removed.pop(name, None)
        if added or removed:
            table = {**table, **(added or {})}
            for key in removed or ():
                table.pop(key, None)
            self._own[name] = table
        return table

    def __setitem__(self, name: str, table: Table) -> None:
        self._own[name] = table
        self._added.pop(name, None)
        self._removed.pop(name, None)

    def __delitem__(self, name: str) -> None:
        if name not in self:
            raise KeyError(name)
        self._own.pop(name, None)
        self._segments.pop(name, None)
        self._added.pop(name, None)
        self._removed.pop(name, None)

    def __contains__(self, name: object) -> bool:
        return name in self._own or name in self._segments

    def __iter__(self) -> Iterator[str]:
        yield from self._own
        yield from (name for name in self._segments if name not in self._own)

    def __len__(self) -> int:
        return len(self._own.keys() | self._segments.keys())

    # ---- laziness ------------------------------------------------------------------

    def copy(self) -> LazyTables:
        """A copy to change; it shares what was parsed, so nothing is parsed twice."""
        twin = LazyTables(dict(self._segments), self._parse, self._cache, self._in_order)
        twin._own = dict(self._own)
        twin._added = {name: dict(rows) for name, rows in self._added.items()}
        twin._removed = {name: set(keys) for name, keys in self._removed.items()}
        return twin

    def append_new(self, name: str, key: str, record: dict[str, Any]) -> bool:
        """Add a brand-new record without parsing its table.

        Returns False where that is not possible (the table was replaced in this copy, or
        is not in the file); the caller then changes the table as usual.
        """
        if name in self._own or name not in self._segments:
            return False
        self._added.setdefault(name, {})[key] = record
        self._removed.get(name, set()).discard(key)
        return True

    def remove(self, name: str, keys: set[str]) -> bool:
        """Remove records without parsing their table (their lines are cut out when the
        file is written). False where that is not possible (the table was replaced in
        this copy, or is not in the file); the caller then changes the table as usual."""
        if name in self._own or name not in self._segments:
            return False
        added = self._added.get(name, {})
        for key in keys:
            added.pop(key, None)
        self._removed.setdefault(name, set()).update(keys)
        return True

    def encode(self) -> tuple[list[Segment], dict[str, Segment]]:
        """The canonical file as chunks, and each table's segment in it.

        Untouched tables keep their bytes, tables with only new records get them spliced
        in, and replaced tables are encoded again.
        """
        segments: dict[str, Segment] = {}
        for name in self:
            if name in self._own:
                segments[name] = encode_table(self._own[name], name)
                continue
            segment = self._segments[name]
            added = self._added.get(name)
            removed = self._removed.get(name)
            if added or removed:
                spliced = splice(segment, added or {}, removed or set())
                segment = spliced if spliced is not None else encode_table(self[name], name)
            segments[name] = segment
        return assemble_chunks(segments), segments

    def adopt(self, previous: LazyTables) -> int:
        """Take over what `previous` (the version of the file read or written before this
        one) parsed: a table whose bytes did not change is the same table, and one that
        changed is parsed only in the lines that did (`reparse`). Returns how many tables
        were taken over whole."""
        whole = 0
        for name, segment in self._segments.items():
            table = previous._cache.get(name)
            old = previous._segments.get(name)
            if table is None or old is None or name in self._cache or \
                    name in previous._added or name in previous._removed:
                continue
            in_order = name in previous._in_order
            if len(old) == len(segment) and old == segment:
                self._cache[name] = table
                if in_order:
                    self._in_order.add(name)
                whole += 1
                continue
            patched = reparse(name, old, table, segment, self._parse, in_order=in_order)
            if patched is not None:
                self._cache[name] = patched
                self._in_order.add(name)
        return whole

    def settled(self, segments: dict[str, Segment]) -> LazyTables:
        """These tables as now written in `segments`, keeping what is parsed already."""
        cache: dict[str, Table] = {}
        in_order: set[str] = set()
        for name in segments:
            if name in self._own:
                cache[name] = self._own[name]
            elif name in self._cache:
                added = self._added.get(name)
                removed = self._removed.get(name)
                table = {**self._cache[name], **added} if added else self._cache[name]
                if removed:
                    table = {k: v for k, v in table.items() if k not in removed}
                cache[name] = table
                if not added and name in self._in_order:
                    in_order.add(name)  # lines cut out keep the order of the rest
        return LazyTables(dict(segments), self._parse, cache, in_order)


def same_bytes(a: list[Segment], b: list[Segment]) -> bool:
    """Whether two lists of chunks hold the same bytes, without joining either (a join
    copies the whole file, twice)."""
    if sum(map(len, a)) != sum(map(len, b)):
        return False
    if len(a) == len(b) and all(x is y for x, y in zip(a, b, strict=True)):
        return True  # the same chunks: nothing was re-encoded
    va = [memoryview(x) for x in a if len(x)]
    vb = [memoryview(x) for x in b if len(x)]
    i = j = pa = pb = 0
    while i < len(va) and j < len(vb):
        n = min(len(va[i]) - pa, len(vb[j]) - pb)
        if va[i][pa:pa + n] != vb[j][pb:pb + n]:
            return False
        pa += n
        pb += n
        if pa == len(va[i]):
            i, pa = i + 1, 0
        if pb == len(vb[j]):
            j, pb = j + 1, 0
    return True
