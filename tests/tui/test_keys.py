"""The keymap in the TUI: config.toml's [keys] remaps, the footer and help show the new
key, a wrong entry is one notice; and every binding is declared in okrtui.keys."""

from __future__ import annotations

import importlib
import pkgutil
import string

from textual.dom import DOMNode
from textual.keys import Keys, _character_to_key

import okrtui.screens
import okrtui.widgets
from okrtui import keys
from okrtui.app import OkrApp
from okrtui.screens.checkin import CheckInScreen
from okrtui.screens.help import HelpScreen
from okrtui.screens.objective import ObjectiveScreen
from okrtui.services import Services
from tests.support.clock import TODAY
from tests.support.tui import press, running, screen_text

SIZE = (80, 24)


def app_with(services: Services, table: dict[str, object]) -> OkrApp:
    """The app with today fixed and `table` as the [keys] of the config file."""
    return OkrApp(services, today=TODAY, keymap=keys.keymap(table))


def notices(app: OkrApp) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


def footer(app: OkrApp) -> str:
    return screen_text(app).splitlines()[-1]


async def test_a_remapped_key_works_and_footer_and_help_show_it(services: Services) -> None:
    objective = services.add_objective("Win the quarter", "2026-Q4")
    services.add_key_result(objective.id, "Key result 1", target=10)
    app = app_with(services, {"okr.check_in": "space", "okr.kpis": "j"})
    async with running(app, size=SIZE) as pilot:
        assert "j KPIs" in footer(app) and "k KPIs" not in footer(app)
        await press(pilot, "enter")
        assert isinstance(app.screen, ObjectiveScreen)
        assert "space Check in" in footer(app)
        await press(pilot, "c")  # the old key does nothing now
        assert isinstance(app.screen, ObjectiveScreen)
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        help_text = screen_text(app)
        assert "⏎ space Check in" in help_text  # enter, the table's own key, and space
        assert "j       KPIs" in help_text
        await pilot.press("escape")
        await press(pilot, "space")
        assert isinstance(app.screen, CheckInScreen)
    assert not notices(app)


async def test_a_wrong_entry_is_one_notice_and_the_rest_still_applies(
        services: Services) -> None:
    app = app_with(services, {"okr.chek_in": "space", "okr.kpis": "spcae",
                              "okr.alignment": "A"})
    async with running(app, size=SIZE) as pilot:
        told = notices(app).splitlines()
        assert told == [
            "[keys] 'okr.chek_in': no such key id ('okrtui keys' lists them)",
            "[keys] 'okr.kpis': 'spcae' is not a key name (a character, or one of enter, "
            "escape, space, tab, up, down, left, right, home, end, pageup, pagedown, "
            "insert, delete, backspace, f1 to f24)",
        ]
        await press(pilot, "k")  # a bad entry keeps the default key
        assert type(app.screen).__name__ == "KpisScreen"
        await press(pilot, "A")
        assert type(app.screen).__name__ == "AlignmentScreen"


def _bound_ids() -> set[str]:
    """The ids of every binding of the app and of every screen and widget class."""
    found: set[str] = set()
    classes: list[type] = [OkrApp]
    for package in (okrtui.screens, okrtui.widgets):
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            classes += [v for v in vars(module).values()
                        if isinstance(v, type) and issubclass(v, DOMNode)
                        and v.__module__ == module.__name__]
    for cls in classes:
        for binding in cls.__dict__.get("BINDINGS", []):
            if getattr(binding, "id", None):
                found.add(binding.id)
    return found


def test_every_binding_is_declared_once_in_the_keys_and_every_declared_key_is_bound() -> None:
    # What `okrtui keys` lists (without textual) is what the TUI binds.
    assert _bound_ids() == set(keys.BINDING_IDS)


def test_the_key_names_are_textuals() -> None:
    textual_names = {k.value for k in Keys}
    assert keys.NAMED_KEYS.issubset(textual_names)
    for char, name in keys.CHARACTER_NAMES.items():
        assert _character_to_key(char) == name, char
    punctuation = set(string.punctuation)
    assert set(keys.CHARACTER_NAMES) == punctuation
    for key in ("ctrl+s", "shift+up", "alt+x", "f12", "?", "M"):
        assert keys.normal_keys(key)
