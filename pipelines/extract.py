"""Stage 2: extract title, date, author, source line and main text (qmcrawl.extract)."""

from __future__ import annotations

from datetime import datetime

from scrapy.exceptions import DropItem

from pipelines._stage import GONE_STATUSES, Stage
from qmcrawl.extract import extract_article
from qmcrawl.items import PageItem


class ExtractPipeline(Stage):
    name = "extract"

    def process_item(self, item: PageItem) -> PageItem:
        if item.status in GONE_STATUSES:
            return item
        if item.html is None:
            raise DropItem(f"page was not decoded: {item.url}")
        article = extract_article(item.html, item.url)
        # Missing fields are counted per field so that a layout change (selectors
        # that stop matching) shows in the crawl stats and can raise an alert.
        for name in ("title", "published", "author", "source"):
            if not getattr(article, name):
                self.stats.inc_value(f"qmcrawl/extract/missing/{name}")
        if not article.title or not article.body:
            missing = "title" if not article.title else "body"
            self.stats.inc_value("qmcrawl/extract/skipped/no_content")
            raise DropItem(f"no {missing} found (layout changed?): {item.url}")
        item.title = article.title
        item.body = article.body
        item.author = article.author
        item.source_line = article.source
        if isinstance(article.published, datetime):
            item.published_at = article.published
            item.published_date = article.published.date()
        else:
            item.published_date = article.published
        self.stats.inc_value(f"qmcrawl/extract/rule/{article.rule}")
        return item
