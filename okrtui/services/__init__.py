"""Use cases shared by the CLI and the TUI: each user action is one store transaction.

A service resolves ids against the freshly read workspace, builds validated records,
applies the domain rules and writes once. Errors are domain errors or pydantic
ValidationErrors; both read as one line through `okrtui.domain.records.errors.describe`.

One module per noun (objectives, key results, check-ins, initiatives, KPIs, the cycle,
what is due, reading, sharing, safety); `Services` is the one facade the CLI and the TUI use.

`Services` takes each use case from its module the first time it is used: importing
every use case (grading, carry-over, merging, reporting and the rules behind them) cost
`okrtui checkin` more time than the check-in itself. The modules are searched in
`USE_CASES` order, cheapest and most used first; no two of them define the same name
(a test holds the facade to the class all of them make together).
"""

from __future__ import annotations

import importlib
import inspect
from typing import TYPE_CHECKING, Any

from okrtui.services.base import Clock, ServiceBase, new_uuid, utc_now

USE_CASES: tuple[tuple[str, str], ...] = (
    ("checkins", "CheckInUseCases"),
    ("initiatives", "InitiativeUseCases"),
    ("key_results", "KeyResultUseCases"),
    ("objectives", "ObjectiveUseCases"),
    ("kpis", "KpiUseCases"),
    ("due", "DueUseCases"),
    ("reading", "ReadingUseCases"),
    ("safety", "SafetyUseCases"),
    ("sharing", "SharingUseCases"),
    ("history", "HistoryUseCases"),
    ("pull", "PullUseCases"),
    ("cycle", "CycleUseCases"),
)
"""Every use-case module and its class, in the order a missing name is looked for."""

# Names the package re-exports from a use-case module, loaded when first asked for.
_EXPORTS = {"Backup": "safety", "GradePlan": "cycle", "NothingToUndo": "history",
            "UndoResult": "history", "PullReport": "pull", "SourceResult": "pull"}


def use_case_classes() -> list[type[ServiceBase]]:
    """Every use-case class (importing all of their modules)."""
    return [getattr(importlib.import_module(f"okrtui.services.{module}"), name)
            for module, name in USE_CASES]


def _find(name: str) -> Any:
    """The member `name` of the first use-case class that has it (its modules imported
    in order until one does), as stored on the class; raises AttributeError."""
    for module, class_name in USE_CASES:
        cls = getattr(importlib.import_module(f"okrtui.services.{module}"), class_name)
        for klass in cls.__mro__:
            if klass is ServiceBase or klass is object:
                break
            if name in vars(klass):
                return inspect.getattr_static(klass, name)
    raise AttributeError(name)


if TYPE_CHECKING:
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

    class Services(CycleUseCases, PullUseCases, HistoryUseCases, KpiUseCases,
                   ObjectiveUseCases, KeyResultUseCases, CheckInUseCases, InitiativeUseCases,
                   DueUseCases, ReadingUseCases, SharingUseCases, SafetyUseCases):
        """Every action a person can take on a workspace, for one user."""

else:

    class _AssembledOnUse(type):
        """Finds a use case missing from the class in its module, and keeps it there."""

        def __getattr__(cls, name: str) -> Any:
            if name.startswith("__"):
                raise AttributeError(name)
            member = _find(name)
            setattr(cls, name, member)
            return getattr(cls, name)

    class Services(ServiceBase, metaclass=_AssembledOnUse):
        """Every action a person can take on a workspace, for one user.

        A use case missing from the class is taken from its module on first use and kept
        on the class, so later calls find it as an ordinary method.
        """

        def __getattr__(self, name: str) -> Any:
            if name.startswith("__"):
                raise AttributeError(name)
            getattr(type(self), name)  # puts it on the class, or raises AttributeError
            return getattr(self, name)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"okrtui.services.{module}"), name)


__all__ = ["Backup", "Clock", "GradePlan", "NothingToUndo", "PullReport", "ServiceBase",
           "Services", "SourceResult", "UndoResult", "new_uuid", "utc_now"]
