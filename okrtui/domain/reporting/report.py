"""The weekly review and the end-of-period summary, as data, Markdown, JSON and CSV.

The weekly review, per objective: its score and status, what changed in the last seven
days (the check-ins and how far the score moved), the key results gone stale; then the
KPIs out of the green. The summary counts how the key results ended (or stand, while the
period runs) on the grading colours: 0.0-0.3 red, 0.4-0.6 yellow, 0.7-1.0 green.

Markdown is meant to be pasted into a wiki or a pull request, so every piece of user text
goes through `md_escape`: it reads literally there, and a table cell never breaks its
table.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from okrtui.domain.records.models import KPI, CheckIn, Measurement, Objective
from okrtui.domain.records.periods import Period, current_period, parse_period
from okrtui.domain.records.workspace import Workspace
from okrtui.domain.reporting.exchange import write_csv
from okrtui.domain.reporting.history import done_words
from okrtui.domain.reporting.initiatives import (
    DoneInitiative,
    done_between,
    done_json,
    done_markdown,
)
from okrtui.domain.reporting.markdown import md_escape, md_quote
from okrtui.domain.scoring.grades import grade_rag
from okrtui.domain.scoring.kpi import kpi_view
from okrtui.domain.scoring.score import KRScore, ObjectiveScore, score_kr, score_objective
from okrtui.domain.scoring.status import RAG, STATUS_WORDS
from okrtui.domain.scoring.views import objective_score

WEEK = dt.timedelta(days=7)


# ---- the report as data ----------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """A check-in of the last seven days, with the value it replaced."""

    kr_id: str
    kr_title: str
    unit: str
    checkin: CheckIn
    previous: float | None
    milestone: bool = False


@dataclass(frozen=True)
class KRLine:
    """A key result in the review: now, a week ago, and its grading colour."""

    score: KRScore
    week_ago: float
    final: float
    final_rag: RAG


@dataclass(frozen=True)
class ObjectiveReview:
    """One objective's week."""

    score: ObjectiveScore
    week_ago: float
    changes: tuple[Change, ...]
    stale: tuple[KRScore, ...]
    key_results: tuple[KRLine, ...]
    initiatives_done: tuple[DoneInitiative, ...] = ()

    @property
    def delta(self) -> float:
        """How far the score moved in the last seven days."""
        return self.score.score - self.week_ago


@dataclass(frozen=True)
class KPIAlert:
    """A KPI whose latest value is yellow or red."""

    kpi: KPI
    latest: Measurement
    rag: RAG


@dataclass(frozen=True)
class Summary:
    """How the period's key results ended (or stand): counts by grading colour."""

    objectives: int
    graded: int
    drafts: int
    key_results: int
    green: int
    yellow: int
    red: int
    ended: bool


@dataclass(frozen=True)
class Report:
    """The weekly review and the summary of one period (and owner)."""

    period: Period
    owner: str | None
    today: dt.date
    since: dt.date
    objectives: tuple[ObjectiveReview, ...]
    kpis: tuple[KPIAlert, ...]
    summary: Summary


def build_report(ws: Workspace, today: dt.date, period: str | None = None,
                 owner: str | None = None) -> Report:
    """The review of `period` (default: the current one) for `owner` (default: everyone)."""
    span = parse_period(period) if period else current_period(ws.periods(), today)
    since = today - WEEK
    found = ws.objectives(period=span.name, owner=owner)
    reviews = tuple(_review(ws, o, span, today, since) for o in found if o.status != "draft")
    colours = Counter(line.final_rag for r in reviews for line in r.key_results)
    summary = Summary(
        objectives=len(reviews),
        graded=sum(1 for r in reviews if r.score.objective.grade is not None),
        drafts=len(found) - len(reviews),
        key_results=sum(len(r.key_results) for r in reviews),
        green=colours["green"], yellow=colours["yellow"], red=colours["red"],
        ended=today > span.end,
    )
    alerts = []
    for kpi in ws.kpis(owner=owner):
        view = kpi_view(ws, kpi, today, 1)
        if view.last is not None and view.rag in ("yellow", "red"):
            alerts.append(KPIAlert(kpi, view.last, view.rag))
    alerts.sort(key=lambda a: (a.rag != "red", a.kpi.name.lower()))
    return Report(span, owner, today, since, reviews, tuple(alerts), summary)


