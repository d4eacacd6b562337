"""The messages screens send to the app, the one route table, and the news the app sends
to screens.

A screen never calls the app: it posts a `Navigate` message ("open this objective", "show
the KPIs") and the app routes it: `ROUTES` at the end of this module says which screen
each message opens, and `okrtui.navigation` builds it there. Screens name the screens
they open only through these messages, so they import this module, never a screen they
open, the routes' machinery or the app.

A new screen is two files: the screen's module under `okrtui/screens/`, and its route
here (the message that asks for it and one line of `ROUTES`).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from okrtui.domain.reporting.activity import Activity


class Navigate(Message):
    """A request to show another screen; the app routes it (`ROUTES`)."""

    period: str | None = None
    """The period the dashboard below the new screen shows (None: the one on show)."""


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


class OpenCheckInQueue(Navigate):
    """Show my check-ins: my key results of the period on show, due ones first."""


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


class ViewShown(Message):
    """A screen's first view of the workspace is on the terminal (it bubbles to the app,
    which starts watching the file then: the watch's first looks read the file too, and
    they held up the first screen's read at start-up)."""


# ---- the routes -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    """Where a navigation message leads: a screen, and where on the stack it goes."""

    screen: str
    """The screen as "module:Class" under `okrtui.screens`; imported when it first opens
    (importing every screen up front, the charts above all, would slow the first paint)."""

    over_dashboard: bool = True
    """On top of the dashboard, so that escape always leads back there; False: on top of
    whatever is on show (a form, or the dashboard itself over the error screen)."""


ROUTES: dict[type[Navigate], Route] = {
    OpenDashboard: Route("dashboard:DashboardScreen", over_dashboard=False),
    OpenObjective: Route("objective:ObjectiveScreen"),
    EditObjective: Route("objective_form:ObjectiveFormScreen", over_dashboard=False),
    OpenKpis: Route("kpis:KpisScreen"),
    OpenAlignment: Route("alignment:AlignmentScreen"),
    OpenReview: Route("review:ReviewScreen"),
    OpenActivity: Route("activity:ActivityScreen"),
    OpenGrade: Route("grade:GradeScreen"),
    OpenCarry: Route("carry:CarryScreen"),
    OpenCheckInQueue: Route("checkin_queue:CheckInQueueScreen"),
}
"""Which screen each navigation message opens: the one route table, which the app reads
(`okrtui.navigation`). An app-wide key opens a screen with the action `go('MessageName')`."""
