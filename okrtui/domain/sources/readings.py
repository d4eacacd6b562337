"""Sources of numbers: which record a source feeds, and the number read from its output.

A source is declared in the user's own config file as `"<id prefix>" = "<command>"` for
a key result, or `"kpi:<id prefix>" = "<command>"` for a KPI. What the command prints is
text from outside okrtui: the number is read from its last non-empty line, and anything
shown of it passes through `safe_text` first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from okrtui.domain.records.errors import InvalidInput, NotFound, OkrError, RuleViolation
from okrtui.domain.records.numbers import with_unit
from okrtui.domain.records.text import one_line, safe_text
from okrtui.domain.records.values import DONE_WORDS, parse_number
from okrtui.domain.records.workspace import Workspace
from okrtui.domain.scoring.kpi import latest_measurement

KPI_PREFIX = "kpi:"
NOTE_COMMAND_WIDTH = 300
SHOWN_WIDTH = 80
# "1,234,567" is a number with thousands separators; "1,5" is not (ambiguous).
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
# Terminal sequences a tool may print around its number anyway (`jq -C`, `grep
# --color=always`, a script's colours): CSI (colours, cursor), OSC (a title, a link) and
# two-character escapes. They carry no digits of the value.
_SEQUENCES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-_]")


@dataclass(frozen=True)
class SourceKey:
    """What a source's key in the config names: a table and an id prefix."""

    key: str
    table: str  # "key_results" or "kpis"
    prefix: str

    @property
    def kind(self) -> str:
        """"key result" or "KPI", for messages."""
        return "KPI" if self.table == "kpis" else "key result"


def parse_key(key: str) -> SourceKey:
    """The table and id prefix a source key names: `kpi:51d0` a KPI, `9c1e` a key result."""
    text = key.strip()
    if text.lower().startswith(KPI_PREFIX):
        return SourceKey(key, "kpis", text[len(KPI_PREFIX):].strip())
    return SourceKey(key, "key_results", text)


def resolve_key(ws: Workspace, source: SourceKey) -> str:
    """The id of the live record the source feeds; raises a one-line OkrError otherwise."""
    try:
        _, record_id = ws.resolve(source.prefix, (source.table,))
    except OkrError as exc:
        raise NotFound(exc.message) from None
    return record_id


def shown(text: str, width: int = SHOWN_WIDTH) -> str:
    """A piece of a source's output, safe to print on one line."""
    return one_line(safe_text(text).strip(), width)


def read_number(output: str, *, milestone: bool = False) -> float:
    """The number a source printed: its last non-empty line, as one number.

    Whitespace, surrounding quotes, a trailing `%`, thousands separators (`1,234`) and
    terminal colours around it are allowed; for a milestone, `done` / `not-done` (or 1 /
    0) as a check-in takes them.
    Anything else is refused with what the line said, made safe to show.
    """
    output = _SEQUENCES.sub("", output)
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    if not lines:
        raise InvalidInput("printed no number (its output was empty)", field="output")
    last = lines[-1].strip().strip("\"'").strip()
    if last.endswith("%"):
        last = last[:-1].rstrip()
    if _THOUSANDS.match(last):
        last = last.replace(",", "")
    try:
        value = parse_number(last)
    except InvalidInput:
        if milestone and last.lower() in DONE_WORDS:
            return DONE_WORDS[last.lower()]
        raise InvalidInput(f"printed no number (its last line was '{shown(lines[-1], 40)}')",
                           field="output") from None
    if milestone and value not in (0.0, 1.0):
        raise InvalidInput(f"printed {shown(last, 20)}, but a milestone is done or not done "
                           "(done, 1, not-done or 0)", field="output")
    return value


def source_note(source: SourceKey, command: str) -> str:
    """The note a pulled check-in carries: that it came from this source, and its command."""
    return (f"pulled by okrtui from the source {source.key!r}: "
            f"{one_line(safe_text(command).strip(), NOTE_COMMAND_WIDTH)}")


@dataclass(frozen=True)
class Reading:
    """What a number read from a source means for its record."""

    table: str
    record_id: str
    title: str
    unit: str
    value: float
    previous: float | None

    @property
    def unchanged(self) -> bool:
        """A value equal to the last one records nothing."""
        return self.previous is not None and self.previous == self.value

    def describe(self) -> str:
        """"“Close 40 tickets”: 12 tickets (was 10)"."""
        now = with_unit(self.value, self.unit)
        was = "" if self.previous is None else f" (was {with_unit(self.previous, self.unit)})"
        return f"“{one_line(self.title, 60)}”: {now}{was}"


def reading_for(ws: Workspace, source: SourceKey, output: str) -> Reading:
    """The reading `output` gives the record `source` feeds, checked on `ws`.

    Raises a one-line OkrError when the source names no live record, printed no number, or
    the number is not one the record takes (a milestone is done or not done).
    """
    record_id = resolve_key(ws, source)
    if source.table == "kpis":
        kpi = ws.kpi(record_id)
        value = read_number(output)
        last = latest_measurement(ws.recent_measurements(record_id, 1))
        return Reading("kpis", record_id, kpi.name, kpi.unit, value,
                       None if last is None else last.value)
    kr = ws.key_result(record_id)
    if ws.objective(kr.objective_id).deleted:
        raise RuleViolation("the objective of this key result was deleted", field="kr")
    value = read_number(output, milestone=kr.kind == "milestone")
    last = ws.latest_checkin(record_id)
    return Reading("key_results", record_id, kr.title, kr.unit, value,
                   None if last is None else last.value)
