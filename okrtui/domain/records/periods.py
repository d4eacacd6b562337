"""Periods: quarters (2026-Q4), halves (2026-H1), years (2026) and date ranges."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from okrtui.domain.records.errors import InvalidInput


class NoSuchPeriod(InvalidInput, ValueError):
    """There is no period that many steps away: dates end at 9999 (and plans start at
    1900). A ValueError too, as Period.parse's refusals are."""

_QUARTER = re.compile(r"^(\d{4})-?[Qq]([1-4])$")
_HALF = re.compile(r"^(\d{4})-?[Hh]([12])$")
_YEAR = re.compile(r"^(\d{4})$")
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")


# Years a plan can be about; below this a typo is likelier than a plan (and the name must
# keep its four digits to parse back).
_FIRST_YEAR = 1900


def _year(raw: str, digits: str) -> int:
    year = int(digits)
    if year < _FIRST_YEAR:
        raise ValueError(f"'{raw}': {digits} is not a plausible year")
    return year


def _month_end(year: int, month: int) -> date:
    if month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1) - timedelta(days=1)


@dataclass(frozen=True, order=True)
class Period:
    """A closed range of dates with the canonical name people type."""

    start: date
    end: date
    name: str

    @classmethod
    def parse(cls, text: str) -> Period:
        """Parse `2026-Q4`, `2026-H1`, `2026` or `2026-10-01..2026-12-31`.

        Raises ValueError with a sentence a person understands.
        """
        raw = text.strip()
        if m := _QUARTER.match(raw):
            year, q = _year(raw, m[1]), int(m[2])
            return cls(date(year, 3 * q - 2, 1), _month_end(year, 3 * q), f"{year}-Q{q}")
        if m := _HALF.match(raw):
            year, h = _year(raw, m[1]), int(m[2])
            return cls(date(year, 6 * h - 5, 1), _month_end(year, 6 * h), f"{year}-H{h}")
        if m := _YEAR.match(raw):
            year = _year(raw, m[1])
            return cls(date(year, 1, 1), date(year, 12, 31), str(year))
        if m := _RANGE.match(raw):
            try:
                start, end = date.fromisoformat(m[1]), date.fromisoformat(m[2])
            except ValueError as exc:
                raise ValueError(f"'{raw}' has an impossible date") from exc
            if end < start:
                raise ValueError(f"'{raw}' ends before it starts")
            return cls(start, end, f"{start.isoformat()}..{end.isoformat()}")
        raise ValueError(
            f"'{raw}' is not a period (use 2026-Q4, 2026-H1, 2026 or 2026-10-01..2026-12-31)"
        )

    @classmethod
    def quarter_of(cls, day: date) -> Period:
        """The quarter that contains `day`."""
        return cls.parse(f"{day.year}-Q{(day.month - 1) // 3 + 1}")

    def __str__(self) -> str:
        return self.name

    @property
    def days(self) -> int:
        """Length of the period in days, both ends included."""
        return (self.end - self.start).days + 1

    def contains(self, day: date) -> bool:
        """Whether `day` falls inside the period."""
        return self.start <= day <= self.end

    def elapsed(self, today: date) -> float:
        """Fraction of the period gone by at the end of `today`, in 0..1."""
        if today < self.start:
            return 0.0
        if today >= self.end:
            return 1.0
        return ((today - self.start).days + 1) / self.days

    def shifted(self, steps: int) -> Period:
        """The period `steps` periods later (earlier when negative), of the same kind.

        Raises NoSuchPeriod (one line) beyond the calendar: after 9999-Q4, before 1900.
        """
        try:
            return self._shifted(steps)
        except (ValueError, OverflowError):
            where = "after" if steps > 0 else "before"
            raise NoSuchPeriod(f"there is no period {where} {self.name}", field="period"
                               ) from None

    def _shifted(self, steps: int) -> Period:
        if m := _QUARTER.match(self.name):
            index = int(m[1]) * 4 + int(m[2]) - 1 + steps
            return Period.parse(f"{index // 4}-Q{index % 4 + 1}")
        if m := _HALF.match(self.name):
            index = int(m[1]) * 2 + int(m[2]) - 1 + steps
            return Period.parse(f"{index // 2}-H{index % 2 + 1}")
        if _YEAR.match(self.name):
            return Period.parse(str(int(self.name) + steps))
        length = timedelta(days=self.days)
        start = self.start + length * steps
        return Period(start, start + length - timedelta(days=1),
                      f"{start.isoformat()}..{(start + length - timedelta(days=1)).isoformat()}")


def period_sort_key(name: str) -> tuple[date, int]:
    """Periods in time order; at the same start, the shorter one first."""
    period = Period.parse(name)
    return period.start, period.days


def current_period(names: Iterable[str], today: date) -> Period:
    """The period on show when none is named (the dashboard's, the report's, the status
    line's): the shortest period with objectives that contains today, so that a team
    running quarters inside a yearly plan sees the quarter; else the quarter of today."""
    running = [p for p in map(Period.parse, names) if p.contains(today)]
    if running:
        return min(running, key=lambda p: (p.days, p.start, p.name))
    return Period.quarter_of(today)


def step_period(current: Period, names: Iterable[str], step: int) -> Period:
    """The previous (-1) or next (1) period from `current`: the next one that has
    objectives (`names`), else the next of the same kind (so you can plan next quarter)."""
    known = sorted(set(names) | {current.name}, key=period_sort_key)
    index = known.index(current.name) + step
    if 0 <= index < len(known):
        return Period.parse(known[index])
    return current.shifted(step)


def next_period(name: str) -> str:
    """The period after `name`, of the same kind (2026-Q4 -> 2027-Q1), whether or not it
    has objectives: where carry-over puts its drafts."""
    return parse_period(name).shifted(1).name


def canonical_period(text: str) -> str:
    """Validate a period string and return its canonical spelling."""
    return Period.parse(text).name


def parse_period(text: str, field: str = "period") -> Period:
    """Period.parse for the services: a bad period is a one-line InvalidInput on `field`."""
    try:
        return Period.parse(text)
    except ValueError as exc:
        raise InvalidInput(str(exc), field=field) from None
