"""Stage 1: decode the page bytes (qmcrawl.text.decode)."""

from __future__ import annotations

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.statscollectors import StatsCollector

from pipelines._stage import GONE_STATUSES, Stage, require_enabled
from qmcrawl.items import PageItem
from qmcrawl.text import decode_page


class DecodePipeline(Stage):
    name = "decode"

    def __init__(self, stats: StatsCollector, max_page_bytes: int) -> None:
        super().__init__(stats)
        self.max_page_bytes = max_page_bytes

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DecodePipeline:
        require_enabled(crawler, cls.name)
        assert crawler.stats is not None
        return cls(crawler.stats, crawler.settings.getint("QMCRAWL_MAX_PAGE_BYTES"))

    def process_item(self, item: PageItem) -> PageItem:
        if item.status in GONE_STATUSES:
            return item
        if len(item.raw) > self.max_page_bytes:
            self.stats.inc_value("qmcrawl/decode/skipped/too_large")
            raise DropItem(
                f"page of {len(item.raw)} bytes is over QMCRAWL_MAX_PAGE_BYTES: {item.url}"
            )
        decoded = decode_page(item.raw, item.header("content-type"))
        item.html = decoded.text
        item.encoding = decoded.encoding
        item.encoding_confidence = decoded.confidence
        item.undecodable_bytes = decoded.undecodable_bytes
        self.stats.inc_value(f"qmcrawl/decode/encoding/{decoded.encoding}")
        if decoded.undecodable_bytes:
            self.stats.inc_value("qmcrawl/decode/undecodable_bytes", decoded.undecodable_bytes)
        return item
