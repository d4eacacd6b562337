"""Textual's side of the keys: bindings built from the declarations in `okrtui.keys`, and
the rows that help and the command palette show.

Help, footer and palette read the bindings as the keymap has them, so a key remapped in
config.toml shows as its new key everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from textual.app import App
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.screen import Screen

from okrtui import keys as declared
from okrtui.keys import Key


@cache
def _group(name: str) -> Binding.Group:
    return Binding.Group(name, compact=True)


def binding(key: Key) -> Binding:
    """The Textual binding of one declared key."""
    return Binding(key.key, key.action, key.description, show=key.show,
                   key_display=key.key_display, priority=key.priority, tooltip=key.tooltip,
                   id=key.id, group=_group(key.group) if key.group else None)


def bindings(*tables: tuple[Key, ...]) -> list[BindingType]:
    """BINDINGS for a screen or widget, from its tables of declared keys."""
    return [binding(key) for table in tables for key in table]


SWITCH_BUTTON = Binding("left,right", "app.focus_next", "Switch button", show=False)
"""The arrow keys move between a dialog's buttons: no id, like a widget's own cursor keys
(help sums those up in one line)."""


@cache
def in_palette(binding_id: str) -> bool:
    """Whether the command palette offers the binding `binding_id`."""
    return all(key.palette for _, table in declared.WHERE for key in table
               if key.id == binding_id)


@dataclass(frozen=True)
class BindingRow:
    """One binding of a screen as people read it: key, what it does, where it acts."""

    key: str
    description: str
    action: str
    namespace: DOMNode
    enabled: bool
    id: str | None


def screen_bindings(app: App[Any], screen: Screen[Any]) -> list[BindingRow]:
    """Every okrtui binding active on `screen` (the screen's first, then the app's).

    Keys are shown as the keymap has them, so a remapped key shows its new key.
    """
    rows: list[BindingRow] = []
    by_description: dict[str, int] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if not binding.description or binding.system or binding.id is None:
            continue  # widgets' own cursor keys are summed up in one line of the help
        display = binding.key_display or app.get_key_display(binding.with_key(key))
        index = by_description.get(binding.description)
        if index is not None:  # another key for the same thing: "c ⏎  Check in"
            row = rows[index]
            if display not in row.key.split(" "):
                rows[index] = BindingRow(f"{row.key} {display}", row.description, row.action,
                                         row.namespace, row.enabled or active.enabled, row.id)
            continue
        by_description[binding.description] = len(rows)
        rows.append(BindingRow(display, binding.description, binding.action, active.node,
                               active.enabled, binding.id))

    def order(row: BindingRow) -> tuple[int, str]:
        ours = row.id is not None and row.id.startswith("okr.")
        return (0 if ours and row.namespace is not app else 1 if ours else 2, "")

    return sorted(rows, key=order)
