"""Use case of sources: pull the numbers that live elsewhere into check-ins and KPI values.

Every source runs (in parallel, each in its own shell with a timeout and no stdin), then
one transaction records every number that changed: a check-in for a key result, a
measurement for a KPI, by the user, with a note naming the source. A source that fails
changes nothing for itself and nothing for the others.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from okrtui.domain.plans.checkins import plan_check_in
from okrtui.domain.plans.kpis import plan_record_kpi
from okrtui.domain.records.errors import OkrError
from okrtui.domain.records.workspace import Workspace
from okrtui.domain.sources.readings import (
    Reading,
    SourceKey,
    parse_key,
    reading_for,
    resolve_key,
    shown,
    source_note,
)
from okrtui.services.checkins import CheckInUseCases
from okrtui.services.kpis import KpiUseCases
from okrtui.services.pullstate import LastPull, last_pulls, note_pulls
from okrtui.services.runner import Finished, run_command

DEFAULT_TIMEOUT = 60.0
PARALLEL = 4

Runner = Callable[[str, float], Finished]


@dataclass(frozen=True)
class SourceResult:
    """What came of one source: recorded, unchanged, or failed (and why)."""

    key: str
    command: str
    outcome: str  # "recorded", "unchanged" or "failed"
    message: str = ""
    reading: Reading | None = None
    record_id: str | None = None  # the check-in or measurement recorded

    @property
    def failed(self) -> bool:
        """Whether the source failed."""
        return self.outcome == "failed"


@dataclass(frozen=True)
class SourceStatus:
    """A declared source: the record it feeds (or why none) and how its last pull went."""

    key: str
    command: str
    table: str
    record_id: str | None
    title: str
    problem: str = ""  # why the key names no record
    last: LastPull | None = None


@dataclass(frozen=True)
class PullReport:
    """What a pull did (or, with `dry_run`, would do), one result per source, in order."""

    results: tuple[SourceResult, ...]
    dry_run: bool = False

    @property
    def failed(self) -> tuple[SourceResult, ...]:
        """The sources that failed."""
        return tuple(r for r in self.results if r.failed)


class PullUseCases(KpiUseCases, CheckInUseCases):
    """Use case of sources: pull the numbers that live elsewhere."""

    def pull(self, sources: Mapping[str, str], *, timeout: float = DEFAULT_TIMEOUT,
             dry_run: bool = False, run: Runner = run_command) -> PullReport:
        """Run every source and record what changed, in one transaction.

        `sources` maps a key (`9c1e`, or `kpi:51d0` for a KPI) to a shell command. A value
        equal to the record's last one records nothing; `dry_run` runs the sources and
        says what would be recorded, writing nothing (not even when they last ran).
        """
        keys = {key: parse_key(key) for key in sources}
        snapshot = self.workspace()
        failed: dict[str, str] = {}
        runnable: list[str] = []
        for key, source in keys.items():
            try:
                resolve_key(snapshot, source)  # an unknown id: no need to run the command
                runnable.append(key)
            except OkrError as exc:
                failed[key] = str(exc.message)
        from concurrent.futures import ThreadPoolExecutor  # only when pulling

        with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
            done = dict(zip(runnable, pool.map(lambda k: run(sources[k], timeout), runnable),
                            strict=True))
        outputs: dict[str, str] = {}
        for key, finished in done.items():
            problem = _problem(finished, timeout)
            if problem:
                failed[key] = problem
            else:
                outputs[key] = finished.stdout
        results: dict[str, SourceResult] = {
            key: SourceResult(key, sources[key], "failed", message)
            for key, message in failed.items()}
        if outputs:
            if dry_run:
                results.update(self._readings(snapshot, keys, sources, outputs, record=False))
            else:
                with self.store.transaction() as ws:
                    results.update(self._readings(ws, keys, sources, outputs, record=True))
        report = PullReport(tuple(results[key] for key in sources), dry_run)
        if not dry_run:
            now = self.clock()
            note_pulls(self.path, [(r.key, LastPull(
                now, r.outcome, r.message, r.reading.value if r.reading else None))
                for r in report.results])
        return report

    def last_pulls(self) -> dict[str, LastPull]:
        """When each source of this workspace was last pulled, by source key."""
        return last_pulls(self.path)

    def source_statuses(self, sources: Mapping[str, str]) -> list[SourceStatus]:
        """Each declared source, the record it feeds and its last pull, in order (what the
        TUI marks on a key result or KPI, and `okrtui pull --list` prints)."""
        ws = self.workspace()
        pulls = self.last_pulls()
        out: list[SourceStatus] = []
        for key, command in sources.items():
            source = parse_key(key)
            try:
                record_id = resolve_key(ws, source)
            except OkrError as exc:
                out.append(SourceStatus(key, command, source.table, None, "",
                                        str(exc.message), pulls.get(key)))
                continue
            raw = ws.raw(source.table, record_id) or {}
            title = shown(str(raw.get("name") or raw.get("title") or ""), 60)
            out.append(SourceStatus(key, command, source.table, record_id, title, "",
                                    pulls.get(key)))
        return out

    def _readings(self, ws: Workspace, keys: Mapping[str, SourceKey],
                  sources: Mapping[str, str], outputs: Mapping[str, str], *,
                  record: bool) -> dict[str, SourceResult]:
        out: dict[str, SourceResult] = {}
        for key, output in outputs.items():
            source = keys[key]
            try:
                reading = reading_for(ws, source, output)
                if reading.unchanged:
                    out[key] = SourceResult(key, sources[key], "unchanged", reading=reading)
                    continue
                note = source_note(source, sources[key])
                record_id = self._record(ws, reading, note) if record else None
            except OkrError as exc:
                out[key] = SourceResult(key, sources[key], "failed", str(exc.message))
                continue
            out[key] = SourceResult(key, sources[key], "recorded", reading=reading,
                                    record_id=record_id)
        return out

    def _record(self, ws: Workspace, reading: Reading, note: str) -> str:
        """Check the reading's record through the use case's own rules, then insert it."""
        if reading.table == "kpis":
            measurement = plan_record_kpi(ws, self.actor(), reading.record_id, reading.value,
                                          note=note)
            ws.insert("measurements", measurement)
            return measurement.id
        last = ws.latest_checkin(reading.record_id)
        # A number from a source says nothing about the owner's confidence: the last one
        # they gave still holds.
        checkin = plan_check_in(ws, self.actor(), reading.record_id, reading.value, note=note,
                                confidence=last.confidence if last else None).checkin
        ws.insert("checkins", checkin)
        return checkin.id


def source_line(status: SourceStatus, moment: Callable[[dt.datetime], str]) -> str:
    """A source's status in one line, for a screen: "from the source '9c1e' · pulled Nov
    21 14:02: recorded 12" (`moment` writes a time as the screen does)."""
    head = f"from the source {shown(status.key, 40)!r}"
    last = status.last
    if last is None:
        return f"{head} · never pulled (shift+p pulls now)"
    if last.outcome == "failed":
        good = f"; last good {moment(last.ok_at)}" if last.ok_at else ""
        return f"{head} · failed {moment(last.at)}: {last.message}{good}"
    value = "" if last.value is None else f" {last.value:g}"
    return f"{head} · pulled {moment(last.at)}: {last.outcome}{value}"


def _problem(finished: Finished, timeout: float) -> str:
    """Why a finished command gives no number, or "" when it ran well."""
    if finished.timed_out:
        return f"timed out after {timeout:g} s"
    if finished.status is not None and finished.status < 0:
        return f"was killed by signal {-finished.status}"
    if finished.status:
        said = [line for line in finished.stderr.splitlines() if line.strip()]
        detail = f": {shown(said[-1])}" if said else ""
        return f"exited with status {finished.status}{detail}"
    return ""


__all__ = ["DEFAULT_TIMEOUT", "PullReport", "PullUseCases", "SourceResult", "SourceStatus",
           "source_line"]