def _review(ws: Workspace, objective: Objective, span: Period, today: dt.date,
            since: dt.date) -> ObjectiveReview:
    now = objective_score(ws, objective, today)
    partial = ws.settings.band_partial_score
    before: list[KRScore] = []
    lines: list[KRLine] = []
    changes: list[Change] = []
    done: list[DoneInitiative] = []
    for k in now.key_results:
        done += [DoneInitiative(k.kr.id, k.kr.title, i)
                 for i in done_between(ws.initiatives(k.kr.id), since, today)]
        checkins = ws.checkins(k.kr.id)
        old = [c for c in checkins if c.at.date() <= since]
        then = score_kr(k.kr, old, span, since, objective.cadence, partial=partial)
        before.append(then)
        final = k.kr.final_score if k.kr.final_score is not None else k.progress
        lines.append(KRLine(k, then.progress, final, grade_rag(final)))
        previous = old[-1].value if old else None
        for c in checkins:
            if c.at.date() > since:
                changes.append(Change(k.kr.id, k.kr.title, k.kr.unit, c, previous,
                                      k.kr.kind == "milestone"))
            previous = c.value
    week_ago = score_objective(objective, before).score
    changes.sort(key=lambda ch: (ch.checkin.at, ch.checkin.id))
    stale = tuple(k for k in now.key_results if k.status == "stale")
    return ObjectiveReview(now, week_ago, tuple(changes), stale, tuple(lines), tuple(done))


# ---- Markdown ----------------------------------------------------------------------


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"


def _delta(value: float) -> str:
    return f"{value:+.2f}" if abs(value) >= 0.005 else "±0.00"


