"""User text made literal for Markdown: a report pasted into a wiki or a pull request
reads as typed, and a table cell never breaks its table."""

from __future__ import annotations

import re

# Characters that mean something to CommonMark, GitHub or common wikis wherever they are.
# Parentheses and "!" need no escape once "[" and "]" are escaped (no link can form).
_MD_ANYWHERE = re.compile(r"([\\`*_\[\]<>#|~&$@])")
# An emoji shortcode (:tada:) or a URL scheme (http:) turns into something else.
_MD_COLON = re.compile(r":(?=\w)")
# At the start of a line: a list item, a heading underline, a numbered list.
_MD_LEADING = re.compile(r"^([-+=])|^(\d+)([.)])")


def md_escape(text: str) -> str:
    """User text made literal for Markdown, on one line and safe inside a table cell."""
    text = " ".join(text.split())  # newlines would end a table row or a list item
    text = _MD_ANYWHERE.sub(r"\\\1", text)
    text = _MD_COLON.sub(r"\\:", text)
    return _MD_LEADING.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", text)


def md_quote(text: str) -> str:
    """Multi-line user text (a retrospective) as a Markdown block quote, each line literal.

    A line followed by another ends in a backslash, CommonMark's hard line break, so the
    lines stay lines instead of running together into one paragraph.
    """
    lines = [md_escape(line) for line in text.splitlines()]
    out = []
    for index, line in enumerate(lines):
        follows = index + 1 < len(lines) and lines[index + 1]
        out.append(f"> {line}\\" if line and follows else f"> {line}" if line else ">")
    return "\n".join(out)
