"""Grade a period: the dry run of every objective's grade, adjusted and confirmed here.

Nothing is saved until the person presses the grade key and confirms: until then the
screen shows what `okrtui grade PERIOD --dry-run` would, with the adjusted scores, given
grades and retrospectives typed here. Every number comes from the grading service.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from okrtui import keys
from okrtui.bindings import bindings
from okrtui.domain.cycle.grading import ObjectiveGrade
from okrtui.domain.plans.cycle import plan_grade_objectives
from okrtui.domain.records.models import KeyResult
from okrtui.domain.records.text import one_line
from okrtui.domain.records.workspace import Workspace
from okrtui.screens.base import ASKING, ListScreen, OfPeriod, refusal_text
from okrtui.screens.grade_adjust import AdjustScoreScreen
from okrtui.screens.grade_objective import GradeObjectiveScreen
from okrtui.services import GradePlan
from okrtui.widgets import format as fmt
from okrtui.widgets.rows import GradeRow, grade_kr_line, grade_lines
from okrtui.widgets.visuals import Palette, rows


@dataclass(frozen=True)
class GradeData:
    """The period's objectives as the grading screen shows them."""

    period: str
    rows: tuple[GradeRow, ...]


class GradeScreen(OfPeriod, ListScreen[GradeData]):
    """Grade the period: final key-result scores, objective grades, verdicts, retros."""

    CRUMB = "grade"
    LIST_ID = "grades"
    BINDINGS: ClassVar[list[BindingType]] = bindings(keys.GRADE)

    def __init__(self, period: str) -> None:
        super().__init__(period)
        self.plans: dict[str, GradePlan] = {}

    def compose_above(self) -> ComposeResult:
        yield Static(id="grade-heading", classes="screen-heading")

    def compose_below(self) -> ComposeResult:
        yield Static(id="grade-detail")

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

    # ---- showing ---------------------------------------------------------------------

    def to_grade(self) -> dict[str, GradePlan]:
        """What the grade key grades: every active objective, and the closed ones changed
        here (a re-grade)."""
        if self.view is None:
            return {}
        return {r.objective.id: self.plans.get(r.objective.id, GradePlan())
                for r in self.view.rows
                if r.objective.status == "active" or r.objective.id in self.plans}

    def options(self, view: GradeData) -> list[Option | None]:
        """Each objective with its key results under it."""
        palette = Palette.of(self.app)
        options: list[Option | None] = []
        for row in view.rows:
            options.append(Option(grade_lines(row, palette), id=f"o:{row.objective.id}"))
            if row.result is not None:
                options.extend(Option(grade_kr_line(k.kr, k.final, k.progress, k.reason,
                                                    palette), id=f"k:{k.kr.id}")
                               for k in row.result.key_results)
            else:
                options.extend(Option(grade_kr_line(kr, kr.final_score, None,
                                                    kr.final_reason, palette),
                                      id=f"k:{kr.id}") for kr in row.key_results)
        return options

    def highlight(self, options: list[Option | None], before: int | None,
                  before_id: str | None) -> int | None:
        ids = [o.id for o in options if o is not None]
        if before_id in ids:
            return ids.index(before_id)
        return 0 if options else None

    def after_show(self, view: GradeData) -> None:
        """A heading that says what g does; the details of the line under the cursor."""
        has = bool(view.rows)
        self.query_one("#grade-detail", Static).display = has
        self.query_one("#grade-heading", Static).update(self.heading())
        if has:
            self.show_selected()

    def empty_text(self, view: GradeData) -> Text:
        return Text(f"No objectives to grade in {self.period}.\n\nDrafts are never graded; "
                    "press escape, then [ or ] to choose another period.")

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
        if self.view is None:
            return None
        option = self.listing.highlighted_option
        if option is None or option.id is None:
            return None
        kind, rid = option.id.split(":", 1)
        for row in self.view.rows:
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

    # ---- actions ---------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Adjusting needs a key result under the cursor; grading needs something to grade."""
        if action == "adjust":
            chosen = self.selection()
            return chosen is not None and chosen[1] is not None
        if action in ("objective", "open_item"):
            return self.selection() is not None
        if action == "commit":
            return bool(self.to_grade()) and not self.saving
        return True

    def open_item(self, option_id: str | None) -> None:
        """Adjust the key result, or grade the objective, under the cursor."""
        chosen = self.selection()
        if chosen is not None:
            self.action_adjust() if chosen[1] is not None else self.action_objective()

    @work(group=ASKING)
    async def action_adjust(self) -> None:
        """Give the selected key result a final score of your own, with a reason."""
        chosen = self.selection()
        if chosen is None or chosen[1] is None:
            return
        row, kr = chosen
        oid = row.objective.id
        plan = self.plans.get(oid, GradePlan())
        adjusted = await self.ask(
            AdjustScoreScreen(self.period, oid, kr.id, plan))
        if adjusted is not None:
            self.set_plan(oid, replace(plan, adjustments={**plan.adjustments,
                                                          kr.id: adjusted}))

    @work(group=ASKING)
    async def action_objective(self) -> None:
        """Give the selected objective a grade of your own and a retrospective note."""
        chosen = self.selection()
        if chosen is None:
            return
        oid = chosen[0].objective.id
        plan = self.plans.get(oid, GradePlan())
        given = await self.ask(GradeObjectiveScreen(self.period, oid, plan))
        if given is not None:
            grade, retro = given
            self.set_plan(oid, replace(plan, grade=grade, retrospective=retro))

    def pending(self) -> Text | None:
        """What was typed here and is not saved yet, as a question (None: nothing)."""
        plans = self.plans.values()
        parts = [(sum(len(p.adjustments) for p in plans), "adjusted score"),
                 (sum(p.grade is not None for p in plans), "given grade"),
                 (sum(p.retrospective is not None for p in plans), "retrospective")]
        said = [f"{n} {what}{'s' if n != 1 else ''}" for n, what in parts if n]
        if not said:
            return None
        listed = said[0] if len(said) == 1 else ", ".join(said[:-1]) + " and " + said[-1]
        return Text(f"Drop the {listed} typed here? None of it is saved until you "
                    "grade (g).")

    @work(group=ASKING)
    async def action_back(self) -> None:
        """Back to the screen before; what was typed here goes only if the person says so."""
        question = self.pending()
        if question is not None and not await self.confirm(question, "Drop them"):
            return
        self.plans = {}
        await self.app.run_action("app.back")

    def set_plan(self, objective_id: str, plan: GradePlan) -> None:
        """Remember how an objective is to be graded, and preview it again."""
        self.plans = {**self.plans, objective_id: plan}
        self.reload()

    @work(group=ASKING)
    async def action_commit(self) -> None:
        """Grade, after a confirmation: grading closes the objectives."""
        plans = self.to_grade()
        if not plans or self.saving:
            return
        count = len(plans)
        question = Text(f"Grade {count} objective{'s' if count != 1 else ''} of "
                        f"{self.period} as shown? Grading closes them; they can be "
                        "re-graded here later.")
        if await self.confirm(question, "Grade"):
            self.run_save(lambda: self.services.grade_plans(self.period, plans),
                          self.graded, self.not_graded)

    def graded(self, grades: list[ObjectiveGrade]) -> None:
        """Say how many were graded, and show them closed."""
        count = len(grades)
        self.notify(f"Graded {count} objective{'s' if count != 1 else ''} of {self.period}; "
                    "they are closed now.", title="Graded", markup=False)
        self.plans = {}
        self.reload()

    def not_graded(self, error: Exception, text: str) -> None:
        """Say why nothing was graded."""
        self.notify(text, title="Not graded", severity="error", markup=False)
