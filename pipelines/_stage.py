"""What every stage shares: its on/off switch, its stats, and which items carry content."""

from __future__ import annotations

from typing import ClassVar, Self

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.statscollectors import StatsCollector

from qmcrawl.items import PageItem

# A page that answered 404 or 410 has no content to decode or extract, but the
# store must still hear of it: a stored report may have been taken down.
GONE_STATUSES = frozenset({404, 410})


def require_enabled(crawler: Crawler, stage: str) -> None:
    setting = f"QMCRAWL_{stage.upper()}_ENABLED"
    if not crawler.settings.getbool(setting, True):
        raise NotConfigured(f"{setting} is off")


def extracted(item: PageItem) -> tuple[str, str] | None:
    """The title and body of a fetched, extracted page; None for a gone or empty one."""
    if item.status in GONE_STATUSES or item.title is None or item.body is None:
        return None
    return item.title, item.body


class Stage:
    """A pipeline stage that needs only its switch and the crawl stats."""

    name: ClassVar[str]  # decode, extract, …: the X in QMCRAWL_X_ENABLED and qmcrawl/X/… stats

    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        require_enabled(crawler, cls.name)
        assert crawler.stats is not None
        return cls(crawler.stats)
