"""Stage 4: judge whether the page is a Quality Month report (qmcrawl.relevance)."""

from __future__ import annotations

from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector

from pipelines._stage import GONE_STATUSES, require_enabled
from qmcrawl.items import PageItem
from qmcrawl.relevance import judge


class RelevancePipeline:
    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RelevancePipeline:
        require_enabled(crawler, "relevance")
        assert crawler.stats is not None
        return cls(crawler.stats)

    def process_item(self, item: PageItem) -> PageItem:
        if item.status in GONE_STATUSES or item.body is None or item.title is None:
            return item
        verdict = judge(item.title, item.body)
        item.relevance = verdict.score
        item.is_quality_month = verdict.is_quality_month
        self.stats.inc_value(
            f"qmcrawl/relevance/{'report' if verdict.is_quality_month else 'other'}"
        )
        return item
