"""Publication dates in the forms Chinese news and government sites print them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

BEIJING = timezone(timedelta(hours=8), "Asia/Shanghai")

_FULL = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*(?:[-/.]|年)\s*(?P<m>\d{1,2})\s*(?:[-/.]|月)\s*(?P<d>\d{1,2})\s*日?"
    r"(?:\s*(?P<H>\d{1,2})\s*[:：时]\s*(?P<M>\d{1,2})(?:\s*[:：分]\s*(?P<S>\d{1,2}))?)?"
)
_MONTH_DAY = re.compile(r"(?<!\d)(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")


@dataclass(frozen=True)
class PublishedDate:
    date: date
    time: datetime | None  # aware (Beijing time) when the page gives a time of day


def parse_published(text: str, *, year_hint: int | None = None) -> PublishedDate | None:
    """The first date in `text`: `2015/8/24 12:55:35`, `2011.9.21`, `2017年9月1日`, …

    `9月1日` alone takes its year from `year_hint` (the page's year), or is not a date.
    """
    text = text.translate(_FULLWIDTH_DIGITS)
    for match in _FULL.finditer(text):
        found = _build(
            int(match["y"]), int(match["m"]), int(match["d"]), match["H"], match["M"], match["S"]
        )
        if found is not None:
            return found
    if year_hint is not None:
        for match in _MONTH_DAY.finditer(text):
            found = _build(year_hint, int(match["m"]), int(match["d"]), None, None, None)
            if found is not None:
                return found
    return None


def _build(
    y: int, m: int, d: int, hh: str | None, mm: str | None, ss: str | None
) -> PublishedDate | None:
    try:
        day = date(y, m, d)
        if hh is None or mm is None:
            return PublishedDate(day, None)
        moment = datetime(y, m, d, int(hh), int(mm), int(ss or 0), tzinfo=BEIJING)
    except ValueError:
        return None
    return PublishedDate(day, moment)


_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９：", "0123456789:")
