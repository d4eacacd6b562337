"""The bundled sample workspace, built through the services like any user's data.

It is built fresh for a given day, so `okrtui --demo` always opens on a live quarter,
and deterministically (seeded ids, a clock that only moves where we say), so snapshot
tests see the same screen every run. Content comes from the examples in the OKR
literature: company, sales, marketing, customer service, product and personal goals.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from pathlib import Path

from okrtui.domain.records.periods import Period
from okrtui.services import Services

# objective title, owner, team, level, committed, parent index, key results
# key result: title, kind, start, target, unit, pace (1.0 = exactly on schedule by today)
OBJECTIVES: list[tuple] = [
    ("Increase our turnover by 25% in 12 months", "alice", "Leadership", "company", False, None, [
        ("Acquire 10 new clients", "metric", 0, 10, "clients", 1.1),
        ("Raise customer retention to 95%", "metric", 88, 95, "%", 0.85),
        ("Increase leads by 15%", "metric", 400, 460, "leads", 0.95),
        ("Attend 4 on-site events", "metric", 0, 4, "events", 0.6),
    ]),
    ("Increase revenue by 10%", "bob", "Sales", "team", True, 0, [
        ("Attract 50 new potential customers", "metric", 0, 50, "prospects", 1.2),
        ("Acquire 20 new customers", "metric", 0, 20, "customers", 0.9),
        ("Raise customer retention to 70%", "metric", 62, 70, "%", 0.55),
    ]),
    ("Increase blog traffic by 25%", "carol", "Marketing", "team", False, 0, [
        ("Grow blog subscribers from 3,000 to 4,150", "metric", 3000, 4150, "subscribers", 1.0),
        ("Be referenced in 3 top industry articles", "metric", 0, 3, "articles", 0.9),
        ("Publish 100 blog posts", "metric", 0, 100, "posts", 1.15),
    ]),
    ("Enhance customer satisfaction through faster service", "dave", "Support", "team", True, 0, [
        ("Reduce average response time from 40 to 28 min", "metric", 40, 28, "min", 0.95),
        ("Reach a 95% satisfaction score", "metric", 89, 95, "%", 0.6),
        ("Keep ticket backlog below 30", "below", 0, 30, "tickets", 1.0),
    ]),
    ("Launch a new AI-powered product", "erin", "Product", "team", False, None, [
        ("Develop and test the prototype", "milestone", 0, 1, "", 0.0),
        ("Sign 10 partnerships", "metric", 0, 10, "partners", 0.4),
        ("Secure $500,000 in pre-orders", "metric", 0, 500000, "$", 0.3),
    ]),
    ("Increase online presence and following by 30%", "carol", "Marketing", "personal", False,
     2, [
        ("Post 5 times a day on two platforms", "above", 0, 5, "posts/day", 1.0),
        ("Gain 30 followers on Mastodon", "metric", 0, 30, "followers", 1.3),
        ("Gain 20 followers on LinkedIn", "metric", 0, 20, "followers", 0.7),
    ]),
]

# name, unit, owner, direction, green, red, cadence, type, start value, drift per week
KPIS: list[tuple] = [
    ("Average response time", "min", "dave", "lower", 30, 45, "weekly", "lagging", 41, -0.9),
    ("Customer satisfaction score", "%", "dave", "higher", 92, 85, "monthly", "lagging", 88, 0.4),
    ("Web traffic", "visits/day", "carol", "higher", 5000, 3500, "daily", "leading", 3900, 90),
    ("Uptime", "%", "erin", "higher", 99.9, 99.5, "weekly", "lagging", 99.93, 0.0),
    ("Gross profit margin", "%", "alice", "higher", 40, 30, "monthly", "lagging", 33, 0.2),
    ("New inbound leads", "leads/week", "bob", "higher", 60, 40, "weekly", "leading", 45, 0.8),
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


def build(path: Path, today: dt.date, *, seed: int = 7) -> Path:
    """Write the sample workspace for `today` into `path` (which must not exist yet)."""
    rng = random.Random(seed)
    period = Period.quarter_of(today)
    start = dt.datetime.combine(period.start, dt.time(9, 0), dt.UTC)
    clock = _Clock(start - dt.timedelta(days=7))

    def new_id() -> str:
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    services = Services.open(path, "alice", clock, new_id, keep_backups=0)
    objectives: list[str] = []
    weeks = max(1, (today - period.start).days // 7)
    elapsed = period.elapsed(today)
    for title, owner, team, level, committed, parent, krs in OBJECTIVES:
        services.user = owner
        # Every objective and key result is planned the week before the quarter (a key
        # result's staleness counts from its creation when it has no check-in).
        clock.now = start - dt.timedelta(days=7)
        obj = services.add_objective(
            title, period.name, owner=owner, team=team, level=level, committed=committed,
            parent_id=objectives[parent] if parent is not None else None,
        )
        objectives.append(obj.id)
        for kr_title, kind, kr_start, target, unit, pace in krs:
            clock.now = start - dt.timedelta(days=7)
            kr = services.add_key_result(obj.id, kr_title, kind=kind, start=kr_start,
                                         target=target, unit=unit, owner=owner)
            if kind == "milestone":
                continue
            stale = owner == "erin"  # one owner forgot to check in: the dashboard says so
            last_week = weeks - 3 if stale else weeks
            for week in range(1, last_week + 1):
                clock.now = start + dt.timedelta(days=7 * week - 3, hours=rng.randint(0, 8))
                if clock.now.date() > today:
                    break
                share = pace * week / weeks * elapsed if kind == "metric" else 1.0
                noise = rng.uniform(-0.03, 0.03) if kind == "metric" else 0.0
                value = kr_start + (target - kr_start) * max(0.0, share + noise)
                if kind == "below":
                    value = target - rng.randint(3, 9)
                if kind == "above":
                    value = target + rng.choice((0, 1))
                value = round(value, 1) if unit == "%" else round(value)
                services.check_in(kr.id, value, confidence=rng.randint(5, 9),
                                  note=rng.choice(CONFIDENCE_NOTES))
    services.user = "alice"
    for name, unit, owner, direction, green, red, cadence, kind, first, drift in KPIS:
        clock.now = start - dt.timedelta(days=84)
        kpi = services.add_kpi(name, unit=unit, owner=owner, direction=direction, green=green,
                               red=red, cadence=cadence, type=kind)
        for week in range(-12, weeks + 1):
            day = period.start + dt.timedelta(days=7 * week)
            if day > today:
                break
            clock.now = dt.datetime.combine(day, dt.time(17, 0), dt.UTC)
            value = first + drift * (week + 12) + rng.uniform(-abs(drift) - 0.02, abs(drift) + 0.02)
            services.record_kpi(kpi.id, round(value, 2), day)
    return path
