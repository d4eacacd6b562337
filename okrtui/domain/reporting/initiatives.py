"""How far the work under a key result is: "3 of 5 done", and what was done in a week.

Initiatives do not count towards a key result's score (okr-domain.md); their completion
is reported beside it, as the OKR literature asks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from okrtui.domain.records.models import Initiative


@dataclass(frozen=True)
class Completion:
    """How many of a key result's initiatives are done."""

    done: int
    total: int

    @property
    def text(self) -> str:
        """"3 of 5 done"; "no initiatives" when there are none."""
        return f"{self.done} of {self.total} done" if self.total else "no initiatives"


def completion(initiatives: Iterable[Initiative]) -> Completion:
    """The completion of the live initiatives given."""
    live = [i for i in initiatives if not i.deleted]
    return Completion(sum(1 for i in live if i.done), len(live))


def initiative_order(initiatives: Iterable[Initiative]) -> list[Initiative]:
    """Initiatives as they are listed: in their places, which is the order they were
    added in."""
    floor = dt.datetime.min.replace(tzinfo=dt.UTC)
    return sorted(initiatives, key=lambda i: (i.position, i.created_at or floor, i.id))


def done_between(initiatives: Iterable[Initiative], since: dt.date,
                 today: dt.date) -> list[Initiative]:
    """Live initiatives ticked after `since` and up to `today`, in the order they were
    done (the weekly review's "done this week")."""
    out = [i for i in initiatives
           if not i.deleted and i.done and i.done_at is not None
           and since < i.done_at.date() <= today]
    return sorted(out, key=lambda i: (i.done_at, i.id))


@dataclass(frozen=True)
class DoneInitiative:
    """An initiative ticked in the review's week, with the key result it moves."""

    kr_id: str
    kr_title: str
    initiative: Initiative


def done_markdown(done: Iterable[DoneInitiative], since: dt.date,
                  escape: Callable[[str], str]) -> list[str]:
    """The weekly review's lines for the initiatives done since `since` (none: nothing),
    every piece of user text through `escape`."""
    lines = []
    for d in done:
        i = d.initiative
        who = f" ({escape(i.done_by)})" if i.done_by else ""
        day = i.done_at.date() if i.done_at else since
        lines.append(f"- {day}, {escape(d.kr_title)}: {escape(i.title)}{who}")
    return [f"Initiatives done since {since}:", "", *lines, ""] if lines else []


def done_json(done: Iterable[DoneInitiative]) -> list[dict[str, Any]]:
    """The initiatives done in the week as plain data."""
    return [{"id": d.initiative.id, "title": d.initiative.title, "kr_id": d.kr_id,
             "key_result": d.kr_title, "owner": d.initiative.owner,
             "done_by": d.initiative.done_by,
             "done_at": d.initiative.done_at.isoformat() if d.initiative.done_at else None}
            for d in done]
