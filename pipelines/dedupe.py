"""Stage 5: identify the document and fingerprint its content (qmcrawl.dedupe)."""

from __future__ import annotations

from scrapy.crawler import Crawler

from pipelines._stage import GONE_STATUSES, require_enabled
from qmcrawl.dedupe import canonical_url, content_hash
from qmcrawl.items import PageItem


class DedupePipeline:
    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DedupePipeline:
        require_enabled(crawler, "dedupe")
        return cls()

    def process_item(self, item: PageItem) -> PageItem:
        item.canonical_url = canonical_url(item.url)
        if item.status in GONE_STATUSES or item.body is None or item.title is None:
            return item
        item.content_hash = content_hash(
            item.title, item.published_at or item.published_date, item.body
        )
        return item
