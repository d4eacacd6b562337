"""The base of the forms about one record that is there already, opened with its id."""

from __future__ import annotations

from typing import Any, ClassVar

from okrtui.screens.form import FormScreen


class RecordFormScreen(FormScreen):
    """A form about one record: the key result checked in on or moved, the KPI whose
    value is recorded or that is promoted, the objective a key result is added to or
    edited in, the key result an initiative moves.

    The record is named under the title (`#context`, which `fill` writes). A rule's error
    about the record itself, the field `RECORD` or its id, is about the form as a whole:
    the person cannot change which record the form is about.
    """

    RECORD: ClassVar[str] = ""
    """What the domain's errors call the record's field ("kr", "kpi")."""
    CONTEXT = True

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.FIELD_ALIASES = {cls.RECORD: "", "id": "", **cls.FIELD_ALIASES}

    def __init__(self, record_id: str) -> None:
        super().__init__()
        self.record_id = record_id
        """The id of the record the form is about."""
