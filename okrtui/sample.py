"""The bundled sample workspace, built through the same checks as any user's data.

It is built fresh for a given day, so `okrtui --demo` always opens on a live quarter with
a mix of every status, whatever the day: check-ins are dated back from that day (the last
one yesterday, or in the planning week when the quarter starts today), not forward from
the quarter's start, so the demo never opens all stale. Its statuses come from each key
result's pace and its owner's confidence:

- on track: a pace at or a little behind schedule, confident owners;
- at risk: a worried owner (confidence 5), or a pace a little behind;
- off track: an owner who says so (confidence 2);
- stale: one key result whose owner stopped checking in two weeks before today;
- done: the product prototype, a milestone marked done;
- due: one key result of the demo's user (alice) last checked in a week ago, so my
  check-ins (`c`) always open on one that is due;
- initiatives: five under alice's first key result, three of them done.

It is deterministic (seeded ids and noise, a clock that only moves where the builder
says), so snapshot tests see the same screen every run, and quick: every record goes
through the services' checks on one workspace in memory, written in one transaction.
Content comes from the examples in the OKR literature.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from pathlib import Path

from okrtui.domain.plans.checkins import plan_check_in
from okrtui.domain.plans.initiatives import plan_add_initiative, plan_edit_initiative
from okrtui.domain.plans.key_results import plan_add_key_result
from okrtui.domain.plans.kpis import plan_add_kpi, plan_record_kpi
from okrtui.domain.plans.objectives import plan_add_objective
from okrtui.domain.records.periods import Period
from okrtui.domain.records.workspace import Workspace
from okrtui.services import Services

USER = "alice"
"""Who the demo runs as (unless `--user` says otherwise), and who the sample is saved by."""

# objective title, owner, team, level, committed, parent index, key results
# key result: title, kind, start, target, unit, pace, confidence
#   pace: progress as a share of the time gone (1.0 = exactly on schedule);
#   confidence: the owner's confidence at each check-in (0-10).
OBJECTIVES: list[tuple] = [
    ("Increase our turnover by 25% in 12 months", "alice", "Leadership", "company", False, None, [
        ("Acquire 10 new clients", "metric", 0, 10, "clients", 1.0, 8),
        ("Raise customer retention to 95%", "metric", 88, 95, "%", 0.85, 6),
        ("Increase leads by 15%", "metric", 400, 460, "leads", 0.95, 7),
        ("Attend 4 on-site events", "metric", 0, 4, "events", 0.6, 5),
    ]),
    ("Increase revenue by 10%", "bob", "Sales", "team", True, 0, [
        ("Attract 50 new potential customers", "metric", 0, 50, "prospects", 1.0, 9),
        ("Acquire 20 new customers", "metric", 0, 20, "customers", 0.9, 7),
        ("Raise customer retention to 70%", "metric", 62, 70, "%", 0.55, 2),
    ]),
    ("Increase blog traffic by 25%", "carol", "Marketing", "team", False, 0, [
        ("Grow blog subscribers from 3,000 to 4,150", "metric", 3000, 4150, "subscribers",
         0.97, 8),
        ("Be referenced in 3 top industry articles", "metric", 0, 3, "articles", 0.9, 7),
        ("Publish 100 blog posts", "metric", 0, 100, "posts", 1.0, 8),
    ]),
    ("Enhance customer satisfaction through faster service", "dave", "Support", "team", True, 0, [
        ("Reduce average response time from 40 to 28 min", "metric", 40, 28, "min", 0.97, 8),
        ("Reach a 95% satisfaction score", "metric", 89, 95, "%", 0.85, 5),
        ("Keep ticket backlog below 30", "below", 0, 30, "tickets", 1.0, 8),
    ]),
    ("Launch a new AI-powered product", "erin", "Product", "team", False, None, [
        ("Develop and test the prototype", "milestone", 0, 1, "", 1.0, 9),
        ("Sign 10 partnerships", "metric", 0, 10, "partners", 0.4, 6),
        ("Secure $500,000 in pre-orders", "metric", 0, 500000, "$", 0.3, 2),
    ]),
    ("Increase online presence and following by 30%", "carol", "Marketing", "personal", False,
     2, [
        ("Post 5 times a day on two platforms", "above", 0, 5, "posts/day", 1.0, 8),
        ("Gain 30 followers on Mastodon", "metric", 0, 30, "followers", 1.0, 9),
        ("Gain 20 followers on LinkedIn", "metric", 0, 20, "followers", 0.7, 4),
    ]),
]
# The one key result whose owner stopped checking in: the dashboard says it is stale.
STALE = "Sign 10 partnerships"
STALE_GAP = 17  # days between its last check-in and today
# The demo user's key result last checked in a week ago: due today (not stale yet), so
# `c` (my check-ins) opens on something to check in, whatever the day.
DUE = "Attend 4 on-site events"
DUE_GAP = 7  # a weekly cadence: due on the day
PLANNING_DAYS = 14  # objectives are set this many days before the quarter starts
BASELINE_DAYS = 3  # the planning week's check-in of each key result, before the start

# name, unit, owner, direction, green, red, cadence, type, start value, drift per week
KPIS: list[tuple] = [
    ("Average response time", "min", "dave", "lower", 30, 45, "weekly", "lagging", 41, -0.9),
    ("Customer satisfaction score", "%", "dave", "higher", 92, 85, "monthly", "lagging", 88, 0.4),
    ("Web traffic", "visits/day", "carol", "higher", 5000, 3500, "daily", "leading", 3900, 90),
    ("Uptime", "%", "erin", "higher", 99.9, 99.5, "weekly", "lagging", 99.93, 0.0),
    ("Gross profit margin", "%", "alice", "higher", 40, 30, "monthly", "lagging", 33, 0.2),
    ("New inbound leads", "leads/week", "bob", "higher", 60, 40, "weekly", "leading", 45, 0.8),
]

# The work under alice's first key result (initiatives do not count towards the score):
# key result, title, owner, days before today it was ticked (None: not done yet).
INITIATIVES: list[tuple[str, str, str, int | None]] = [
    ("Acquire 10 new clients", "Run the partner webinar series", "alice", 40),
    ("Acquire 10 new clients", "Call every lapsed client from 2025", "bob", 26),
    ("Acquire 10 new clients", "Publish three case studies", "alice", 12),
    ("Acquire 10 new clients", "Hire a second account executive", "carol", None),
    ("Acquire 10 new clients", "Launch the referral programme", "alice", None),
]

CONFIDENCE_NOTES = [
    "steady week", "pipeline looks healthy", "blocked on legal review",
    "two deals slipped to next month", "great response to the launch post",
    "holiday week, slower", "back on pace",
]


class _Clock:
    """A clock the builder moves by hand, so every record has a chosen time."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


