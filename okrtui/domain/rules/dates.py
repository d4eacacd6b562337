"""Nothing is dated in the future: one rule for check-ins, KPI values and imports.

"Latest" must always mean the most recent real value: a KPI value typed for next May
would otherwise drive the KPI's colour, sparkline and promotion until then. The rule is
about days, not seconds (a day that has not come), so a teammate's clock running a few
minutes ahead never makes their check-in unimportable.
"""

from __future__ import annotations

import datetime as dt

from okrtui.domain.records.errors import RuleViolation


def day_of(when: dt.date | dt.datetime, now: dt.datetime) -> dt.date:
    """The calendar day of `when` where `now` is (a date is its own day)."""
    if isinstance(when, dt.datetime):
        if when.tzinfo is None or now.tzinfo is None:
            return when.date()
        return when.astimezone(now.tzinfo).date()
    return when


def check_not_future(when: dt.date | dt.datetime, now: dt.datetime, *, what: str,
                     field: str = "date") -> None:
    """Refuse `when` (a date, or a moment) on a day after `now`'s day.

    `now` is the current moment in the person's own time zone, so "today" is their today;
    `what` names the record in the refusal ("a check-in", "a KPI value").
    """
    day = day_of(when, now)
    today = now.date()
    if day > today:
        raise RuleViolation(f"{what} cannot be dated {day.isoformat()}: that day has not "
                            f"come yet (today is {today.isoformat()})", field=field)
