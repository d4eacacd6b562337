"""The messages screens send to the app, and the news the app sends to screens.

A screen never calls the app: it posts a `Navigate` message ("open this objective", "show
the KPIs") and the app routes it (`okrtui.navigation` builds the screen). Which screen
answers a message is the router's business, so screens import only this module, never a
screen they open or the app.
"""

from __future__ import annotations

from textual.message import Message

from okrtui.domain.reporting.activity import Activity


class Navigate(Message):
    """A request to show another screen; the app routes it (`okrtui.navigation`)."""


class OpenDashboard(Navigate):
    """Show the dashboard (once the workspace can be read)."""


class OpenObjective(Navigate):
    """Show one objective on top of the dashboard, with `kr_id` under the cursor (and its
    check-in dialog open when `check_in`); with `period`, the dashboard below shows that
    period (the palette finds objectives of every period)."""

    def __init__(self, objective_id: str, *, kr_id: str | None = None,
                 check_in: bool = False, period: str | None = None) -> None:
        super().__init__()
        self.objective_id = objective_id
        self.kr_id = kr_id
        self.check_in = check_in
        self.period = period


class EditObjective(Navigate):
    """Open the objective form: a new objective in the period on show when `objective_id`
    is None (and open it once it is made), else the objective to edit."""

    def __init__(self, objective_id: str | None = None) -> None:
        super().__init__()
        self.objective_id = objective_id


class OpenKpis(Navigate):
    """Show every KPI (promotions go into the period on show), `kpi_id` under the cursor."""

    def __init__(self, kpi_id: str | None = None) -> None:
        super().__init__()
        self.kpi_id = kpi_id


class OpenAlignment(Navigate):
    """Show the alignment tree of the period on show."""


class OpenReview(Navigate):
    """Show what lint finds in the period on show."""


class OpenActivity(Navigate):
    """Show who changed what since this user last looked."""


class OpenGrade(Navigate):
    """Grade the period on show: the dry run first."""


class OpenCarry(Navigate):
    """Carry the unfinished objectives of the period on show over to the next one."""


class WorkspaceChanged(Message):
    """Someone else changed the workspace file; `activities` says who changed what.

    The app sends one to every okrtui screen on the stack, which reads the workspace
    again (a form keeps what is being typed). It does not bubble back to the app.
    """

    bubble = False

    def __init__(self, activities: tuple[Activity, ...] = ()) -> None:
        super().__init__()
        self.activities = activities