def checkin_days(period: Period, today: dt.date, gap: int = 1,
                 since: dt.date | None = None) -> list[dt.date]:
    """The days a key result is checked in, oldest first: weekly back from `gap` days
    before today, down to `since` (the period's start); without any (the quarter starts
    today), none."""
    days: list[dt.date] = []
    day = today - dt.timedelta(days=gap)
    first = period.start if since is None else since
    while day >= first:
        days.append(day)
        day -= dt.timedelta(days=7)
    return days[::-1]


def _at(day: dt.date, rng: random.Random) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(9 + rng.randint(0, 8), rng.randint(0, 59)), dt.UTC)


def populate(services: Services, ws: Workspace, today: dt.date, *, seed: int = 7,
             kpis: bool = True) -> None:
    """Put the sample for `today` into `ws`, each record checked as the services check
    it, as its owner and at its own time (`services`' clock must be a `_Clock`)."""
    clock = services.clock
    assert isinstance(clock, _Clock)
    rng = random.Random(seed)
    period = Period.quarter_of(today)
    start = dt.datetime.combine(period.start, dt.time(9, 0), dt.UTC)
    planned = start - dt.timedelta(days=PLANNING_DAYS)
    objectives: list[str] = []
    for title, owner, team, level, committed, parent, krs in OBJECTIVES:
        services.user = owner
        clock.now = planned
        objective = plan_add_objective(
            ws, services.actor(), title, period.name, owner=owner, team=team, level=level,
            committed=committed, parent_id=objectives[parent] if parent is not None else None)
        ws.put("objectives", objective)
        objectives.append(objective.id)
        for kr_title, kind, kr_start, target, unit, pace, confidence in krs:
            clock.now = planned
            kr = plan_add_key_result(ws, services.actor(), objective.id, kr_title,
                                           kind=kind, start=kr_start, target=target,
                                           unit=unit, owner=owner)
            ws.put("key_results", kr)
            stale, due = kr_title == STALE, kr_title == DUE
            baseline = period.start - dt.timedelta(
                days=PLANNING_DAYS - 2 if stale else BASELINE_DAYS)
            if due:
                # Weekly back from a week ago, into the planning week: as many check-ins
                # as the others have, so that their noise stays as it was.
                weekly = checkin_days(period, today, DUE_GAP,
                                      since=period.start - dt.timedelta(days=DUE_GAP - 1))
                baseline = min(baseline, (weekly[0] if weekly else today)
                               - dt.timedelta(days=DUE_GAP))
            else:
                weekly = checkin_days(period, today, STALE_GAP if stale else 1)
            days = [baseline, *weekly]
            for day in days:
                clock.now = _at(day, rng)
                value = _value(kind, kr_start, target, unit, pace, period, day,
                               day == baseline, day == days[-1], rng)
                checkin = plan_check_in(
                    ws, services.actor(), kr.id, value,
                    confidence=max(0, min(10, confidence + rng.choice(
                        (0, 0, 1) if confidence >= 7 else (0,)))),
                    note=rng.choice(CONFIDENCE_NOTES)).checkin
                ws.put("checkins", checkin)
    services.user = USER
    if kpis:
        _kpis(services, ws, period, today, rng)
    # Last, so that every other record keeps its seeded id.
    _initiatives(services, ws, planned, today)