def render_markdown(report: Report) -> str:
    """The report as Markdown for a wiki page or a pull request."""
    p, s = report.period, report.summary
    out = [f"# OKR review: {p.name}, week to {report.today.isoformat()}", ""]
    scope = f"owner {md_escape(report.owner)}" if report.owner else "everyone"
    out += [f"{p.start} to {p.end} · {p.elapsed(report.today):.0%} of the period gone · "
            f"{scope} · {s.objectives} objectives, {s.key_results} key results", ""]
    out += [f"## {'End-of-period summary' if s.ended else 'Summary so far'}", "",
            "| key results | green (0.7-1.0) | yellow (0.4-0.6) | red (0.0-0.3) |",
            "|---:|---:|---:|---:|",
            f"| {s.key_results} | {s.green} | {s.yellow} | {s.red} |", ""]
    statuses = Counter(r.score.status for r in report.objectives)
    if statuses:
        out += ["Objectives: " + ", ".join(f"{statuses[k]} {k}" for k in STATUS_WORDS
                                           if statuses[k]) + ".", ""]
    if s.drafts:
        out += [f"{s.drafts} draft objective(s) not shown.", ""]
    if report.objectives:
        out += ["## Objectives", ""]
    for r in report.objectives:
        out += _objective_markdown(r, report.since)
    out += ["## KPIs out of the green", ""]
    if not report.kpis:
        out += ["Every KPI with thresholds and a value is green.", ""]
    else:
        out += ["| KPI | latest | on | green at | red at | status | owner |",
                "|---|---:|---|---:|---:|---|---|"]
        for a in report.kpis:
            k = a.kpi
            unit = f" {md_escape(k.unit)}" if k.unit else ""
            out.append(f"| {md_escape(k.name)} | {_num(a.latest.value)}{unit} | "
                       f"{a.latest.date} | {_num(k.green)} | {_num(k.red)} | {a.rag} | "
                       f"{md_escape(k.owner)} |")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _objective_markdown(r: ObjectiveReview, since: dt.date) -> list[str]:
    o = r.score.objective
    kind = "committed" if o.committed else "aspirational"
    out = [f"### {md_escape(o.title)}", ""]
    facts = [f"owner {md_escape(o.owner)}" if o.owner else "no owner", kind, f"`{o.id[:8]}`"]
    if o.grade is not None:
        head = f"**Grade {o.grade:.2f}** ({grade_rag(o.grade)}) · {r.score.verdict}"
    else:
        head = (f"**Score {r.score.score:.2f}** ({_delta(r.delta)} since {since}) · "
                f"{r.score.status}")
    out += [" · ".join([head, *facts]), ""]
    if r.key_results:
        out += ["| key result | progress | week ago | current / target | status | "
                "last check-in |",
                "|---|---:|---:|---:|---|---|"]
        for line in r.key_results:
            k = line.score
            unit = f" {md_escape(k.kr.unit)}" if k.kr.unit else ""
            last = k.last_checkin.date().isoformat() if k.last_checkin else "never"
            status = f"final {line.final:.2f} ({line.final_rag})" if o.grade is not None \
                else k.status
            out.append(f"| {md_escape(k.kr.title)} | {k.progress:.2f} | {line.week_ago:.2f} | "
                       f"{_num(k.current)} / {_num(k.kr.target)}{unit} | {status} | {last} |")
        out.append("")
    if r.changes:
        out += [f"Changes since {since}:", ""]
        for ch in r.changes:
            c = ch.checkin
            unit = f" {md_escape(ch.unit)}" if ch.unit else ""
            who = md_escape(c.author) or "someone"
            conf = f", confidence {c.confidence}" if c.confidence is not None else ""
            note = f": “{md_escape(c.note)}”" if c.note else ""
            if ch.milestone:  # done or not done, never "1"
                moved = f"marked {done_words(c.value)}"
            else:
                moved = f"{_num(ch.previous)} → {_num(c.value)}{unit}"
            out.append(f"- {c.at.date()}, {md_escape(ch.kr_title)}: {moved} ({who}{conf}){note}")
        out.append("")
    else:
        out += [f"No check-ins since {since}.", ""]
    out += done_markdown(r.initiatives_done, since, md_escape)
    if r.stale:
        stale = "; ".join(
            f"{md_escape(k.kr.title)} (last check-in "
            f"{k.last_checkin.date() if k.last_checkin else 'never'})" for k in r.stale)
        out += [f"Stale: {stale}.", ""]
    if o.retrospective:
        out += ["Retrospective:", "", md_quote(o.retrospective), ""]
    return out


# ---- JSON and CSV ----------------------------------------------------------------------


def report_json(report: Report) -> dict[str, Any]:
    """The report as plain JSON data."""
    s = report.summary
    return {
        "period": report.period.name,
        "start": report.period.start.isoformat(),
        "end": report.period.end.isoformat(),
        "today": report.today.isoformat(),
        "since": report.since.isoformat(),
        "owner": report.owner,
        "elapsed": round(report.period.elapsed(report.today), 4),
        "summary": {"objectives": s.objectives, "graded": s.graded, "drafts": s.drafts,
                    "key_results": s.key_results, "green": s.green, "yellow": s.yellow,
                    "red": s.red, "ended": s.ended},
        "objectives": [_objective_json(r) for r in report.objectives],
        "kpis_out_of_green": [
            {"id": a.kpi.id, "name": a.kpi.name, "unit": a.kpi.unit, "owner": a.kpi.owner,
             "latest": a.latest.value, "date": a.latest.date.isoformat(),
             "green": a.kpi.green, "red": a.kpi.red, "rag": a.rag}
            for a in report.kpis
        ],
    }


