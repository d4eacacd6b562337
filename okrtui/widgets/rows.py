"""The rows of okrtui's list screens, one renderable per item: a lint finding, a change,
a draft carried over, a grade. User text is only ever plain `Text` (never markup)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.table import Table
from rich.text import Text

from okrtui.domain.cycle.carryover import Carried
from okrtui.domain.cycle.grading import ObjectiveGrade
from okrtui.domain.records.models import KeyResult, Objective
from okrtui.domain.records.text import one_line
from okrtui.domain.reporting.activity import Activity
from okrtui.domain.rules.lint import Finding
from okrtui.domain.scoring.grades import grade_rag, grade_verdict
from okrtui.domain.scoring.score import ObjectiveScore
from okrtui.widgets import format as fmt
from okrtui.widgets.visuals import (
    Palette,
    hanging,
    plain,
    rag_text,
    rows,
    score_bar,
    status_text,
)

# ---- questions ------------------------------------------------------------------------------


def deletion_question(what: str, title: str, rest: str) -> Text:
    """"Delete the objective “Title” and its 3 key result(s)?" (the title stays plain)."""
    question = Text(f"Delete the {what} “")
    question.append(title)
    question.append(f"” and {rest}?")
    return question


def objective_deletion(score: ObjectiveScore) -> Text:
    """The question before deleting an objective: its title and how many key results go."""
    return deletion_question("objective", score.objective.title,
                             f"its {len(score.key_results)} key result(s)")


# ---- review ---------------------------------------------------------------------------------

def finding_line(finding: Finding) -> Table:
    """"  • It has no owner.": one sentence under its objective's title, which it does not
    repeat; a long one wraps under itself, not under the bullet."""
    line = Table.grid(expand=True)
    line.add_column(width=4, no_wrap=True)
    line.add_column(ratio=1)
    line.add_row(Text("  • ", style="dim"), Text(finding.sentence))
    return line


# ---- what's new ------------------------------------------------------------------------------


def change_line(item: Activity, new: bool) -> Text:
    """"★ Nov 24 09:30 bob checked in ...": when, who (bold), what; starred when new."""
    line = Text()
    line.append("★ " if new else "  ", style="bold")
    line.append(f"{fmt.moment(item.at):<13}", style="dim")
    line.append(item.sentence)
    # The bold name takes the space after it: a run of text that starts with a space is
    # drawn without it by SVG renderers (librsvg), which showed "alicechecked in".
    who = len(item.who or "someone")
    line.stylize("bold", 15, 15 + who + 1)
    return line


# ---- carry over ------------------------------------------------------------------------------


def carried_kr_line(kr: KeyResult, *, stays: bool = False) -> Table:
    """"   → title  from 12 to 50 customers" (plain user text, wrapped whole: the dry run
    is read before anything is copied)."""
    lead = Text("   ")
    body = Text()
    if stays:
        lead.append("✔ ", style="dim")
        body.append("stays (reached): ", style="dim")
        body.append(kr.title, style="dim")
        return hanging(lead, body)
    lead.append("→ ")
    body.append(kr.title)
    body.append(f"  {fmt.kr_range(kr)}", style="dim")
    return hanging(lead, body)


def carried_line(c: Carried, done: bool) -> Table:
    """"draft in 2027-Q1: title  (2 KRs go, 1 reached)", the title wrapped whole."""
    lead = Text()
    if done:
        lead.append(f"{c.objective.id[:8]} ", style="dim")
    lead.append(f"draft in {c.objective.period}: ", style="bold")
    body = Text()
    body.append(c.objective.title, style="bold")
    go, stay = len(c.key_results), len(c.left_behind)
    body.append(f"  ({go} KR{'s' if go != 1 else ''} {'went' if done else 'go'}, "
                f"{stay} reached)", style="dim")
    return hanging(lead, body)


# ---- grading ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class GradeRow:
    """One objective of the period: its dry-run grade, or its stored one, or why not."""

    objective: Objective
    key_results: tuple[KeyResult, ...]
    result: ObjectiveGrade | None
    error: str = ""

    @property
    def graded_already(self) -> bool:
        """Closed before this screen, and not part of this grading (yet)."""
        return self.result is None and self.objective.status == "closed"


def grade_kr_line(kr: KeyResult, final: float | None, progress: float | None, reason: str,
            palette: Palette) -> Table:
    """"   0.80 ● green   Title  adjusted from 0.55: reason" (user text stays plain)."""
    text = Text("   ", no_wrap=True, overflow="ellipsis", end="")
    if final is None:
        text.append(" —   ")
        text.append(f"{'':9}", style="dim")
    else:
        text.append(f"{final:4.2f} ")
        text.append_text(rag_text(grade_rag(final), palette))
        text.append(" " * (9 - len(fmt.rag_label(grade_rag(final)))))
    text.append("  ")
    text.append(kr.title)
    if reason:
        was = f" from {progress:.2f}" if progress is not None else ""
        text.append(f"  adjusted{was}: ", style="dim")
        text.append(one_line(reason, 120), style="dim italic")
    return rows(text)


def grade_lines(row: GradeRow, palette: Palette) -> Table:
    """Two lines: grade, colour and title; then the verdict (or why it cannot be graded)."""
    o = row.objective
    text = Text(no_wrap=True, overflow="ellipsis", end="")
    if row.result is not None:
        grade: float | None = row.result.grade
        verdict = row.result.verdict
    else:
        grade = o.grade
        verdict = grade_verdict(o, o.grade) if o.grade is not None else ""
    if grade is None:
        text.append(" —   ", style="bold")
        text.append(f"{'':9}")
    else:
        text.append(f"{grade:4.2f} ", style="bold")
        text.append_text(rag_text(grade_rag(grade), palette))
        text.append(" " * (9 - len(fmt.rag_label(grade_rag(grade)))))
    text.append("  ")
    text.append(o.title, style="bold")
    # The second line wraps rather than be cut at 80 columns (a committed objective's
    # verdict is long).
    second = Text("      ", end="", no_wrap=False)
    if row.error:
        second.append("✖ cannot be graded: ", style="bold")
        second.append(row.error)
        return rows(text, second)
    marks = ["committed" if o.committed else "aspirational"]
    if row.graded_already:
        marks.append("✔ graded already (s or o re-grades)")
    elif o.status == "closed":
        marks.append("re-graded")
    if row.result is not None and row.result.given:
        marks.append(f"grade given (average {row.result.computed:.2f})")
    second.append(" · ".join(marks), style="dim")
    if verdict:
        second.append(" · ", style="dim")
        second.append(verdict)
    return rows(text, second)


# ---- objective ------------------------------------------------------------------------------


def objective_summary(score: ObjectiveScore, parent: Objective | None,
                      palette: Palette) -> tuple[Text, Text, Text]:
    """The objective screen's head: title; owner, team, level, ambition, period, status
    (and the objective it is aligned to); the score bar, status and key-result count."""
    o = score.objective
    title = Text(o.title, style="bold", end="")
    facts = [o.owner or "no owner", o.team, o.level,
             "committed" if o.committed else "aspirational", o.period, o.status]
    about = plain(" · ".join(f for f in facts if f), "dim")
    if parent is not None:
        about.append(" · aligned to ", style="dim")
        about.append(parent.title, style="dim italic")
    text = Text(no_wrap=True, overflow="ellipsis", end="")
    text.append_text(score_bar(score.score, 20, score.rag, palette))
    text.append(f" {score.score:.2f}  ")
    text.append_text(status_text(score, palette))
    if score.verdict:
        text.append(f"  {score.verdict}", style="dim")
    count = len(score.key_results)
    text.append(f"  · {count} key result{'s' if count != 1 else ''}", style="dim")
    return title, about, text


def record_details(title: str, facts: list[str], source: str | None = None,
                   badge: Text | None = None) -> Text:
    """The details of the record under a table's cursor: its title in bold (a badge
    beside it, such as a KPI's colour), a dim line of facts, and where its values come
    from, when they come from a source."""
    text = plain(title, "bold")
    if badge is not None:
        text.append("  ")
        text.append_text(badge)
    text.append("\n")
    text.append(" · ".join(facts), style="dim")
    if source is not None:
        text.append("\n" + source, style="dim")
    return text