def _initiatives(services: Services, ws: Workspace, planned: dt.datetime,
                 today: dt.date) -> None:
    """The initiatives, added at planning time by the key result's owner and ticked by
    their own owners (never before the day after planning, never after today)."""
    clock = services.clock
    assert isinstance(clock, _Clock)
    titles = {kr.title: kr for objective in ws.objectives()
              for kr in ws.key_results(objective.id)}
    for kr_title, title, owner, done_days in INITIATIVES:
        kr = titles[kr_title]
        services.user, clock.now = kr.owner or USER, planned
        made = plan_add_initiative(ws, services.actor(), kr.id, title, owner=owner)
        ws.put("initiatives", made)
        if done_days is not None:
            day = max(today - dt.timedelta(days=done_days),
                      planned.date() + dt.timedelta(days=1))
            services.user = owner
            clock.now = dt.datetime.combine(day, dt.time(16, 0), dt.UTC)
            ws.put("initiatives", plan_edit_initiative(ws, services.actor(), made.id,
                                                       {"done": True}))
    services.user = USER


def _value(kind: str, start: float, target: float, unit: str, pace: float, period: Period,
           day: dt.date, baseline: bool, last: bool, rng: random.Random) -> float:
    """The value checked in on `day`: on its pace through the period, with some noise (a
    milestone is marked done at its last check-in)."""
    if kind == "milestone":
        return 1.0 if last else 0.0
    if kind == "below":
        return target - rng.randint(3, 9)
    if kind == "above":
        return target + rng.choice((0, 1))
    share = 0.0 if baseline else max(0.0, pace * period.elapsed(day) + rng.uniform(-0.02, 0.02))
    value = start + (target - start) * min(share, 0.98)
    return round(value, 1) if unit == "%" else round(value)


def _kpis(services: Services, ws: Workspace, period: Period, today: dt.date,
          rng: random.Random) -> None:
    clock = services.clock
    assert isinstance(clock, _Clock)
    start = dt.datetime.combine(period.start, dt.time(9, 0), dt.UTC)
    for name, unit, owner, direction, green, red, cadence, kind, first, drift in KPIS:
        clock.now = start - dt.timedelta(days=91)
        kpi = plan_add_kpi(ws, services.actor(), name, unit=unit, owner=owner,
                                 direction=direction, green=green, red=red, cadence=cadence,
                                 type=kind)
        ws.put("kpis", kpi)
        # Weekly values for the 13 weeks before today and the day before yesterday.
        for weeks_back in range(13, -1, -1):
            day = today - dt.timedelta(days=7 * weeks_back + 2)
            clock.now = dt.datetime.combine(day, dt.time(17, 0), dt.UTC)
            step = 13 - weeks_back
            value = first + drift * step + rng.uniform(-abs(drift) - 0.02, abs(drift) + 0.02)
            ws.put("measurements", plan_record_kpi(ws, services.actor(), kpi.id,
                                                         round(value, 2), day))


def sample_services(path: Path, today: dt.date, *, seed: int = 7) -> Services:
    """Services on `path` whose clock and ids the sample builder controls."""
    rng = random.Random(seed * 7919)

    def new_id() -> str:
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    start = dt.datetime.combine(Period.quarter_of(today).start, dt.time(9, 0), dt.UTC)
    return Services.open(path, USER, _Clock(start), new_id, keep_backups=0)


def build(path: Path, today: dt.date, *, seed: int = 7) -> Path:
    """Write the sample workspace for `today` into `path` (which must not exist yet), in
    one transaction."""
    services = sample_services(path, today, seed=seed)
    with services.store.transaction() as ws:
        populate(services, ws, today, seed=seed)
    return path
