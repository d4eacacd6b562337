"""Every key of the TUI, declared once as plain data, and the user's keymap.

One `Key` is a binding's id (what `[keys]` in config.toml remaps), its default key, the
action it runs, its description (footer, help and palette), whether the footer shows it
and whether the palette offers it. Screens and widgets build their Textual bindings from
these tables (`okrtui.bindings`); `okrtui keys` lists them without importing textual,
which is why they live here and not beside the screens.

Key names are Textual's: a character (`c`, `M`, `?`), a named key (`enter`, `escape`,
`space`, `up`, `f1`, ...), with modifiers (`ctrl+s`, `shift+up`); several keys separated
by commas.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from okrtui import config
from okrtui.domain.records.errors import InvalidInput


@dataclass(frozen=True)
class Key:
    """One binding: id, default key(s), action, and how people see it."""

    id: str
    key: str
    action: str
    description: str
    show: bool = True
    """Shown in the footer."""
    key_display: str | None = None
    """How the footer and help write the default key (None: Textual's own way)."""
    palette: bool = True
    """Offered in the command palette (with its key)."""
    tooltip: str = ""
    priority: bool = False
    group: str | None = None
    """Keys of one group share one compact footer entry ("[ ] Period")."""


PERIOD = "Period"

APP = (
    Key("okr.back", "escape", "back", "Back"),
    # ? is help wherever it is not typed; f1 from a text field too (which takes ?).
    Key("okr.help", "question_mark,f1", "help", "Help"),
    Key("okr.quit", "q", "quit", "Quit", show=False),
    Key("okr.quit_now", "ctrl+q", "quit", "Quit", show=False, priority=True),
    Key("okr.new_objective", "n", "go('EditObjective')", "New objective",
        tooltip="Create an objective in the period on show"),
    Key("okr.kpis", "k", "go('OpenKpis')", "KPIs"),
    Key("okr.alignment", "t", "go('OpenAlignment')", "Alignment", show=False),
    Key("okr.review", "r", "go('OpenReview')", "Review", show=False),
    Key("okr.activity", "w", "go('OpenActivity')", "What's new", show=False,
        tooltip="Who changed what, since you last looked"),
    Key("okr.resolve", "M", "resolve", "Merge conflict copies", show=False,
        key_display="shift+m"),
    Key("okr.grade", "g", "go('OpenGrade')", "Grade period", show=False),
    Key("okr.carry", "C", "go('OpenCarry')", "Carry over", key_display="shift+c", show=False),
    Key("okr.undo", "u", "undo", "Undo", show=False,
        tooltip="Reverse my last action (a new change: teammates' changes stay)"),
    Key("okr.redo", "ctrl+r", "redo", "Redo", show=False, tooltip="Reverse my last undo"),
    Key("okr.pull", "P", "pull", "Pull sources", key_display="shift+p", show=False,
        tooltip="Run the [sources] of your config file now and record what changed"),
)

DASHBOARD = (
    # Enter on a highlighted row needs no footer entry; the room goes to check-ins.
    Key("okr.open", "enter", "open", "Open", show=False),
    Key("okr.check_in_queue", "c", "check_in_queue", "Check-ins",
        tooltip="Check in on every key result of mine in the period, due ones first"),
    Key("okr.filter", "slash", "filter", "Filter", key_display="/"),
    Key("okr.period_previous", "left_square_bracket", "period(-1)", "Previous period",
        key_display="[", group=PERIOD),
    Key("okr.period_next", "right_square_bracket", "period(1)", "Next period",
        key_display="]", group=PERIOD),
    Key("okr.edit_objective", "e", "edit", "Edit objective", show=False),
    Key("okr.delete_objective", "d", "delete", "Delete objective", show=False),
    Key("okr.clear_filter", "escape", "clear_filter", "Clear filter"),
)
OBJECTIVE_LIST = (Key("okr.open", "enter", "select", "Open", show=False),)

OBJECTIVE = (
    Key("okr.check_in", "c", "check_in", "Check in"),
    Key("okr.add_kr", "a", "add_kr", "Add KR"),
    Key("okr.edit_kr", "e", "edit_kr", "Edit KR"),
    Key("okr.delete_kr", "d", "delete_kr", "Delete KR"),
    Key("okr.move_kr_up", "shift+up", "move_kr(-1)", "Move up", show=False),
    Key("okr.move_kr_down", "shift+down", "move_kr(1)", "Move down", show=False),
    Key("okr.edit_objective", "o", "edit_objective", "Edit objective", show=False),
    Key("okr.delete_objective", "D", "delete_objective", "Delete objective",
        key_display="shift+d", show=False),
    Key("okr.move_kr_to", "m", "move_kr_to", "Move KR to objective", show=False),
    Key("okr.kr_to_kpi", "K", "kr_to_kpi", "KR to KPI", key_display="shift+k", show=False),
    Key("okr.add_initiative", "i", "add_initiative", "Add initiative", show=False,
        tooltip="Add the work planned to move the selected key result"),
)
KR_TABLE = (Key("okr.table_check_in", "enter", "select_cursor", "Check in", show=False),)
CHECKIN_HISTORY = (
    Key("okr.checkin_correct", "e", "edit", "Correct",
        tooltip="Correct the value, confidence or note of this check-in"),
    Key("okr.checkin_remove", "d", "remove", "Remove",
        tooltip="Remove this mistaken check-in (after a confirmation)"),
)
INITIATIVES = (
    Key("okr.initiative_tick", "space", "tick", "Tick", key_display="space",
        tooltip="Mark this initiative done, or not done"),
    Key("okr.add_initiative", "i", "add", "Add",
        tooltip="Add the work planned to move the selected key result"),
    Key("okr.initiative_edit", "e", "edit", "Edit",
        tooltip="Change this initiative's title or owner"),
    Key("okr.initiative_delete", "d", "delete", "Delete",
        tooltip="Delete this initiative (after a confirmation)"),
)

# Priority: the fields would take enter (submit) and pgup/pgdn (scroll) for themselves.
CHECKIN_QUEUE = (
    Key("okr.queue_save", "enter", "save", "Save, next", priority=True,
        tooltip="Save this check-in and show the next key result"),
    # The end has nothing to save: there enter leaves, and the footer offers no save.
    Key("okr.queue_finish", "enter", "finish", "Leave", show=False, priority=True,
        palette=False),
    Key("okr.queue_next", "pagedown", "skip(1)", "Skip", key_display="pgdn", priority=True,
        tooltip="The next key result, without saving (what you typed is kept)"),
    Key("okr.queue_previous", "pageup", "skip(-1)", "Back", key_display="pgup",
        priority=True,
        tooltip="The previous key result, without saving (what you typed is kept)"),
    Key("okr.queue_leave", "escape", "leave", "Leave",
        tooltip="Back to the dashboard (asks first when something typed is not saved)"),
)

KPIS = (
    Key("okr.kpi_record", "v", "record", "Record value"),
    Key("okr.kpi_promote", "p", "promote", "Promote to KR"),
    Key("okr.kpi_add", "a", "add_kpi", "New KPI", show=False),
)
ALIGNMENT = (Key("okr.alignment_open", "enter", "open", "Open", show=False),)
REVIEW = (Key("okr.review_jump", "enter", "open_item", "Go there", show=False),)
ACTIVITY = (Key("okr.activity_jump", "enter", "open_item", "Go there", show=False),)
GRADE = (
    Key("okr.grade_adjust", "s", "adjust", "Adjust score"),
    Key("okr.grade_objective", "o", "objective", "Grade and retro"),
    Key("okr.grade_commit", "g", "commit", "Grade"),
    Key("okr.grade_edit", "enter", "open_item", "Adjust", show=False),
    # The app's back, asked first here: what was typed on this screen is not saved yet.
    Key("okr.back", "escape", "back", "Back"),
)
CARRY = (
    Key("okr.carry_commit", "C", "commit", "Carry over", key_display="shift+c"),
    Key("okr.carry_open", "enter", "open_item", "Open draft", show=False),
)
FORM = (
    Key("okr.form_cancel", "escape", "cancel", "Cancel"),
    Key("okr.form_save", "ctrl+s", "save", "Save"),
)
CONFIRM = (
    Key("okr.confirm_no", "escape,n", "answer(False)", "No"),
    Key("okr.confirm_yes", "y", "answer(True)", "Yes"),
)
TO_KPI = (
    Key("okr.to_kpi_cancel", "escape,n", "cancel", "Cancel"),
    Key("okr.to_kpi_confirm", "y", "confirm", "Make KPI"),
)
HELP = (Key("okr.help_close", "escape,q,question_mark,f1", "close", "Close",
            key_display="esc"),)
WORKSPACE_ERROR = (
    Key("okr.error_retry", "r", "retry", "Read again"),
    Key("okr.error_quit", "q", "leave", "Quit"),
)

WHERE: tuple[tuple[str, tuple[Key, ...]], ...] = (
    ("anywhere", APP),
    ("dashboard", DASHBOARD + OBJECTIVE_LIST),
    ("objective", OBJECTIVE + KR_TABLE),
    ("my check-ins", CHECKIN_QUEUE),
    ("check-ins of a key result", CHECKIN_HISTORY),
    ("initiatives of a key result", INITIATIVES),
    ("KPIs", KPIS),
    ("alignment", ALIGNMENT),
    ("review", REVIEW),
    ("what's new", ACTIVITY),
    ("grade", GRADE),
    ("carry over", CARRY),
    ("forms", FORM),
    ("confirm", CONFIRM),
    ("KR to KPI", TO_KPI),
    ("help", HELP),
    ("workspace error", WORKSPACE_ERROR),
)
"""Every table of keys, by where it acts: what `okrtui keys` lists."""

BINDING_IDS = frozenset(key.id for _, table in WHERE for key in table)
"""Every id a keymap may remap."""


# ---- key names ------------------------------------------------------------------------------

MODIFIERS = ("alt", "ctrl", "hyper", "meta", "shift", "super")
"""Modifiers in the order Textual names them in a key ("ctrl+shift+up")."""

NAMED_KEYS = frozenset({
    "backspace", "delete", "down", "end", "enter", "escape", "home", "insert", "left",
    "pagedown", "pageup", "return", "right", "space", "tab", "up",
    *(f"f{n}" for n in range(1, 25)),
})
"""Keys that are not characters, as Textual names them."""

CHARACTER_NAMES = {
    "!": "exclamation_mark", '"': "quotation_mark", "#": "number_sign", "$": "dollar_sign",
    "%": "percent_sign", "&": "ampersand", "'": "apostrophe", "(": "left_parenthesis",
    ")": "right_parenthesis", "*": "asterisk", "+": "plus", ",": "comma", "-": "minus",
    ".": "full_stop", "/": "slash", ":": "colon", ";": "semicolon", "<": "less_than_sign",
    "=": "equals_sign", ">": "greater_than_sign", "?": "question_mark", "@": "at",
    "[": "left_square_bracket", "\\": "backslash", "]": "right_square_bracket",
    "^": "circumflex_accent", "_": "underscore", "`": "grave_accent",
    "{": "left_curly_bracket", "|": "vertical_line", "}": "right_curly_bracket",
    "~": "tilde",
}
"""Punctuation and the names Textual gives their keys ("?" is "question_mark")."""

_CHARACTER_OF = {name: char for char, name in CHARACTER_NAMES.items()}


def normal_key(text: str) -> str:
    """One key as Textual names it ("?" -> "question_mark", "shift+ctrl+a" ->
    "ctrl+shift+a"); InvalidInput says what is wrong with a name Textual never sends."""
    text = text.strip()
    if len(text) == 1:
        return CHARACTER_NAMES.get(text, text) if not text.isspace() else "space"
    *mods, base = text.split("+")
    if not base or any(not m for m in mods):
        raise InvalidInput(f"{text!r} is not a key (write + as plus, as in ctrl+plus)")
    unknown = [m for m in mods if m not in MODIFIERS]
    if unknown:
        raise InvalidInput(f"{text!r}: {unknown[0]!r} is not a modifier "
                           f"({', '.join(MODIFIERS)})")
    if mods == ["shift"] and len(base) == 1 and base.isalpha():
        return base.upper()  # Textual sends "M" for shift+m
    if len(base) == 1 and not base.isspace():
        base = CHARACTER_NAMES.get(base, base)
    elif base not in NAMED_KEYS and base not in _CHARACTER_OF:
        raise InvalidInput(f"{text!r} is not a key name (a character, or one of enter, "
                           "escape, space, tab, up, down, left, right, home, end, pageup, "
                           "pagedown, insert, delete, backspace, f1 to f24)")
    return "+".join([*sorted(set(mods), key=MODIFIERS.index), base])


def normal_keys(text: str) -> str:
    """Comma-separated keys, each as Textual names it (see `normal_key`); a lone comma is
    the comma key."""
    if text.strip() == ",":
        return "comma"
    parts = text.split(",")
    if not text.strip() or any(not part.strip() for part in parts):
        raise InvalidInput(f"{text!r} is not a key (several keys are separated by commas)")
    return ",".join(normal_key(part) for part in parts)


def shown_key(key: str) -> str:
    """A key as a person writes it in config.toml: "question_mark" -> "?"."""
    *mods, base = key.split("+")
    return "+".join([*mods, _CHARACTER_OF.get(base, base)])


def shown_keys(keys: str) -> str:
    """Comma-separated keys as a person writes them ("escape,n" -> "escape n")."""
    return " ".join(shown_key(k) for k in keys.split(","))


# ---- the user's keymap ----------------------------------------------------------------------


@dataclass(frozen=True)
class Keymap:
    """The user's `[keys]` table, checked: what to remap, and one line per entry that
    could not be used (an unknown id, a key name Textual never sends)."""

    keys: Mapping[str, str]
    problems: tuple[str, ...] = ()

    def key_of(self, key: Key) -> str:
        """The key(s) `key` is bound to with this keymap."""
        return self.keys.get(key.id, key.key)


def keymap(table: Mapping[str, object]) -> Keymap:
    """Check a `[keys]` table of binding id = key(s); keep what can be used."""
    keys: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, value in table.items():
        where = f"[keys] {binding_id!r}"
        if binding_id not in BINDING_IDS:
            problems.append(f"{where}: no such key id ('okrtui keys' lists them)")
            continue
        if not isinstance(value, str):
            problems.append(f"{where}: the key must be a string, like \"space\" or "
                            "\"ctrl+s\"")
            continue
        try:
            keys[binding_id] = normal_keys(value)
        except InvalidInput as exc:
            problems.append(f"{where}: {exc.message}")
    return Keymap(keys, tuple(problems))


def user_keymap() -> Keymap:
    """The keymap of the user's config file (`[keys]`), checked: each problem names the
    file; a file that cannot be read is one problem, and no key is remapped."""
    path = config.config_path()
    try:
        checked = keymap(config.keys_table(path))
    except InvalidInput as exc:
        return Keymap({}, (exc.message,))
    return Keymap(checked.keys, tuple(f"{path}: {p}" for p in checked.problems))


@dataclass(frozen=True)
class Row:
    """One line of `okrtui keys`: where a key acts, its id, key(s) and what it does."""

    where: str
    id: str
    keys: str
    """As a person writes them in config.toml ("?", "M", "ctrl+s")."""
    description: str
    default: str | None = None
    """The default key(s) when the keymap remapped this one, else None."""


def rows(user: Keymap) -> list[Row]:
    """Every binding, by where it acts, with the user's keymap applied."""
    out: list[Row] = []
    for where, table in WHERE:
        seen: set[str] = set()
        for key in table:
            if key.id in seen:
                continue  # a widget's key for what its screen does too ("okr.open")
            seen.add(key.id)
            bound = user.key_of(key)
            out.append(Row(where, key.id, shown_keys(bound), key.description,
                           shown_keys(key.key) if bound != key.key else None))
    return out


def clashes(user: Keymap) -> list[str]:
    """Keys the keymap gives to a binding that another binding acting in the same place
    has: in one table the remapped one wins and the other loses that key (as Textual
    does); a screen's key hides an app-wide one."""
    out: list[str] = []
    for where, table in WHERE:
        owner: dict[str, Key] = {}
        for key in table + (APP if table is not APP else ()):
            for one in user.key_of(key).split(","):
                other = owner.setdefault(one, key)
                if other.id == key.id or not {key.id, other.id} & set(user.keys):
                    continue
                if key in APP and table is not APP:
                    out.append(f"{shown_key(one)} is {other.id} in {where}, which hides "
                               f"{key.id} there")
                else:
                    winner, loser = (key, other) if key.id in user.keys else (other, key)
                    out.append(f"{shown_key(one)} is {winner.id} now: {loser.id} loses it "
                               f"({where})")
    return out


def ids(tables: Iterable[tuple[Key, ...]]) -> list[str]:
    """The ids of the keys in `tables`, in order."""
    return [key.id for table in tables for key in table]
