"""Review: what lint finds (SMART shortfalls), per objective, with a key to jump there."""

from __future__ import annotations

from dataclasses import dataclass
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
from okrtui.domain.records.workspace import Workspace
from okrtui.domain.rules.lint import Finding, lint
from okrtui.messages import OpenKpis, OpenObjective
from okrtui.screens.base import OkrScreen
from okrtui.screens.legacy import Loaded, ServiceFailed, ServiceMixin
from okrtui.widgets.topbar import TopBar, crumbs


@dataclass(frozen=True)
class ReviewData:
    """Findings of one period, and the title of each objective they are about."""

    period: str
    findings: tuple[Finding, ...]
    titles: dict[str, str]


class ReviewScreen(ServiceMixin, OkrScreen[None]):
    """SMART lint of the period; enter jumps to the objective or key result at fault."""

    AUTO_FOCUS = "#findings"
    BINDINGS: ClassVar[list[BindingType]] = bindings(keys.REVIEW)

    def __init__(self, period: str) -> None:
        super().__init__()
        self.period = period
        self.data: ReviewData | None = None

    def compose(self) -> ComposeResult:
        yield TopBar(id="topbar")
        yield OptionList(id="findings")
        yield Static(id="empty", classes="empty-state")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#topbar", TopBar).show(crumbs(self.period, "review"),
                                               Text(self.services.user))
        self.query_one("#empty", Static).display = False

    def on_screen_resume(self) -> None:
        # Also the first load: a screen is resumed when it is first shown.
        self.reload()

    def reload(self) -> None:
        """Lint the workspace again in a worker."""
        self.load()

    def build_view(self, ws: Workspace) -> ReviewData:
        """Findings of the period and of the KPIs (in a worker)."""
        findings = lint(ws, self.today, self.period)
        findings += [f for f in lint(ws, self.today) if f.table == "kpis"]
        titles = {o.id: o.title for o in ws.objectives(period=self.period)}
        return ReviewData(self.period, tuple(findings), titles)

    def on_loaded(self, message: Loaded[Any]) -> None:
        self.data = message.data
        self.render_data()

    def on_service_failed(self, message: ServiceFailed) -> None:
        self.notify(message.text, title="Cannot read the workspace", severity="error",
                    markup=False)

    def render_data(self) -> None:
        """Findings grouped under their objective (KPIs last)."""
        assert self.data is not None
        listing = self.query_one("#findings", OptionList)
        groups: dict[str | None, list[tuple[int, Finding]]] = {}
        for index, finding in enumerate(self.data.findings):
            groups.setdefault(finding.objective_id, []).append((index, finding))
        options: list[Option | None] = []
        for oid, items in sorted(groups.items(), key=lambda kv: kv[0] is None):
            heading = Text(self.data.titles.get(oid, "objective") if oid else "KPIs",
                           style="bold", no_wrap=True, overflow="ellipsis")
            options.append(Option(heading, disabled=True))
            for index, finding in items:
                # One sentence under its objective's title, which it does not repeat;
                # a long one wraps under itself, not under the bullet.
                line = Table.grid(expand=True)
                line.add_column(width=4, no_wrap=True)
                line.add_column(ratio=1)
                line.add_row(Text("  • ", style="dim"), Text(finding.sentence))
                options.append(Option(line, id=str(index)))
        listing.set_options(options)
        listing.display = bool(options)
        empty = self.query_one("#empty", Static)
        empty.display = not options
        empty.update(Text(f"Nothing to review in {self.data.period}: every objective has an "
                          "owner, 3 to 5 measurable key results and recent check-ins."))
        if options and listing.highlighted is None:
            listing.highlighted = 1

    @on(OptionList.OptionSelected, "#findings")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.jump(event.option.id)

    def action_jump(self) -> None:
        """Go to what the highlighted finding is about."""
        option = self.query_one("#findings", OptionList).highlighted_option
        if option is not None:
            self.jump(option.id)

    def jump(self, option_id: str | None) -> None:
        """Open the objective (and key result) of a finding, or the KPIs."""
        if self.data is None or option_id is None:
            return
        finding = self.data.findings[int(option_id)]
        if finding.objective_id is None:
            self.navigate(OpenKpis())
            return
        kr_id = finding.id if finding.table == "key_results" else None
        self.navigate(OpenObjective(finding.objective_id, kr_id=kr_id))
