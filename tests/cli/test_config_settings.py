"""The user's config file: the theme it names, and a setting remembered without losing the
user's other settings, comments or tables."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

from okrtui.config import read_theme, remember_setting
from okrtui.domain.records.errors import InvalidInput

MINE = '''# my okrtui settings
user = "alice"   # who I am
db = "~/team/okrs.json"

[sources]
# the tickets closed this quarter
"9c1e" = "gh issue list --json number --jq length"
'''


@pytest.fixture
def config() -> Path:
    return Path(os.environ["OKRTUI_CONFIG"])


def test_a_theme_is_added_and_everything_else_stays_as_written(config: Path) -> None:
    config.write_text(MINE)
    os.chmod(config, 0o600)
    remember_setting("theme", "dracula")
    text = config.read_text()
    assert text == MINE.replace('db = "~/team/okrs.json"\n',
                                'db = "~/team/okrs.json"\ntheme = "dracula"\n')
    assert read_theme() == "dracula"
    assert (config.stat().st_mode & 0o777) == 0o600
    remember_setting("theme", "nord")
    assert config.read_text() == text.replace('"dracula"', '"nord"')


def test_a_theme_line_keeps_its_comment_and_place(config: Path) -> None:
    config.write_text('theme = "nord"  # easy on the eyes\nuser = "alice"\n')
    remember_setting("theme", "gruvbox")
    assert config.read_text() == 'theme = "gruvbox"  # easy on the eyes\nuser = "alice"\n'


def test_a_new_config_file_holds_the_theme(config: Path, tmp_path: Path) -> None:
    fresh = tmp_path / "new" / "config.toml"
    remember_setting("theme", "textual-light", fresh)
    assert tomllib.loads(fresh.read_text()) == {"theme": "textual-light"}
    assert not config.exists()


def test_a_symlinked_config_is_written_where_it_points(config: Path, tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "okrtui.toml"
    real.parent.mkdir()
    real.write_text(MINE)
    config.symlink_to(real)
    remember_setting("theme", "monokai")
    assert config.is_symlink() and 'theme = "monokai"' in real.read_text()


@pytest.mark.parametrize("text", [
    'theme = """nord"""\n',            # strings this edit does not rewrite in place
    'theme = """\nnord"""\nuser = "alice"\n',
])
def test_what_cannot_be_edited_safely_is_left_alone(config: Path, text: str) -> None:
    config.write_text(text)
    with pytest.raises(InvalidInput, match="by hand"):
        remember_setting("theme", "nord2")
    assert config.read_text() == text


def test_a_theme_that_was_not_a_string_is_replaced(config: Path) -> None:
    config.write_text('theme = ["nord"]\nuser = "alice"\n')
    remember_setting("theme", "nord")
    assert config.read_text() == 'theme = "nord"\nuser = "alice"\n'


def test_a_theme_that_is_not_a_name_is_one_line(config: Path) -> None:
    config.write_text("theme = 3\n")
    with pytest.raises(InvalidInput, match="theme must be the name of a theme"):
        read_theme()
    config.write_text("[sources\n")
    with pytest.raises(InvalidInput, match="is not valid TOML"):
        read_theme()
