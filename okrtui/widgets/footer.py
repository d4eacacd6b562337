"""The footer of every screen: whole keys only, as many as the width holds.

Textual's footer lays its keys out in one row and clips the row at the terminal's edge,
so at 80 columns a screen with many keys showed "n N" for "n New objective". This footer
shows only keys that fit whole: when the row is too long it leaves out the last ones
(the app's own keys come after the screen's), but always keeps `?` Help, which lists
every key of the screen.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.dom import NoScreen
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

PALETTE_CLASS = "-command-palette"


class KeyFooter(Footer):
    """A footer that never cuts a key or its description at the right edge."""

    KEEP: ClassVar[frozenset[str]] = frozenset({"help", "app.help"})
    """Actions whose key stays when others are left out (help tells the rest)."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._fitted_width = 0
        self._tries = 0
        self._composed: tuple[object, ...] | None = None
        """What the keys on show were composed from (see `shown`)."""

    def bindings_changed(self, screen: Screen[object]) -> None:
        # Textual's footer, but for the check when the footer is composed again.
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._recompose_if_shown)

    async def _recompose_if_shown(self) -> None:
        # Behind a dialog the keys stay as they were fitted: composed again there, they
        # would be laid out only when the screen shows again, and cut until then. Coming
        # back to the screen refreshes its bindings, and this footer with them. (This runs
        # after a refresh: the screen may have been closed meanwhile.) Textual counts the
        # screen under the top one as current, whatever covers it: the top is what shows.
        if not self._on_screen() or (self._fitted_width and not self.screen.is_active):
            return
        # A screen refreshes its bindings whenever its data or selection may change them
        # (several times on opening); composing the same keys again restyles every key,
        # which cost more than the rest of opening an objective.
        if self._composed is not None and self._composed == self.shown():
            return
        await self.recompose()

    def shown(self) -> tuple[object, ...]:
        """Everything the keys are composed from: each binding (a frozen dataclass, equal
        when nothing of it changed) with how its key shows, whether it is enabled and its
        tooltip; the footer's style and the command palette's key."""
        app = self.app
        return (self.compact, self.show_command_palette, app.ENABLE_COMMAND_PALETTE,
                app.COMMAND_PALETTE_BINDING,
                tuple((key, binding, app.get_key_display(binding), enabled, tooltip)
                      for key, (_, binding, enabled, tooltip)
                      in self.screen.active_bindings.items()))

    def _on_screen(self) -> bool:
        """Whether the footer is still on a screen of the app (not closed meanwhile)."""
        try:
            return self.is_attached and self.screen is not None
        except NoScreen:
            return False

    async def recompose(self) -> None:
        """Compose the keys again (all shown), then leave out those that do not fit."""
        composed = self.shown() if self._bindings_ready and self._on_screen() else None
        await super().recompose()
        self._composed = composed
        self._tries = 0
        self.call_after_refresh(self.fit_keys)

    def on_resize(self, event: events.Resize) -> None:
        # A wider terminal may hold keys left out before, a narrower one fewer (behind a
        # dialog, coming back to the screen composes the footer again anyway).
        if (self._fitted_width and event.size.width != self._fitted_width
                and self._on_screen() and self.screen.is_active):
            self.call_after_refresh(self.recompose)

    def fit_keys(self) -> None:
        """Hide the keys (from the right, help excepted) that the row cannot hold whole."""
        if not self._on_screen() or not self.region.width:
            return
        self._fitted_width = self.size.width
        items = [child for child in self.children if not child.has_class(PALETTE_CLASS)]
        palette = [child for child in self.children if child.has_class(PALETTE_CLASS)]
        if any(item.display and not item.region.width for item in items):
            # Not laid out yet: measure after the next refresh (a few times at most).
            self._tries += 1
            if self._tries < 5:
                self.call_after_refresh(self.fit_keys)
            return
        limit = (palette[0].region.x if palette and palette[0].display
                 else self.content_region.right)
        if not items or all(item.region.right <= limit for item in items):
            return
        # Each item's span: its width and the gap before it, as laid out with all shown.
        spans: list[int] = []
        end = self.content_region.x
        for item in items:
            spans.append(item.region.right - end)
            end = item.region.right
        room = limit - self.content_region.x
        keep = [i for i, item in enumerate(items) if self._kept(item)]
        used = sum(spans[i] for i in keep)
        for i, _item in enumerate(items):
            if i in keep:
                continue
            if used + spans[i] > room:
                break
            keep.append(i)
            used += spans[i]
        kept = set(keep)
        for i, item in enumerate(items):
            item.display = i in kept

    def _kept(self, item: Widget) -> bool:
        """Whether `item` is a key that stays whatever the width."""
        return isinstance(item, FooterKey) and item.action in self.KEEP

