"""The records of a workspace, as pydantic models.

These models are the documentation of the data: every field a workspace file holds is
declared here, with the rule that makes it valid. Records are immutable; an edit makes a
new validated record (see `revise`).
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Annotated, Any, Literal, Self, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from okrtui.domain.records.periods import canonical_period
from okrtui.domain.records.text import is_blank, person_name, safe_text, tidy_line

TITLE_MAX = 200
NAME_MAX = 100
UNIT_MAX = 30
NOTE_MAX = 5000


ID_PATTERN = r"^[A-Za-z0-9_.:-]+$"
"""What a record id may hold: the letters, digits and marks of UUIDs and of the ids other
tools give. An id is shown wherever its record is, so a file's id with a control code in
it is an invalid record (see `describe`), never a terminal escape."""


def _title(value: str) -> str:
    value = tidy_line(value)
    if is_blank(value):
        # Zero-width spaces, word joiners or fillers alone are as empty as no title.
        raise ValueError("must not be empty")
    if len(value) > TITLE_MAX:
        raise ValueError(f"must be at most {TITLE_MAX} characters")
    return value


def _limited(limit: int, *, multiline: bool = False, name: bool = False):
    def check(value: str) -> str:
        if multiline:
            value = safe_text(value, multiline=True).strip()
        else:
            value = person_name(value) if name else tidy_line(value)
            if is_blank(value):
                value = ""  # invisible characters alone: no name, as a blank one is
        if len(value) > limit:
            raise ValueError(f"must be at most {limit} characters")
        return value

    return check


def _aware(value: dt.datetime) -> dt.datetime:
    # A script's time without a zone is read as UTC, as merges read it: naive and aware
    # times cannot even be compared, and one such record blanked every list.
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def _finite(value: float) -> float:
    if not math.isfinite(value):
        raise ValueError("must be a finite number (not NaN or infinity)")
    # -0.0 would print as "-0" in tables and diff as a change; it means zero.
    return value + 0.0


Title = Annotated[str, AfterValidator(_title)]
Name = Annotated[str, AfterValidator(_limited(NAME_MAX, name=True))]
Unit = Annotated[str, AfterValidator(_limited(UNIT_MAX))]
Note = Annotated[str, AfterValidator(_limited(NOTE_MAX, multiline=True))]
Number = Annotated[float, Field(allow_inf_nan=False), AfterValidator(_finite)]
PeriodName = Annotated[str, AfterValidator(canonical_period)]
Moment = Annotated[dt.datetime, AfterValidator(_aware)]

Level = Literal["company", "team", "personal"]
ObjectiveStatus = Literal["draft", "active", "closed"]
KRKind = Literal["metric", "milestone", "above", "below"]
Direction = Literal["higher", "lower"]
Cadence = Literal["daily", "weekly", "monthly"]
KPIType = Literal["leading", "lagging"]

CADENCE_DAYS: dict[str, int] = {"daily": 1, "weekly": 7, "monthly": 31}


class Record(BaseModel):
    """Fields every stored record has: a UUID, who changed it last, and a tombstone."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    id: str = Field(min_length=8, max_length=64, pattern=ID_PATTERN)
    rev: int = Field(default=1, ge=1, description="Edits so far; grows by one on each edit.")
    updated_at: Moment
    updated_by: Name = ""
    deleted_at: Moment | None = None
    deleted_by: Name | None = None

    @property
    def deleted(self) -> bool:
        """Whether this record is a tombstone."""
        return self.deleted_at is not None

    def revise(self, actor: str, at: dt.datetime, /, **changes: Any) -> Self:
        """Return a validated copy with `changes`, one revision later, stamped by `actor`.

        Changes that leave every field as it was return the record itself: an edit that
        changes nothing is no edit (no new revision, nothing written, nothing to merge).
        """
        data = self.model_dump()
        data.update(changes)
        data.update(rev=self.rev + 1, updated_at=at, updated_by=actor)
        revised = type(self).model_validate(data)
        stamps = {"rev", "updated_at", "updated_by"}
        if revised.model_dump(exclude=stamps) == self.model_dump(exclude=stamps):
            return self
        return revised


RecordT = TypeVar("RecordT", bound=Record)


def tombstone(record: RecordT, actor: str, at: dt.datetime) -> RecordT:
    """`record` deleted by `actor` at `at`: a tombstone, one revision later, that says who
    deleted it and when, so that a merge with a teammate's copy tells "deleted" from
    "never seen"."""
    return record.revise(actor, at, deleted_at=at, deleted_by=actor)


class Objective(Record):
    """The qualitative, ambitious, time-bound *what*."""

    title: Title
    description: Note = ""
    owner: Name = ""
    team: Name = ""
    level: Level = "personal"
    period: PeriodName
    committed: bool = Field(
        default=False,
        description="Committed objectives must reach 1.0; aspirational ones aim at 0.7.",
    )
    parent_id: str | None = None
    status: ObjectiveStatus = "active"
    cadence: Cadence = Field(
        default="weekly", description="How often its key results are checked in."
    )
    created_at: Moment
    created_by: Name = ""
    grade: Annotated[float, Field(ge=0.0, le=1.0)] | None = None
    retrospective: Note = ""
    carried_from: str | None = None


