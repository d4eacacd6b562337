"""Write a realistic, deterministic workspace at team or org scale, through okrtui's store.

    python benchmarks/generate.py --scale team OUT.json

team: 25 owners, 8 quarters, 800 objectives, 3,200 key results, 13 check-ins per key
result (41,600), 30 KPIs with 730 daily measurements each. org: ten times that. The
last of the 8 quarters is the one `--today` falls in, so the dashboard opens on data.

The layout is the one eight quarters of real use leave: the records are written in one
transaction, then each of the seven past quarters is graded through okrtui's own
`grade` use case, which moves it into its year's archive, as it does for a team; the
KPI values older than the newest few went to the archives as they were recorded.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
import uuid
from pathlib import Path

from okrtui.domain.records.models import KPI, CheckIn, KeyResult, Measurement, Objective
from okrtui.domain.records.periods import Period
from okrtui.services import Services
from okrtui.store import Store

SCALES = {
    "team": {"owners": 25, "quarters": 8, "objectives_per_owner": 4, "krs": 4, "checkins": 13,
             "kpis": 30, "days": 730},
    "org": {"owners": 250, "quarters": 8, "objectives_per_owner": 4, "krs": 4, "checkins": 13,
            "kpis": 300, "days": 730},
}
VERBS = ["Grow", "Increase", "Reduce", "Launch", "Improve", "Expand", "Raise", "Cut"]
THINGS = ["revenue", "signups", "retention", "blog traffic", "NPS", "response time",
          "pipeline", "uptime", "conversion", "partnerships", "test coverage", "churn"]
KPI_NAMES = ["Gross profit margin", "Web traffic", "Average response time", "Uptime",
             "New inbound leads", "Customer acquisition cost", "Bounce rate", "Churn rate",
             "Conversion rate", "Open tickets"]


def generate(out: Path, scale: str, today: dt.date, seed: int = 42) -> dict[str, int]:
    """Write the workspace to `out` (replacing it) and return how many records of each kind."""
    cfg = SCALES[scale]
    rng = random.Random(seed)

    def new_id() -> str:
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    last = Period.quarter_of(today)
    quarters = [last.shifted(-n) for n in reversed(range(cfg["quarters"]))]
    owners = [f"owner{n:03d}" for n in range(cfg["owners"])]
    counts = dict.fromkeys(("objectives", "key_results", "checkins", "kpis", "measurements"), 0)
    if out.exists():
        out.unlink()
    store = Store(out, keep_backups=0)
    with store.transaction() as ws:
        for quarter in quarters:
            start = dt.datetime.combine(quarter.start, dt.time(9), dt.UTC)
            span = min(quarter.end, today) - quarter.start
            for owner in owners:
                for n in range(cfg["objectives_per_owner"]):
                    objective = Objective(
                        id=new_id(), title=f"{rng.choice(VERBS)} {rng.choice(THINGS)} "
                        f"({owner}, {quarter}, #{n + 1})", owner=owner,
                        team=f"team{int(owner[5:]) // 5:02d}", level="team",
                        period=quarter.name, created_at=start, updated_at=start,
                        updated_by=owner, created_by=owner)
                    ws.put("objectives", objective)
                    counts["objectives"] += 1
                    for k in range(cfg["krs"]):
                        target = float(rng.choice((10, 50, 100, 500, 1000)))
                        kr = KeyResult(
                            id=new_id(), objective_id=objective.id, title=f"Reach {target:g} "
                            f"{rng.choice(THINGS)}", owner=owner, start=0.0, target=target,
                            unit="units", position=k, created_at=start, updated_at=start,
                            updated_by=owner, created_by=owner)
                        ws.put("key_results", kr)
                        counts["key_results"] += 1
                        for c in range(cfg["checkins"]):
                            at = start + span * ((c + 1) / (cfg["checkins"] + 1))
                            value = round(target * (c + 1) / cfg["checkins"] * rng.uniform(.5, 1.1))
                            ws.put("checkins", CheckIn(
                                id=new_id(), kr_id=kr.id, value=value,
                                confidence=rng.randint(3, 9), note=rng.choice(("", "on it",
                                "slipping", "good week")), author=owner, at=at, updated_at=at,
                                updated_by=owner))
                            counts["checkins"] += 1
        first_day = today - dt.timedelta(days=cfg["days"] - 1)
        for n in range(cfg["kpis"]):
            owner = owners[n % len(owners)]
            created = dt.datetime.combine(first_day, dt.time(8), dt.UTC)
            kpi = KPI(id=new_id(), name=f"{KPI_NAMES[n % len(KPI_NAMES)]} {n + 1}",
                      unit="units", owner=owner, green=80.0, red=40.0, cadence="daily",
                      created_at=created, updated_at=created, updated_by=owner,
                      created_by=owner)
            ws.put("kpis", kpi)
            counts["kpis"] += 1
            value = rng.uniform(40, 80)
            for d in range(cfg["days"]):
                day = first_day + dt.timedelta(days=d)
                value = min(120.0, max(0.0, value + rng.uniform(-3, 3.2)))
                at = dt.datetime.combine(day, dt.time(18), dt.UTC)
                ws.put("measurements", Measurement(
                    id=new_id(), kpi_id=kpi.id, value=round(value, 2), date=day, author=owner,
                    at=at, updated_at=at, updated_by=owner))
                counts["measurements"] += 1
    grader = Services(Store(out, keep_backups=0), "generator",
                      clock=lambda: dt.datetime.combine(today, dt.time(17), dt.UTC))
    for quarter in quarters[:-1]:
        grader.grade_period(quarter.name)
    return counts


def main(argv: list[str] | None = None) -> int:
    """Command line of the generator."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="team")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today())
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    began = time.perf_counter()
    counts = generate(args.out, args.scale, args.today, args.seed)
    size = args.out.stat().st_size
    print(f"{args.out}: {size / 2**20:.1f} MiB, "
          + ", ".join(f"{v:,} {k}" for k, v in counts.items())
          + f" in {time.perf_counter() - began:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
