"""Plain-text tables that line up with Chinese text (full-width characters take two columns)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def clip(text: str, width: int) -> str:
    """`text` cut to at most `width` columns, with … when cut."""
    if display_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = display_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def render(
    headers: Sequence[str], rows: Sequence[Sequence[str]], max_widths: Sequence[int] | None = None
) -> str:
    columns = list(zip(headers, *rows, strict=True)) if rows else [(h,) for h in headers]
    limits = list(max_widths) if max_widths else [80] * len(headers)
    widths = [
        min(limits[i], max(display_width(cell) for cell in col)) for i, col in enumerate(columns)
    ]
    lines = []
    for row in [headers, ["-" * w for w in widths], *rows]:
        cells = [clip(str(cell), widths[i]) for i, cell in enumerate(row)]
        lines.append(
            "  ".join(
                cell + " " * (widths[i] - display_width(cell)) for i, cell in enumerate(cells)
            ).rstrip()
        )
    return "\n".join(lines)
