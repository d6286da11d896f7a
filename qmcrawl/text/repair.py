"""Repair damaged Chinese text. The named repair steps arrive with the text-repair work."""

from __future__ import annotations

from dataclasses import dataclass, field

from qmcrawl.items import Repair


@dataclass(frozen=True)
class Repaired:
    text: str
    repairs: list[Repair] = field(default_factory=list)


def repair(text: str) -> Repaired:
    """Return the text with its damage undone and the repairs applied (none yet)."""
    return Repaired(text, [])
