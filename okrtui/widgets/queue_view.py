"""What the check-in queue ("my check-ins") shows, and where the person stands in it.

Plain data, no Textual: the screen builds a `QueueView` from one read of the workspace
(the queue's order is the domain's `checkin_queue`: due first, stale first), and keeps a
`Walk`, the person's place in it: which key result is on show, what was typed on each
(kept while they skip back and forth), and which were saved. Every step returns a new
value, so a reload or a save arriving later can never change what a step saw.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from okrtui.domain.records.models import CheckIn, KeyResult, Objective
from okrtui.domain.records.periods import Period
from okrtui.domain.records.workspace import Workspace
from okrtui.domain.scoring.due import QueueEntry, checkin_queue
from okrtui.domain.scoring.score import KRScore


@dataclass(frozen=True)
class Draft:
    """What is in the three fields of one key result's check-in, as typed."""

    value: str = ""
    confidence: str = ""
    note: str = ""


@dataclass(frozen=True)
class QueueItem:
    """One key result of the queue: its objective, score today, last note, whether it is
    due, and its check-ins (for the chart), oldest first."""

    entry: QueueEntry
    checkins: tuple[CheckIn, ...]

    @property
    def kr(self) -> KeyResult:
        """The key result."""
        return self.entry.score.kr

    @property
    def objective(self) -> Objective:
        """Its objective."""
        return self.entry.objective

    @property
    def score(self) -> KRScore:
        """Its score today (last value, confidence, status)."""
        return self.entry.score

    @property
    def due(self) -> bool:
        """Whether it is due for a check-in."""
        return self.entry.due is not None

    @property
    def period(self) -> Period:
        """Its objective's period (the chart's time axis)."""
        return Period.parse(self.objective.period)

    def prefill(self) -> Draft:
        """The fields as they open: value empty, confidence as last time, no note."""
        confidence = self.score.confidence
        return Draft(confidence="" if confidence is None else str(confidence))


@dataclass(frozen=True)
class QueueView:
    """The user's key results of one period in the queue's order."""

    period: str
    owner: str
    items: tuple[QueueItem, ...]
    closed: int = 0
    """The owner's key results of the period that have nothing to check in because their
    objective is graded or a draft (not in `items`)."""

    def item(self, kr_id: str) -> QueueItem | None:
        """The item of key result `kr_id` (None when it is no longer in the queue)."""
        return next((i for i in self.items if i.kr.id == kr_id), None)

    def still_due(self) -> tuple[QueueItem, ...]:
        """The items that are due now, in the queue's order."""
        return tuple(i for i in self.items if i.due)


def build_queue(ws: Workspace, today: dt.date, period: str, owner: str) -> QueueView:
    """The queue of `owner`'s key results of `period`, by the domain's one order."""
    items = tuple(QueueItem(entry, tuple(ws.checkins(entry.score.kr.id)))
                  for entry in checkin_queue(ws, today, period, owner))
    queued = {item.kr.id for item in items}
    closed = sum(1 for objective in ws.objectives(period=period)
                 for kr in ws.key_results(objective.id)
                 if (kr.owner or objective.owner) == owner and kr.id not in queued)
    return QueueView(period, owner, items, closed)


def _frozen(mapping: Mapping[str, Draft]) -> Mapping[str, Draft]:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True)
class Walk:
    """The person's place in the queue.

    `order` is the queue as first read: a key result saved or checked in by a teammate
    meanwhile stays where it was, so nothing moves under the person. `index` is the key
    result on show; `len(order)` is the end (the summary). `drafts` holds what was typed
    on a key result the person moved away from without saving; `saved` the key results
    checked in here, in order.
    """

    order: tuple[str, ...]
    index: int = 0
    drafts: Mapping[str, Draft] = field(default_factory=lambda: _frozen({}))
    saved: tuple[str, ...] = ()

    @property
    def at_end(self) -> bool:
        """Whether the walk is past the last key result (the summary is on show)."""
        return self.index >= len(self.order)

    @property
    def current(self) -> str | None:
        """The id of the key result on show (None at the end)."""
        return None if self.at_end else self.order[self.index]

    def step(self, offset: int) -> Walk:
        """Move by `offset` (1 next, -1 back), between the first and the end."""
        return replace(self, index=max(0, min(len(self.order), self.index + offset)))

    def keep(self, kr_id: str, typed: Draft, prefill: Draft) -> Walk:
        """Remember what is typed on `kr_id` (forget it when it is only the prefill)."""
        drafts = dict(self.drafts)
        if typed == prefill:
            drafts.pop(kr_id, None)
        else:
            drafts[kr_id] = typed
        return replace(self, drafts=_frozen(drafts))

    def save(self, kr_id: str) -> Walk:
        """`kr_id` was checked in: what was typed on it is saved, not a draft any more."""
        drafts = {k: v for k, v in self.drafts.items() if k != kr_id}
        return replace(self, drafts=_frozen(drafts), saved=(*self.saved, kr_id))

    def unsave(self, kr_id: str, typed: Draft) -> Walk:
        """The save of `kr_id` failed: it is not saved, and what was typed is kept."""
        saved = list(self.saved)
        if kr_id in saved:
            saved.remove(kr_id)
        return replace(self, drafts=_frozen({**self.drafts, kr_id: typed}),
                       saved=tuple(saved))

    def follow(self, view: QueueView) -> Walk:
        """The walk over a newer read: key results gone from the file are dropped (the
        one on show stays, or the next one comes up), new ones join at the end."""
        known = {i.kr.id for i in view.items}
        kept = [k for k in self.order if k in known]
        kept += [i.kr.id for i in view.items if i.kr.id not in set(kept)]
        before = self.order[:self.index]
        index = sum(1 for k in before if k in known)
        drafts = {k: v for k, v in self.drafts.items() if k in known}
        return Walk(tuple(kept), min(index, len(kept)), _frozen(drafts), self.saved)

    def typed_draft(self, kr_id: str) -> Draft | None:
        """What was typed on `kr_id` before moving away (None: nothing)."""
        return self.drafts.get(kr_id)

    def unsaved(self) -> tuple[str, ...]:
        """The key results with typed values not saved, in the queue's order."""
        return tuple(k for k in self.order if k in self.drafts)


def start_walk(view: QueueView) -> Walk:
    """A walk from the first key result of `view`."""
    return Walk(tuple(i.kr.id for i in view.items))
