"""The theme: named in config.toml, a bad name one notice, a theme picked in the palette
remembered in the config file with the user's other lines kept."""

from __future__ import annotations

import os
from pathlib import Path

from okrtui.services import Services
from tests.support.tui import make_app, press, running, settle

MINE = '# mine\nuser = "alice"\n\n[sources]\n"9c1e" = "echo 1"  # tickets\n'


def config() -> Path:
    return Path(os.environ["OKRTUI_CONFIG"])


def notices(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(n.message) for n in app._notifications]


async def test_the_config_names_the_theme(services: Services) -> None:
    config().write_text('theme = "nord"\n')
    app = make_app(services)
    async with running(app):
        assert app.theme == "nord"
        assert notices(app) == []


async def test_a_theme_textual_does_not_know_is_one_notice(services: Services) -> None:
    config().write_text('theme = "no-such-theme"\n')
    app = make_app(services)
    async with running(app):
        assert app.theme == "textual-dark"
        (notice,) = notices(app)
        assert notice.startswith("theme 'no-such-theme' in ") and "nord" in notice
        assert config().read_text() == 'theme = "no-such-theme"\n'  # left for the user


async def test_a_theme_picked_in_the_palette_is_remembered(services: Services) -> None:
    config().write_text(MINE)
    app = make_app(services)
    async with running(app) as pilot:
        assert config().read_text() == MINE  # opening changes nothing
        await pilot.press("ctrl+p", *"theme")
        await settle(pilot)
        await press(pilot, "enter")  # "Change theme": the theme list
        await pilot.press(*"gruvbox", "enter")
        await settle(pilot)
        assert app.theme == "gruvbox"
    assert config().read_text() == MINE.replace('user = "alice"\n',
                                                'user = "alice"\ntheme = "gruvbox"\n')
