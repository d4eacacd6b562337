"""Grade a period: the dry run of every objective's grade, adjusted and confirmed here.

Nothing is saved until the person presses the grade key and confirms: until then the
screen shows what `okrtui grade PERIOD --dry-run` would, with the adjusted scores, given
grades and retrospectives typed here. Every number comes from the grading service.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from okrtui import keys
from okrtui.bindings import bindings
from okrtui.domain.cycle.grading import ObjectiveGrade
from okrtui.domain.plans.cycle import plan_grade_objectives
from okrtui.domain.records.models import KeyResult, Objective
from okrtui.domain.records.text import one_line
from okrtui.domain.records.workspace import Workspace
from okrtui.domain.scoring.grades import grade_rag, grade_verdict
from okrtui.screens.base import OkrScreen, refusal_text
from okrtui.screens.confirm import ConfirmScreen
from okrtui.screens.legacy import Loaded, ServiceDone, ServiceFailed, ServiceMixin
from okrtui.services import GradePlan
from okrtui.widgets import format as fmt
from okrtui.widgets.topbar import TopBar, crumbs
from okrtui.widgets.visuals import Palette, rag_text, rows


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


@dataclass(frozen=True)
class GradeData:
    """The period's objectives as the grading screen shows them."""

    period: str
    rows: tuple[GradeRow, ...]


