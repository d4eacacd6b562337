"""One place that makes text safe to store and to show in a terminal.

Two functions, one character class:

- `safe_text` cleans what a person typed (and what the models read from a file: titles,
  notes, names) by removing control codes and bidi overrides;
- `shown` is the one path for every other string that can reach a terminal: record ids,
  table and field names, raw fields of a merge (`updated_by`, `kept_by`), names of files
  a sync tool or a teammate put in the folder, and every error message (OkrError and
  `describe` pass theirs through it). It replaces each such character with a visible
  escape (`\x1b`, `\u202e`), so nothing is obeyed and nothing is hidden.

`tidy_line` and `person_name` also drop what shows nothing at the edges (zero-width
spaces, word joiners, fillers, soft hyphens), and `is_blank` says whether anything
visible is left: a title of zero-width spaces is as empty as a blank one, and
"alice\u200b" is alice.
"""

from __future__ import annotations

import re
import unicodedata

# C0 controls (but tab and newline, handled below), DEL, C1 controls, and the bidi
# marks, embeddings, overrides and isolates that can make text read differently than it
# is stored.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)
# Lone surrogates: what Python makes of bytes that are not UTF-8 in a command line
# argument. No file can store them as text, so they become the replacement character.
_SURROGATES = re.compile("[\ud800-\udfff]")
_LINE_BREAKS = re.compile("\r\n|\r|\u2028|\u2029|\x85")
# Everything `shown` makes visible: all of the above, and tab and the line breaks too
# (an escaped line is still one line).
_SHOWN = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ufeff\ud800-\udfff]"
)
# What takes no space and shows nothing: soft hyphen, combining grapheme joiner, Hangul
# fillers, Khmer inherent vowels, Mongolian vowel separator, zero-width space, non-joiner
# and joiner, word joiner and invisible operators.
_INVISIBLE = (
    "\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200d\u2060-\u2064\u3164\uffa0"
)
_EDGES = re.compile(f"^[\\s{_INVISIBLE}]+|[\\s{_INVISIBLE}]+$")
# Within a person's name only the joiners stay (Persian and Indic names need them).
_IN_NAMES = re.compile(
    "[\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180e\u200b\u2060-\u2064\u3164\uffa0]"
)
# For "is anything visible?": the invisibles, variation selectors and tag characters.
_NOTHING = re.compile(f"[\\s{_INVISIBLE}\ufe00-\ufe0f\U000e0000-\U000e01ef]")


def safe_text(value: str, *, multiline: bool = False) -> str:
    """Return `value` without terminal control codes or bidi overrides.

    Single-line text (titles, names, units) turns newlines and tabs into spaces;
    multi-line text (notes, descriptions) keeps newlines and tabs. Everything else
    is kept as entered, including markup-looking brackets: those are made harmless
    where text is displayed, not by changing what the user wrote.
    """
    value = _LINE_BREAKS.sub("\n", value)
    value = _UNSAFE.sub("", value)
    value = _SURROGATES.sub("\ufffd", value)
    if not multiline:
        value = value.replace("\n", " ").replace("\t", " ")
    return unicodedata.normalize("NFC", value)


def one_line(value: str, width: int) -> str:
    """Shorten safe text to `width` characters for a table cell, marking the cut."""
    value = value.replace("\n", " ")
    if len(value) <= width:
        return value
    return value[: max(0, width - 1)] + "…"


def tidy_line(value: str) -> str:
    """Single-line text as stored: safe, without white space or invisible characters at
    either end (inner ones stay: a zero-width joiner inside an emoji is part of it)."""
    return _EDGES.sub("", safe_text(value))


def person_name(value: str) -> str:
    """A person's or a team's name as stored and compared: tidy, and without invisible
    characters inside either, so "alice\u200b" and "al\u00adice" are both alice (the
    per-owner limits count them as one)."""
    return tidy_line(_IN_NAMES.sub("", value))


def is_blank(value: str) -> bool:
    """Whether `value` shows nothing: empty, white space, or only invisible characters."""
    return not _NOTHING.sub("", value)


def shown(value: object) -> str:
    """Any string from outside the models (an id, a table or field name, a file name, an
    error message) as it may be printed: control codes, bidi controls and lone
    surrogates as visible escapes, everything else as it is."""
    text = value if isinstance(value, str) else str(value)
    return _SHOWN.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