class KeyResult(Record):
    """A measurable outcome that tells whether its objective is met."""

    objective_id: str
    title: Title
    owner: Name = ""
    kind: KRKind = "metric"
    start: Number = 0.0
    target: Number | None = None
    unit: Unit = ""
    weight: Annotated[float, Field(gt=0.0, le=100.0, allow_inf_nan=False)] = 1.0
    due: dt.date | None = None
    kpi_id: str | None = None
    position: int = 0
    created_at: Moment
    created_by: Name = ""
    final_score: Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False)] | None = Field(
        default=None, description="The score given at grading (its progress unless adjusted)."
    )
    final_reason: Note = Field(default="", description="Why the final score was adjusted.")
    carried_from: str | None = Field(
        default=None, description="The key result of an earlier period this one continues."
    )

    @model_validator(mode="after")
    def _ambition(self) -> Self:
        if self.kind == "milestone":
            if self.start != 0.0 or self.target != 1.0:
                # A milestone is 0 until done and 1 after; other numbers mean nothing.
                object.__setattr__(self, "start", 0.0)
                object.__setattr__(self, "target", 1.0)
            return self
        if self.target is None:
            raise ValueError("target: a key result of this kind needs a target number")
        if self.kind == "metric" and self.target == self.start:
            raise ValueError("target: the target must differ from the start")
        return self


class CheckIn(Record):
    """A dated update of a key result's current value, by a person."""

    kr_id: str
    value: Number
    confidence: Annotated[int, Field(ge=0, le=10)] | None = None
    note: Note = ""
    author: Name = ""
    at: Moment


class KPI(Record):
    """An ongoing health metric with a target band rather than an end date."""

    name: Title
    unit: Unit = ""
    owner: Name = ""
    team: Name = ""
    direction: Direction = "higher"
    green: Number | None = Field(default=None, description="Green at or beyond this value.")
    red: Number | None = Field(default=None, description="Red at or beyond this value.")
    cadence: Cadence = "weekly"
    type: KPIType = "lagging"
    description: Note = ""
    created_at: Moment
    created_by: Name = ""
    from_kr_id: str | None = Field(
        default=None, description="The reached key result whose level this KPI keeps."
    )

    @model_validator(mode="after")
    def _band(self) -> Self:
        if self.green is None or self.red is None:
            return self
        if self.direction == "higher" and not self.green > self.red:
            raise ValueError("green: when higher is better, green must be above red")
        if self.direction == "lower" and not self.green < self.red:
            raise ValueError("green: when lower is better, green must be below red")
        return self


class Measurement(Record):
    """One value of a KPI on a date."""

    kpi_id: str
    value: Number
    date: dt.date
    note: Note = Field(default="", description="Where the value came from, or why it moved.")
    author: Name = ""
    at: Moment


class Initiative(Record):
    """Work planned to move a key result; it does not count towards the score."""

    kr_id: str
    title: Title
    done: bool = False
    owner: Name = Field(default="", description="Who does the work.")
    # Optional: files from before okrtui showed initiatives hold them without these.
    created_at: Moment | None = None
    created_by: Name = ""
    done_at: Moment | None = Field(default=None, description="When it was ticked.")
    done_by: Name = Field(default="", description="Who ticked it.")
    position: int = Field(default=0, description="Its place in the key result's list.")


class Settings(BaseModel):
    """Workspace-level numbers behind the OKR rules (teams differ)."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    max_key_results: int = Field(default=5, ge=1, le=20)
    min_key_results: int = Field(default=3, ge=0, le=20)
    max_objectives_per_owner: int = Field(default=5, ge=1, le=50)
    max_kpis_per_owner: int = Field(default=12, ge=1, le=100)
    kpi_flag_over: int = Field(default=8, ge=1, le=100)
    band_partial_score: bool = Field(
        default=False,
        description="Keep-above/below key results score partially outside the band instead of 0.",
    )
    backups: int = Field(default=10, ge=0, le=1000)
    ambition_pace_factor: float = Field(
        default=3.0, ge=1.0, le=100.0,
        description="Lint flags a key result needing this many times its KPI's best pace.",
    )
    ambition_trend_points: int = Field(
        default=8, ge=2, le=1000,
        description="How many of a KPI's latest measurements its trend is fitted to.",
    )


TABLES: dict[str, type[Record]] = {
    "objectives": Objective,
    "key_results": KeyResult,
    "checkins": CheckIn,
    "kpis": KPI,
    "measurements": Measurement,
    "initiatives": Initiative,
}
"""The record tables of a workspace file, by table name."""

KIND_NAMES: dict[str, str] = {
    "objectives": "objective",
    "key_results": "key result",
    "checkins": "check-in",
    "kpis": "KPI",
    "measurements": "measurement",
    "initiatives": "initiative",
}
