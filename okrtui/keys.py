"""The keys of a screen as people read them: one row per binding, for help and palette."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.app import App
from textual.dom import DOMNode
from textual.screen import Screen


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
