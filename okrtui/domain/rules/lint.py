"""SMART lint: what falls short of specific, measurable, assignable, realistic, time-bound."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass

from okrtui.domain.records.models import Objective
from okrtui.domain.records.periods import Period
from okrtui.domain.records.workspace import Workspace
from okrtui.domain.rules.ambition import ambition_flags
from okrtui.domain.rules.limits import KPIS_PER_OWNER
from okrtui.domain.scoring.grades import grade_verdict
from okrtui.domain.scoring.status import grade_word
from okrtui.domain.scoring.views import kr_score

_VAGUE = re.compile(
    r"\b(improve|better|more|increase|grow|reduce|enhance|optimi[sz]e|some|various|etc)\b", re.I
)
_DIGIT = re.compile(r"\d")


def as_sentence(text: str) -> str:
    """A message as a sentence: capitalised, with a full stop."""
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else f"{text}."


@dataclass(frozen=True)
class Finding:
    """One thing lint reports: which record, which rule, in words.

    `message` names its record in full ("objective 'Grow' has no owner"), for a line of
    `okrtui lint`; `sentence` is the same finding read under its objective's title, as the
    review screen lists it ("This objective has no owner.")."""

    table: str
    id: str
    objective_id: str | None
    rule: str
    message: str
    sentence: str = ""

    def __post_init__(self) -> None:
        if not self.sentence:
            object.__setattr__(self, "sentence", as_sentence(self.message))

    def as_dict(self) -> dict[str, str | None]:
        """The finding as plain data for JSON output."""
        return asdict(self)


def lint(ws: Workspace, today: dt.date, period: str | None = None) -> list[Finding]:
    """Every SMART shortfall in the workspace (or one period), objectives in order."""
    settings = ws.settings
    out: list[Finding] = []
    for objective in ws.objectives(period=period):
        out.extend(_lint_objective(ws, objective, today, settings.min_key_results))
    if period is None:
        kpis = ws.kpis()
        for kpi in kpis:
            if not kpi.owner:
                out.append(Finding("kpis", kpi.id, None, "owner", f"KPI '{kpi.name}' has no owner"))
            if kpi.green is None or kpi.red is None:
                out.append(Finding("kpis", kpi.id, None, "thresholds",
                                   f"KPI '{kpi.name}' has no red and green thresholds"))
        # The KPI limit's own count, flagged below the refusal (more than 8 of 12).
        for owner, ids in KPIS_PER_OWNER.over({k.id: dict(k) for k in kpis},
                                              settings.kpi_flag_over):
            out.append(Finding("kpis", "", None, "kpi-count",
                               f"{owner} has {len(ids)} KPIs; more than "
                               f"{settings.kpi_flag_over} is hard to watch"))
    return out


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _lint_objective(ws: Workspace, o: Objective, today: dt.date, min_krs: int) -> list[Finding]:
    out: list[Finding] = []

    def add(table: str, rid: str, rule: str, message: str) -> None:
        out.append(Finding(table, rid, o.id, rule, message))

    def about_objective(rule: str, predicate: str, sentence: str = "") -> None:
        # Under the objective's own title (the review) the sentence need not repeat it.
        out.append(Finding("objectives", o.id, o.id, rule, f"objective '{o.title}' {predicate}",
                           sentence or as_sentence(f"this objective {predicate}")))

    if not o.owner:
        about_objective("owner", "has no owner")
    krs = ws.key_results(o.id)
    if len(krs) < min_krs:
        about_objective("kr-count", f"has {_count(len(krs), 'key result')}; "
                                    f"aim for {min_krs} to {ws.settings.max_key_results}")
    if o.grade is not None:
        verdict = grade_verdict(o, o.grade)
        if verdict.startswith(("not ambitious", "missed")):
            out.append(Finding("objectives", o.id, o.id, "ambition",
                               f"objective '{o.title}': {verdict}",
                               as_sentence(f"{grade_word(o.grade)}: {verdict}")))
    period = Period.parse(o.period)
    settings = ws.settings
    running = o.status == "active" and o.grade is None
    for kr in krs:
        if not kr.owner and not o.owner:
            add("key_results", kr.id, "owner", f"key result '{kr.title}' has no owner")
        if kr.kind != "milestone" and not kr.unit:
            add("key_results", kr.id, "unit", f"key result '{kr.title}' has no unit")
        if kr.kind != "milestone" and _VAGUE.search(kr.title) and not _DIGIT.search(kr.title):
            add("key_results", kr.id, "vague",
                f"key result '{kr.title}' is vague: say by how much, in numbers")
        if kr.due is not None and not period.contains(kr.due):
            add("key_results", kr.id, "due",
                f"key result '{kr.title}' is due {kr.due}, outside {period}")
        # Realistic and ambitious, judged by the history of the KPI the key result moves.
        for flag in ambition_flags(ws, o, kr, settings):
            add("key_results", kr.id, flag.rule, flag.message)
        # Stale is the dashboard's word for the same key result: one rule, one status.
        score = kr_score(ws, kr, today, o) if running else None
        if score is not None and score.status == "stale":
            when = f"since {score.last_checkin.date()}" if score.last_checkin else "yet"
            add("key_results", kr.id, "stale",
                f"key result '{kr.title}' has had no check-in {when} ({o.cadence} cadence)")
    return out
