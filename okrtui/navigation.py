"""Routes: which screen answers each navigation message. The only module that imports
the concrete screens.

A screen asks for another by posting a message of `okrtui.messages` (`OpenObjective`,
`OpenKpis`, ...); the app hands it to `Navigator.route`, which builds the screen. Screens
opened from anywhere go on top of the dashboard, so that escape always leads back there.
A new screen is one route here, for the message that asks for it.
"""

from __future__ import annotations

from functools import singledispatchmethod
from typing import Any, cast

from textual.app import App
from textual.screen import Screen

from okrtui.domain.records.models import Objective
from okrtui.domain.records.periods import NoSuchPeriod, Period
from okrtui.messages import (
    EditObjective,
    Navigate,
    OpenActivity,
    OpenAlignment,
    OpenCarry,
    OpenDashboard,
    OpenGrade,
    OpenKpis,
    OpenObjective,
    OpenReview,
)
from okrtui.screens.base import OkrScreen
from okrtui.screens.dashboard import DashboardScreen
from okrtui.session import Session, SessionHost

# The other screens are imported by their routes, when first opened: importing them all
# (the objective screen's chart library above all) would slow the first paint.


class Navigator:
    """Shows the screen each navigation message asks for, on `app`'s screen stack."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app

    @property
    def session(self) -> Session:
        """The running TUI's session."""
        return cast(SessionHost, self.app).session

    def first_screen(self, startup_error: str | None) -> Screen[Any]:
        """The dashboard, the bottom of the stack (an error screen instead when the
        workspace file could not be read)."""
        if startup_error is not None:
            from okrtui.screens.workspace_error import WorkspaceErrorScreen

            return WorkspaceErrorScreen(startup_error)
        return DashboardScreen()

    def current_period(self) -> str:
        """The period on show (the quarter of today before the dashboard has loaded)."""
        for screen in reversed(self.app.screen_stack):
            if isinstance(screen, OkrScreen) and screen.period_name:
                return screen.period_name
        return Period.quarter_of(self.session.today).name

    def to_dashboard(self) -> None:
        """Close every screen above the dashboard."""
        app = self.app
        while len(app.screen_stack) > 1 and not isinstance(app.screen, DashboardScreen):
            app.pop_screen()

    def over_dashboard(self, screen: Screen[Any]) -> None:
        """Show `screen` right above the dashboard."""
        self.to_dashboard()
        self.app.push_screen(screen)

    # ---- the routes ------------------------------------------------------------------------

    @singledispatchmethod
    def route(self, message: Navigate) -> None:
        """Show the screen `message` asks for."""
        raise LookupError(f"no route for {type(message).__name__}")

    @route.register
    def _dashboard(self, message: OpenDashboard) -> None:
        # The error screen is the bottom of the stack and cannot be replaced: the dashboard
        # goes on top, and its escape never pops back there.
        self.app.push_screen(DashboardScreen())

    @route.register
    def _objective(self, message: OpenObjective) -> None:
        from okrtui.screens.objective import ObjectiveScreen

        self.to_dashboard()
        if message.period and isinstance(self.app.screen, DashboardScreen):
            self.app.screen.show_period(message.period)
        self.app.push_screen(ObjectiveScreen(message.objective_id, kr_id=message.kr_id,
                                             check_in=message.check_in))

    @route.register
    def _edit_objective(self, message: EditObjective) -> None:
        from okrtui.screens.objective_form import ObjectiveFormScreen

        objective_id = message.objective_id

        def made(result: Objective | None) -> None:
            if objective_id is None and result is not None:
                self.route(OpenObjective(result.id))

        self.app.push_screen(ObjectiveFormScreen(objective_id, period=self.current_period()),
                             made)

    @route.register
    def _kpis(self, message: OpenKpis) -> None:
        from okrtui.screens.kpis import KpisScreen

        self.over_dashboard(KpisScreen(self.current_period(), kpi_id=message.kpi_id))

    @route.register
    def _alignment(self, message: OpenAlignment) -> None:
        from okrtui.screens.alignment import AlignmentScreen

        self.over_dashboard(AlignmentScreen(self.current_period()))

    @route.register
    def _review(self, message: OpenReview) -> None:
        from okrtui.screens.review import ReviewScreen

        self.over_dashboard(ReviewScreen(self.current_period()))

    @route.register
    def _activity(self, message: OpenActivity) -> None:
        from okrtui.screens.activity import ActivityScreen

        self.over_dashboard(ActivityScreen(self.session.news.looked))

    @route.register
    def _grade(self, message: OpenGrade) -> None:
        from okrtui.screens.grade import GradeScreen

        self.over_dashboard(GradeScreen(self.current_period()))

    @route.register
    def _carry(self, message: OpenCarry) -> None:
        from okrtui.screens.carry import CarryScreen

        try:
            screen = CarryScreen(self.current_period())
        except NoSuchPeriod as exc:  # nothing comes after 9999-Q4
            self.app.notify(exc.message, severity="warning", markup=False)
            return
        self.over_dashboard(screen)