def _objective_json(r: ObjectiveReview) -> dict[str, Any]:
    o = r.score.objective
    return {
        "id": o.id, "title": o.title, "owner": o.owner, "committed": o.committed,
        "status": o.status, "score": round(r.score.score, 4),
        "score_week_ago": round(r.week_ago, 4), "score_delta": round(r.delta, 4),
        "progress_status": r.score.status, "rag": r.score.rag, "grade": o.grade,
        "verdict": r.score.verdict, "retrospective": o.retrospective,
        "key_results": [
            {"id": line.score.kr.id, "title": line.score.kr.title,
             "progress": round(line.score.progress, 4),
             "progress_week_ago": round(line.week_ago, 4), "status": line.score.status,
             "current": line.score.current, "target": line.score.kr.target,
             "unit": line.score.kr.unit,
             "last_checkin": line.score.last_checkin.isoformat()
             if line.score.last_checkin else None,
             "final_score": round(line.final, 4), "final_rag": line.final_rag}
            for line in r.key_results
        ],
        "changes": [
            {"kr_id": ch.kr_id, "key_result": ch.kr_title, "previous": ch.previous,
             "value": ch.checkin.value, "at": ch.checkin.at.isoformat(),
             "author": ch.checkin.author, "confidence": ch.checkin.confidence,
             "note": ch.checkin.note}
            for ch in r.changes
        ],
        "stale": [k.kr.id for k in r.stale],
        "initiatives_done": done_json(r.initiatives_done),
    }


REPORT_CSV_COLUMNS = (
    "row", "period", "objective_id", "objective", "owner", "objective_score",
    "objective_score_week_ago", "objective_status", "grade", "id", "name", "progress",
    "progress_week_ago", "status", "current", "target", "unit", "checkins_this_week",
    "last_checkin", "final_score", "final_rag",
)


def render_csv(report: Report) -> str:
    """The report for a spreadsheet: one row per key result, then one per KPI alert."""
    rows: list[list[Any]] = []
    for r in report.objectives:
        o = r.score.objective
        head = [report.period.name, o.id, o.title, o.owner, round(r.score.score, 4),
                round(r.week_ago, 4), r.score.status,
                o.grade]
        for line in r.key_results:
            k = line.score
            week = sum(1 for ch in r.changes if ch.kr_id == k.kr.id)
            rows.append(["key_result", *head, k.kr.id, k.kr.title, round(k.progress, 4),
                         round(line.week_ago, 4), k.status, k.current, k.kr.target,
                         k.kr.unit, week,
                         k.last_checkin.isoformat() if k.last_checkin else None,
                         round(line.final, 4), line.final_rag])
    for a in report.kpis:
        rows.append(["kpi", report.period.name, None, None, a.kpi.owner, None, None, None,
                     None, a.kpi.id, a.kpi.name, None, None, a.rag, a.latest.value,
                     a.kpi.green, a.kpi.unit, None, a.latest.date.isoformat(), None, None])
    return write_csv(REPORT_CSV_COLUMNS, rows)


# ---- the status line -------------------------------------------------------------------


def status_counts(ws: Workspace, today: dt.date, period: str,
                  owner: str | None = None) -> dict[str, int]:
    """Key results of the period's running and graded objectives, counted by status."""
    counts: Counter[str] = Counter()
    for o in ws.objectives(period=period, owner=owner):
        if o.status == "draft":
            continue
        score = objective_score(ws, o, today)
        for k in score.key_results:
            counts["graded" if o.grade is not None else k.status] += 1
    return {k: counts[k] for k in STATUS_WORDS if counts[k]}


def status_line(ws: Workspace, today: dt.date, period: str | None = None,
                owner: str | None = None) -> str:
    """One line for a shell prompt: "2026-Q4: 4 on track, 1 at risk, 2 stale"."""
    name = parse_period(period).name if period else current_period(ws.periods(), today).name
    counts = status_counts(ws, today, name, owner)
    if not counts:
        return f"{name}: no key results"
    return f"{name}: " + ", ".join(f"{n} {status}" for status, n in counts.items())
