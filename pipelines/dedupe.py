"""Stage 5: identify the document and fingerprint its content (qmcrawl.dedupe)."""

from __future__ import annotations

from scrapy.crawler import Crawler

from pipelines._stage import extracted, require_enabled
from qmcrawl.dedupe import canonical_url, content_hash
from qmcrawl.items import PageItem


class DedupePipeline:
    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DedupePipeline:
        require_enabled(crawler, "dedupe")
        return cls()

    def process_item(self, item: PageItem) -> PageItem:
        item.canonical_url = canonical_url(item.url)
        content = extracted(item)
        if content is None:
            return item
        title, body = content
        item.content_hash = content_hash(title, item.published_at or item.published_date, body)
        return item
