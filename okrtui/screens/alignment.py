"""The alignment tree: company objectives down to team and personal ones, by parent links."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.events import Resize
from textual.widgets import Footer, Static, Tree

from okrtui import keys
from okrtui.bindings import bindings
from okrtui.domain.records.models import Objective
from okrtui.domain.records.workspace import Workspace
from okrtui.domain.rules.alignment import tree_parents
from okrtui.domain.scoring.score import ObjectiveScore
from okrtui.domain.scoring.views import objective_score
from okrtui.messages import OpenObjective
from okrtui.screens.base import OkrScreen
from okrtui.screens.legacy import Loaded, ServiceFailed, ServiceMixin
from okrtui.widgets import format as fmt
from okrtui.widgets.topbar import TopBar, crumbs
from okrtui.widgets.visuals import Palette, score_bar

LEVEL_ORDER = {"company": 0, "team": 1, "personal": 2}


@dataclass(frozen=True)
class AlignmentData:
    """Scores of the period's objectives and of the parents they align to."""

    period: str
    scores: dict[str, ObjectiveScore]
    children: dict[str | None, tuple[str, ...]]


def alignment(ws: Workspace, period: str, today: Any) -> AlignmentData:
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
    return AlignmentData(period, scores, ordered)


def node_label(score: ObjectiveScore, palette: Palette, period: str) -> Text:
    """Bar, score and status, then the title, owner and level (plain text)."""
    o = score.objective
    text = score_bar(score.score, 6, score.rag, palette)
    text.append(f" {score.score:.2f} ")
    status = fmt.score_label(score)
    text.append(f"{status:<13} ", style=palette.style(score.rag))
    text.append(o.title)
    facts = [o.owner or "no owner", o.level]
    if o.period != period:
        facts.append(o.period)
    text.append(f"  {' · '.join(facts)}", style="dim")
    return text


class AlignmentScreen(ServiceMixin, OkrScreen[None]):
    """Company objectives down to team and personal ones; enter opens one."""

    AUTO_FOCUS = "#tree"
    BINDINGS: ClassVar[list[BindingType]] = bindings(keys.ALIGNMENT)

    def __init__(self, period: str) -> None:
        super().__init__()
        self.period = period
        self.data: AlignmentData | None = None

    def compose(self) -> ComposeResult:
        yield TopBar(id="topbar")
        tree: Tree[str] = Tree(Text("Alignment"), id="tree")
        tree.show_root = False
        tree.guide_depth = 3
        yield tree
        yield Static(id="empty", classes="empty-state")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#topbar", TopBar).show(crumbs(self.period, "alignment"),
                                               Text(self.services.user))
        self.query_one("#empty", Static).display = False

    def on_screen_resume(self) -> None:
        # Also the first load: a screen is resumed when it is first shown.
        self.reload()

    def reload(self) -> None:
        """Read the workspace again in a worker."""
        self.load()

    def build_view(self, ws: Workspace) -> AlignmentData:
        """The forest of the period's objectives (in a worker)."""
        return alignment(ws, self.period, self.today)

    def on_loaded(self, message: Loaded[Any]) -> None:
        self.data = message.data
        self.render_data()

    def on_resize(self, event: Resize) -> None:
        if self.data is not None:
            self.render_data()

    def on_service_failed(self, message: ServiceFailed) -> None:
        self.notify(message.text, title="Cannot read the workspace", severity="error",
                    markup=False)

    def render_data(self) -> None:
        """Rebuild the tree, everything expanded."""
        assert self.data is not None
        palette = Palette.of(self.app)
        tree = self.query_one("#tree", Tree)
        tree.clear()
        data = self.data

        width = max(20, (tree.size.width or self.app.size.width) - 2)

        def add(node: Any, oid: str, seen: frozenset[str]) -> None:
            kids = [k for k in data.children.get(oid, ()) if k not in seen]
            label = node_label(data.scores[oid], palette, data.period)
            # Cut to the width left after the guides, so the tree never scrolls sideways.
            label.truncate(max(10, width - tree.guide_depth * (len(seen) - 1) - 2),
                           overflow="ellipsis")
            child = node.add(label, data=oid, expand=True) if kids else node.add_leaf(
                label, data=oid)
            for kid in kids:
                add(child, kid, seen | {kid})

        for root in data.children.get(None, ()):
            add(tree.root, root, frozenset({root}))
        if data.scores:
            tree.cursor_line = 0
        empty = self.query_one("#empty", Static)
        empty.display = not data.scores
        tree.display = bool(data.scores)
        empty.update(Text(f"No objectives in {data.period}. Press n to add one; set "
                          "\"Aligned to\" to link it under a company or team objective."))

    @on(Tree.NodeSelected, "#tree")
    def _selected(self, event: Tree.NodeSelected[str]) -> None:
        event.stop()
        if event.node.data:
            self.navigate(OpenObjective(event.node.data))

    def action_open(self) -> None:
        """Open the objective under the cursor."""
        node = self.query_one("#tree", Tree).cursor_node
        if node is not None and node.data:
            self.navigate(OpenObjective(node.data))
