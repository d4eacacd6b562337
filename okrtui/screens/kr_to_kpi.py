"""Turn a key result into a KPI that keeps its level; "anyway" for one not reached."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from okrtui import keys
from okrtui.bindings import SWITCH_BUTTON, bindings
from okrtui.domain.plans import cycle as plans
from okrtui.domain.records.models import KPI
from okrtui.domain.records.workspace import Workspace
from okrtui.screens.base import ERRORS, OkrModal, refusal_text
from okrtui.widgets import format as fmt


@dataclass(frozen=True)
class ToKpiView:
    """The KPI the service would make, and its refusal when the key result fell short."""

    title: str
    kpi: KPI | None
    refusal: str
    anyway: bool


class KeyResultToKpiScreen(OkrModal[KPI | None]):
    """Shows the KPI that would be made (its band), or the refusal and "anyway?"."""

    BINDINGS: ClassVar[list[BindingType]] = [*bindings(keys.TO_KPI), SWITCH_BUTTON]

    def __init__(self, kr_id: str) -> None:
        super().__init__()
        self.kr_id = kr_id
        self.view: ToKpiView | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog confirm", id="dialog") as dialog:
            dialog.border_title = "Key result to KPI"
            yield Static(id="context", classes="heading")
            yield Static(id="refusal", classes="form-error")
            yield Static(id="kpi-preview", classes="context")
            with Horizontal(classes="buttons"):
                yield Button("Make KPI (y)", id="yes", compact=True, variant="primary",
                             disabled=True)
                yield Button("Cancel (n)", id="no", compact=True)

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()  # the safe answer has the focus
        self.read_workspace(self.build_view, self.show_view, self.refuse)

    def build_view(self, ws: Workspace) -> ToKpiView:
        """The service's preview; on a refusal, the preview with "anyway" (in a worker)."""
        title = ws.key_result(ws.resolve(self.kr_id, ("key_results",))[1]).title
        try:
            made = plans.plan_key_result_to_kpi(ws, self.services.actor(), self.kr_id)
            return ToKpiView(title, made.kpi, "", False)
        except ERRORS as exc:
            refusal = refusal_text(exc)
        try:
            kpi = plans.plan_key_result_to_kpi(ws, self.services.actor(), self.kr_id,
                                               anyway=True).kpi
        except ERRORS as exc:  # refused even "anyway" (a milestone, the KPI limit)
            return ToKpiView(title, None, refusal_text(exc), False)
        return ToKpiView(title, kpi, refusal, True)

    def show_view(self, view: ToKpiView) -> None:
        """The KPI that would be made, or the refusal and "anyway?"."""
        self.view = view
        self.query_one("#context", Static).update(Text(view.title))
        self.query_one("#refusal", Static).update(Text(view.refusal))
        preview = Text()
        if view.kpi is not None:
            kpi = view.kpi
            better, worse = ("≥", "≤") if kpi.direction == "higher" else ("≤", "≥")
            preview.append("It becomes the KPI “")
            preview.append(kpi.name)
            preview.append(f"”: green {better} {fmt.with_unit(kpi.green, kpi.unit)}, red "
                           f"{worse} {fmt.with_unit(kpi.red, kpi.unit)} ({kpi.direction} "
                           "is better), linked both ways.")
            if view.anyway:
                preview.append("\nMake it a KPI anyway?", style="bold")
        self.query_one("#kpi-preview", Static).update(preview)
        yes = self.query_one("#yes", Button)
        yes.disabled = view.kpi is None
        yes.label = "Make KPI anyway (y)" if view.anyway else "Make KPI (y)"
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Confirming needs a KPI the service would make."""
        if action == "confirm":
            return self.view is not None and self.view.kpi is not None and not self.saving
        return True

    def action_confirm(self) -> None:
        """Make the KPI (anyway, when the key result did not reach its target)."""
        if self.view is None or self.view.kpi is None or self.saving:
            return
        self.query_one("#yes", Button).disabled = True
        anyway = self.view.anyway
        self.run_save(lambda: self.services.key_result_to_kpi(self.kr_id, anyway=anyway),
                      self.made, lambda error, text: self.refuse(text))

    def action_cancel(self) -> None:
        """Close without making a KPI."""
        self.dismiss(None)

    def made(self, kpi: KPI) -> None:
        """The KPI is made: say so, and hand it back."""
        self.notify(f"KPI: {kpi.name}", title="Saved", markup=False)
        self.dismiss(kpi)

    def refuse(self, text: str) -> None:
        """The read failed or the service refused: say why in the dialog."""
        self.query_one("#refusal", Static).update(Text(text))
        self.query_one("#yes", Button).disabled = True

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "yes":
            self.action_confirm()
        else:
            self.action_cancel()
