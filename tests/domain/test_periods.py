"""Periods as people type them: quarters, halves, years and date ranges, and the refusals."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from okrtui.domain.records.errors import InvalidInput
from okrtui.domain.records.periods import (
    Period,
    canonical_period,
    current_period,
    parse_period,
    period_sort_key,
    step_period,
)

D = dt.date


@pytest.mark.parametrize(
    ("text", "start", "end", "days", "name"),
    [
        ("2026-Q4", D(2026, 10, 1), D(2026, 12, 31), 92, "2026-Q4"),
        ("2026-Q1", D(2026, 1, 1), D(2026, 3, 31), 90, "2026-Q1"),
        ("2028-Q1", D(2028, 1, 1), D(2028, 3, 31), 91, "2028-Q1"),  # leap year
        ("2026q2", D(2026, 4, 1), D(2026, 6, 30), 91, "2026-Q2"),  # sloppy spelling
        ("2026-H1", D(2026, 1, 1), D(2026, 6, 30), 181, "2026-H1"),
        ("2026h2", D(2026, 7, 1), D(2026, 12, 31), 184, "2026-H2"),
        ("2026", D(2026, 1, 1), D(2026, 12, 31), 365, "2026"),
        (" 2028 ", D(2028, 1, 1), D(2028, 12, 31), 366, "2028"),
        ("2026-10-01..2026-12-31", D(2026, 10, 1), D(2026, 12, 31), 92,
         "2026-10-01..2026-12-31"),
        ("2026-11-22..2026-11-22", D(2026, 11, 22), D(2026, 11, 22), 1,
         "2026-11-22..2026-11-22"),
    ],
)
def test_parse(text: str, start: dt.date, end: dt.date, days: int, name: str) -> None:
    period = Period.parse(text)
    assert (period.start, period.end, period.days, period.name) == (start, end, days, name)
    assert str(period) == name
    assert canonical_period(text) == name
    # The canonical name is what the file stores: it must parse back to the same period.
    assert Period.parse(name) == period


def test_contains_includes_both_ends() -> None:
    q4 = Period.parse("2026-Q4")
    assert q4.contains(D(2026, 10, 1)) and q4.contains(D(2026, 12, 31))
    assert q4.contains(D(2026, 11, 22))
    assert not q4.contains(D(2026, 9, 30)) and not q4.contains(D(2027, 1, 1))


def test_elapsed_counts_today_as_gone() -> None:
    q4 = Period.parse("2026-Q4")  # 92 days
    assert q4.elapsed(D(2026, 9, 30)) == 0.0
    assert q4.elapsed(D(2026, 10, 1)) == pytest.approx(1 / 92)
    assert q4.elapsed(D(2026, 11, 15)) == pytest.approx(46 / 92)
    assert q4.elapsed(D(2026, 12, 31)) == 1.0
    assert q4.elapsed(D(2027, 3, 1)) == 1.0
    one_day = Period.parse("2026-11-22..2026-11-22")
    assert one_day.elapsed(D(2026, 11, 21)) == 0.0
    assert one_day.elapsed(D(2026, 11, 22)) == 1.0


@pytest.mark.parametrize(
    ("day", "quarter"),
    [(D(2026, 1, 1), "2026-Q1"), (D(2026, 3, 31), "2026-Q1"), (D(2026, 4, 1), "2026-Q2"),
     (D(2026, 9, 30), "2026-Q3"), (D(2026, 11, 22), "2026-Q4"), (D(2026, 12, 31), "2026-Q4")],
)
def test_quarter_of(day: dt.date, quarter: str) -> None:
    assert Period.quarter_of(day).name == quarter
    assert Period.quarter_of(day).contains(day)


@pytest.mark.parametrize(
    ("name", "steps", "expected"),
    [
        ("2026-Q4", 1, "2027-Q1"),
        ("2026-Q1", -1, "2025-Q4"),
        ("2026-Q2", 4, "2027-Q2"),
        ("2026-Q3", 0, "2026-Q3"),
        ("2026-H2", 1, "2027-H1"),
        ("2026-H1", -1, "2025-H2"),
        ("2026", 1, "2027"),
        ("2026", -2, "2024"),
        # A custom range moves by its own length, directly after itself.
        ("2026-11-01..2026-11-14", 1, "2026-11-15..2026-11-28"),
        ("2026-11-15..2026-11-28", -1, "2026-11-01..2026-11-14"),
    ],
)
def test_shifted(name: str, steps: int, expected: str) -> None:
    shifted = Period.parse(name).shifted(steps)
    assert shifted.name == expected
    assert shifted == Period.parse(expected)


def test_next_period_starts_the_day_after() -> None:
    for name in ("2026-Q1", "2026-Q4", "2026-H1", "2026-H2", "2026", "2026-02-20..2026-03-05"):
        period = Period.parse(name)
        following = period.shifted(1)
        assert following.start == period.end + dt.timedelta(days=1), name


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2026-Q5", "is not a period"),
        ("2026-Q0", "is not a period"),
        ("2026-H3", "is not a period"),
        ("2026-13-01..2026-12-31", "has an impossible date"),
        ("2026-02-30..2026-03-31", "has an impossible date"),
        ("2026-12-31..2026-10-01", "ends before it starts"),
        ("next quarter", "is not a period"),
        ("", "is not a period"),
        ("2026-10-01..", "is not a period"),
        ("26-Q4", "is not a period"),
        ("1899", "1899 is not a plausible year"),
    ],
)
def test_refusals_are_one_line_naming_the_input(text: str, words: str) -> None:
    with pytest.raises(ValueError, match=words) as info:
        Period.parse(text)
    message = str(info.value)
    assert "\n" not in message
    assert f"'{text.strip()}'" in message


@pytest.mark.parametrize("text", ["0000-Q1", "0999-Q1", "0100-H2", "0000-H1"])
def test_implausible_years_are_refused_in_every_form(text: str) -> None:
    # "0999-Q1" used to canonicalise to "999-Q1", which does not parse back: the person
    # was told "'999-Q1' is not a period", and "0000-Q1" gave Python's "year 0 is out of
    # range". Plain years were already checked; quarters and halves now are too.
    with pytest.raises(ValueError, match=r"^.*: \d{4} is not a plausible year$") as info:
        Period.parse(text)
    assert f"'{text}'" in str(info.value)


def test_parse_period_names_the_field() -> None:
    with pytest.raises(InvalidInput) as info:
        parse_period("2026-Q5", field="to")
    assert info.value.field == "to"
    assert str(info.value).startswith("to: '2026-Q5' is not a period (use 2026-Q4")
    assert parse_period("2026-q4").name == "2026-Q4"


def test_periods_sort_by_start() -> None:
    names = ["2027-Q1", "2026", "2026-Q4", "2026-H2"]
    ordered = sorted(Period.parse(n) for n in names)
    assert [p.name for p in ordered] == ["2026", "2026-H2", "2026-Q4", "2027-Q1"]


# ---- the current period and stepping, one rule for the dashboard, report and status ----

_names = st.lists(st.sampled_from([
    "2026-Q3", "2026-Q4", "2027-Q1", "2026-H2", "2026", "2027", "2026-11-01..2026-11-30",
    "2026-10-15..2027-01-14", "2026-09-15..2026-12-15"]), max_size=6)
_days = st.dates(min_value=D(2026, 6, 1), max_value=D(2027, 6, 30))


@given(names=_names, today=_days)
def test_the_current_period_is_the_shortest_running_one_else_todays_quarter(
        names: list[str], today: dt.date) -> None:
    got = current_period(names, today)
    running = [Period.parse(n) for n in names if Period.parse(n).contains(today)]
    if running:
        assert got in running and got.days == min(p.days for p in running)
    else:
        assert got == Period.quarter_of(today)
    # The report and the status line ask the same function as the dashboard does.
    assert current_period(list(reversed(names)), today) == got


def test_a_quarter_inside_a_yearly_plan_is_the_current_period() -> None:
    assert current_period(["2026", "2026-Q4"], D(2026, 11, 22)).name == "2026-Q4"
    assert current_period(["2026"], D(2026, 11, 22)).name == "2026"
    assert current_period(["2026-Q3"], D(2026, 11, 22)).name == "2026-Q4"
    # Of two running periods of one length, the one that starts first (the report used to
    # choose by name, and took the range: "2026-1" sorts before "2026-Q").
    both = ["2026-10-02..2027-01-01", "2026-Q4"]
    assert current_period(both, D(2026, 11, 22)).name == "2026-Q4"


def test_stepping_goes_to_the_next_period_with_objectives_else_the_next_of_its_kind() -> None:
    q4 = Period.parse("2026-Q4")
    names = ["2026-Q3", "2026-Q4", "2026", "2027-Q2"]
    assert step_period(q4, names, 1).name == "2027-Q2"
    assert step_period(q4, names, -1).name == "2026-Q3"
    assert step_period(Period.parse("2027-Q2"), names, 1).name == "2027-Q3"
    assert step_period(Period.parse("2026-Q3"), [], -1).name == "2026-Q2"
    assert sorted(names, key=period_sort_key) == ["2026", "2026-Q3", "2026-Q4", "2027-Q2"]
