"""The dashboard's list of objectives, grouped by owner, with score bar and status."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any, ClassVar, TypeVar

from rich.console import RenderableType
from rich.text import Text
from textual import on
from textual.binding import BindingType
from textual.css.styles import RulesMap
from textual.reactive import var
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, RichVisual
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from okrtui import keys
from okrtui.bindings import bindings
from okrtui.domain.scoring.score import ObjectiveScore
from okrtui.widgets import format as fmt
from okrtui.widgets.chosen import Chosen
from okrtui.widgets.line_row import Cell, LineRow
from okrtui.widgets.visuals import Palette, plain, score_bar, status_text

BAR_WIDTH = 10
WIDE = 100
"""From this screen width on, each row also says how many key results and how fresh."""


def activity(score: ObjectiveScore, today: dt.date) -> str:
    """How many key results, and when the newest check-in was: "3 KRs · 2d ago"."""
    count = len(score.key_results)
    stamps = [k.last_checkin for k in score.key_results if k.last_checkin is not None]
    last = fmt.age(max(stamps), today) if stamps else "no check-in"
    return f"{count} KR{'s' if count != 1 else ''} · {last}"


def objective_row(score: ObjectiveScore, palette: Palette, today: dt.date, *,
                  wide: bool = False, bar_width: int = BAR_WIDTH) -> LineRow:
    """One objective as a row: title (cut to fit), bar, score, status word and symbol;
    when `wide`, also its key-result count and latest check-in."""
    o = score.objective
    title = plain(o.title)
    if o.status == "draft":
        title.append(" (draft)", style="dim italic")
    cells = [Cell(Text(""), 1), Cell(title)]
    if wide:
        cells.append(Cell(Text(activity(score, today), style="dim", no_wrap=True, end=""), 18))
    cells += [Cell(score_bar(score.score, bar_width, score.rag, palette), bar_width),
              Cell(Text(f"{score.score:.2f}", no_wrap=True, end=""), 4, "right"),
              Cell(status_text(score, palette), 13)]
    return LineRow(cells)


def group_heading(owner: str, teams: Sequence[str]) -> Text:
    """"alice · Leadership" for the group of one owner's objectives."""
    text = Text(owner or "no owner", style="bold", no_wrap=True, overflow="ellipsis", end="")
    for team in dict.fromkeys(t for t in teams if t):
        text.append(" · ", style="dim")
        text.append(team, style="dim")
    return text


T = TypeVar("T")


def owner_groups(items: Iterable[T], owner: Callable[[T], str]) -> list[tuple[str, list[T]]]:
    """`items` grouped by `owner` as the list shows them: owners A to Z (case aside), each
    owner's items in the order given."""
    groups: dict[str, list[T]] = {}
    for item in items:
        groups.setdefault(owner(item), []).append(item)
    return [(name, groups[name]) for name in sorted(groups, key=str.lower)]


class OneLine(RichVisual):
    """A row known to be one line high (every cell is no_wrap).

    OptionList asks each option for its height when the options are set, and a Rich
    renderable answers only by being rendered: for a period of 100 objectives that was
    100 tables rendered on every load and every key typed into the filter, most of them
    never on screen. Saying the height lets only the visible rows be rendered.
    """

    STRIPS_KEPT = 8
    """Renders kept per row: one per style (plain, highlighted, hover) and width."""

    def __init__(self, widget: Any, renderable: RenderableType) -> None:
        super().__init__(widget, renderable)
        self._strips: dict[tuple[int, int | None, Style], list[Strip]] = {}

    def get_height(self, rules: RulesMap, width: int) -> int:
        """One line, without rendering the row to find out."""
        return 1

    def render_strips(self, width: int, height: int | None, style: Style,
                      options: RenderOptions) -> list[Strip]:
        """The row rendered at `width` in `style`, rendered once for each.

        OptionList drops its own render cache whenever its options are set, which the
        list does on every load and every key typed into the filter: the rows that did
        not change were rendered again each time (a Rich table each, most of a filter
        key's frame). A row is kept only while its score, palette and day are
        (`ObjectiveList._row`), so a kept render is never stale.
        """
        if options.selection is not None:  # a selection is drawn into the render
            return super().render_strips(width, height, style, options)
        key = (width, height, style)
        strips = self._strips.get(key)
        if strips is None:
            if len(self._strips) >= self.STRIPS_KEPT:
                self._strips.clear()
            strips = self._strips[key] = super().render_strips(width, height, style,
                                                               options)
        return list(strips)


