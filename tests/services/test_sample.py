"""The demo's sample workspace shows a mix of every status on any day of any quarter:
on track, at risk, off track, exactly one stale key result, and a done milestone; and
the demo's user always has a key result due, so `c` opens on something to check in."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from okrtui import sample
from okrtui.domain.records.periods import Period
from okrtui.domain.records.workspace import Workspace
from okrtui.domain.scoring.due import checkin_queue
from okrtui.domain.scoring.views import objective_scores
from okrtui.services import Services
from okrtui.store import Store


def _statuses(ws: Workspace, today: dt.date) -> tuple[Counter[str], list[str]]:
    scores = [k for s in objective_scores(ws, today) for k in s.key_results]
    milestones = [k.status for k in scores if k.kr.kind == "milestone"]
    return Counter(k.status for k in scores), milestones


def test_every_day_of_a_year_shows_the_whole_mix() -> None:
    # In memory and without the KPIs (which no key result's status reads): a year of
    # days in seconds. A leap year, so that every day of the year and every quarter's
    # every day are both covered.
    start = dt.date(2028, 1, 1)
    for n in range(366):
        today = start + dt.timedelta(days=n)
        services = sample.sample_services(Path("never-written.json"), today)
        ws = Workspace()
        sample.populate(services, ws, today, kpis=False)
        counts, milestones = _statuses(ws, today)
        mix = {s: counts[s] for s in ("on track", "at risk", "off track", "stale")}
        assert all(mix.values()) and mix["stale"] == 1, (today, dict(counts))
        assert milestones == ["done"], today
        # The queue `c` opens for the demo's user starts on a key result due today.
        queue = checkin_queue(ws, today, Period.quarter_of(today).name, sample.USER)
        assert queue and queue[0].due is not None, today
        # The objective screen opens on alice's first key result: 3 of 5 initiatives
        # done, none ticked after today or before it was added.
        first = ws.key_results(ws.objectives(owner=sample.USER)[0].id)[0]
        work = ws.initiatives(first.id)
        done = [i for i in work if i.done]
        assert (len(work), len(done)) == (5, 3), today
        assert all(i.created_at < i.done_at and i.done_at.date() <= today
                   for i in done if i.done_at is not None), today


def test_the_file_holds_what_was_planned_and_opens_as_any_workspace(tmp_path: Path) -> None:
    today = dt.date(2026, 11, 22)
    path = sample.build(tmp_path / "sample.json", today)
    ws = Services(Store(path), "alice").workspace()
    planned = Workspace()
    sample.populate(sample.sample_services(tmp_path / "x.json", today), planned, today)
    assert _statuses(ws, today) == _statuses(planned, today)
    assert {t: len(ws.tables.get(t, {})) for t in ("objectives", "key_results", "kpis")} == {
        "objectives": 6, "key_results": 19, "kpis": 6}
    # Nothing is dated after the day it is built for: the demo's "latest" is real.
    assert max(c["at"] for c in ws.tables["checkins"].values()) < "2026-11-22"
    assert max(m["date"] for m in ws.tables["measurements"].values()) <= "2026-11-22"
    # The same day gives the same bytes (snapshots depend on it).
    again = sample.build(tmp_path / "again.json", today)
    assert again.read_bytes() == path.read_bytes()
