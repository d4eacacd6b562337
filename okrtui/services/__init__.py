"""Use cases shared by the CLI and the TUI: each user action is one store transaction.

A service resolves ids against the freshly read workspace, builds validated records,
applies the domain rules and writes once. Errors are domain errors or pydantic
ValidationErrors; both read as one line through `okrtui.domain.records.errors.describe`.

One module per noun (objectives, key results, check-ins, initiatives, KPIs, the cycle, reading,
sharing, safety); `Services` is the one facade the CLI and the TUI use.
"""

from __future__ import annotations

from okrtui.services.base import Clock, ServiceBase, new_uuid, utc_now
from okrtui.services.checkins import CheckInUseCases
from okrtui.services.cycle import CycleUseCases, GradePlan
from okrtui.services.due import DueUseCases
from okrtui.services.history import HistoryUseCases, NothingToUndo, UndoResult
from okrtui.services.initiatives import InitiativeUseCases
from okrtui.services.key_results import KeyResultUseCases
from okrtui.services.kpis import KpiUseCases
from okrtui.services.objectives import ObjectiveUseCases
from okrtui.services.pull import PullReport, PullUseCases, SourceResult
from okrtui.services.reading import ReadingUseCases
from okrtui.services.safety import Backup, SafetyUseCases
from okrtui.services.sharing import SharingUseCases


class Services(CycleUseCases, PullUseCases, HistoryUseCases, KpiUseCases, ObjectiveUseCases,
               KeyResultUseCases, CheckInUseCases, InitiativeUseCases, DueUseCases,
               ReadingUseCases, SharingUseCases, SafetyUseCases):
    """Every action a person can take on a workspace, for one user."""


__all__ = ["Backup", "Clock", "GradePlan", "NothingToUndo", "PullReport", "ServiceBase",
           "Services", "SourceResult", "UndoResult", "new_uuid", "utc_now"]