class ObjectiveList(OptionList):
    """Objectives grouped by owner; the option id is the objective id. It shows `scores`
    (each row also says how many key results and how fresh on a wide screen) and posts
    `OpenRequested` when one is chosen."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(keys.OBJECTIVE_LIST)

    DEFAULT_CSS = """
    ObjectiveList, ObjectiveList:focus {
        height: 1fr;
        border: none;
        padding: 0 0;
    }
    """

    scores: var[tuple[ObjectiveScore, ...]] = var((), always_update=True, init=False)
    """The objectives on show, in order (a new tuple shows them again)."""

    class OpenRequested(Chosen):
        """The person chose an objective of the list."""

        @property
        def objective_id(self) -> str:
            """The objective's id."""
            return self.record_id

    def __init__(self, *args: Any, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        # Options of the last shows, by objective id and width, for the same score, palette
        # and day, and headings by owner and teams: typing in the filter shows the same
        # objectives again, fewer of them. A kept option keeps what OptionList worked out
        # for it (its visual), and the same options in the same order are not set again:
        # at a thousand objectives setting them was most of a filter key's time.
        self._rows: dict[tuple[str, bool], tuple[ObjectiveScore, Palette, dt.date, Option]] = {}
        self._headings: dict[tuple[str, tuple[str, ...]], Option] = {}
        self._most = 0

    def _row(self, score: ObjectiveScore, palette: Palette, today: dt.date,
             wide: bool) -> Option:
        key = (score.objective.id, wide)
        cached = self._rows.get(key)
        if cached is not None and cached[0] is score and cached[1] == palette \
                and cached[2] == today:
            return cached[3]
        row = Option(OneLine(self, objective_row(score, palette, today, wide=wide)),
                     id=score.objective.id)
        self._rows[key] = (score, palette, today, row)
        return row

    def _heading(self, owner: str, teams: tuple[str, ...]) -> Option:
        key = (owner, teams)
        heading = self._headings.get(key)
        if heading is None:
            heading = self._headings[key] = Option(group_heading(owner, teams), disabled=True)
        return heading

    def watch_scores(self, scores: tuple[ObjectiveScore, ...]) -> None:
        self.show(scores, Palette.of(self.app), self.today,
                  wide=self.screen.size.width >= WIDE)

    def show(self, scores: Sequence[ObjectiveScore], palette: Palette, today: dt.date, *,
             wide: bool = False) -> None:
        """Replace the list with `scores`, grouped by owner, keeping the highlighted one."""
        # Other periods or reloads: do not keep old rows forever. The bound follows the
        # longest list shown, not this one, so a narrow filter does not drop the rows the
        # next key (a backspace) shows again.
        self._most = max(self._most, len(scores))
        if len(self._rows) > 4 * self._most + 100:
            self._rows.clear()
            self._headings.clear()
            self._most = len(scores)
        highlighted = self.highlighted_option.id if self.highlighted_option else None
        options: list[Option] = []
        for owner, items in owner_groups(scores, lambda s: s.objective.owner):
            options.append(self._heading(owner, tuple(s.objective.team for s in items)))
            options.extend(self._row(s, palette, today, wide) for s in items)
        if not self._same_options(options) and not self._rows_replaced(options, wide):
            self.set_options(options)
        ids = [o.id for o in options if o.id is not None]
        if highlighted in ids:
            self.highlighted = self.get_option_index(highlighted)
        elif ids:
            self.highlighted = self.get_option_index(ids[0])

    def _rows_replaced(self, options: Sequence[Option], wide: bool) -> bool:
        """Give the rows that changed their new prompts in place, where the list shows
        the same objectives and headings in the same order (a teammate's check-in changes
        one row); False, changing nothing, where it does not. Setting every option again
        measured them all and scrolled the list to the top and back."""
        shown = self.options
        if len(shown) != len(options):
            return False
        changed: list[tuple[int, str, Option, Option]] = []
        for index, (old, new) in enumerate(zip(shown, options, strict=True)):
            if old is new:
                continue
            oid = old.id
            if oid is None or oid != new.id:
                return False  # another heading or another order: set them all
            changed.append((index, oid, old, new))
        for index, oid, old, new in changed:
            self.replace_option_prompt_at_index(index, new.prompt)
            # The list keeps its option, now with the new row: the next show finds it.
            score, palette, today, _ = self._rows[(oid, wide)]
            self._rows[(oid, wide)] = (score, palette, today, old)
        return True

    def _same_options(self, options: Sequence[Option]) -> bool:
        """Whether the list already shows these very options, in this order."""
        shown = self.options
        return len(shown) == len(options) and all(
            a is b for a, b in zip(shown, options, strict=True))

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.OpenRequested(self, event.option.id))
