"""Plain-text formatting of numbers, values, ages and bars (no Textual, no markup).

Everything returned here is plain text: screens wrap it in `rich.text.Text` or
`Content`, never in markup, because titles and units come from the file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from okrtui.domain.records.models import KeyResult

# number, compact and with_unit live in the domain (sentences need them too); screens
# keep reaching them as fmt.*.
from okrtui.domain.records.numbers import compact as compact
from okrtui.domain.records.numbers import number as number
from okrtui.domain.records.numbers import with_unit as with_unit
from okrtui.domain.scoring.score import KRScore, ObjectiveScore
from okrtui.domain.scoring.status import RAG_SYMBOL as RAG_SYMBOL
from okrtui.domain.scoring.status import STATUS_SYMBOL

SPARK_CHARS = "▁▂▃▄▅▆▇█"
BAR_FULL = "█"
BAR_EMPTY = "░"

RAG_WORD: dict[str, str] = {"green": "green", "yellow": "yellow", "red": "red", "none": "no data"}


def kr_value(score: KRScore) -> str:
    """Current against target with the unit: "35/50 customers", "done", "27 (≤ 30 tickets)"."""
    kr = score.kr
    if kr.kind == "milestone":
        return "done" if (score.current or 0.0) >= 1.0 else "not done"
    current = score.current if score.current is not None else kr.start
    if kr.kind in ("above", "below"):
        sign = "≥" if kr.kind == "above" else "≤"
        now = number(score.current) if score.current is not None else "—"
        return f"{now} ({sign} {with_unit(kr.target, kr.unit)})"
    return f"{number(current)}/{with_unit(kr.target, kr.unit)}"


def kr_range(kr: KeyResult) -> str:
    """What a key result asks for: "from 3,000 to 4,150 subscribers", "keep ≥ 5 posts/day"."""
    if kr.kind == "milestone":
        return "milestone: done or not done"
    if kr.kind == "above":
        return f"keep at or above {with_unit(kr.target, kr.unit)}"
    if kr.kind == "below":
        return f"keep at or below {with_unit(kr.target, kr.unit)}"
    return f"from {number(kr.start)} to {with_unit(kr.target, kr.unit)}"


def percent(progress: float) -> str:
    """A 0..1 progress as a whole percentage: "70%"."""
    return f"{round(progress * 100):d}%"


def age(when: dt.datetime | None, today: dt.date, *, short: bool = False) -> str:
    """How long ago a check-in was, in days: "today", "1d ago", "never" ("1d" if short)."""
    if when is None:
        return "never"
    days = (today - when.date()).days
    if days <= 0:
        return "today"
    return f"{days}d" if short else f"{days}d ago"


def moment(at: dt.datetime) -> str:
    """A moment in the local time zone as people glance at it: "Nov 21 14:02"."""
    local = at.astimezone()
    return f"{local:%b} {local.day} {local:%H:%M}"


def bar(progress: float, width: int) -> tuple[str, str]:
    """A progress bar as (filled, empty) parts of `width` cells, progress clamped to 0..1."""
    width = max(1, width)
    filled = round(min(1.0, max(0.0, progress)) * width)
    return BAR_FULL * filled, BAR_EMPTY * (width - filled)


def status_label(status: str) -> str:
    """A status as symbol and word, readable without colour: "▲ at risk"."""
    return f"{STATUS_SYMBOL.get(status, '?')} {status}"


def score_label(score: KRScore | ObjectiveScore) -> str:
    """A key result's or objective's status as symbol and word: "▲ at risk", "✖ graded 0.3"."""
    return f"{score.symbol} {score.word}"


def rag_label(rag: str) -> str:
    """A RAG colour as symbol and word, readable without colour: "▲ yellow"."""
    return f"{RAG_SYMBOL.get(rag, '?')} {RAG_WORD.get(rag, rag)}"


def sparkline(values: Sequence[float], width: int) -> str:
    """The last `width` values as block characters, lowest to highest."""
    values = list(values)[-width:]
    if not values:
        return ""
    low, high = min(values), max(values)
    if high - low < 1e-12:
        return SPARK_CHARS[3] * len(values)
    top = len(SPARK_CHARS) - 1
    return "".join(SPARK_CHARS[round((v - low) / (high - low) * top)] for v in values)


def confidence(value: int | None) -> str:
    """A 0-10 confidence, or a dash when nobody said."""
    return "—" if value is None else f"{value}/10"


def date_ticks(first: dt.date, span: int, count: int = 4) -> tuple[list[float], list[str]]:
    """A chart's x ticks: a few day offsets spread evenly over `span` days from `first`,
    each labelled with its date ("Oct 1")."""
    offsets = sorted({round(span * i / (count - 1)) for i in range(count)})
    labels = []
    for offset in offsets:
        day = first + dt.timedelta(days=offset)
        labels.append(f"{day:%b} {day.day}")
    return [float(o) for o in offsets], labels
