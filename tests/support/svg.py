"""Reading a screenshot SVG (Textual's export) as an SVG renderer draws it."""

from __future__ import annotations

import html
import re

_RUN = re.compile(r'<text class="[^"]*" x="([0-9.]+)" y="([0-9.]+)" textLength="[0-9.]+"'
                  r'[^>]*>([^<]*)</text>')
CELL = 12.2
"""The width of one terminal cell in Textual's SVG export, in SVG units."""


def drawn_lines(svg: str) -> list[str]:
    """The lines of text a renderer such as librsvg draws from `svg`.

    Each styled run is placed at its own x; a renderer drops the no-break spaces a run
    starts with (as librsvg does), so a space that begins a run is not seen.
    """
    rows: dict[float, list[tuple[float, str]]] = {}
    for x, y, text in _RUN.findall(svg):
        rows.setdefault(float(y), []).append((float(x), html.unescape(text)))
    lines = []
    for y in sorted(rows):
        cells: dict[int, str] = {}
        for x, text in rows[y]:
            start = round(x / CELL)
            for offset, char in enumerate(text.lstrip("\xa0")):
                cells[start + offset] = char
        width = max(cells, default=-1) + 1
        lines.append("".join(cells.get(i, " ") for i in range(width)).replace("\xa0", " ").rstrip())
    return lines
