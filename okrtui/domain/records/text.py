"""One place that makes user text safe to store and to show in a terminal."""

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