def kr_line(kr: KeyResult, final: float | None, progress: float | None, reason: str,
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


def objective_lines(row: GradeRow, palette: Palette) -> Table:
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
    second = Text("      ", end="", no_wrap=not row.error)
    if row.error:
        second.append("✖ cannot be graded: ", style="bold")
        second.append(row.error)
        return rows(text, second)
    marks = ["committed" if o.committed else "aspirational"]
    if row.graded_already:
        marks.append("✔ graded already (s or o re-grades it)")
    elif o.status == "closed":
        marks.append("re-graded")
    if row.result is not None and row.result.given:
        marks.append(f"grade given (average {row.result.computed:.2f})")
    second.append(" · ".join(marks), style="dim")
    if verdict:
        second.append(" · ", style="dim")
        second.append(verdict)
    return rows(text, second)


class GradeScreen(ServiceMixin, OkrScreen[None]):
    """Grade the period: final key-result scores, objective grades, verdicts, retros."""

    AUTO_FOCUS = "#grades"
    BINDINGS: ClassVar[list[BindingType]] = bindings(keys.GRADE)

    def __init__(self, period: str) -> None:
        super().__init__()
        self.period = period
        self.plans: dict[str, GradePlan] = {}
        self.data: GradeData | None = None
        self.saving = False

    def compose(self) -> ComposeResult:
        yield TopBar(id="topbar")
        yield Static(id="grade-heading", classes="screen-heading")
        yield OptionList(id="grades")
        yield Static(id="empty", classes="empty-state")
        yield Static(id="grade-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#topbar", TopBar).show(crumbs(self.period, "grade"),
                                               Text(self.services.user))
        self.query_one("#empty", Static).display = False

    def on_screen_resume(self) -> None:
        # Also the first load: a screen is resumed when it is first shown.
        self.reload()

    def reload(self) -> None:
        """Read the workspace again and preview the grades in a worker."""
        self.load()

    @property
    def period_name(self) -> str:
        """The period being graded."""
        return self.period

    # ---- loading ---------------------------------------------------------------------

    def build_view(self, ws: Workspace) -> GradeData:
        """Each objective's dry-run grade with the plans typed so far (in a worker)."""
        plans = dict(self.plans)
        rows: list[GradeRow] = []
        for o in ws.objectives(period=self.period):
            if o.status == "draft":
                continue  # drafts have not run: never graded
            krs = tuple(ws.key_results(o.id))
            if o.status == "closed" and o.id not in plans:
                rows.append(GradeRow(o, krs, None))
                continue
            plan = plans.get(o.id, GradePlan())
            try:
                [result] = plan_grade_objectives(ws, self.services.actor(), self.period,
                                                 {o.id: plan})
            except Exception as exc:  # the service's refusal, as one line on the row
                rows.append(GradeRow(o, krs, None, refusal_text(exc)))
                continue
            rows.append(GradeRow(o, krs, result))
        return GradeData(self.period, tuple(rows))

    def on_loaded(self, message: Loaded[Any]) -> None:
        self.data = message.data
        self.render_data()

    def on_service_failed(self, message: ServiceFailed) -> None:
        self.saving = False
        title = "Cannot read the workspace" if message.action == "load" else "Not graded"
        self.notify(message.text, title=title, severity="error", markup=False)

    def on_service_done(self, message: ServiceDone) -> None:
        self.saving = False
        count = len(message.result)
        self.notify(f"Graded {count} objective{'s' if count != 1 else ''} of {self.period}; "
                    "they are closed now.", title="Graded", markup=False)
        self.plans = {}
        self.reload()

    # ---- showing ---------------------------------------------------------------------

    def to_grade(self) -> dict[str, GradePlan]:
        """What the grade key grades: every active objective, and the closed ones changed
        here (a re-grade)."""
        if self.data is None:
            return {}
        return {r.objective.id: self.plans.get(r.objective.id, GradePlan())
                for r in self.data.rows
                if r.objective.status == "active" or r.objective.id in self.plans}

    def render_data(self) -> None:
        """The objectives with their key results, and a heading that says what g does."""
        if self.data is None:
            return
        palette = Palette.of(self.app)
        listing = self.query_one("#grades", OptionList)
        highlighted = listing.highlighted_option.id if listing.highlighted_option else None
        options: list[Option] = []
        for row in self.data.rows:
            options.append(Option(objective_lines(row, palette), id=f"o:{row.objective.id}"))
            if row.result is not None:
                for k in row.result.key_results:
                    options.append(Option(kr_line(k.kr, k.final, k.progress, k.reason, palette),
                                          id=f"k:{k.kr.id}"))
            else:
                for kr in row.key_results:
                    options.append(Option(kr_line(kr, kr.final_score, None, kr.final_reason,
                                                  palette), id=f"k:{kr.id}"))
        listing.set_options(options)
        ids = [o.id for o in options]
        if highlighted in ids:
            listing.highlighted = ids.index(highlighted)
        elif options:
            listing.highlighted = 0
        has = bool(options)
        listing.display = has
        self.query_one("#grade-detail", Static).display = has
        empty = self.query_one("#empty", Static)
        empty.display = not has
        empty.update(Text(f"No objectives to grade in {self.period}.\n\nDrafts are never "
                          "graded; press escape, then [ or ] to choose another period."))
        self.query_one("#grade-heading", Static).update(self.heading())
        if has:
            self.show_selected()

    def heading(self) -> Table:
        """Dry run or not, and how many objectives the grade key grades."""
        count = len(self.to_grade())
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        if count:
            text.append("Dry run, nothing saved yet. ", style="bold")
            text.append(f"g grades {count} objective{'s' if count != 1 else ''} and "
                        "closes them.", style="dim")
        else:
            text.append("Nothing left to grade in ", style="bold")
            text.append(f"{self.period}: s or o re-grades a graded objective.", style="dim")
        return rows(text)

    def selection(self) -> tuple[GradeRow, KeyResult | None] | None:
        """The objective row under the cursor (with the key result, on a key-result line)."""
        if self.data is None:
            return None
        option = self.query_one("#grades", OptionList).highlighted_option
        if option is None or option.id is None:
            return None
        kind, rid = option.id.split(":", 1)
        for row in self.data.rows:
            if kind == "o" and row.objective.id == rid:
                return row, None
            kr = next((k for k in row.key_results if k.id == rid), None)
            if kr is not None:
                return row, kr
        return None

    def show_selected(self) -> None:
        """The retrospective of the objective, or the reason of the key result, in full."""
        # The footer shows only the actions check_action allows, and those follow
        # the selection: without this it keeps whatever it read first.
        self.refresh_bindings()
        detail = self.query_one("#grade-detail", Static)
        chosen = self.selection()
        if chosen is None:
            detail.update("")
            return
        row, kr = chosen
        text = Text(end="")
        if kr is None:
            retro = row.result.objective.retrospective if row.result else \
                row.objective.retrospective
            text.append("Retrospective: ", style="bold")
            text.append(one_line(retro, 300) if retro else "none yet (o writes one)",
                        style="" if retro else "dim")
        else:
            grade = next((k for k in row.result.key_results if k.kr.id == kr.id), None) \
                if row.result else None
            text.append(kr.title, style="bold")
            text.append("\n")
            if grade is not None:
                text.append(f"progress {fmt.percent(grade.progress)} · final "
                            f"{grade.final:.2f}", style="dim")
                reason = grade.reason
            else:
                final = "—" if kr.final_score is None else f"{kr.final_score:.2f}"
                text.append(f"final {final}", style="dim")
                reason = kr.final_reason
            if reason:
                text.append(" · reason: ", style="dim")
                text.append(one_line(reason, 200), style="dim italic")
            else:
                text.append(" · s adjusts it, with a reason", style="dim")
        detail.update(text)

    @on(OptionList.OptionHighlighted, "#grades")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.show_selected()

    @on(OptionList.OptionSelected, "#grades")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit()

    # ---- actions ---------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Adjusting needs a key result under the cursor; grading needs something to grade."""
        if action == "adjust":
            chosen = self.selection()
            return chosen is not None and chosen[1] is not None
        if action in ("objective", "edit"):
            return self.selection() is not None
        if action == "commit":
            return bool(self.to_grade()) and not self.saving
        return True

    def action_edit(self) -> None:
        """Adjust the key result, or grade the objective, under the cursor."""
        chosen = self.selection()
        if chosen is not None:
            self.action_adjust() if chosen[1] is not None else self.action_objective()

    def action_adjust(self) -> None:
        """Give the selected key result a final score of your own, with a reason."""
        from okrtui.screens.grade_adjust import AdjustScoreScreen

        chosen = self.selection()
        if chosen is None or chosen[1] is None:
            return
        row, kr = chosen
        oid = row.objective.id
        plan = self.plans.get(oid, GradePlan())

        def adjusted(result: tuple[float, str] | None) -> None:
            if result is not None:
                self.set_plan(oid, replace(plan, adjustments={**plan.adjustments,
                                                              kr.id: result}))

        self.app.push_screen(AdjustScoreScreen(self.period, oid, kr.id, plan), adjusted)

    def action_objective(self) -> None:
        """Give the selected objective a grade of your own and a retrospective note."""
        from okrtui.screens.grade_objective import GradeObjectiveScreen

        chosen = self.selection()
        if chosen is None:
            return
        oid = chosen[0].objective.id
        plan = self.plans.get(oid, GradePlan())

        def given(result: tuple[float | None, str] | None) -> None:
            if result is not None:
                grade, retro = result
                self.set_plan(oid, replace(plan, grade=grade, retrospective=retro))

        self.app.push_screen(GradeObjectiveScreen(self.period, oid, plan), given)

    def set_plan(self, objective_id: str, plan: GradePlan) -> None:
        """Remember how an objective is to be graded, and preview it again."""
        self.plans = {**self.plans, objective_id: plan}
        self.reload()

    def action_commit(self) -> None:
        """Grade, after a confirmation: grading closes the objectives."""
        plans = self.to_grade()
        if not plans or self.saving:
            return
        count = len(plans)
        question = Text(f"Grade {count} objective{'s' if count != 1 else ''} of "
                        f"{self.period} as shown? Grading closes them; they can be "
                        "re-graded here later.")

        def answered(yes: bool | None) -> None:
            if yes:
                self.saving = True
                self.call_service("grade", self.services.grade_plans, self.period, plans)

        self.app.push_screen(ConfirmScreen(question, yes="Grade"), answered)
