"""Teammates' hostile or awkward text is shown literally on every screen; the layout holds.

Markup (`[bold]`, `[@click=app.quit]`, an unbalanced `[`), terminal escapes, C1 controls,
bidi overrides, 200-character titles, emoji and wide CJK characters.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from okrtui.app import OkrApp
from okrtui.services import Services
from tests.support.tui import keys, make_app, running, screen_text, settle

MARKUP = "[bold red]Loud[/] [@click=app.quit]click me[/] [unclosed"
ESCAPES = "Evil \x1b[31mred\x1b[0m \x9b2J \u202etxt.exe"
WIDE = "目標を達成する 🎯🚀 顧客満足度"
LONG = "Very long objective title " * 8


@pytest.fixture
def hostile_app(make_services: Callable[..., Services]) -> OkrApp:
    """A workspace whose every text field was written by a mischievous teammate.

    Ids are deterministic: with a fixed clock, records created at the same moment are
    ordered by id, and the snapshots must not depend on chance.
    """
    services = make_services("[b]mallory[/b]")
    for title in (MARKUP, ESCAPES, WIDE, LONG[:200]):
        objective = services.add_objective(title, "2026-Q4", team="[i]Team[/i] 🎯")
        for n, kr_title in enumerate((MARKUP, WIDE, ESCAPES)):
            kr = services.add_key_result(objective.id, f"{kr_title} {n}", target=10,
                                         unit="[dim]u[/]")
            services.check_in(kr.id, 3, confidence=6, note=f"{MARKUP}\n{ESCAPES}\n{WIDE}")
    kpi = services.add_kpi(MARKUP, unit="表", green=10, red=2)
    services.record_kpi(kpi.id, 5)
    return make_app(services)


async def test_every_screen_shows_the_text_literally(hostile_app: OkrApp) -> None:
    async with running(hostile_app, size=(100, 30)) as pilot:
        seen = [screen_text(hostile_app)]
        for key in ("enter", "escape", "k", "escape", "t", "escape", "r"):
            await pilot.press(key)
            await settle(pilot)
            seen.append(screen_text(hostile_app))
        assert hostile_app.is_running  # [@click=app.quit] did not become an action
    shown = "\n".join(seen)
    assert "[bold red]Loud[/]" in shown
    assert "[@click=app.quit]click me[/]" in shown
    assert "目標を達成する" in shown
    assert "[b]mallory[/b]" in shown
    assert "Evil [31mred[0m" in shown  # the ESC is gone, the rest stays text
    for control in ("\x1b", "\x9b", "\u202e"):
        assert control not in shown


@pytest.mark.parametrize("presses", [(), ("enter",), ("k",), ("t",), ("r",)],
                         ids=["dashboard", "objective", "kpis", "alignment", "review"])
def test_layout_holds_at_80x24(snap_compare, hostile_app: OkrApp,  # type: ignore[no-untyped-def]
                               presses: tuple[str, ...]) -> None:
    """Each screen at 80x24 with hostile text: literal, clipped with an ellipsis, aligned."""
    assert snap_compare(hostile_app, terminal_size=(80, 24), run_before=keys(*presses))
