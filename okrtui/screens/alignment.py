"""The alignment tree: company objectives down to team and personal ones, by parent links."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.events import Resize
from textual.reactive import var

from okrtui import keys
from okrtui.bindings import bindings
from okrtui.domain.records.models import Objective
from okrtui.domain.records.workspace import Workspace
from okrtui.domain.rules.alignment import tree_parents
from okrtui.domain.scoring.views import objective_score
from okrtui.messages import OpenObjective
from okrtui.screens.base import OfPeriod, WorkspaceScreen
from okrtui.widgets.alignment_tree import AlignmentTree, Forest

LEVEL_ORDER = {"company": 0, "team": 1, "personal": 2}


def alignment(ws: Workspace, period: str, today: Any) -> Forest:
    """Objectives of `period` and their ancestors (of any period), as a forest."""
    chosen: dict[str, Objective] = {o.id: o for o in ws.objectives(period=period)}
    for o in list(chosen.values()):
        parent_id = o.parent_id
        while parent_id and parent_id not in chosen:
            raw = ws.raw("objectives", parent_id)
            if raw is None or raw.get("deleted_at"):
                break
            parent = ws.objective(parent_id)
            chosen[parent.id] = parent
            parent_id = parent.parent_id
    scores = {oid: objective_score(ws, o, today) for oid, o in chosen.items()}
    children: dict[str | None, list[str]] = {}
    # Every objective shows, those a merge left aligned under each other too.
    shown_under = tree_parents({oid: o.parent_id for oid, o in chosen.items()})
    for o in chosen.values():
        children.setdefault(shown_under[o.id], []).append(o.id)
    ordered = {
        key: tuple(sorted(ids, key=lambda i: (LEVEL_ORDER.get(chosen[i].level, 3),
                                              chosen[i].title.lower(), i)))
        for key, ids in children.items()
    }
    return Forest(period, scores, ordered)


class AlignmentScreen(OfPeriod, WorkspaceScreen[Forest]):
    """Company objectives down to team and personal ones; enter opens one."""

    AUTO_FOCUS = "#tree"
    CRUMB = "alignment"
    BINDINGS: ClassVar[list[BindingType]] = bindings(keys.ALIGNMENT)

    forest: var[Forest | None] = var(None, always_update=True, init=False)
    """The forest on show, bound down to the tree."""

    def compose_body(self) -> ComposeResult:
        yield AlignmentTree(id="tree").data_bind(AlignmentScreen.forest)
        yield self.empty_state()

    def build_view(self, ws: Workspace) -> Forest:
        """The forest of the period's objectives (in a worker)."""
        return alignment(ws, self.period, self.today)

    def show_view(self, view: Forest) -> None:
        """The tree, everything expanded; what to do when the period has no objectives."""
        self.forest = view
        self.query_one("#tree", AlignmentTree).display = bool(view.scores)
        self.show_empty(None if view.scores else Text(
            f"No objectives in {view.period}. Press n to add one; set \"Aligned to\" to "
            "link it under a company or team objective."))

    def on_resize(self, event: Resize) -> None:
        if self.view is not None:
            self.query_one("#tree", AlignmentTree).rebuild()

    @on(AlignmentTree.OpenRequested)
    def _open(self, message: AlignmentTree.OpenRequested) -> None:
        self.navigate(OpenObjective(message.objective_id))

    def action_open(self) -> None:
        """Open the objective under the cursor."""
        self.query_one("#tree", AlignmentTree).open_highlighted()
