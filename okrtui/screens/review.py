"""Review: what lint finds (SMART shortfalls), per objective, with a key to jump there."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.binding import BindingType
from textual.widgets.option_list import Option

from okrtui import keys
from okrtui.bindings import bindings
from okrtui.domain.records.workspace import Workspace
from okrtui.domain.rules.lint import Finding, lint
from okrtui.messages import OpenKpis, OpenObjective
from okrtui.screens.base import ListScreen, OfPeriod
from okrtui.widgets.rows import finding_line


@dataclass(frozen=True)
class ReviewData:
    """Findings of one period, and the title of each objective they are about."""

    period: str
    findings: tuple[Finding, ...]
    titles: dict[str, str]


class ReviewScreen(OfPeriod, ListScreen[ReviewData]):
    """SMART lint of the period; enter jumps to the objective or key result at fault."""

    CRUMB = "review"
    LIST_ID = "findings"
    BINDINGS: ClassVar[list[BindingType]] = bindings(keys.REVIEW)

    def build_view(self, ws: Workspace) -> ReviewData:
        """Findings of the period and of the KPIs (in a worker)."""
        findings = lint(ws, self.today, self.period)
        findings += [f for f in lint(ws, self.today) if f.table == "kpis"]
        titles = {o.id: o.title for o in ws.objectives(period=self.period)}
        return ReviewData(self.period, tuple(findings), titles)

    def options(self, view: ReviewData) -> list[Option | None]:
        """Findings grouped under their objective (KPIs last)."""
        groups: dict[str | None, list[tuple[int, Finding]]] = {}
        for index, finding in enumerate(view.findings):
            groups.setdefault(finding.objective_id, []).append((index, finding))
        options: list[Option | None] = []
        for oid, items in sorted(groups.items(), key=lambda kv: kv[0] is None):
            heading = Text(view.titles.get(oid, "objective") if oid else "KPIs",
                           style="bold", no_wrap=True, overflow="ellipsis")
            options.append(Option(heading, disabled=True))
            options.extend(Option(finding_line(finding), id=str(index))
                           for index, finding in items)
        return options

    def highlight(self, options: list[Option | None], before: int | None,
                  before_id: str | None) -> int | None:
        return 1 if options else None  # the first finding, under the first heading

    def empty_text(self, view: ReviewData) -> Text:
        return Text(f"Nothing to review in {view.period}: every objective has an owner, 3 to "
                    "5 measurable key results and recent check-ins.")

    def open_item(self, option_id: str | None) -> None:
        """Open the objective (and key result) of a finding, or the KPIs."""
        if self.view is None or option_id is None:
            return
        finding = self.view.findings[int(option_id)]
        if finding.objective_id is None:
            self.navigate(OpenKpis())
            return
        kr_id = finding.id if finding.table == "key_results" else None
        self.navigate(OpenObjective(finding.objective_id, kr_id=kr_id))
