"""The alignment tree: company objectives down to team and personal ones, by parent links."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on
from textual.reactive import var
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from okrtui.domain.scoring.score import ObjectiveScore
from okrtui.widgets import format as fmt
from okrtui.widgets.chosen import Chosen
from okrtui.widgets.visuals import Palette, score_bar


@dataclass(frozen=True)
class Forest:
    """Scores of a period's objectives and of the parents they align to, as a forest."""

    period: str
    scores: dict[str, ObjectiveScore]
    children: dict[str | None, tuple[str, ...]]


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


class AlignmentTree(Tree[str]):
    """Objectives as a forest, everything expanded; a node's data is its objective id.
    Choosing one posts `OpenRequested`."""

    forest: var[Forest | None] = var(None, always_update=True, init=False)
    """What the tree shows (rebuilt whole on every change, and on resize)."""

    class OpenRequested(Chosen):
        """The person chose an objective of the tree."""

        @property
        def objective_id(self) -> str:
            """The objective's id."""
            return self.record_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Text("Alignment"), id=id)
        self.show_root = False
        self.guide_depth = 3

    def watch_forest(self, forest: Forest | None) -> None:
        self.rebuild()

    def rebuild(self) -> None:
        """Show the forest again (after a resize: labels are cut to the width)."""
        forest = self.forest
        if forest is None:
            return
        palette = Palette.of(self.app)
        self.clear()
        width = max(20, (self.size.width or self.app.size.width) - 2)

        def add(node: TreeNode[str], oid: str, seen: frozenset[str]) -> None:
            kids = [k for k in forest.children.get(oid, ()) if k not in seen]
            label = node_label(forest.scores[oid], palette, forest.period)
            # Cut to the width left after the guides, so the tree never scrolls sideways.
            label.truncate(max(10, width - self.guide_depth * (len(seen) - 1) - 2),
                           overflow="ellipsis")
            child = node.add(label, data=oid, expand=True) if kids else node.add_leaf(
                label, data=oid)
            for kid in kids:
                add(child, kid, seen | {kid})

        for root in forest.children.get(None, ()):
            add(self.root, root, frozenset({root}))
        if forest.scores:
            self.cursor_line = 0

    def open_highlighted(self) -> None:
        """Ask to open the objective under the cursor."""
        node = self.cursor_node
        if node is not None and node.data:
            self.post_message(self.OpenRequested(self, node.data))

    @on(Tree.NodeSelected)
    def _chosen(self, event: Tree.NodeSelected[Any]) -> None:
        event.stop()
        if event.node.data:
            self.post_message(self.OpenRequested(self, event.node.data))
