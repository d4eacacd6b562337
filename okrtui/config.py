"""Where the workspace lives and who the user is: flags, environment, config file, defaults."""

from __future__ import annotations

import getpass
import json
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from okrtui.domain.records.errors import InvalidInput
from okrtui.domain.records.text import safe_text

APP = "okrtui"


def config_path() -> Path:
    """The TOML config file: $OKRTUI_CONFIG, else okrtui's platform config folder."""
    env = os.environ.get("OKRTUI_CONFIG")
    if env:
        return Path(env).expanduser()
    import platformdirs  # only where no flag or variable says (it costs a check-in)

    return Path(platformdirs.user_config_dir(APP)) / "config.toml"


def default_db() -> Path:
    """The default workspace: okrs.json in okrtui's platform data folder."""
    import platformdirs

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


def keys_table(path: Path | None = None) -> dict[str, object]:
    """The config file's `[keys]` table, binding id = key(s), as written (`okrtui.keys`
    checks it). An unquoted id (`okr.check_in = "space"`) is a nested table in TOML:
    it is read as the id it spells."""
    path = path or config_path()
    table = load_file(path).get("keys", {})
    if not isinstance(table, dict):
        raise InvalidInput(f"{path}: keys must be a table, as in [keys] "
                           '"okr.check_in" = "space"')
    return dict(_flatten(table))


def _flatten(table: dict, prefix: str = "") -> list[tuple[str, object]]:
    out: list[tuple[str, object]] = []
    for name, value in table.items():
        if isinstance(value, dict):
            out.extend(_flatten(value, f"{prefix}{name}."))
        else:
            out.append((f"{prefix}{name}", value))
    return out


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


def read_theme(path: Path | None = None) -> str | None:
    """The `theme` the user's config file names (None when it names none).

    Whether Textual knows the name is for the TUI to say: the config only holds it.
    """
    path = path or config_path()
    value = load_file(path).get("theme")
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(f"config file {path}: theme must be the name of a theme, in quotes")
    return safe_text(value).strip()[:60]


_TABLE_HEADER = re.compile(r"^\s*\[")
_SETTING = "^\\s*{key}\\s*="
_STRING_VALUE = re.compile(r"""^(\s*[A-Za-z0-9_-]+\s*=\s*)("(?:[^"\\]|\\.)*"|'[^']*')(.*)$""",
                           re.S)


def remember_setting(key: str, value: str, path: Path | None = None) -> Path:
    """Set the top-level string `key` in the user's config file to `value`, keeping every
    other line as it is (comments, other settings, tables, their order).

    The edited text is parsed again before it is written, and written only when it says
    what it said before with `key` changed; otherwise nothing is written and the one line
    says why. Returns the config file.
    """
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"config file {path} cannot be read: {exc}") from exc
    before = load_file(path) if text else {}
    edited = _with_setting(text, key, value)
    try:
        after = tomllib.loads(edited)
    except tomllib.TOMLDecodeError:
        after = None
    if after is None or after.get(key) != value or {
            k: v for k, v in after.items() if k != key} != {
            k: v for k, v in before.items() if k != key}:
        raise InvalidInput(f"config file {path}: could not set {key} without changing "
                           f"anything else; add {key} = {json.dumps(value)} by hand")
    from okrtui.store.jsonfile import atomic_replace

    # A config kept in a dotfiles repository is often a symlink: the file it points at is
    # the user's, and stays the one that holds the settings.
    target = path.resolve() if path.is_symlink() else path
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_replace(target, edited.encode("utf-8"))
    return path


def _with_setting(text: str, key: str, value: str) -> str:
    """`text` with the top-level line of `key` set to `value` (or one added)."""
    lines = text.splitlines(keepends=True)
    top = next((i for i, line in enumerate(lines) if _TABLE_HEADER.match(line)), len(lines))
    setting = re.compile(_SETTING.format(key=re.escape(key)))
    quoted = json.dumps(value, ensure_ascii=False)
    for index in range(top):
        if setting.match(lines[index]):
            found = _STRING_VALUE.match(lines[index])
            ending = "\n" if lines[index].endswith("\n") else ""
            rest = found.group(3).rstrip("\n") if found else ""
            lines[index] = f"{key} = {quoted}{rest}{ending}"
            return "".join(lines)
    # A new line after the last top-level setting, before the blank lines and the tables.
    at = top
    while at > 0 and not lines[at - 1].strip():
        at -= 1
    if at > 0 and not lines[at - 1].endswith("\n"):
        lines[at - 1] += "\n"
    added = f"{key} = {quoted}\n"
    if at == top and top < len(lines):
        added += "\n"  # a blank line before the first table, as people write it
    lines.insert(at, added)
    return "".join(lines)
