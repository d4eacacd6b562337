"""Where the workspace lives and who the user is: flags, environment, config file, defaults."""

from __future__ import annotations

import getpass
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from okrtui.domain.records.errors import InvalidInput
from okrtui.domain.records.text import safe_text

APP = "okrtui"


def config_path() -> Path:
    """The TOML config file: $OKRTUI_CONFIG, else okrtui's platform config folder."""
    env = os.environ.get("OKRTUI_CONFIG")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_config_dir(APP)) / "config.toml"


def default_db() -> Path:
    """The default workspace: okrs.json in okrtui's platform data folder."""
    return Path(platformdirs.user_data_dir(APP)) / "okrs.json"


@dataclass(frozen=True)
class Config:
    """What okrtui runs with: the workspace file and the user's name."""

    db: Path
    user: str


def load_file(path: Path) -> dict:
    """Read the config file (an absent file is an empty config)."""
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        return {}
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"config file {path} is not valid TOML: {exc}") from exc
    except OSError as exc:
        raise InvalidInput(f"config file {path} cannot be read: {exc.strerror}") from exc


def resolve(db: str | None = None, user: str | None = None) -> Config:
    """Choose the workspace and user: flag, then environment, then config file, then default."""
    file: dict | None = None

    def from_file(key: str) -> str | None:
        nonlocal file
        if file is None:
            file = load_file(config_path())
        value = file.get(key)
        return str(value) if value is not None else None

    db_path = db or os.environ.get("OKRTUI_DB") or from_file("db")
    name = user or os.environ.get("OKRTUI_USER") or from_file("user") or _login()
    name = safe_text(name).strip()[:100] or "me"
    return Config(Path(db_path).expanduser() if db_path else default_db(), name)


def _login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "me"


def read_sources(path: Path | None = None) -> dict[str, str]:
    """The `[sources]` table of the user's config file: source key -> shell command.

    Sources live only in the user's own config file, never in the shared workspace: a
    teammate must not be able to make my okrtui run a command. A table that is not of
    text keys and non-empty text commands is refused in one line (a broken config).
    """
    path = path or config_path()
    table = load_file(path).get("sources", {})
    if not isinstance(table, dict):
        raise InvalidInput(f"config file {path}: [sources] must be a table of "
                           '"<id>" = "<command>" lines')
    out: dict[str, str] = {}
    for key, command in table.items():
        name = safe_text(str(key))[:40]
        if not isinstance(command, str):
            raise InvalidInput(f"config file {path}: [sources] {name!r}: the command must be "
                               "a string")
        if not command.strip():
            raise InvalidInput(f"config file {path}: [sources] {name!r}: the command is empty")
        out[str(key)] = command
    return out
