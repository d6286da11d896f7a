"""Is a page a Quality Month report? A first keyword judgement; refined by the relevance work."""

from __future__ import annotations

import re
from dataclasses import dataclass

_TERM = re.compile(r"质量月|質量月")


@dataclass(frozen=True)
class Relevance:
    score: float  # 0..1
    is_quality_month: bool


def judge(title: str, body: str) -> Relevance:
    """A page is a report when its title names Quality Month or its body keeps coming back to it.

    One mention in a body (a sidebar, a passing reference) is not enough.
    """
    in_title = len(_TERM.findall(title))
    in_body = len(_TERM.findall(body))
    score = min(1.0, (3 * in_title + in_body) / 6)
    return Relevance(round(score, 3), in_title > 0 or in_body >= 3)
